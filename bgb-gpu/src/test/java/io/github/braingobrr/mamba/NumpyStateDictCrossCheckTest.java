package io.github.braingobrr.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BiMamba2 state dict written by NumPy itself ({@code numpy.savez} and {@code numpy.savez_compressed};
 * float32, float16, float64, big-endian and Fortran-order members) loads as the values the script wrote.
 * Skipped with a message where {@code python3} with NumPy is absent: the build never needs Python.
 */
class NumpyStateDictCrossCheckTest {
    private static final Logger LOG = LoggerFactory.getLogger(NumpyStateDictCrossCheckTest.class);
    private static final Mamba2Config SMALL = new Mamba2Config(16, 8, 4, 2, 4, false, true);
    private static final String PREFIX = "node_mamba.layers.0.";
    private static final List<String> KINDS = List.of("f4", "f2", "f8", "be", "fortran");

    /** Writes every array of the spec file (key, kind, shape per line) with element i = ((37 i mod 101) - 50) / 32. */
    private static final String SCRIPT = """
            import sys
            import numpy as np
            spec, out = sys.argv[1], sys.argv[2]
            arrays = {}
            for line in open(spec):
                key, kind, dims = line.split()
                shape = tuple(int(d) for d in dims.split(","))
                i = np.arange(int(np.prod(shape)), dtype=np.int64)
                a = ((((i * 37) % 101) - 50) / 32.0).reshape(shape)
                if kind == "f2":
                    a = a.astype(np.float16)
                elif kind == "f8":
                    a = a.astype(np.float64)
                elif kind == "be":
                    a = a.astype(">f4")
                elif kind == "fortran":
                    a = np.asfortranarray(a.astype(np.float32))
                else:
                    a = a.astype(np.float32)
                arrays[key] = a
            np.savez(out + "/stored.npz", **arrays)
            np.savez_compressed(out + "/deflated.npz", **arrays)
            """;

    @TempDir
    Path dir;

    @Test
    void aStateDictWrittenByNumpyLoads() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Python.has("numpy"), "python3 with NumPy not found: NumPy cross-check skipped");
        Map<String, int[]> shapes = new TreeMap<>();
        RandomWeights.biMamba2(SMALL, new Random(0)).forEach((k, v) -> shapes.put(PREFIX + k, v.shape()));
        shapes.put(PREFIX + "forward_mamba_fallback.weight", new int[] {16, 1, 4});
        shapes.put(PREFIX + "forward_mamba_fallback.bias", new int[] {16});
        List<String> spec = new ArrayList<>();
        Map<String, Tensor> expected = new TreeMap<>();
        int n = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            String dims = IntStream.of(e.getValue()).mapToObj(Integer::toString).collect(Collectors.joining(","));
            spec.add(e.getKey() + " " + KINDS.get(n++ % KINDS.size()) + " " + dims);
            expected.put(e.getKey(), formula(e.getValue()));
        }
        Path specFile = Files.write(dir.resolve("spec.txt"), spec);
        Path script = Files.writeString(dir.resolve("write_state_dict.py"), SCRIPT);
        Process p = new ProcessBuilder("python3", script.toString(), specFile.toString(), dir.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), log);

        MambaWeights reference = MambaWeights.of(expected).scope(PREFIX);
        BiMamba2Layer referenceLayer = BiMamba2Layer.load(SMALL, reference);
        Tensor x = RandomWeights.input(new Random(1), 2, 13, SMALL.dModel());
        try (MambaBackend cpu = Device.cpu(1)) {
            Tensor y = cpu.forward(referenceLayer, x);
            for (String name : List.of("stored.npz", "deflated.npz")) {
                MambaWeights w = MambaWeights.read(dir.resolve(name), PREFIX);
                assertEquals(reference.tensors(), w.tensors(), name);
                assertArrayEquals(
                        y.data(), cpu.forward(BiMamba2Layer.load(SMALL, w), x).data(), name);
            }
        }
        LOG.info("NumPy-written state dicts ({} arrays, {}) load", shapes.size(), KINDS);
    }

    /** The script's values: element {@code i} in C order is {@code ((37 i mod 101) - 50) / 32}, exact in float16. */
    private static Tensor formula(int[] shape) {
        Tensor t = Tensor.zeros(shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 37L % 101) - 50) / 32f;
        }
        return t;
    }
}
