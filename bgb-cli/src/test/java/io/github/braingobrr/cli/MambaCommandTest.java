package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.mamba.BiMamba2Layer;
import io.github.braingobrr.mamba.Device;
import io.github.braingobrr.mamba.Mamba1;
import io.github.braingobrr.mamba.Mamba1Config;
import io.github.braingobrr.mamba.Mamba2;
import io.github.braingobrr.mamba.Mamba2Config;
import io.github.braingobrr.mamba.MambaBackend;
import io.github.braingobrr.mamba.MambaModule;
import io.github.braingobrr.mamba.MambaStack;
import io.github.braingobrr.mamba.MambaWeights;
import io.github.braingobrr.mamba.Tensor;
import io.github.braingobrr.npy.Npy;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpzWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bgb mamba}: the command gives what the library gives for the same weights and input (the layers
 * themselves are checked against an independent implementation in bgb-gpu).
 */
class MambaCommandTest {
    private static final Mamba2Config SMALL2 = new Mamba2Config(8, 4, 4, 2, 4, false, true);
    private static final Mamba1Config SMALL1 = Mamba1Config.of(8).withDState(4);

    @TempDir
    Path dir;

    private final Random random = new Random(42);

    @Test
    void aMamba2LayerRunsOverABatch() throws IOException {
        Map<String, Tensor> weights = weights("", Mamba2.expectedShapes(SMALL2));
        Path w = save("m2.npz", weights, false);
        Tensor x = input(3, 20, 8);
        Path in = dir.resolve("x.npy");
        Npy.write(in, NpyArray.of(x.data(), 3, 20, 8));
        Path out = dir.resolve("y.npy");
        JsonNode j = Cli.run(
                        "mamba",
                        "forward",
                        "--weights",
                        w.toString(),
                        "--input",
                        in.toString(),
                        "--out",
                        out.toString(),
                        "--layer",
                        "mamba2",
                        "--device",
                        "cpu",
                        "--json")
                .ok()
                .json();
        MambaWeights mw = MambaWeights.of(weights);
        Tensor expected = run(Mamba2.load(SMALL2, mw), x);
        NpyArray y = Npy.read(out);
        assertEquals("<f4", y.dtype().descr());
        assertArrayEquals(new long[] {3, 20, 8}, y.shape());
        assertArrayEquals(expected.data(), y.toFloatArray());
        assertEquals("mamba2", j.get("layer").asText());
        assertEquals("[3,20,8]", j.get("shape").toString());
        assertTrue(j.get("device").asText().startsWith("CPU"), j.toString());
        assertTrue(j.get("milliseconds").asDouble() > 0);
    }

    @Test
    void theOriginalModelsBiMamba2StackLoadsUnderAPrefixAndTakesOneSequence() throws IOException {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (int layer = 0; layer < 2; layer++) {
            weights.putAll(biMamba2("node_mamba.layers." + layer + "."));
        }
        weights.putAll(weights("edge_mamba.", Mamba2.expectedShapes(SMALL2))); // another stream, ignored
        Path w = save("model.npz", weights, false);
        Tensor x = input(1, 30, 8);
        Path in = dir.resolve("seq.npy");
        Npy.write(in, NpyArray.of(x.data(), 30, 8)); // (L, d_model)
        Path out = dir.resolve("seq-out.npy");
        String text = Cli.run(
                        "mamba",
                        "forward",
                        "--weights",
                        w.toString(),
                        "--input",
                        in.toString(),
                        "--out",
                        out.toString(),
                        "--prefix",
                        "node_mamba.",
                        "--device",
                        "cpu")
                .ok()
                .out();
        assertTrue(text.startsWith("wrote " + out + " (30, 8) float32: MambaStack["), text);
        MambaStack stack =
                MambaStack.biMamba2(SMALL2, 2, MambaWeights.of(weights).scope("node_mamba."));
        NpyArray y = Npy.read(out);
        assertArrayEquals(new long[] {30, 8}, y.shape());
        assertArrayEquals(run(stack, x).data(), y.toFloatArray());
        Map<String, Tensor> one = biMamba2("");
        Path single = save("layer.npz", one, false);
        Path oneOut = dir.resolve("one.npy");
        Cli.run(
                        "mamba",
                        "forward",
                        "--weights",
                        single.toString(),
                        "--input",
                        in.toString(),
                        "--out",
                        oneOut.toString(),
                        "--device",
                        "cpu")
                .ok();
        assertArrayEquals(
                run(BiMamba2Layer.load(SMALL2, MambaWeights.of(one)), x).data(),
                Npy.read(oneOut).toFloatArray(),
                "without layers.<i>. keys, one BiMamba2Layer");
    }

    @Test
    void aMamba1LayerFromFloat64Weights() throws IOException {
        Map<String, Tensor> weights = weights("", Mamba1.expectedShapes(SMALL1));
        Path w = save("m1.npz", weights, true);
        Tensor x = input(2, 12, 8);
        Path in = dir.resolve("x1.npy");
        Npy.write(in, NpyArray.of(x.data(), 2, 12, 8));
        Path out = dir.resolve("y1.npy");
        Cli.run(
                        "mamba",
                        "forward",
                        "--weights",
                        w.toString(),
                        "--input",
                        in.toString(),
                        "--out",
                        out.toString(),
                        "--layer",
                        "mamba1",
                        "--device",
                        "cpu")
                .ok();
        assertArrayEquals(
                run(Mamba1.load(SMALL1, MambaWeights.of(weights)), x).data(),
                Npy.read(out).toFloatArray());
    }

    @Test
    void weightAndInputProblemsAreNamed() throws IOException {
        Map<String, Tensor> weights = weights("", Mamba2.expectedShapes(SMALL2));
        weights.remove("D");
        Path w = save("bad.npz", weights, false);
        Path in = dir.resolve("x.npy");
        Npy.write(in, NpyArray.of(new float[5 * 7], 1, 5, 7));
        String out = dir.resolve("y.npy").toString();
        Cli.run(
                        "mamba",
                        "forward",
                        "--weights",
                        w.toString(),
                        "--input",
                        in.toString(),
                        "--out",
                        out,
                        "--layer",
                        "mamba2")
                .fails("missing key 'D'");
        Path good = save("good.npz", weights("", Mamba2.expectedShapes(SMALL2)), false);
        Cli.run(
                        "mamba",
                        "forward",
                        "--weights",
                        good.toString(),
                        "--input",
                        in.toString(),
                        "--out",
                        out,
                        "--layer",
                        "mamba2",
                        "--device",
                        "cpu")
                .fails("input has shape (1, 5, 7), expected (B, L, 8)");
        Cli.run(
                        "mamba",
                        "forward",
                        "--weights",
                        good.toString(),
                        "--input",
                        in.toString(),
                        "--out",
                        out,
                        "--prefix",
                        "nothing.")
                .usage("--prefix 'nothing.' matches none of the");
        Cli.run(
                        "mamba",
                        "forward",
                        "--weights",
                        good.toString(),
                        "--input",
                        in.toString(),
                        "--out",
                        out,
                        "--layer",
                        "mamba3")
                .usage("Invalid value for option '--layer'");
        Path st = Files.writeString(dir.resolve("w.safetensors"), "{}");
        Cli.run("mamba", "forward", "--weights", st.toString(), "--input", in.toString(), "--out", out)
                .fails("w.safetensors");
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void cudaOnAMachineWithoutItIsAClearFailure() throws IOException {
        Assumptions.assumeFalse(Device.cudaStatus().available(), "this machine has CUDA");
        Path w = save("m2.npz", weights("", Mamba2.expectedShapes(SMALL2)), false);
        Path in = dir.resolve("x.npy");
        Npy.write(in, NpyArray.of(new float[8], 1, 1, 8));
        Cli.run(
                        "mamba",
                        "forward",
                        "--weights",
                        w.toString(),
                        "--input",
                        in.toString(),
                        "--out",
                        dir.resolve("y.npy").toString(),
                        "--layer",
                        "mamba2",
                        "--device",
                        "cuda")
                .fails("CUDA");
    }

    @Test
    void infoNamesTheDeviceAndWhy() {
        JsonNode j = Cli.run("mamba", "info", "--json").ok().json();
        boolean cuda = j.get("cuda").get("available").asBoolean();
        assertEquals(Device.cudaStatus().available(), cuda);
        assertEquals(
                Device.select().kind().name().toLowerCase(java.util.Locale.ROOT),
                j.get("device").asText());
        assertEquals(Device.select().reason(), j.get("reason").asText());
        assertTrue(j.get("environment").has(Device.FORCE_FALLBACK_ENV));
        assertFalse(j.get("backend").asText().isBlank());
        String text = Cli.run("mamba", "info").ok().out();
        assertTrue(text.startsWith("device    " + Device.select().kind()), text);
        assertTrue(text.contains("reason    " + Device.select().reason()), text);
    }

    private static Tensor run(MambaModule module, Tensor x) {
        try (MambaBackend cpu = Device.cpu()) {
            return cpu.forward(module, x);
        }
    }

    private Map<String, Tensor> biMamba2(String prefix) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.putAll(weights(prefix + "forward_mamba_real.", Mamba2.expectedShapes(SMALL2)));
        m.putAll(weights(prefix + "backward_mamba_real.", Mamba2.expectedShapes(SMALL2)));
        int d = SMALL2.dModel();
        m.putAll(weights(
                prefix,
                Map.of(
                        "output_proj.weight", new int[] {d, 2 * d},
                        "output_proj.bias", new int[] {d},
                        "layer_norm.weight", new int[] {d},
                        "layer_norm.bias", new int[] {d})));
        return m;
    }

    /** Random weights of plausible scale: A_log = log(1..16), D and norm weights near 1, the rest small. */
    private Map<String, Tensor> weights(String prefix, Map<String, int[]> shapes) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        shapes.forEach((key, shape) -> {
            Tensor t = Tensor.zeros(shape);
            float[] v = t.data();
            for (int i = 0; i < v.length; i++) {
                float u = random.nextFloat();
                v[i] = switch (key) {
                    case "A_log" -> (float) Math.log(1 + 15 * u);
                    case "D", "norm.weight", "layer_norm.weight" -> 0.5f + u;
                    default -> (u - 0.5f) * 0.6f;
                };
            }
            m.put(prefix + key, t);
        });
        return m;
    }

    private Tensor input(int b, int l, int d) {
        Tensor t = Tensor.zeros(b, l, d);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return t;
    }

    /** Saves the tensors as numpy.savez would a state dict (float32, or float64 as a torch.double export). */
    private Path save(String name, Map<String, Tensor> weights, boolean float64) throws IOException {
        Path file = dir.resolve(name);
        try (NpzWriter w = NpzWriter.create(file)) {
            for (var e : weights.entrySet()) {
                long[] shape = java.util.Arrays.stream(e.getValue().shape())
                        .asLongStream()
                        .toArray();
                float[] data = e.getValue().data();
                if (float64) {
                    double[] d = new double[data.length];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = data[i];
                    }
                    w.write(e.getKey(), NpyArray.of(d, shape));
                } else {
                    w.write(e.getKey(), NpyArray.of(data, shape));
                }
            }
        }
        return file;
    }
}
