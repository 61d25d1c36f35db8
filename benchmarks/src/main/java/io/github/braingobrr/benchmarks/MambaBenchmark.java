package io.github.braingobrr.benchmarks;

import io.github.braingobrr.mamba.BiMamba2Layer;
import io.github.braingobrr.mamba.Device;
import io.github.braingobrr.mamba.Mamba2;
import io.github.braingobrr.mamba.Mamba2Config;
import io.github.braingobrr.mamba.MambaBackend;
import io.github.braingobrr.mamba.MambaWeights;
import io.github.braingobrr.mamba.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * CPU forward of one node-stream BiMamba2 layer of the original model (d_model 64, d_state 16, d_conv 4,
 * expand 2, headdim 8) over B·19 = 76 sequences of L = 960 (a batch of 4). GFLOP/s = {@link
 * BiMamba2Layer#flopsPerPosition()} · 76 · 960 / score: about 10.6 GFLOP per forward.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MambaBenchmark {
    private static final int SEQUENCES = 4 * 19;
    private static final int LENGTH = 960;

    @Param({"1", "2"})
    int threads;

    private MambaBackend cpu;
    private BiMamba2Layer layer;
    private Tensor input;

    @Setup
    public void setUp() {
        Mamba2Config c = Mamba2Config.nodeStream();
        SplittableRandom rnd = new SplittableRandom(42);
        Map<String, Tensor> w = new HashMap<>();
        for (String side : new String[] {"forward_mamba_real.", "backward_mamba_real."}) {
            Mamba2.expectedShapes(c).forEach((k, shape) -> w.put(side + k, random(k, shape, rnd)));
        }
        int d = c.dModel();
        w.put("output_proj.weight", uniform(rnd, (float) Math.sqrt(1.0 / (2 * d)), d, 2 * d));
        w.put("output_proj.bias", uniform(rnd, 0.1f, d));
        w.put("layer_norm.weight", Tensor.of(filled(d, 1f), d));
        w.put("layer_norm.bias", uniform(rnd, 0.1f, d));
        layer = BiMamba2Layer.load(c, MambaWeights.of(w));
        input = uniform(rnd, 2f, SEQUENCES, LENGTH, d);
        cpu = Device.cpu(threads);
    }

    @TearDown
    public void tearDown() {
        cpu.close();
    }

    /** One forward pass of the layer over the whole batch. */
    @Benchmark
    public Tensor biMamba2NodeStreamForward() {
        return cpu.forward(layer, input);
    }

    private static Tensor random(String key, int[] shape, SplittableRandom rnd) {
        Tensor t = Tensor.zeros(shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            switch (key) {
                case "A_log":
                    v[i] = (float) Math.log(1 + 15 * rnd.nextDouble());
                    break;
                case "dt_bias": // dt = softplus(dt_bias) in [0.001, 0.1], as mamba-ssm initialises it
                    double dt = Math.exp(Math.log(1e-3) + rnd.nextDouble() * Math.log(100));
                    v[i] = (float) (dt + Math.log(-Math.expm1(-dt)));
                    break;
                case "D":
                case "norm.weight":
                    v[i] = 1f;
                    break;
                default:
                    v[i] = (float) ((2 * rnd.nextDouble() - 1) / Math.sqrt(shape[shape.length - 1]));
            }
        }
        return t;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static Tensor uniform(SplittableRandom rnd, float bound, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * rnd.nextDouble() - 1) * bound);
        }
        return t;
    }
}
