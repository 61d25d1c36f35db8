package io.github.braingobrr.mamba.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.braingobrr.mamba.BiMamba2Layer;
import io.github.braingobrr.mamba.Device;
import io.github.braingobrr.mamba.DeviceKind;
import io.github.braingobrr.mamba.DeviceSelection;
import io.github.braingobrr.mamba.Mamba1;
import io.github.braingobrr.mamba.Mamba1Config;
import io.github.braingobrr.mamba.Mamba2;
import io.github.braingobrr.mamba.Mamba2Config;
import io.github.braingobrr.mamba.MambaBackend;
import io.github.braingobrr.mamba.MambaModule;
import io.github.braingobrr.mamba.MambaStack;
import io.github.braingobrr.mamba.MambaState;
import io.github.braingobrr.mamba.MambaWeights;
import io.github.braingobrr.mamba.RandomWeights;
import io.github.braingobrr.mamba.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA backend against the CPU reference within mamba-ssm's own fp32 tolerances (rtol 6e-4, atol
 * 2e-3). Runs only where a CUDA device and the JavaCPP natives exist; elsewhere every test is skipped with
 * the probe's reason.
 */
@Tag("cuda")
class CudaEquivalenceTest {
    private static final Logger LOG = LoggerFactory.getLogger(CudaEquivalenceTest.class);
    private static final double RTOL = 6e-4;
    private static final double ATOL = 2e-3;

    private static MambaBackend gpu;
    private static MambaBackend cpu;

    @BeforeAll
    static void open() {
        CudaStatus status = CudaBackend.status();
        if (!status.available()) {
            LOG.warn("CUDA equivalence tests skipped: {}", status.detail());
            return;
        }
        gpu = CudaBackend.open(new DeviceSelection(DeviceKind.CUDA, "test"));
        cpu = Device.cpu();
        LOG.info("{}", gpu.info());
    }

    @BeforeEach
    void needsCuda() {
        assumeTrue(gpu != null, () -> "no CUDA: " + CudaBackend.status().detail());
    }

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
            cpu.close();
        }
    }

    @ParameterizedTest(name = "node-stream BiMamba2 layer, L = {0}")
    @ValueSource(ints = {128, 960, 15_360})
    void biMamba2LayerMatchesTheCpu(int len) {
        Mamba2Config c = Mamba2Config.nodeStream();
        BiMamba2Layer layer = BiMamba2Layer.load(c, MambaWeights.of(RandomWeights.biMamba2(c, new Random(len))));
        compare(
                layer,
                RandomWeights.input(new Random(len + 1), len > 1000 ? 2 : 5, len, c.dModel()),
                "BiMamba2 L=" + len);
    }

    @ParameterizedTest(name = "Mamba2 (d_model 64, d_state 16, headdim 8), L = {0}")
    @ValueSource(ints = {128, 960, 15_360})
    void mamba2MatchesTheCpu(int len) {
        Mamba2Config c = Mamba2Config.nodeStream().withBias(true);
        Mamba2 layer = Mamba2.load(c, MambaWeights.of(RandomWeights.mamba2(c, new Random(len))));
        compare(layer, RandomWeights.input(new Random(len + 2), 3, len, c.dModel()), "Mamba2 L=" + len);
    }

    @ParameterizedTest(name = "Mamba1 (d_model 32, d_state 16), L = {0}")
    @ValueSource(ints = {128, 960, 15_360})
    void mamba1MatchesTheCpu(int len) {
        Mamba1Config c = Mamba1Config.of(32).withDConv(3);
        Mamba1 layer = Mamba1.load(c, MambaWeights.of(RandomWeights.mamba1(c, new Random(len))));
        compare(layer, RandomWeights.input(new Random(len + 3), 3, len, c.dModel()), "Mamba1 L=" + len);
    }

    @Test
    void edgeStreamStackMatchesTheCpuAndCompilesAnotherStateSize() {
        Mamba2Config c = Mamba2Config.edgeStream(); // d_state 8: a second scan module
        Map<String, Tensor> w = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            String p = "layers." + i + ".";
            RandomWeights.biMamba2(c, new Random(i)).forEach((k, v) -> w.put(p + k, v));
        }
        MambaStack stack = MambaStack.biMamba2(c, 2, MambaWeights.of(w));
        Tensor x = RandomWeights.input(new Random(9), 76, 960, c.dModel());
        x.data()[5] = Float.NaN;
        x.data()[6] = 1e9f;
        compare(stack, x, "edge-stream stack");
        assertTrue(gpu.info().contains("D_STATE=8"), gpu.info());
    }

    @Test
    void repeatedCallsReuseTheDeviceBuffersAndGiveTheSameResult() {
        Mamba2Config c = Mamba2Config.nodeStream();
        MambaModule m = MambaStack.of(List.of(
                Mamba2.load(c, MambaWeights.of(RandomWeights.mamba2(c, new Random(1)))),
                Mamba2.load(c, MambaWeights.of(RandomWeights.mamba2(c, new Random(2))))));
        Tensor small = RandomWeights.input(new Random(3), 2, 64, 64);
        Tensor large = RandomWeights.input(new Random(4), 8, 512, 64);
        Tensor first = gpu.forward(m, small);
        gpu.forward(m, large);
        assertArrayEquals(first.data(), gpu.forward(m, small).data());
        assertEquals(0, gpu.forward(m, Tensor.zeros(0, 5, 64)).data().length);
    }

    @Test
    void chunksWithACarriedStateMatchTheWholeSequenceOnTheCpu() {
        Mamba2Config c2 = Mamba2Config.nodeStream();
        Mamba1Config c1 = Mamba1Config.of(32).withDConv(3);
        Mamba2 m2 = Mamba2.load(c2, MambaWeights.of(RandomWeights.mamba2(c2, new Random(5))));
        List<MambaModule> modules = List.of(
                m2,
                Mamba1.load(c1, MambaWeights.of(RandomWeights.mamba1(c1, new Random(6)))),
                MambaStack.of(List.of(m2, Mamba2.load(c2, MambaWeights.of(RandomWeights.mamba2(c2, new Random(7)))))));
        int[] chunks = {1, 2, 61, 0, 400, 496}; // 960 positions, short chunks included
        for (MambaModule m : modules) {
            int d = m.dModel();
            Tensor x = RandomWeights.input(new Random(d), 3, 960, d);
            MambaState state = MambaState.initial(m, 3);
            float[] chunked = new float[x.data().length];
            int t = 0;
            for (int n : chunks) {
                Tensor y = gpu.forward(m, RandomWeights.slice(x, t, n), state);
                for (int b = 0; b < 3; b++) {
                    System.arraycopy(y.data(), b * n * d, chunked, (b * 960 + t) * d, n * d);
                }
                t += n;
            }
            assertClose(Tensor.of(chunked, x.shape()), cpu.forward(m, x), "chunked " + m);
        }
    }

    private static void compare(MambaModule m, Tensor x, String what) {
        long t0 = System.nanoTime();
        Tensor g = gpu.forward(m, x);
        long t1 = System.nanoTime();
        Tensor r = cpu.forward(m, x);
        long t2 = System.nanoTime();
        LOG.info("{} {}: GPU {} ms, CPU {} ms", what, x.shapeString(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        assertClose(g, r, what);
    }

    private static void assertClose(Tensor g, Tensor r, String what) {
        double worst = 0;
        for (int i = 0; i < r.data().length; i++) {
            double excess = Math.abs(g.data()[i] - r.data()[i]) - (ATOL + RTOL * Math.abs(r.data()[i]));
            worst = Math.max(worst, excess);
        }
        LOG.info("{}: max |GPU - CPU| = {}", what, RandomWeights.maxAbsDiff(g, r));
        assertTrue(worst <= 0, what + ": GPU and CPU differ beyond rtol 6e-4 / atol 2e-3 by " + worst);
    }
}
