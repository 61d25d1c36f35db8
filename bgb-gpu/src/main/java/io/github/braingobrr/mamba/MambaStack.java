package io.github.braingobrr.mamba;

import java.util.List;

/**
 * A stack of Mamba layers run in sequence, with the original model's {@code BiMamba2} safety clamps:
 * the input is {@code clamp(nan_to_num(x, 0, 0, 0), ±10)}, and the activations are clamped to ±10 after
 * every second layer and after the last one.
 *
 * <p>{@link #biMamba2} loads the original model's stack from the keys {@code layers.0.*},
 * {@code layers.1.*}, … (each a {@link BiMamba2Layer}).
 */
public final class MambaStack extends MambaModule {
    private final List<MambaModule> layers;

    private MambaStack(List<MambaModule> layers) {
        this.layers = layers;
    }

    /**
     * A stack of already loaded layers (not stacks), all of the same {@code d_model}.
     *
     * @throws IllegalArgumentException for an empty list, a nested stack or mismatched widths
     */
    public static MambaStack of(List<? extends MambaModule> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a MambaStack needs at least one layer");
        }
        int dm = layers.get(0).dModel();
        for (int i = 0; i < layers.size(); i++) {
            MambaModule m = layers.get(i);
            if (m instanceof MambaStack) {
                throw new IllegalArgumentException("layer " + i + " is itself a MambaStack; flatten the layers");
            }
            if (m.dModel() != dm) {
                throw new IllegalArgumentException(
                        "layer " + i + " has d_model " + m.dModel() + " but layer 0 has " + dm);
            }
        }
        return new MambaStack(List.copyOf(layers));
    }

    /**
     * Loads {@code numLayers} {@link BiMamba2Layer}s from {@code layers.<i>.*} of {@code weights} (scoped to
     * the stack, e.g. {@code weights.scope("node_mamba.")}).
     *
     * @throws WeightsException listing every missing, unexpected or mis-shaped key of every layer
     */
    public static MambaStack biMamba2(Mamba2Config config, int numLayers, MambaWeights weights) {
        Mamba2Config.positive("numLayers", numLayers);
        return WeightReader.load("BiMamba2 stack", weights, r -> {
            MambaModule[] layers = new MambaModule[numLayers];
            for (int i = 0; i < numLayers; i++) {
                layers[i] = BiMamba2Layer.read(config, r.child("layers." + i + "."));
            }
            return new MambaStack(List.of(layers));
        });
    }

    /** The layers, in order. */
    public List<MambaModule> layers() {
        return layers;
    }

    @Override
    public int dModel() {
        return layers.get(0).dModel();
    }

    @Override
    public long flopsPerPosition() {
        return layers.stream().mapToLong(MambaModule::flopsPerPosition).sum();
    }

    @Override
    <A> void run(MambaKernels<A> k, A x, int xOff, A y, int yOff, int yStride, int nb, int len, Carry<A> carry) {
        int dm = dModel();
        int rows = Math.toIntExact(rows(nb, len));
        long n = (long) rows * dm;
        A ping = k.scratch(MambaKernels.Slot.STACK_PING, n);
        A pong = layers.size() > 1 ? k.scratch(MambaKernels.Slot.STACK_PONG, n) : null;
        k.sanitizeClamp(x, xOff, ping, 0, Math.toIntExact(n), BiMamba2Layer.VALUE_LIMIT);
        A cur = ping;
        int last = layers.size() - 1;
        for (int i = 0; i <= last; i++) {
            boolean isLast = i == last;
            A dst = isLast ? y : (cur == ping ? pong : ping);
            int dstOff = isLast ? yOff : 0;
            int dstStride = isLast ? yStride : dm;
            layers.get(i).run(k, cur, 0, dst, dstOff, dstStride, nb, len, carry == null ? null : carry.layer(i));
            if ((i + 1) % 2 == 0 || isLast) {
                k.clamp(dst, dstOff, dstStride, rows, dm, BiMamba2Layer.VALUE_LIMIT);
            }
            cur = dst;
        }
    }

    @Override
    public String toString() {
        return "MambaStack" + layers;
    }
}
