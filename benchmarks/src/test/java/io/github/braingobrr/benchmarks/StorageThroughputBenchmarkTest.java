package io.github.braingobrr.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.npy.NpyReader;
import io.github.braingobrr.npy.NpzReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every StorageThroughputBenchmark operation reads real data: each window it returns is one of the data set's
 * windows, whole-file reads return the file's bytes, cold tiered reads reach S3 and warm ones do not.
 */
class StorageThroughputBenchmarkTest {
    private static final StorageThroughputBenchmark BENCH = new StorageThroughputBenchmark();
    private static StorageThroughputBenchmark.CacheFiles cache;
    private static StorageThroughputBenchmark.SsdTier ssd;
    private static StorageThroughputBenchmark.S3 s3;
    private static StorageThroughputBenchmark.Parallel parallel;
    private static StorageThroughputBenchmark.Tier tier;
    private static final Set<ByteBuffer> WINDOWS = new HashSet<>();

    @BeforeAll
    static void setUp() throws IOException {
        cache = new StorageThroughputBenchmark.CacheFiles();
        cache.write();
        ssd = new StorageThroughputBenchmark.SsdTier();
        ssd.populate(cache);
        s3 = new StorageThroughputBenchmark.S3();
        s3.latencyMs = 0;
        s3.bandwidthMBps = "unlimited";
        s3.upload(cache);
        parallel = new StorageThroughputBenchmark.Parallel();
        parallel.parallelism = 8;
        parallel.start();
        tier = new StorageThroughputBenchmark.Tier();
        tier.open(cache, s3);
        for (int f = 0; f < StorageThroughputBenchmark.FILES; f++) {
            try (NpzReader z = NpzReader.open(localFile(f));
                    NpyReader w = z.open("windows")) {
                for (int i = 0; i < StorageThroughputBenchmark.WINDOWS_PER_FILE; i++) {
                    ByteBuffer b = ByteBuffer.allocate(StorageThroughputBenchmark.WINDOW_BYTES);
                    w.readSlice(i, 1, b);
                    WINDOWS.add(b.flip());
                }
            }
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        tier.tiered.close();
        parallel.stop();
        s3.close();
        ssd.close();
        cache.delete();
    }

    private static Path localFile(int f) {
        return cache.dir.resolve("local").resolve(StorageThroughputBenchmark.key(f));
    }

    @Test
    void theDataSetHoldsDistinctWindowsOfTheStatedSize() throws IOException {
        assertEquals(StorageThroughputBenchmark.FILES * StorageThroughputBenchmark.WINDOWS_PER_FILE, WINDOWS.size());
        long size = Files.size(localFile(0));
        assertTrue(size > StorageThroughputBenchmark.FILE_ARRAY_BYTES, "file " + size);
        assertTrue(size < StorageThroughputBenchmark.FILE_ARRAY_BYTES + 1024, "headers under 1 KB: " + size);
    }

    @Test
    void everyWindowReadIsOneOfTheDataSetsWindows() throws IOException {
        for (int i = 0; i < 20; i++) {
            assertWindow(BENCH.localWindow(cache));
            assertWindow(BENCH.ssdWindow(cache, ssd));
            assertWindow(BENCH.tieredWarm(cache, tier));
        }
        for (ByteBuffer b : BENCH.s3Window(cache, s3, parallel)) {
            assertWindow(b);
        }
    }

    private static void assertWindow(ByteBuffer b) {
        assertEquals(StorageThroughputBenchmark.WINDOW_BYTES, b.position());
        ByteBuffer copy = ByteBuffer.allocate(b.position());
        copy.put(b.duplicate().flip()).flip();
        assertTrue(WINDOWS.contains(copy), "not a window of the data set");
    }

    @Test
    void wholeFileReadsReturnTheFilesBytes() throws IOException {
        assertFile(BENCH.localFile(cache));
        assertFile(BENCH.ssdFile(cache, ssd));
        assertFile(BENCH.s3File(cache, s3, parallel)); // eight ranged GETs of one eighth each
    }

    private static void assertFile(ByteBuffer read) throws IOException {
        byte[] expected = Files.readAllBytes(localFile(cache.next));
        byte[] actual = new byte[expected.length];
        read.duplicate().position(0).get(actual);
        assertTrue(java.util.Arrays.equals(expected, actual), "file " + cache.next + " read wrongly");
    }

    @Test
    void coldTieredReadsFetchFromS3AndWarmOnesDoNot() throws IOException {
        int before = s3.server.gets();
        assertWindow(BENCH.tieredWarm(cache, tier));
        assertEquals(before, s3.server.gets(), "a warm read reached S3");
        StorageThroughputBenchmark.Evicted evicted = new StorageThroughputBenchmark.Evicted();
        evicted.evict(tier);
        assertTrue(tier.tiered
                .fast()
                .verified(StorageThroughputBenchmark.key(evicted.file))
                .isEmpty());
        assertWindow(BENCH.tieredCold(cache, tier, evicted));
        assertTrue(s3.server.gets() > before, "the cold read did not reach S3");
        assertTrue(tier.tiered
                .fast()
                .verified(StorageThroughputBenchmark.key(evicted.file))
                .isPresent());
    }

    @Test
    void trialsFailWhenTheTierDidNotDoWhatTheyMeasure() {
        assertThrows(
                IllegalStateException.class,
                () -> StorageThroughputBenchmark.Tier.checkGets("x.StorageThroughputBenchmark.tieredWarm", 1));
        assertThrows(
                IllegalStateException.class,
                () -> StorageThroughputBenchmark.Tier.checkGets("x.StorageThroughputBenchmark.tieredCold", 0));
        StorageThroughputBenchmark.Tier.checkGets("x.StorageThroughputBenchmark.tieredWarm", 0);
        StorageThroughputBenchmark.Tier.checkGets("x.StorageThroughputBenchmark.tieredCold", 3);
    }

    @Test
    void bytesAndWindowsPerOperation() {
        assertEquals(
                8L * StorageThroughputBenchmark.WINDOW_BYTES,
                StorageThroughputBenchmark.bytesPerOperation("s3Window", 8));
        assertEquals(8, StorageThroughputBenchmark.windowsPerOperation("s3Window", 8));
        assertEquals(1, StorageThroughputBenchmark.windowsPerOperation("tieredCold", 1));
        assertEquals(
                StorageThroughputBenchmark.FILE_ARRAY_BYTES,
                StorageThroughputBenchmark.bytesPerOperation("tieredCold", 1));
        assertEquals(
                StorageThroughputBenchmark.WINDOW_BYTES, StorageThroughputBenchmark.bytesPerOperation("tieredWarm", 1));
        assertEquals(0, StorageThroughputBenchmark.windowsPerOperation("s3File", 32));
        assertEquals(
                StorageThroughputBenchmark.FILE_ARRAY_BYTES,
                StorageThroughputBenchmark.bytesPerOperation("s3File", 32));
        assertEquals(19 * 15360 * 4, StorageThroughputBenchmark.WINDOW_BYTES);
        assertEquals(55L * (19 * 15360 * 4 + 15360 * 4), StorageThroughputBenchmark.FILE_ARRAY_BYTES);
    }
}
