package io.github.braingobrr.mamba;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One case written by {@code src/test/python/make_reference.py}: a config, weights, an input and the
 * NumPy (float64, rounded to float32) expected output.
 */
record ReferenceCase(String name, Map<String, String> config, Map<String, Tensor> tensors) {

    static ReferenceCase load(String name) {
        String base = "reference/" + name;
        String index = new String(bytes(base + ".txt"), StandardCharsets.UTF_8);
        ByteBuffer bin = ByteBuffer.wrap(bytes(base + ".bin")).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String line : index.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split(" ");
            if (f[0].equals("config")) {
                config.put(f[1], f[2]);
                continue;
            }
            String[] dims = f[2].split(",");
            int[] shape = new int[f[2].isEmpty() ? 0 : dims.length];
            int n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Integer.parseInt(dims[i]);
                n *= shape[i];
            }
            float[] data = new float[n];
            bin.position(4 * Integer.parseInt(f[3]));
            bin.asFloatBuffer().get(data);
            tensors.put(f[1], Tensor.of(data, shape));
        }
        return new ReferenceCase(name, config, tensors);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = ReferenceCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int intConfig(String key) {
        return Integer.parseInt(config.get(key));
    }

    boolean boolConfig(String key) {
        return Boolean.parseBoolean(config.get(key));
    }

    Tensor input() {
        return tensors.get("input");
    }

    Tensor expected() {
        return tensors.get("expected");
    }

    /** The weights only (input and expected removed). */
    MambaWeights weights() {
        Map<String, Tensor> w = new LinkedHashMap<>(tensors);
        w.remove("input");
        w.remove("expected");
        return MambaWeights.of(w);
    }

    Mamba1Config mamba1Config() {
        return new Mamba1Config(
                intConfig("d_model"),
                intConfig("d_state"),
                intConfig("d_conv"),
                intConfig("expand"),
                intConfig("dt_rank"),
                boolConfig("bias"),
                boolConfig("conv_bias"));
    }

    Mamba2Config mamba2Config() {
        return new Mamba2Config(
                intConfig("d_model"),
                intConfig("d_state"),
                intConfig("d_conv"),
                intConfig("expand"),
                intConfig("headdim"),
                boolConfig("bias"),
                boolConfig("conv_bias"));
    }

    /** The module this case describes, loaded from its weights. */
    MambaModule module() {
        MambaWeights w = weights();
        switch (config.get("kind")) {
            case "mamba1":
                return Mamba1.load(mamba1Config(), w);
            case "mamba2":
                return Mamba2.load(mamba2Config(), w);
            case "bimamba2":
                return BiMamba2Layer.load(mamba2Config(), w);
            case "bimamba2_stack":
                return MambaStack.biMamba2(mamba2Config(), intConfig("layers"), w);
            case "mamba2_stack":
                Mamba2[] layers = new Mamba2[intConfig("layers")];
                for (int i = 0; i < layers.length; i++) {
                    layers[i] = Mamba2.load(mamba2Config(), w.scope("layers." + i + "."));
                }
                return MambaStack.of(java.util.List.of(layers));
            default:
                throw new IllegalStateException("unknown kind " + config.get("kind"));
        }
    }
}
