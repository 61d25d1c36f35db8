package io.github.braingobrr.mamba;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a mamba-ssm 2.2.2 {@code Mamba2} layer with one group ({@code ngroups=1}), a scalar
 * {@code D} per head, gated RMSNorm applied after the gate ({@code norm_before_gate=False}, eps 1e-5)
 * and no {@code dt} limit: the variant the original model uses.
 *
 * <p>A {@code dConv} outside {2, 3, 4} is coerced to 4 (one logged warning), as the original did.
 *
 * @param dModel the model (input and output) width
 * @param dState the SSM state size {@code N}
 * @param dConv the causal convolution width
 * @param expand {@code d_inner = expand * d_model}
 * @param headdim the head width {@code P}; {@code nheads = d_inner / headdim}
 * @param bias whether {@code in_proj} and {@code out_proj} have biases (mamba-ssm default false)
 * @param convBias whether {@code conv1d} has a bias (mamba-ssm default true)
 */
public record Mamba2Config(int dModel, int dState, int dConv, int expand, int headdim, boolean bias, boolean convBias) {

    /** The RMSNorm epsilon of mamba-ssm's {@code RMSNormGated}. */
    public static final float NORM_EPS = 1e-5f;

    /** Validates the sizes and coerces {@code dConv}. */
    public Mamba2Config {
        positive("d_model", dModel);
        positive("d_state", dState);
        positive("expand", expand);
        positive("headdim", headdim);
        positive("d_conv", dConv);
        dConv = ConvWidth.coerce(dConv);
        if ((long) dModel * expand % headdim != 0) {
            throw new IllegalArgumentException("d_inner = d_model * expand = " + dModel + " * " + expand + " = "
                    + (long) dModel * expand + " is not a multiple of headdim " + headdim);
        }
    }

    /** mamba-ssm's defaults for {@code Mamba2(d_model)}: d_state 128, d_conv 4, expand 2, headdim 64. */
    public static Mamba2Config of(int dModel) {
        return new Mamba2Config(dModel, 128, 4, 2, 64, false, true);
    }

    /** The original model's node stream: d_model 64, d_state 16, d_conv 4, expand 2, headdim 8. */
    public static Mamba2Config nodeStream() {
        return new Mamba2Config(64, 16, 4, 2, 8, false, true);
    }

    /** The original model's edge stream: d_model 16, d_state 8, d_conv 4, expand 2, headdim 4. */
    public static Mamba2Config edgeStream() {
        return new Mamba2Config(16, 8, 4, 2, 4, false, true);
    }

    /** This config with another state size. */
    public Mamba2Config withDState(int v) {
        return new Mamba2Config(dModel, v, dConv, expand, headdim, bias, convBias);
    }

    /** This config with another convolution width (coerced as described above). */
    public Mamba2Config withDConv(int v) {
        return new Mamba2Config(dModel, dState, v, expand, headdim, bias, convBias);
    }

    /** This config with another expansion factor. */
    public Mamba2Config withExpand(int v) {
        return new Mamba2Config(dModel, dState, dConv, v, headdim, bias, convBias);
    }

    /** This config with another head width. */
    public Mamba2Config withHeaddim(int v) {
        return new Mamba2Config(dModel, dState, dConv, expand, v, bias, convBias);
    }

    /** This config with or without projection biases. */
    public Mamba2Config withBias(boolean v) {
        return new Mamba2Config(dModel, dState, dConv, expand, headdim, v, convBias);
    }

    /** This config with or without a convolution bias. */
    public Mamba2Config withConvBias(boolean v) {
        return new Mamba2Config(dModel, dState, dConv, expand, headdim, bias, v);
    }

    /** {@code expand * d_model}. */
    public int dInner() {
        return expand * dModel;
    }

    /** {@code d_inner / headdim}. */
    public int nheads() {
        return dInner() / headdim;
    }

    /** The convolved channels {@code x, B, C}: {@code d_inner + 2 * d_state}. */
    public int convDim() {
        return dInner() + 2 * dState;
    }

    /** The {@code in_proj} output width, split as {@code [z, xBC, dt]}: {@code 2 d_inner + 2 d_state + nheads}. */
    public int dInProj() {
        return 2 * dInner() + 2 * dState + nheads();
    }

    /**
     * The config a mamba-ssm {@code Mamba2} {@code state_dict} was saved with, read from its shapes (scope the
     * weights to the layer first, e.g. {@code weights.scope("layers.0.forward_mamba_real.")}): {@code d_model}
     * from {@code in_proj.weight}, {@code d_inner} from {@code norm.weight}, {@code nheads} from {@code A_log},
     * {@code d_state} and {@code d_conv} from {@code conv1d.weight}, and the biases from whether their keys exist.
     * The loaders then check every shape against it.
     *
     * @throws WeightsException when a key it reads is missing or the shapes do not fit together
     */
    public static Mamba2Config infer(MambaWeights weights) {
        List<String> problems = new ArrayList<>();
        int[] inProj = WeightShapes.shape(weights, "in_proj.weight", 2, problems);
        int[] conv = WeightShapes.shape(weights, "conv1d.weight", 3, problems);
        int[] aLog = WeightShapes.shape(weights, "A_log", 1, problems);
        int[] norm = WeightShapes.shape(weights, "norm.weight", 1, problems);
        if (problems.isEmpty()) {
            int dModel = inProj[1];
            int dInner = norm[0];
            int nheads = aLog[0];
            int twoN = conv[0] - dInner;
            if (dModel <= 0 || dInner % dModel != 0) {
                problems.add("d_inner " + dInner + " (norm.weight) is not a multiple of d_model " + dModel
                        + " (in_proj.weight)");
            } else if (nheads <= 0 || dInner % nheads != 0) {
                problems.add("d_inner " + dInner + " (norm.weight) is not a multiple of nheads " + nheads + " (A_log)");
            } else if (twoN <= 0 || twoN % 2 != 0) {
                problems.add(
                        "conv1d.weight has " + conv[0] + " channels; expected d_inner " + dInner + " plus 2 d_state");
            } else {
                return new Mamba2Config(
                        dModel,
                        twoN / 2,
                        conv[2],
                        dInner / dModel,
                        dInner / nheads,
                        weights.get("in_proj.bias").isPresent(),
                        weights.get("conv1d.bias").isPresent());
            }
        }
        throw new WeightsException("cannot infer the Mamba2 config of " + WeightShapes.where(weights), problems);
    }

    static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }
}
