package io.github.braingobrr.mamba;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Test support: random weights of plausible scale for the shapes a layer expects, and random inputs. */
public final class RandomWeights {
    private RandomWeights() {}

    public static Map<String, Tensor> mamba2(Mamba2Config c, Random rnd) {
        Map<String, Tensor> m = new HashMap<>();
        Mamba2.expectedShapes(c).forEach((k, shape) -> m.put(k, tensor(k, shape, rnd)));
        return m;
    }

    public static Map<String, Tensor> mamba1(Mamba1Config c, Random rnd) {
        Map<String, Tensor> m = new HashMap<>();
        Mamba1.expectedShapes(c).forEach((k, shape) -> m.put(k, tensor(k, shape, rnd)));
        return m;
    }

    public static Map<String, Tensor> biMamba2(Mamba2Config c, Random rnd) {
        Map<String, Tensor> m = new HashMap<>();
        mamba2(c, rnd).forEach((k, v) -> m.put("forward_mamba_real." + k, v));
        mamba2(c, rnd).forEach((k, v) -> m.put("backward_mamba_real." + k, v));
        int dm = c.dModel();
        m.put("output_proj.weight", uniform(rnd, 3f / (float) Math.sqrt(2 * dm), dm, 2 * dm));
        m.put("output_proj.bias", uniform(rnd, 0.3f, dm));
        m.put("layer_norm.weight", shifted(rnd, 1f, 0.3f, dm));
        m.put("layer_norm.bias", uniform(rnd, 0.3f, dm));
        return m;
    }

    private static Tensor tensor(String key, int[] shape, Random rnd) {
        switch (key) {
            case "A_log": // log of 1..16
                return map(shape, rnd, r -> (float) Math.log(1 + 15 * r.nextFloat()));
            case "D":
            case "norm.weight":
                return shifted(rnd, 1f, 0.5f, shape);
            case "dt_bias":
            case "dt_proj.bias": // softplus⁻¹ of dt in [0.01, 0.5]
                return map(shape, rnd, r -> {
                    double dt = Math.exp(Math.log(0.01) + r.nextDouble() * Math.log(50));
                    return (float) (dt + Math.log(-Math.expm1(-dt)));
                });
            default:
                int fanIn = shape.length == 1 ? 1 : shape[shape.length - 1];
                return uniform(rnd, 1f / (float) Math.sqrt(fanIn), shape);
        }
    }

    public static Tensor uniform(Random rnd, float bound, int... shape) {
        return map(shape, rnd, r -> (2 * r.nextFloat() - 1) * bound);
    }

    private static Tensor shifted(Random rnd, float center, float spread, int... shape) {
        return map(shape, rnd, r -> center + (2 * r.nextFloat() - 1) * spread);
    }

    private static Tensor map(int[] shape, Random rnd, java.util.function.Function<Random, Float> f) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = f.apply(rnd);
        }
        return t;
    }

    /** A {@code (b, l, d)} standard-normal input. */
    public static Tensor input(Random rnd, int b, int l, int d) {
        Tensor t = Tensor.zeros(b, l, d);
        float[] x = t.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return t;
    }

    /** Positions {@code [t, t + n)} of every sequence of the batch {@code x}. */
    public static Tensor slice(Tensor x, int t, int n) {
        int b = x.dim(0);
        int l = x.dim(1);
        int d = x.dim(2);
        float[] out = new float[b * n * d];
        for (int s = 0; s < b; s++) {
            System.arraycopy(x.data(), (s * l + t) * d, out, s * n * d, n * d);
        }
        return Tensor.of(out, b, n, d);
    }

    public static float maxAbsDiff(Tensor a, Tensor b) {
        float m = 0;
        for (int i = 0; i < a.data().length; i++) {
            m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
        }
        return m;
    }
}
