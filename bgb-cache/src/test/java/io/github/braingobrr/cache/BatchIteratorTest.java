package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpzWriter;
import io.github.braingobrr.storage.local.LocalBlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Batches: the windows asked for, in order, whatever the batch size, prefetch, parallelism and open-file bound. */
class BatchIteratorTest {
    private static final int FILES = 5;
    private static final int N = 7;
    private static final int C = 2;
    private static final int W = 16;

    private static final List<float[]> DATA = new ArrayList<>();
    private static final List<WindowRef> ALL = new ArrayList<>();
    /** Shared by the JUnit and jqwik engines, which do not share JUnit's lifecycle, so made on first use. */
    private static Path dir;

    private static synchronized Path fixture() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("bgb-batch-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var all = Files.walk(dir)) {
                    for (Path p :
                            all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }));
            write(dir);
        }
        return dir;
    }

    private static void write(Path root) throws IOException {
        Path train = Files.createDirectories(root.resolve("train"));
        Random r = new Random(3);
        for (int f = 0; f < FILES; f++) {
            float[] w = new float[N * C * W];
            float[] l = new float[N * W];
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextFloat();
            }
            for (int i = 0; i < l.length; i++) {
                l[i] = r.nextBoolean() ? 1 : 0;
            }
            DATA.add(w);
            DATA.add(l);
            String name = "f" + f + "_windows.npz";
            try (NpzWriter npz = NpzWriter.create(train.resolve(name))) {
                npz.write("windows", NpyArray.of(w, N, C, W));
                npz.write("labels", NpyArray.of(l, N, W));
            }
            for (int i = 0; i < N; i++) {
                ALL.add(new WindowRef(name, i));
            }
        }
    }

    private static CacheSplit split() throws IOException {
        return new Cache(LocalBlobStore.open(fixture()), true, new Env(n -> null)).split("train");
    }

    private static void assertBatchHolds(Batch b, List<WindowRef> refs) {
        assertEquals(refs, b.windows());
        for (int k = 0; k < refs.size(); k++) {
            int f = Integer.parseInt(refs.get(k).cacheFile().substring(1, 2));
            int i = refs.get(k).windowIdx();
            float[] w = DATA.get(2 * f);
            float[] l = DATA.get(2 * f + 1);
            for (int c = 0; c < C; c++) {
                for (int t = 0; t < W; t++) {
                    assertEquals(w[(i * C + c) * W + t], b.signal(k, c, t));
                }
            }
            float[] labels = new float[W];
            System.arraycopy(l, i * W, labels, 0, W);
            assertArrayEquals(labels, b.labels(k));
        }
    }

    @Property(tries = 25)
    void everyWindowComesInOrderWhateverTheSettings(
            @ForAll @IntRange(min = 1, max = 12) int batch,
            @ForAll @IntRange(min = 0, max = 3) int prefetch,
            @ForAll @IntRange(min = 1, max = 6) int parallelism,
            @ForAll @IntRange(min = 1, max = 6) int openFiles,
            @ForAll long seed)
            throws IOException {
        CacheSplit split = split();
        List<WindowRef> refs = new ArrayList<>(ALL);
        Collections.shuffle(refs, new Random(seed));
        try (BatchIterator it = split.batches(refs)
                .batchSize(batch)
                .prefetch(prefetch)
                .parallelism(parallelism)
                .maxOpenFiles(openFiles)
                .open()) {
            assertEquals((refs.size() + batch - 1) / batch, it.batchCount());
            int from = 0;
            while (it.hasNext()) {
                Batch b = it.next();
                int n = Math.min(batch, refs.size() - from);
                assertEquals(n, b.size());
                assertBatchHolds(b, refs.subList(from, from + n));
                from += n;
            }
            assertEquals(refs.size(), from);
            assertEquals(refs.size(), it.stats().windows());
            assertEquals(4L * refs.size() * (C + 1) * W, it.stats().bytes());
            assertNull(it.nextBatch());
        }
    }

    @Test
    void aForEachLoopReadsEverythingAndClosesItself() throws IOException {
        int seen = 0;
        CacheSplit s = split();
        for (Batch b : s.batches(ALL).batchSize(10)) {
            seen += b.size();
        }
        assertEquals(ALL.size(), seen);
    }

    @Test
    void aMissingFileSurfacesAsAnIoErrorNamingIt() throws IOException {
        CacheSplit s = split();
        List<WindowRef> refs = List.of(ALL.get(0), new WindowRef("gone_windows.npz", 0));
        try (BatchIterator it = s.batches(refs).batchSize(1).prefetch(0).open()) {
            assertEquals(1, it.nextBatch().size());
            IOException e = assertThrows(IOException.class, it::nextBatch);
            assertTrue(e.getMessage().contains("gone_windows.npz"), e.getMessage());
            assertFalse(it.hasNext(), "an iterator stops after an error");
        }
        try (BatchIterator it =
                split().batches(List.of(new WindowRef("f0_windows.npz", N))).open()) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, it::next);
            assertTrue(e.getCause() instanceof CacheFormatException, e.toString());
        }
    }

    @Test
    void noWindowsNoBatches() throws IOException {
        try (BatchIterator it = split().batches(List.of()).open()) {
            assertFalse(it.hasNext());
            assertEquals(0, it.batchCount());
        }
    }

    @Test
    void badSettingsAreRefused() throws IOException {
        CacheSplit s = split();
        assertThrows(IllegalArgumentException.class, () -> s.batches(ALL).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> s.batches(ALL).prefetch(-1));
        assertThrows(IllegalArgumentException.class, () -> s.batches(ALL).parallelism(0));
        assertThrows(IllegalArgumentException.class, () -> s.batches(ALL).maxOpenFiles(0));
    }
}
