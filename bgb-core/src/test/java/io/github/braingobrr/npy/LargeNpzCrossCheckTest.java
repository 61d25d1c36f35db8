package io.github.braingobrr.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A STORED member larger than 4 GiB, streamed one (19, 15360) window at a time, followed by a member whose
 * offset is beyond 4 GiB: zip64 sizes and offsets in the central directory and a zip64 end record. Read
 * back here (mapped in several buffers, window reads, CRC) and, when available, by NumPy. Slow and needs
 * about 4.4 GB of disk, so it runs only with {@code -Dbgb.largeNpz=true}.
 */
@EnabledIfSystemProperty(named = "bgb.largeNpz", matches = "true")
class LargeNpzCrossCheckTest {
    private static final Logger LOG = LoggerFactory.getLogger(LargeNpzCrossCheckTest.class);
    private static final int N = 3700; // 3700 * 19 * 15360 * 4 bytes = 4.32 GB > 4 GiB
    private static final int WINDOW = 19 * 15360;

    @TempDir
    Path dir;

    private static void fill(float[] w, int i) {
        for (int j = 0; j < w.length; j++) {
            w[j] = (float) i + (float) j * 1e-3f;
        }
    }

    @Test
    void storedMemberOver4GiBFromAStream() throws Exception {
        Path p = dir.resolve("big_windows.npz");
        long t0 = System.nanoTime();
        try (NpzWriter w = NpzWriter.create(p)) {
            try (NpyArrayWriter m =
                    w.member("windows", NpyHeader.of(NpyDtype.FLOAT32, N, 19, 15360), NpzCompression.STORED)) {
                float[] win = new float[WINDOW];
                for (int i = 0; i < N; i++) {
                    fill(win, i);
                    m.write(win);
                }
            }
            try (NpyArrayWriter m =
                    w.member("labels", NpyHeader.of(NpyDtype.FLOAT32, N, 15360), NpzCompression.STORED)) {
                for (int i = 0; i < N; i++) {
                    float[] l = new float[15360];
                    l[i % 15360] = 1;
                    m.write(l);
                }
            }
        }
        double writeS = (System.nanoTime() - t0) / 1e9;
        long size = Files.size(p);
        LOG.info(
                "wrote {} bytes in {} s ({} MB/s, including fsync)",
                size,
                String.format("%.1f", writeS),
                String.format("%.0f", size / writeS / 1e6));
        assertTrue(size > 4L * 1024 * 1024 * 1024);

        long t1 = System.nanoTime();
        try (NpzReader r = NpzReader.open(p)) {
            NpzEntry windows = r.entry("windows");
            NpzEntry labels = r.entry("labels");
            assertEquals(128 + (long) N * WINDOW * 4, windows.size());
            assertTrue(labels.offset() > 4L * 1024 * 1024 * 1024, "labels start beyond 4 GiB: " + labels.offset());
            float[] want = new float[WINDOW];
            float[] got = new float[WINDOW];
            try (NpyReader wr = r.open("windows")) {
                for (int i : new int[] {0, 1, N / 2, N - 1}) {
                    wr.readFloats(i, 1, got, 0);
                    fill(want, i);
                    assertArrayEquals(want, got, "window " + i);
                }
            }
            NpyArray mapped = r.map("windows");
            assertEquals(5, mapped.buffers().size(), "4.3 GB mapped as 1 GiB buffers");
            assertEquals((float) (N - 1) + (float) (WINDOW - 1) * 1e-3f, mapped.getFloat(N - 1, 18, 15359));
            assertEquals(1f, r.read("labels").getFloat(N - 1, (N - 1) % 15360));
            long t2 = System.nanoTime();
            r.verify();
            LOG.info(
                    "our reader: checks {} s, CRC-32 of 4.3 GB {} s",
                    String.format("%.1f", (t2 - t1) / 1e9),
                    String.format("%.1f", (System.nanoTime() - t2) / 1e9));
        }

        PythonNumpy.assumeAvailable();
        long t3 = System.nanoTime();
        PythonNumpy.Result res = PythonNumpy.run(dir, 900, "large", p.toString(), Integer.toString(N));
        LOG.info(
                "numpy.load of the archive: {} s; {}",
                String.format("%.1f", (System.nanoTime() - t3) / 1e9),
                res.lines());
        assertEquals(List.of(), res.failures());
        assertEquals(0, res.status());
        assertEquals(1, res.oks());
    }
}
