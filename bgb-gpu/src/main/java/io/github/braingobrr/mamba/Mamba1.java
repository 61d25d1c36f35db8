package io.github.braingobrr.mamba;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mamba-ssm {@code Mamba} (Mamba1) layer (see {@link Mamba1Config}): {@code in_proj} → {@code [x, z]}
 * → causal depthwise conv → SiLU → {@code x_proj} → {@code [dt, B, C]} → {@code dt_proj} + softplus →
 * selective scan with {@code A = -exp(A_log)} and {@code D} skip → {@code y · silu(z)} → {@code out_proj}.
 *
 * <p>Weights use the mamba-ssm {@code state_dict} names: {@code in_proj.weight (2 d_inner, d_model)},
 * {@code conv1d.weight (d_inner, 1, d_conv)}, {@code conv1d.bias}, {@code x_proj.weight (dt_rank + 2N,
 * d_inner)}, {@code dt_proj.weight (d_inner, dt_rank)}, {@code dt_proj.bias}, {@code A_log (d_inner,
 * N)}, {@code D (d_inner,)}, {@code out_proj.weight (d_model, d_inner)}, plus {@code in_proj.bias} /
 * {@code out_proj.bias} when {@link Mamba1Config#bias()}.
 */
public final class Mamba1 extends MambaModule {
    private final Mamba1Config config;
    private final Tensor inProj;
    private final Tensor inProjBias;
    private final Tensor convWeight;
    private final Tensor convBias;
    private final Tensor xProj;
    private final Tensor dtProj;
    private final Tensor dtProjBias;
    private final Tensor aLog;
    private final Tensor d;
    private final Tensor outProj;
    private final Tensor outProjBias;

    private Mamba1(Mamba1Config c, WeightReader r) {
        int di = c.dInner();
        this.config = c;
        this.inProj = r.require("in_proj.weight", 2 * di, c.dModel());
        this.inProjBias = c.bias() ? r.require("in_proj.bias", 2 * di) : null;
        this.convWeight = r.require("conv1d.weight", di, 1, c.dConv());
        this.convBias = c.convBias() ? r.require("conv1d.bias", di) : null;
        this.xProj = r.require("x_proj.weight", c.xProjDim(), di);
        this.dtProj = r.require("dt_proj.weight", di, c.dtRank());
        this.dtProjBias = r.require("dt_proj.bias", di);
        this.aLog = r.require("A_log", di, c.dState());
        this.d = r.require("D", di);
        this.outProj = r.require("out_proj.weight", c.dModel(), di);
        this.outProjBias = c.bias() ? r.require("out_proj.bias", c.dModel()) : null;
    }

    /**
     * Loads a layer from {@code weights} (already scoped to the layer).
     *
     * @throws WeightsException listing every missing, unexpected or mis-shaped key
     */
    public static Mamba1 load(Mamba1Config config, MambaWeights weights) {
        return WeightReader.load("Mamba1", weights, r -> new Mamba1(config, r));
    }

    /** The key → shape table this config expects, in mamba-ssm order. */
    public static Map<String, int[]> expectedShapes(Mamba1Config c) {
        int di = c.dInner();
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("A_log", new int[] {di, c.dState()});
        m.put("D", new int[] {di});
        m.put("in_proj.weight", new int[] {2 * di, c.dModel()});
        if (c.bias()) {
            m.put("in_proj.bias", new int[] {2 * di});
        }
        m.put("conv1d.weight", new int[] {di, 1, c.dConv()});
        if (c.convBias()) {
            m.put("conv1d.bias", new int[] {di});
        }
        m.put("x_proj.weight", new int[] {c.xProjDim(), di});
        m.put("dt_proj.weight", new int[] {di, c.dtRank()});
        m.put("dt_proj.bias", new int[] {di});
        m.put("out_proj.weight", new int[] {c.dModel(), di});
        if (c.bias()) {
            m.put("out_proj.bias", new int[] {c.dModel()});
        }
        return m;
    }

    /** The layer shape. */
    public Mamba1Config config() {
        return config;
    }

    @Override
    public int dModel() {
        return config.dModel();
    }

    @Override
    public long flopsPerPosition() {
        Mamba1Config c = config;
        long di = c.dInner();
        return 2L * c.dModel() * 2 * di
                + 2L * c.dConv() * di
                + 2L * di * c.xProjDim()
                + 2L * c.dtRank() * di
                + 4L * di * c.dState()
                + 2L * di * c.dModel();
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

    /** {@code x_proj.weight}. */
    public Tensor xProjWeight() {
        return xProj;
    }

    /** {@code dt_proj.weight}. */
    public Tensor dtProjWeight() {
        return dtProj;
    }

    /** {@code dt_proj.bias} (added inside the scan, before softplus). */
    public Tensor dtProjBias() {
        return dtProjBias;
    }

    /** {@code A_log}. */
    public Tensor aLog() {
        return aLog;
    }

    /** {@code D}. */
    public Tensor d() {
        return d;
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
        Mamba1Config c = config;
        int di = c.dInner();
        int rows = Math.toIntExact(rows(nb, len));
        A xz = k.scratch(MambaKernels.Slot.M1_XZ, (long) rows * 2 * di);
        k.linear(x, xOff, c.dModel(), rows, c.dModel(), inProj, inProjBias, xz, 0, 2 * di);
        A u = k.scratch(MambaKernels.Slot.M1_U, (long) rows * di);
        A state = carry == null ? null : carry.buffer();
        k.causalConvSilu(
                xz, 0, 2 * di, nb, len, convWeight, convBias, u, state, carry == null ? 0 : carry.convOffset());
        A xdbl = k.scratch(MambaKernels.Slot.M1_XDBL, (long) rows * c.xProjDim());
        k.linear(u, 0, di, rows, di, xProj, null, xdbl, 0, c.xProjDim());
        A delta = k.scratch(MambaKernels.Slot.M1_DELTA, (long) rows * di);
        k.linear(xdbl, 0, c.xProjDim(), rows, c.dtRank(), dtProj, null, delta, 0, di);
        A ys = k.scratch(MambaKernels.Slot.M1_Y, (long) rows * di);
        k.selectiveScan(this, u, delta, xdbl, xz, ys, nb, len, state, carry == null ? 0 : carry.ssmOffset());
        k.linear(ys, 0, di, rows, di, outProj, outProjBias, y, yOff, yStride);
    }

    @Override
    public String toString() {
        return "Mamba1" + config;
    }
}
