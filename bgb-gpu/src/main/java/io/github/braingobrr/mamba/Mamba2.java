package io.github.braingobrr.mamba;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mamba-ssm 2.2.2 {@code Mamba2} layer (see {@link Mamba2Config}): {@code in_proj} → {@code [z, xBC,
 * dt]} → causal depthwise conv over {@code xBC} → SiLU → SSD scan per head → {@code D} skip → gated
 * RMSNorm {@code norm(y · silu(z))} → {@code out_proj}.
 *
 * <p>Weights use the mamba-ssm {@code state_dict} names: {@code in_proj.weight (d_in_proj, d_model)},
 * {@code conv1d.weight (conv_dim, 1, d_conv)}, {@code conv1d.bias (conv_dim,)}, {@code dt_bias},
 * {@code A_log}, {@code D} {@code (nheads,)}, {@code norm.weight (d_inner,)}, {@code out_proj.weight
 * (d_model, d_inner)}, plus {@code in_proj.bias} / {@code out_proj.bias} when {@link Mamba2Config#bias()}.
 */
public final class Mamba2 extends MambaModule {
    private final Mamba2Config config;
    private final Tensor inProj;
    private final Tensor inProjBias;
    private final Tensor convWeight;
    private final Tensor convBias;
    private final Tensor dtBias;
    private final Tensor aLog;
    private final Tensor d;
    private final Tensor normWeight;
    private final Tensor outProj;
    private final Tensor outProjBias;

    private Mamba2(Mamba2Config c, WeightReader r) {
        this.config = c;
        this.inProj = r.require("in_proj.weight", c.dInProj(), c.dModel());
        this.inProjBias = c.bias() ? r.require("in_proj.bias", c.dInProj()) : null;
        this.convWeight = r.require("conv1d.weight", c.convDim(), 1, c.dConv());
        this.convBias = c.convBias() ? r.require("conv1d.bias", c.convDim()) : null;
        this.dtBias = r.require("dt_bias", c.nheads());
        this.aLog = r.require("A_log", c.nheads());
        this.d = r.require("D", c.nheads());
        this.normWeight = r.require("norm.weight", c.dInner());
        this.outProj = r.require("out_proj.weight", c.dModel(), c.dInner());
        this.outProjBias = c.bias() ? r.require("out_proj.bias", c.dModel()) : null;
    }

    /**
     * Loads a layer from {@code weights} (already scoped to the layer, e.g. {@code
     * weights.scope("layers.0.forward_mamba_real.")}).
     *
     * @throws WeightsException listing every missing, unexpected or mis-shaped key
     */
    public static Mamba2 load(Mamba2Config config, MambaWeights weights) {
        return WeightReader.load("Mamba2", weights, r -> new Mamba2(config, r));
    }

    static Mamba2 read(Mamba2Config config, WeightReader r) {
        return new Mamba2(config, r);
    }

    /** The key → shape table this config expects, in mamba-ssm order. */
    public static Map<String, int[]> expectedShapes(Mamba2Config c) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("A_log", new int[] {c.nheads()});
        m.put("D", new int[] {c.nheads()});
        m.put("dt_bias", new int[] {c.nheads()});
        m.put("in_proj.weight", new int[] {c.dInProj(), c.dModel()});
        if (c.bias()) {
            m.put("in_proj.bias", new int[] {c.dInProj()});
        }
        m.put("conv1d.weight", new int[] {c.convDim(), 1, c.dConv()});
        if (c.convBias()) {
            m.put("conv1d.bias", new int[] {c.convDim()});
        }
        m.put("norm.weight", new int[] {c.dInner()});
        m.put("out_proj.weight", new int[] {c.dModel(), c.dInner()});
        if (c.bias()) {
            m.put("out_proj.bias", new int[] {c.dModel()});
        }
        return m;
    }

    /** The layer shape. */
    public Mamba2Config config() {
        return config;
    }

    @Override
    public int dModel() {
        return config.dModel();
    }

    @Override
    public long flopsPerPosition() {
        Mamba2Config c = config;
        return 2L * c.dModel() * c.dInProj()
                + 2L * c.dConv() * c.convDim()
                + 4L * c.dInner() * c.dState()
                + 2L * c.dInner() * c.dModel();
    }

    /** {@code in_proj.weight}. */
    public Tensor inProjWeight() {
        return inProj;
    }

    /** {@code in_proj.bias}, or {@code null} without projection biases. */
    public Tensor inProjBias() {
        return inProjBias;
    }

    /** {@code conv1d.weight}. */
    public Tensor convWeight() {
        return convWeight;
    }

    /** {@code conv1d.bias}, or {@code null} without a convolution bias. */
    public Tensor convBias() {
        return convBias;
    }

    /** {@code dt_bias}. */
    public Tensor dtBias() {
        return dtBias;
    }

    /** {@code A_log}. */
    public Tensor aLog() {
        return aLog;
    }

    /** {@code D}. */
    public Tensor d() {
        return d;
    }

    /** {@code norm.weight}. */
    public Tensor normWeight() {
        return normWeight;
    }

    /** {@code out_proj.weight}. */
    public Tensor outProjWeight() {
        return outProj;
    }

    /** {@code out_proj.bias}, or {@code null} without projection biases. */
    public Tensor outProjBias() {
        return outProjBias;
    }

    @Override
    <A> void run(MambaKernels<A> k, A x, int xOff, A y, int yOff, int yStride, int nb, int len, Carry<A> carry) {
        Mamba2Config c = config;
        int rows = Math.toIntExact(rows(nb, len));
        A zx = k.scratch(MambaKernels.Slot.M2_ZXBCDT, (long) rows * c.dInProj());
        k.linear(x, xOff, c.dModel(), rows, c.dModel(), inProj, inProjBias, zx, 0, c.dInProj());
        A xbc = k.scratch(MambaKernels.Slot.M2_XBC, (long) rows * c.convDim());
        A state = carry == null ? null : carry.buffer();
        k.causalConvSilu(
                zx,
                c.dInner(),
                c.dInProj(),
                nb,
                len,
                convWeight,
                convBias,
                xbc,
                state,
                carry == null ? 0 : carry.convOffset());
        A ys = k.scratch(MambaKernels.Slot.M2_Y, (long) rows * c.dInner());
        k.ssdScan(this, zx, xbc, ys, nb, len, state, carry == null ? 0 : carry.ssmOffset());
        k.gatedRmsNorm(ys, zx, 0, c.dInProj(), rows, c.dInner(), normWeight, Mamba2Config.NORM_EPS);
        k.linear(ys, 0, c.dInner(), rows, c.dInner(), outProj, outProjBias, y, yOff, yStride);
    }

    @Override
    public String toString() {
        return "Mamba2" + config;
    }
}
