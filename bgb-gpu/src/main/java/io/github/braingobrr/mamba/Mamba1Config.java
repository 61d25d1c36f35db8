package io.github.braingobrr.mamba;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a mamba-ssm {@code Mamba} (Mamba1, selective scan) layer.
 *
 * <p>A {@code dConv} outside {2, 3, 4} is coerced to 4 (one logged warning), as for {@link Mamba2Config}.
 *
 * @param dModel the model (input and output) width
 * @param dState the SSM state size {@code N}
 * @param dConv the causal convolution width
 * @param expand {@code d_inner = expand * d_model}
 * @param dtRank the rank of the {@code dt} projection
 * @param bias whether {@code in_proj} and {@code out_proj} have biases (mamba-ssm default false)
 * @param convBias whether {@code conv1d} has a bias (mamba-ssm default true)
 */
public record Mamba1Config(int dModel, int dState, int dConv, int expand, int dtRank, boolean bias, boolean convBias) {

    /** Validates the sizes and coerces {@code dConv}. */
    public Mamba1Config {
        Mamba2Config.positive("d_model", dModel);
        Mamba2Config.positive("d_state", dState);
        Mamba2Config.positive("expand", expand);
        Mamba2Config.positive("dt_rank", dtRank);
        Mamba2Config.positive("d_conv", dConv);
        dConv = ConvWidth.coerce(dConv);
    }

    /** mamba-ssm's defaults: d_state 16, d_conv 4, expand 2, {@code dt_rank = ceil(d_model / 16)}. */
    public static Mamba1Config of(int dModel) {
        Mamba2Config.positive("d_model", dModel);
        return new Mamba1Config(dModel, 16, 4, 2, (dModel + 15) / 16, false, true);
    }

    /** This config with another state size. */
    public Mamba1Config withDState(int v) {
        return new Mamba1Config(dModel, v, dConv, expand, dtRank, bias, convBias);
    }

    /** This config with another convolution width (coerced as described above). */
    public Mamba1Config withDConv(int v) {
        return new Mamba1Config(dModel, dState, v, expand, dtRank, bias, convBias);
    }

    /** This config with another expansion factor. */
    public Mamba1Config withExpand(int v) {
        return new Mamba1Config(dModel, dState, dConv, v, dtRank, bias, convBias);
    }

    /** This config with another {@code dt} rank. */
    public Mamba1Config withDtRank(int v) {
        return new Mamba1Config(dModel, dState, dConv, expand, v, bias, convBias);
    }

    /** This config with or without projection biases. */
    public Mamba1Config withBias(boolean v) {
        return new Mamba1Config(dModel, dState, dConv, expand, dtRank, v, convBias);
    }

    /** This config with or without a convolution bias. */
    public Mamba1Config withConvBias(boolean v) {
        return new Mamba1Config(dModel, dState, dConv, expand, dtRank, bias, v);
    }

    /** {@code expand * d_model}. */
    public int dInner() {
        return expand * dModel;
    }

    /** The {@code x_proj} output width, split as {@code [dt, B, C]}: {@code dt_rank + 2 d_state}. */
    public int xProjDim() {
        return dtRank + 2 * dState;
    }

    /**
     * The config a mamba-ssm {@code Mamba} {@code state_dict} was saved with, read from its shapes (scope the
     * weights to the layer first): {@code d_model} and {@code d_inner} from {@code in_proj.weight}, {@code d_conv}
     * from {@code conv1d.weight}, {@code dt_rank} from {@code dt_proj.weight}, {@code d_state} from {@code A_log},
     * and the biases from whether their keys exist. The loader then checks every shape against it.
     *
     * @throws WeightsException when a key it reads is missing or the shapes do not fit together
     */
    public static Mamba1Config infer(MambaWeights weights) {
        List<String> problems = new ArrayList<>();
        int[] inProj = WeightShapes.shape(weights, "in_proj.weight", 2, problems);
        int[] conv = WeightShapes.shape(weights, "conv1d.weight", 3, problems);
        int[] dtProj = WeightShapes.shape(weights, "dt_proj.weight", 2, problems);
        int[] aLog = WeightShapes.shape(weights, "A_log", 2, problems);
        if (problems.isEmpty()) {
            int dModel = inProj[1];
            int dInner = inProj[0] / 2;
            if (dModel <= 0 || inProj[0] % 2 != 0 || dInner % dModel != 0) {
                problems.add("in_proj.weight is " + Tensor.format(inProj) + "; expected (2 d_inner, d_model) with"
                        + " d_inner a multiple of d_model");
            } else {
                return new Mamba1Config(
                        dModel,
                        aLog[1],
                        conv[2],
                        dInner / dModel,
                        dtProj[1],
                        weights.get("in_proj.bias").isPresent(),
                        weights.get("conv1d.bias").isPresent());
            }
        }
        throw new WeightsException("cannot infer the Mamba1 config of " + WeightShapes.where(weights), problems);
    }
}
