package io.github.braingobrr.mamba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Reading a layer's config back from the shapes of its state dict. */
class MambaConfigInferenceTest {

    @Property(tries = 80)
    void mamba2ConfigsComeBackFromTheirWeights(
            @ForAll @IntRange(min = 1, max = 24) int dModel,
            @ForAll @IntRange(min = 1, max = 24) int dState,
            @ForAll @IntRange(min = 2, max = 4) int dConv,
            @ForAll @IntRange(min = 1, max = 3) int expand,
            @ForAll @IntRange(min = 1, max = 4) int headsPerModel,
            @ForAll boolean bias,
            @ForAll boolean convBias) {
        int dInner = dModel * expand;
        int headdim = dInner % headsPerModel == 0 ? dInner / headsPerModel : dInner;
        Mamba2Config c = new Mamba2Config(dModel, dState, dConv, expand, headdim, bias, convBias);
        MambaWeights w = MambaWeights.of(RandomWeights.mamba2(c, new Random(dModel * 31L + dState)));
        assertEquals(c, Mamba2Config.infer(w));
    }

    @Property(tries = 80)
    void mamba1ConfigsComeBackFromTheirWeights(
            @ForAll @IntRange(min = 1, max = 40) int dModel,
            @ForAll @IntRange(min = 1, max = 20) int dState,
            @ForAll @IntRange(min = 2, max = 4) int dConv,
            @ForAll @IntRange(min = 1, max = 3) int expand,
            @ForAll @IntRange(min = 1, max = 6) int dtRank,
            @ForAll boolean bias,
            @ForAll boolean convBias) {
        Mamba1Config c = new Mamba1Config(dModel, dState, dConv, expand, dtRank, bias, convBias);
        MambaWeights w = MambaWeights.of(RandomWeights.mamba1(c, new Random(dModel * 17L + dtRank)));
        assertEquals(c, Mamba1Config.infer(w));
    }

    @Test
    void aBiMamba2LayerIsReadThroughItsForwardScope() {
        Mamba2Config node = Mamba2Config.nodeStream();
        MambaWeights w = MambaWeights.of(RandomWeights.biMamba2(node, new Random(3)));
        assertEquals(node, Mamba2Config.infer(w.scope("forward_mamba_real.")));
    }

    @Test
    void missingOrMisshapenKeysAreListedWithTheirFullNames() {
        Map<String, Tensor> m = new HashMap<>(RandomWeights.mamba2(Mamba2Config.edgeStream(), new Random(1)));
        m.remove("A_log");
        m.put("norm.weight", Tensor.zeros(4, 8));
        var prefixed = new HashMap<String, Tensor>();
        m.forEach((k, v) -> prefixed.put("layers.0.forward_mamba_real." + k, v));
        WeightsException e = assertThrows(
                WeightsException.class,
                () -> Mamba2Config.infer(MambaWeights.of(prefixed).scope("layers.0.forward_mamba_real.")));
        assertEquals(
                List.of(
                        "missing key 'layers.0.forward_mamba_real.A_log'",
                        "'layers.0.forward_mamba_real.norm.weight' is (4, 8); expected 1 positive dimensions"),
                e.problems());
        assertTrue(e.getMessage().startsWith("cannot infer the Mamba2 config of the weights under 'layers.0."));
        assertThrows(WeightsException.class, () -> Mamba1Config.infer(MambaWeights.of(Map.of())));
    }

    @Test
    void shapesThatDoNotFitTogetherAreRefused() {
        Map<String, Tensor> m = new HashMap<>(RandomWeights.mamba2(Mamba2Config.edgeStream(), new Random(2)));
        m.put("A_log", Tensor.zeros(5)); // d_inner 32 is not a multiple of 5 heads
        WeightsException e = assertThrows(WeightsException.class, () -> Mamba2Config.infer(MambaWeights.of(m)));
        assertEquals(List.of("d_inner 32 (norm.weight) is not a multiple of nheads 5 (A_log)"), e.problems());
    }
}
