package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzWriter;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.testdata.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading cache files the Python system wrote, and refusing files that are not cache files, with clear errors. */
class WindowReaderTest {
    private static final int C = 3;
    private static final int W = 8;

    @TempDir
    Path dir;

    private Path train;

    @BeforeEach
    void folders() throws IOException {
        train = Files.createDirectories(dir.resolve("train"));
    }

    private Cache cache() throws IOException {
        return new Cache(LocalBlobStore.open(dir), true, new Env(name -> null));
    }

    /** What {@code np.savez_compressed(windows=..., labels=...)} writes: two DEFLATED float32 members, nothing else. */
    private static void seedFile(Path file, float[] windows, float[] labels, int n, boolean withLabels)
            throws IOException {
        try (NpzWriter w = NpzWriter.create(file)) {
            w.write("windows", NpyArray.of(windows, n, C, W), NpzCompression.DEFLATED);
            if (withLabels) {
                w.write("labels", NpyArray.of(labels, n, W), NpzCompression.DEFLATED);
            }
        }
    }

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.5f - 3;
        }
        return x;
    }

    @Test
    void aCacheThePythonSystemBuiltIsReadScannedAndIndexed() throws IOException {
        // labels per window: none / 3 of 8 / all 8 -> no, partial, full
        float[] labels = new float[3 * W];
        for (int i = W; i < W + 3; i++) {
            labels[i] = 1;
        }
        for (int i = 2 * W; i < 3 * W; i++) {
            labels[i] = 1;
        }
        seedFile(train.resolve("aaaaaaaa_s001_t000_windows.npz"), ramp(3 * C * W), labels, 3, true);
        seedFile(train.resolve("aaaaaaab_s001_t000_windows.npz"), ramp(C * W), new float[W], 1, true);
        Files.writeString(
                train.resolve("manifest.json"),
                "{\"partial_seizure\": [{\"cache_file\": \"aaaaaaaa_s001_t000_windows.npz\", \"window_idx\": 1}],"
                        + " \"full_seizure\": [{\"cache_file\": \"aaaaaaaa_s001_t000_windows.npz\", \"window_idx\": 2}],"
                        + " \"no_seizure\": [{\"cache_file\": \"aaaaaaaa_s001_t000_windows.npz\", \"window_idx\": 0},"
                        + " {\"cache_file\": \"aaaaaaab_s001_t000_windows.npz\", \"window_idx\": 0}]}");
        try (Cache c = cache()) {
            Manifest seed = c.split("train").readManifest().orElseThrow();
            assertTrue(seed.isSeedFormat());
            assertEquals(new CategoryCounts(2, 1, 1), seed.counts());
            ValidationReport r = c.split("train").validate();
            assertEquals(1, r.problems(CacheProblem.Kind.NO_METADATA).size(), r.summary());
            assertEquals(1, r.problems(CacheProblem.Kind.NO_INDEX).size(), r.summary());
            Manifest m = c.split("train").manifest(); // the index is written, the rest stays as the Python code has it
            assertEquals(
                    List.of(WindowCategory.NO_SEIZURE, WindowCategory.PARTIAL_SEIZURE, WindowCategory.FULL_SEIZURE),
                    m.file("aaaaaaaa_s001_t000_windows.npz").orElseThrow().categories());
            assertTrue(Files.exists(train.resolve("_dataset_index.json")));
            assertTrue(
                    c.split("train").validate().isValid(),
                    c.split("train").validate().summary());
            try (WindowReader reader = c.split("train").open("aaaaaaaa_s001_t000_windows.npz")) {
                assertEquals(CacheLayout.WINDOWS, reader.layout());
                float[][] w2 = reader.readSignals(2);
                float[] all = ramp(3 * C * W);
                for (int ch = 0; ch < C; ch++) {
                    float[] want = new float[W];
                    System.arraycopy(all, (2 * C + ch) * W, want, 0, W);
                    assertArrayEquals(want, w2[ch]);
                }
                float[] l2 = new float[W];
                java.util.Arrays.fill(l2, 1);
                assertArrayEquals(l2, reader.readLabels(2));
            }
        }
    }

    @Test
    void aFileWithoutLabelsIsLeftOutOfTheManifestNotCountedAsBackground() throws IOException {
        seedFile(train.resolve("aaaaaaaa_s001_t000_windows.npz"), ramp(2 * C * W), new float[2 * W], 2, true);
        seedFile(train.resolve("aaaaaaac_s001_t000_windows.npz"), ramp(2 * C * W), null, 2, false);
        try (Cache c = cache()) {
            CacheInvalidException e = assertThrows(
                    CacheInvalidException.class, () -> c.split("train").manifest());
            assertTrue(e.getMessage().contains("aaaaaaac_s001_t000_windows.npz"), e.getMessage());
            assertTrue(e.getMessage().contains("background"), e.getMessage());
            assertFalse(Files.exists(train.resolve("manifest.json")), "nothing written when the data is not sound");
            Manifest scanned = c.split("train").scan(); // an explicit scan writes what it can and logs the rest
            assertEquals(
                    List.of("aaaaaaaa_s001_t000_windows.npz"),
                    scanned.files().stream().map(Manifest.FileEntry::cacheFile).toList());
            try (WindowReader r = c.split("train").open("aaaaaaac_s001_t000_windows.npz")) {
                assertFalse(r.hasLabels());
                assertArrayEquals(new float[W], r.readLabels(1), "labels read as zeros");
            }
        }
    }

    @Test
    void filesThatAreNotCacheFilesAreRefusedNamingTheFile() throws IOException {
        Files.writeString(train.resolve("text_windows.npz"), "not a zip", StandardCharsets.US_ASCII);
        try (NpzWriter w = NpzWriter.create(train.resolve("other_windows.npz"))) {
            w.write("x", NpyArray.of(new float[] {1, 2}));
        }
        try (NpzWriter w = NpzWriter.create(train.resolve("f64_windows.npz"))) {
            w.write("windows", NpyArray.of(new double[C * W], 1, C, W));
        }
        try (NpzWriter w = NpzWriter.create(train.resolve("shape_windows.npz"))) {
            w.write("windows", NpyArray.of(new float[2 * C * W], 2, C, W));
            w.write("labels", NpyArray.of(new float[2 * (W - 1)], 2, W - 1));
        }
        seedFile(train.resolve("good_windows.npz"), ramp(2 * C * W), new float[2 * W], 2, true);
        byte[] good = Files.readAllBytes(train.resolve("good_windows.npz"));
        Files.write(train.resolve("cut_windows.npz"), java.util.Arrays.copyOf(good, good.length / 2));
        try (Cache c = cache()) {
            for (String[] t : new String[][] {
                {"text_windows.npz", "not a readable cache file"},
                {"other_windows.npz", "neither a 'windows' member"},
                {"f64_windows.npz", "float32"},
                {"shape_windows.npz", "(2, 7)"},
                {"cut_windows.npz", "not a readable cache file"}
            }) {
                CacheFormatException e = assertThrows(
                        CacheFormatException.class,
                        () -> c.split("train").open(t[0]).close());
                assertTrue(e.getMessage().contains(t[0]), e.getMessage());
                assertTrue(e.getMessage().contains(t[1]), e.getMessage());
            }
            try (WindowReader r = c.split("train").open("good_windows.npz")) {
                CacheFormatException e = assertThrows(CacheFormatException.class, () -> r.readSignals(2));
                assertTrue(e.getMessage().contains("no window 2"), e.getMessage());
                assertThrows(CacheFormatException.class, () -> r.readLabels(-1));
                assertThrows(IllegalArgumentException.class, () -> r.read(0, new float[3], 0, null, 0));
            }
            ValidationReport v = c.validator().headers(true).validate("train");
            assertFalse(v.isValid());
            assertEquals(1, v.problems(CacheProblem.Kind.NO_MANIFEST).size(), v.summary());
        }
    }

    @Test
    void filesNumpyItselfWroteAreRead() throws Exception {
        Assumptions.assumeTrue(
                Python.has("numpy"), "python3 with NumPy is not available; skipping the NumPy-written file");
        Path file = train.resolve("np_windows.npz");
        Process p = new ProcessBuilder(
                        "python3",
                        "-c",
                        "import numpy as np, sys\n"
                                + "w = np.arange(2*3*8, dtype=np.float32).reshape(2, 3, 8) / 7\n"
                                + "l = np.zeros((2, 8), dtype=np.float32); l[1, :5] = 1\n"
                                + "np.savez_compressed(sys.argv[1], windows=w, labels=l)\n",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        try (Cache c = cache();
                WindowReader r = c.split("train").open("np_windows.npz")) {
            assertEquals(2, r.windowCount());
            float[][] w1 = r.readSignals(1);
            for (int ch = 0; ch < C; ch++) {
                for (int t = 0; t < W; t++) {
                    assertEquals((float) ((1 * C + ch) * W + t) / 7f, w1[ch][t], 1e-6);
                }
            }
            assertEquals(List.of(WindowCategory.NO_SEIZURE, WindowCategory.PARTIAL_SEIZURE), r.categories(0.99));
        }
    }

    @Test
    void concurrentReadsOfOneFileAgree() throws Exception {
        int n = 64;
        float[] all = new float[n * C * W];
        Random rnd = new Random(9);
        for (int i = 0; i < all.length; i++) {
            all[i] = rnd.nextFloat();
        }
        try (NpzWriter w = NpzWriter.create(train.resolve("many_windows.npz"))) {
            w.write("windows", NpyArray.of(all, n, C, W));
            w.write("labels", NpyArray.of(new float[n * W], n, W));
        }
        try (Cache c = cache();
                WindowReader r = c.split("train").open("many_windows.npz")) {
            List<Thread> threads = new java.util.ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (int t = 0; t < 4; t++) {
                int offset = t;
                threads.add(new Thread(() -> {
                    try {
                        float[] buf = new float[C * W];
                        for (int k = 0; k < 200; k++) {
                            int i = (k * 7 + offset) % n;
                            r.read(i, buf, 0, null, 0);
                            float[] want = java.util.Arrays.copyOfRange(all, i * C * W, (i + 1) * C * W);
                            assertArrayEquals(want, buf);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), errors);
        }
    }
}
