package io.github.braingobrr.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU backend against the independent NumPy implementation of the published equations
 * ({@code src/test/python/make_reference.py}), on 1 and 3 threads.
 */
class ReferenceCasesTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceCasesTest.class);
    /** float32 arithmetic against a float64 reference, outputs up to 10 in magnitude. */
    private static final float TOLERANCE = 1e-5f;

    @ParameterizedTest(name = "{0} on {1} thread(s)")
    @CsvSource({
        "mamba1, 1",
        "mamba1, 3",
        "mamba1_k3_bias, 1",
        "mamba2, 1",
        "mamba2, 3",
        "mamba2_k2_bias_noconvbias, 1",
        "mamba2_node_stream, 1",
        "mamba2_node_stream, 2",
        "bimamba2, 1",
        "bimamba2, 3",
        "bimamba2_stack2, 1",
        "bimamba2_stack2, 2",
        "mamba2_stack3, 1"
    })
    void cpuMatchesNumpyReference(String name, int threads) {
        ReferenceCase c = ReferenceCase.load(name);
        MambaModule module = c.module();
        try (MambaBackend cpu = Device.cpu(threads)) {
            Tensor y = cpu.forward(module, c.input());
            assertArrayEquals(c.expected().shape(), y.shape());
            float err = RandomWeights.maxAbsDiff(c.expected(), y);
            LOG.info("{} on {} thread(s): max |CPU - NumPy| = {}", name, threads, err);
            assertTrue(err <= TOLERANCE, name + ": max abs error " + err + " > " + TOLERANCE);
        }
    }

    @Test
    void stackClampsChangeThisCase() {
        // the same layers chained without the stack's clamps leave ±10 and end elsewhere, so the match above
        // shows the clamps are applied where the reference applies them
        ReferenceCase c = ReferenceCase.load("mamba2_stack3");
        MambaStack stack = (MambaStack) c.module();
        float[] x = c.input().data().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.isFinite(x[i]) ? Math.max(-10f, Math.min(10f, x[i])) : 0f;
        }
        Tensor chained = Tensor.of(x, c.input().shape());
        float peak = 0;
        try (MambaBackend cpu = Device.cpu(1)) {
            for (MambaModule layer : stack.layers()) {
                chained = cpu.forward(layer, chained);
                for (float v : chained.data()) {
                    peak = Math.max(peak, Math.abs(v));
                }
            }
        }
        assertTrue(peak > 10f, "unclamped activations peak at " + peak);
        assertTrue(RandomWeights.maxAbsDiff(c.expected(), chained) > 1e-2f);
    }

    @Test
    void coercedConvWidthComputesTheSameLayer() {
        ReferenceCase c = ReferenceCase.load("mamba2");
        Mamba2Config five = c.mamba2Config().withDConv(5);
        assertEquals(4, five.dConv());
        try (MambaBackend cpu = Device.cpu(1)) {
            Tensor y = cpu.forward(Mamba2.load(five, c.weights()), c.input());
            assertTrue(RandomWeights.maxAbsDiff(c.expected(), y) <= TOLERANCE);
        }
    }
}
