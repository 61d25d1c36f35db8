package io.github.braingobrr.mamba;

/**
 * One bidirectional Mamba2 layer, wired exactly as the original model's {@code BiMamba2Layer} (at
 * inference, dropout off):
 *
 * <pre>
 * x   = clamp(nan_to_num(x, 0, 0, 0), ±10)            (also the residual)
 * fwd = Mamba2_f(x);  bwd = flip(Mamba2_b(flip(x)))  (flip in time)
 * y   = clamp(output_proj([fwd, bwd]), ±5)           (Linear 2·d_model → d_model, with bias)
 * out = clamp(LayerNorm(x + y), ±10)                 (eps 1e-5)
 * </pre>
 *
 * <p>State-dict keys: {@code forward_mamba_real.*} and {@code backward_mamba_real.*} (two {@link Mamba2}
 * layers), {@code output_proj.weight (d_model, 2 d_model)}, {@code output_proj.bias}, {@code
 * layer_norm.weight}, {@code layer_norm.bias}. The original's untrained Conv1d fallback weights
 * ({@code forward_mamba_fallback.*}, {@code backward_mamba_fallback.*}) are accepted and ignored.
 */
public final class BiMamba2Layer extends MambaModule {
    /** The clamp applied to the input (after {@code nan_to_num}) and to the output. */
    public static final float VALUE_LIMIT = 10f;
    /** The clamp applied to the {@code output_proj} result. */
    public static final float PROJECTION_LIMIT = 5f;
    /** The {@code LayerNorm} epsilon (PyTorch default). */
    public static final float LAYER_NORM_EPS = 1e-5f;

    private final Mamba2 forward;
    private final Mamba2 backward;
    private final Tensor outProj;
    private final Tensor outProjBias;
    private final Tensor normWeight;
    private final Tensor normBias;

    private BiMamba2Layer(Mamba2Config c, WeightReader r) {
        int dm = c.dModel();
        this.forward = Mamba2.read(c, r.child("forward_mamba_real."));
        this.backward = Mamba2.read(c, r.child("backward_mamba_real."));
        this.outProj = r.require("output_proj.weight", dm, 2 * dm);
        this.outProjBias = r.require("output_proj.bias", dm);
        this.normWeight = r.require("layer_norm.weight", dm);
        this.normBias = r.require("layer_norm.bias", dm);
        for (String fallback : new String[] {"forward_mamba_fallback.", "backward_mamba_fallback."}) {
            r.ignore(fallback + "weight");
            r.ignore(fallback + "bias");
        }
    }

    /**
     * Loads a layer from {@code weights} scoped to it (e.g. {@code weights.scope("layers.0.")}).
     *
     * @throws WeightsException listing every missing, unexpected or mis-shaped key
     */
    public static BiMamba2Layer load(Mamba2Config config, MambaWeights weights) {
        return WeightReader.load("BiMamba2Layer", weights, r -> new BiMamba2Layer(config, r));
    }

    static BiMamba2Layer read(Mamba2Config config, WeightReader r) {
        return new BiMamba2Layer(config, r);
    }

    /** The forward-direction layer ({@code forward_mamba_real}). */
    public Mamba2 forwardMamba() {
        return forward;
    }

    /** The backward-direction layer ({@code backward_mamba_real}), applied to the time-reversed input. */
    public Mamba2 backwardMamba() {
        return backward;
    }

    /** {@code output_proj.weight}, {@code (d_model, 2 d_model)}: forward features first. */
    public Tensor outputProjWeight() {
        return outProj;
    }

    /** {@code output_proj.bias}. */
    public Tensor outputProjBias() {
        return outProjBias;
    }

    /** {@code layer_norm.weight}. */
    public Tensor layerNormWeight() {
        return normWeight;
    }

    /** {@code layer_norm.bias}. */
    public Tensor layerNormBias() {
        return normBias;
    }

    @Override
    public int dModel() {
        return forward.dModel();
    }

    @Override
    public long flopsPerPosition() {
        long dm = dModel();
        return forward.flopsPerPosition() + backward.flopsPerPosition() + 2L * (2 * dm) * dm;
    }

    @Override
    <A> void run(MambaKernels<A> k, A x, int xOff, A y, int yOff, int yStride, int nb, int len, Carry<A> carry) {
        // carry is always null: MambaState refuses bidirectional layers
        int dm = dModel();
        int rows = Math.toIntExact(rows(nb, len));
        long n = (long) rows * dm;
        A xc = k.scratch(MambaKernels.Slot.BI_INPUT, n);
        k.sanitizeClamp(x, xOff, xc, 0, Math.toIntExact(n), VALUE_LIMIT);
        A cat = k.scratch(MambaKernels.Slot.BI_CAT, 2 * n);
        forward.run(k, xc, 0, cat, 0, 2 * dm, nb, len, null);
        A flipped = k.scratch(MambaKernels.Slot.BI_FLIPPED, n);
        k.flip(xc, 0, dm, flipped, 0, dm, nb, len, dm);
        A back = k.scratch(MambaKernels.Slot.BI_BACKWARD, n);
        backward.run(k, flipped, 0, back, 0, dm, nb, len, null);
        k.flip(back, 0, dm, cat, dm, 2 * dm, nb, len, dm);
        A proj = k.scratch(MambaKernels.Slot.BI_PROJECTED, n);
        k.linear(cat, 0, 2 * dm, rows, 2 * dm, outProj, outProjBias, proj, 0, dm);
        k.residualLayerNorm(
                proj,
                xc,
                rows,
                dm,
                normWeight,
                normBias,
                LAYER_NORM_EPS,
                PROJECTION_LIMIT,
                VALUE_LIMIT,
                y,
                yOff,
                yStride);
    }

    @Override
    public String toString() {
        return "BiMamba2Layer" + forward.config();
    }
}
