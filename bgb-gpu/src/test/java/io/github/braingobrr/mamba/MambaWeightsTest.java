package io.github.braingobrr.mamba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Weight loading by state-dict names: shapes, missing and unexpected keys, prefixes. */
class MambaWeightsTest {
    private static final Mamba2Config SMALL = new Mamba2Config(16, 8, 4, 2, 4, false, true);

    @Test
    void loadsEveryKeyWithItsShape() {
        Map<String, Tensor> w = RandomWeights.mamba2(SMALL, new Random(1));
        Mamba2 m = Mamba2.load(SMALL, MambaWeights.of(w));
        assertSame(w.get("in_proj.weight"), m.inProjWeight());
        assertSame(w.get("conv1d.weight"), m.convWeight());
        assertTrue(m.convWeight().hasShape(SMALL.convDim(), 1, 4));
        assertTrue(m.inProjWeight().hasShape(2 * 32 + 2 * 8 + 8, 16));
        assertEquals(null, m.inProjBias());
    }

    @Test
    void reportsMissingMisshapenAndUnexpectedKeysTogether() {
        Map<String, Tensor> w = new HashMap<>(RandomWeights.mamba2(SMALL, new Random(2)));
        w.remove("D");
        w.put("in_proj.weight", Tensor.zeros(87, 16));
        w.put("x_proj.weight", Tensor.zeros(3, 3));
        WeightsException e = assertThrows(WeightsException.class, () -> Mamba2.load(SMALL, MambaWeights.of(w)));
        assertEquals(
                List.of(
                        "key 'in_proj.weight' has shape (87, 16), expected (88, 16)",
                        "missing key 'D' (expected (8,))",
                        "unexpected key 'x_proj.weight'"),
                e.problems().stream().sorted().toList());
        assertTrue(e.getMessage().startsWith("Mamba2 weights do not fit: "), e.getMessage());
    }

    @Test
    void messagesNameFullKeysUnderAPrefix() {
        Map<String, Tensor> w = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            String p = "node_mamba.layers." + i + ".";
            RandomWeights.biMamba2(SMALL, new Random(i)).forEach((k, v) -> w.put(p + k, v));
        }
        w.put("node_mamba.layers.1.backward_mamba_real.A_log", Tensor.zeros(9));
        w.put("edge_mamba.layers.0.output_proj.weight", Tensor.zeros(1)); // outside the scope: not looked at
        WeightsException e = assertThrows(
                WeightsException.class,
                () -> MambaStack.biMamba2(SMALL, 2, MambaWeights.of(w).scope("node_mamba.")));
        assertEquals(
                List.of("key 'node_mamba.layers.1.backward_mamba_real.A_log' has shape (9,), expected (8,)"),
                e.problems());
        assertTrue(e.getMessage().contains("under 'node_mamba.'"), e.getMessage());
    }

    @Test
    void aStackWithTooFewLayersListsTheMissingLayer() {
        Map<String, Tensor> w = new TreeMap<>();
        RandomWeights.biMamba2(SMALL, new Random(3)).forEach((k, v) -> w.put("layers.0." + k, v));
        WeightsException e =
                assertThrows(WeightsException.class, () -> MambaStack.biMamba2(SMALL, 2, MambaWeights.of(w)));
        assertEquals(2 * 8 + 4, e.problems().size()); // every key of layers.1
        assertTrue(e.problems().contains("missing key 'layers.1.output_proj.weight' (expected (16, 32))"));
    }

    @Test
    void aStackWithExtraLayersReportsThemAsUnexpected() {
        Map<String, Tensor> w = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            String p = "layers." + i + ".";
            RandomWeights.biMamba2(SMALL, new Random(i)).forEach((k, v) -> w.put(p + k, v));
        }
        WeightsException e =
                assertThrows(WeightsException.class, () -> MambaStack.biMamba2(SMALL, 2, MambaWeights.of(w)));
        assertTrue(e.problems().stream().allMatch(p -> p.startsWith("unexpected key 'layers.2.")), e.getMessage());
    }

    @Test
    void theOriginalsConvFallbackWeightsAreAcceptedAndIgnored() {
        Map<String, Tensor> w = new HashMap<>(RandomWeights.biMamba2(SMALL, new Random(4)));
        w.put("forward_mamba_fallback.weight", Tensor.zeros(16, 1, 4));
        w.put("forward_mamba_fallback.bias", Tensor.zeros(16));
        w.put("backward_mamba_fallback.weight", Tensor.zeros(16, 1, 4));
        w.put("backward_mamba_fallback.bias", Tensor.zeros(16));
        BiMamba2Layer layer = BiMamba2Layer.load(SMALL, MambaWeights.of(w));
        assertSame(w.get("forward_mamba_real.A_log"), layer.forwardMamba().aLog());
        assertSame(w.get("backward_mamba_real.A_log"), layer.backwardMamba().aLog());
    }

    @Test
    void biasesAreRequiredExactlyWhenConfigured() {
        Mamba1Config c = Mamba1Config.of(8).withBias(true).withConvBias(false);
        Map<String, Tensor> w = new HashMap<>(RandomWeights.mamba1(c, new Random(5)));
        assertTrue(w.containsKey("in_proj.bias") && !w.containsKey("conv1d.bias"));
        Mamba1.load(c, MambaWeights.of(w));
        w.put("conv1d.bias", Tensor.zeros(16));
        w.remove("out_proj.bias");
        WeightsException e = assertThrows(WeightsException.class, () -> Mamba1.load(c, MambaWeights.of(w)));
        assertEquals(
                List.of("missing key 'out_proj.bias' (expected (8,))", "unexpected key 'conv1d.bias'"), e.problems());
    }

    @Test
    void mamba1ShapesFollowMambaSsm() {
        Mamba1Config c = Mamba1Config.of(64);
        assertEquals(4, c.dtRank());
        assertEquals(16, c.dState());
        Map<String, int[]> s = Mamba1.expectedShapes(c);
        assertEquals("(36, 128)", Tensor.format(s.get("x_proj.weight")));
        assertEquals("(128, 4)", Tensor.format(s.get("dt_proj.weight")));
        assertEquals("(128, 16)", Tensor.format(s.get("A_log")));
        assertEquals("(256, 64)", Tensor.format(s.get("in_proj.weight")));
    }

    @Test
    void nodeAndEdgeStreamShapesFollowTheOriginal() {
        Mamba2Config node = Mamba2Config.nodeStream();
        assertEquals(List.of(304, 160, 16), List.of(node.dInProj(), node.convDim(), node.nheads()));
        Mamba2Config edge = Mamba2Config.edgeStream();
        assertEquals(List.of(88, 48, 8), List.of(edge.dInProj(), edge.convDim(), edge.nheads()));
        Mamba2Config defaults = Mamba2Config.of(512);
        assertEquals(List.of(128, 64, 4, 2), List.of(defaults.dState(), defaults.headdim(), defaults.dConv(), 2));
    }

    @Test
    void scopeStripsThePrefix() {
        MambaWeights w =
                MambaWeights.of(Map.of("a.b.c", Tensor.zeros(1), "a.d", Tensor.zeros(2), "e", Tensor.zeros(3)));
        MambaWeights a = w.scope("a.");
        assertEquals(List.of("b.c", "d"), List.copyOf(a.tensors().keySet()));
        assertEquals("a.b.", a.scope("b.").prefix());
        assertEquals(0, w.scope("zz.").size());
    }

    @Test
    void tensorsCheckTheirShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertEquals("shape (2, 3) needs 6 elements but the data has 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[0], -1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1 << 16, 1 << 16));
        assertEquals(Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {1, 2}, 2));
        assertEquals("(4,)", Tensor.zeros(4).shapeString());
    }
}
