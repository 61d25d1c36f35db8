package io.github.braingobrr.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of the layers on the CPU backend: causality of the unidirectional layers, prefix
 * evaluation, chunked evaluation with a carried {@link MambaState}, batch and thread independence, the
 * time-reversal symmetry of the bidirectional wiring, and the shape rules.
 */
class MambaPropertiesTest {
    private static MambaBackend one;
    private static MambaBackend three;

    @BeforeContainer
    static void open() {
        one = Device.cpu(1);
        three = Device.cpu(3);
    }

    @AfterContainer
    static void close() {
        one.close();
        three.close();
    }

    @Provide
    Arbitrary<MambaModule> causalLayers() {
        Arbitrary<MambaModule> m2 = Combinators.combine(
                        Arbitraries.of(4, 8, 12),
                        Arbitraries.of(1, 2, 3, 8),
                        Arbitraries.of(2, 3, 4),
                        Arbitraries.of(1, 2),
                        Arbitraries.of(2, 4),
                        Arbitraries.longs())
                .as((dm, n, k, e, hd, seed) -> (MambaModule) Mamba2.load(
                        new Mamba2Config(dm, n, k, e, hd, seed % 2 == 0, seed % 3 != 0),
                        MambaWeights.of(RandomWeights.mamba2(
                                new Mamba2Config(dm, n, k, e, hd, seed % 2 == 0, seed % 3 != 0), new Random(seed)))));
        Arbitrary<MambaModule> m1 = Combinators.combine(
                        Arbitraries.of(4, 8, 40),
                        Arbitraries.of(1, 3, 16),
                        Arbitraries.of(2, 3, 4),
                        Arbitraries.of(1, 2),
                        Arbitraries.longs())
                .as((dm, n, k, e, seed) -> {
                    Mamba1Config c = Mamba1Config.of(dm)
                            .withDState(n)
                            .withDConv(k)
                            .withExpand(e)
                            .withBias(seed % 2 == 0);
                    return (MambaModule) Mamba1.load(c, MambaWeights.of(RandomWeights.mamba1(c, new Random(seed))));
                });
        return Arbitraries.oneOf(m1, m2);
    }

    @Property(tries = 40)
    void outputAtTDoesNotDependOnLaterInputs(
            @ForAll("causalLayers") MambaModule layer,
            @ForAll @IntRange(min = 1, max = 3) int batch,
            @ForAll @IntRange(min = 1, max = 40) int len,
            @ForAll @IntRange(min = 0, max = 39) int cut,
            @ForAll long seed) {
        int t = Math.min(cut, len - 1);
        int d = layer.dModel();
        Random rnd = new Random(seed);
        Tensor x = RandomWeights.input(rnd, batch, len, d);
        Tensor changed = Tensor.of(x.data().clone(), x.shape());
        for (int b = 0; b < batch; b++) {
            for (int i = (b * len + t + 1) * d; i < (b + 1) * len * d; i++) {
                changed.data()[i] = (float) (5 * rnd.nextGaussian());
            }
        }
        Tensor y = one.forward(layer, x);
        Tensor y2 = one.forward(layer, changed);
        for (int b = 0; b < batch; b++) {
            int from = b * len * d;
            int to = (b * len + t + 1) * d;
            assertArrayEquals(
                    Arrays.copyOfRange(y.data(), from, to),
                    Arrays.copyOfRange(y2.data(), from, to),
                    "outputs up to t=" + t + " changed");
        }
        if (t < len - 1) {
            assertTrue(RandomWeights.maxAbsDiff(y, y2) > 0, "later outputs should see the later inputs");
        }
    }

    @Property(tries = 30)
    void aPrefixEvaluatesToThePrefixOfTheOutput(
            @ForAll("causalLayers") MambaModule layer,
            @ForAll @IntRange(min = 1, max = 30) int len,
            @ForAll @IntRange(min = 1, max = 30) int prefix,
            @ForAll long seed) {
        int p = Math.min(prefix, len);
        int d = layer.dModel();
        Tensor x = RandomWeights.input(new Random(seed), 2, len, d);
        float[] head = new float[2 * p * d];
        for (int b = 0; b < 2; b++) {
            System.arraycopy(x.data(), b * len * d, head, b * p * d, p * d);
        }
        Tensor whole = one.forward(layer, x);
        Tensor part = one.forward(layer, Tensor.of(head, 2, p, d));
        for (int b = 0; b < 2; b++) {
            assertArrayEquals(
                    Arrays.copyOfRange(whole.data(), b * len * d, (b * len + p) * d),
                    Arrays.copyOfRange(part.data(), b * p * d, (b + 1) * p * d));
        }
    }

    @Provide
    Arbitrary<MambaModule> unidirectional() {
        Arbitrary<MambaModule> stack = Arbitraries.longs().map(seed -> {
            Mamba2Config c2 = new Mamba2Config(8, 4, 2, 2, 4, true, true);
            Mamba1Config c1 = Mamba1Config.of(8).withDState(3).withDConv(3);
            Mamba2 a = Mamba2.load(c2, MambaWeights.of(RandomWeights.mamba2(c2, new Random(seed))));
            Mamba1 b = Mamba1.load(c1, MambaWeights.of(RandomWeights.mamba1(c1, new Random(seed + 1))));
            return (MambaModule) MambaStack.of(List.of(a, b, a));
        });
        return Arbitraries.oneOf(causalLayers(), stack);
    }

    @Property(tries = 60)
    void chunksWithACarriedStateGiveTheWholeSequenceOutput(
            @ForAll("unidirectional") MambaModule module,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 50) int len,
            @ForAll @IntRange(min = 1, max = 12) int maxChunk,
            @ForAll boolean threaded,
            @ForAll long seed) {
        MambaBackend backend = threaded ? three : one;
        int d = module.dModel();
        Random rnd = new Random(seed);
        Tensor x = RandomWeights.input(rnd, batch, len, d);
        Tensor whole = one.forward(module, x);
        MambaState state = MambaState.initial(module, batch);
        float[] chunked = new float[whole.data().length];
        StringBuilder cuts = new StringBuilder();
        for (int t = 0; t < len; ) {
            int n = Math.min(len - t, rnd.nextInt(maxChunk + 1)); // chunks of 0 positions included
            cuts.append(n).append(' ');
            Tensor y = backend.forward(module, RandomWeights.slice(x, t, n), state);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(y.data(), b * n * d, chunked, (b * len + t) * d, n * d);
            }
            t += n;
        }
        float err = RandomWeights.maxAbsDiff(whole, Tensor.of(chunked, whole.shape()));
        assertTrue(err <= 1e-5f, "chunks " + cuts + "differ from one call by " + err);
    }

    @Property(tries = 20)
    void resetStartsNewSequences(
            @ForAll("unidirectional") MambaModule module,
            @ForAll @IntRange(min = 1, max = 20) int len,
            @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor first = RandomWeights.input(rnd, 2, len, module.dModel());
        Tensor second = RandomWeights.input(rnd, 2, len, module.dModel());
        MambaState state = MambaState.initial(module, 2);
        Tensor fresh = module.forward(first, state, one);
        assertArrayEquals(one.forward(module, first).data(), fresh.data());
        Tensor continued = module.forward(second, state, one);
        state.reset();
        Tensor restarted = module.forward(second, state, one);
        assertArrayEquals(one.forward(module, second).data(), restarted.data());
        assertTrue(RandomWeights.maxAbsDiff(continued, restarted) > 0, "the carried state should matter");
    }

    @Property(tries = 5)
    void aStateFitsOnlyItsModuleAndBatch(@ForAll("unidirectional") MambaModule module, @ForAll long seed) {
        int d = module.dModel();
        MambaState state = MambaState.initial(module, 2);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> one.forward(module, Tensor.zeros(3, 4, d), state));
        assertEquals("input has shape (3, 4, " + d + ") but the state is for a batch of 2 sequences", e.getMessage());
        MambaModule other = Mamba2.load(
                Mamba2Config.edgeStream(),
                MambaWeights.of(RandomWeights.mamba2(Mamba2Config.edgeStream(), new Random(seed))));
        e = assertThrows(
                IllegalArgumentException.class, () -> one.forward(other, Tensor.zeros(2, 4, other.dModel()), state));
        assertTrue(e.getMessage().startsWith("the state belongs to "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> one.forward(module, Tensor.zeros(2, 4, d), null));
        assertThrows(IllegalArgumentException.class, () -> MambaState.initial(module, -1));
    }

    @Property(tries = 3)
    void bidirectionalLayersCannotCarryAState(@ForAll long seed) {
        Mamba2Config c = Mamba2Config.edgeStream();
        BiMamba2Layer bi = BiMamba2Layer.load(c, MambaWeights.of(RandomWeights.biMamba2(c, new Random(seed))));
        Mamba2 uni = Mamba2.load(c, MambaWeights.of(RandomWeights.mamba2(c, new Random(seed))));
        for (MambaModule m : List.of(bi, MambaStack.of(List.of(uni, bi)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MambaState.initial(m, 1));
            assertTrue(
                    e.getMessage()
                            .endsWith(" cannot be evaluated in chunks: a BiMamba2Layer's backward direction reads"
                                    + " each sequence from its end, so every output depends on every later input;"
                                    + " run it over whole sequences"),
                    e.getMessage());
        }
    }

    @Provide
    Arbitrary<MambaModule> anyModule() {
        Arbitrary<MambaModule> bi = Arbitraries.longs().map(seed -> (MambaModule) BiMamba2Layer.load(
                Mamba2Config.edgeStream(),
                MambaWeights.of(RandomWeights.biMamba2(Mamba2Config.edgeStream(), new Random(seed)))));
        Arbitrary<MambaModule> stack = Arbitraries.longs().map(seed -> {
            Mamba2Config c = Mamba2Config.edgeStream().withDState(3);
            BiMamba2Layer a = BiMamba2Layer.load(c, MambaWeights.of(RandomWeights.biMamba2(c, new Random(seed))));
            Mamba2 b = Mamba2.load(c, MambaWeights.of(RandomWeights.mamba2(c, new Random(seed + 1))));
            return (MambaModule) MambaStack.of(List.of(a, b, a));
        });
        return Arbitraries.oneOf(causalLayers(), bi, stack);
    }

    @Property(tries = 30)
    void sequencesAreIndependentOfTheBatchAndTheThreadCount(
            @ForAll("anyModule") MambaModule module,
            @ForAll @IntRange(min = 1, max = 5) int batch,
            @ForAll @IntRange(min = 1, max = 25) int len,
            @ForAll long seed) {
        int d = module.dModel();
        Tensor x = RandomWeights.input(new Random(seed), batch, len, d);
        Tensor serial = one.forward(module, x);
        Tensor threaded = three.forward(module, x); // splits operations when batch < 3, sequences otherwise
        assertArrayEquals(serial.data(), threaded.data());
        int last = batch - 1;
        Tensor alone = one.forward(
                module, Tensor.of(Arrays.copyOfRange(x.data(), last * len * d, batch * len * d), 1, len, d));
        assertArrayEquals(alone.data(), Arrays.copyOfRange(serial.data(), last * len * d, batch * len * d));
    }

    @Property(tries = 20)
    void biMamba2IsSymmetricUnderTimeReversal(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int len) {
        // swapping the directions (and the halves of output_proj) turns layer(x) into flip(layer(flip(x)))
        Mamba2Config c = Mamba2Config.edgeStream();
        Map<String, Tensor> w = RandomWeights.biMamba2(c, new Random(seed));
        Map<String, Tensor> swapped = new HashMap<>();
        w.forEach((k, v) -> swapped.put(
                k.startsWith("forward_mamba_real.")
                        ? k.replace("forward_mamba_real.", "backward_mamba_real.")
                        : k.replace("backward_mamba_real.", "forward_mamba_real."),
                v));
        int d = c.dModel();
        float[] proj = w.get("output_proj.weight").data();
        float[] halves = new float[proj.length];
        for (int r = 0; r < d; r++) {
            System.arraycopy(proj, r * 2 * d, halves, r * 2 * d + d, d);
            System.arraycopy(proj, r * 2 * d + d, halves, r * 2 * d, d);
        }
        swapped.put("output_proj.weight", Tensor.of(halves, d, 2 * d));
        BiMamba2Layer layer = BiMamba2Layer.load(c, MambaWeights.of(w));
        BiMamba2Layer mirror = BiMamba2Layer.load(c, MambaWeights.of(swapped));
        Tensor x = RandomWeights.input(new Random(~seed), 2, len, d);
        Tensor y = one.forward(layer, x);
        Tensor ym = one.forward(mirror, flip(x));
        assertTrue(RandomWeights.maxAbsDiff(y, flip(ym)) < 1e-5f);
    }

    private static Tensor flip(Tensor x) {
        int b = x.dim(0);
        int l = x.dim(1);
        int d = x.dim(2);
        float[] out = new float[x.data().length];
        for (int s = 0; s < b; s++) {
            for (int t = 0; t < l; t++) {
                System.arraycopy(x.data(), (s * l + t) * d, out, (s * l + l - 1 - t) * d, d);
            }
        }
        return Tensor.of(out, b, l, d);
    }

    @Property(tries = 20)
    void outputsHaveTheInputShapeEvenWhenEmpty(
            @ForAll("anyModule") MambaModule module,
            @ForAll @IntRange(min = 0, max = 3) int batch,
            @ForAll @IntRange(min = 0, max = 5) int len) {
        Tensor x = RandomWeights.input(new Random(batch * 31L + len), batch, len, module.dModel());
        Tensor y = three.forward(module, x);
        assertArrayEquals(x.shape(), y.shape());
        for (float v : y.data()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Property(tries = 10)
    void wrongWidthsAndRanksAreRejected(
            @ForAll("anyModule") MambaModule module, @ForAll @IntRange(min = 1, max = 3) int extra) {
        int d = module.dModel();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> one.forward(module, Tensor.zeros(2, 3, d + extra)));
        assertEquals(
                "input has shape (2, 3, " + (d + extra) + "), expected (B, L, " + d
                        + ") (batch, length, d_model), batch-first",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> one.forward(module, Tensor.zeros(3, d)));
        assertThrows(IllegalArgumentException.class, () -> one.forward(module, null));
    }

    @Property(tries = 5)
    void theSanitisingLayersTurnNonFiniteInputIntoFiniteOutput(@ForAll long seed) {
        Mamba2Config c = Mamba2Config.edgeStream();
        BiMamba2Layer layer = BiMamba2Layer.load(c, MambaWeights.of(RandomWeights.biMamba2(c, new Random(seed))));
        Tensor x = RandomWeights.input(new Random(seed), 1, 8, c.dModel());
        x.data()[3] = Float.NaN;
        x.data()[17] = Float.POSITIVE_INFINITY;
        x.data()[40] = Float.NEGATIVE_INFINITY;
        x.data()[41] = 1e30f;
        Tensor y = one.forward(layer, x);
        for (float v : y.data()) {
            assertTrue(Float.isFinite(v) && Math.abs(v) <= 10f);
        }
        // a NaN counts as 0, an infinity too, and 1e30 as 10
        Tensor clean = Tensor.of(x.data().clone(), x.shape());
        clean.data()[3] = 0;
        clean.data()[17] = 0;
        clean.data()[40] = 0;
        clean.data()[41] = 10;
        assertArrayEquals(y.data(), one.forward(layer, clean).data());
    }
}
