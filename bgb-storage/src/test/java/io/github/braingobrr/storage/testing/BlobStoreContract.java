package io.github.braingobrr.storage.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobNotFoundException;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.ChecksumMismatchException;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.InvalidLocationException;
import io.github.braingobrr.storage.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link BlobStore} must have, run against each implementation (and reusable by other
 * modules for their decorators): listing by string prefix, stat, positional and tail reads, streams, atomic
 * writes from bytes, files and streams, expected-checksum refusal, deletes, not-found and bad-key errors.
 */
public abstract class BlobStoreContract {
    /** A scratch directory for the test. */
    @TempDir
    protected Path scratch;

    /** The store under test, fresh for each test. */
    protected BlobStore store;

    /** Creates an empty store for one test; {@link #scratch} is available. */
    protected abstract BlobStore createStore() throws Exception;

    /** Releases what {@link #createStore} started (the store itself is closed already). */
    protected void destroy() throws Exception {}

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void tearDownStore() throws Exception {
        try {
            store.close();
        } finally {
            destroy();
        }
    }

    /** Deterministic pseudo-random content. */
    protected static byte[] content(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void writtenBytesAreListedStattedAndReadBack() throws IOException {
        byte[] data = content(100_000, 1);
        BlobInfo w = store.write("train/a_windows.npz", data, WriteOptions.defaults());
        assertEquals(data.length, w.size());
        assertEquals(Crc32c.of(data), w.crc32c().orElseThrow());

        BlobInfo s = store.stat("train/a_windows.npz");
        assertEquals(data.length, s.size());
        assertEquals(List.of("train/a_windows.npz"), keys(store.list("")));
        try (InputStream in = store.openStream("train/a_windows.npz")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(Crc32c.of(data), store.checksum("train/a_windows.npz"));
    }

    @Test
    void positionalReadsReturnExactlyTheRequestedRanges() throws IOException {
        byte[] data = content(300_000, 2);
        store.write("x.bin", data, WriteOptions.defaults());
        Random r = new Random(3);
        try (InputFile f = store.open("x.bin")) {
            assertEquals(data.length, f.length());
            for (int i = 0; i < 20; i++) {
                int pos = r.nextInt(data.length);
                int len = r.nextInt(Math.min(50_000, data.length - pos) + 1);
                byte[] buf = new byte[len];
                f.readFully(pos, buf);
                assertArrayEquals(Arrays.copyOfRange(data, pos, pos + len), buf, "range at " + pos + " len " + len);
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(1000);
            f.readFully(data.length - 1000, direct);
            direct.flip();
            byte[] last = new byte[1000];
            direct.get(last);
            assertArrayEquals(Arrays.copyOfRange(data, data.length - 1000, data.length), last);
            assertArrayEquals(Arrays.copyOfRange(data, data.length - 22, data.length), f.readTail(22));
            assertArrayEquals(data, f.readTail(data.length + 10), "a tail longer than the blob is the blob");
            try (InputStream in = f.newStream()) {
                assertArrayEquals(data, in.readAllBytes());
            }
        }
    }

    @Test
    void readingPastTheEndFailsNamingOffsetAndLength() throws IOException {
        store.write("short.bin", content(100, 4), WriteOptions.defaults());
        try (InputFile f = store.open("short.bin")) {
            EOFException e = assertThrows(EOFException.class, () -> f.readFully(90, new byte[20]));
            assertTrue(e.getMessage().contains("offset 90") && e.getMessage().contains("100 bytes"), e.getMessage());
            assertTrue(e.getMessage().contains("short.bin"), e.getMessage());
            assertThrows(EOFException.class, () -> f.readFully(101, new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> f.readFully(-1, new byte[1]));
        }
    }

    @Test
    void concurrentPositionalReadsOnOneFileDoNotInterfere() throws Exception {
        byte[] data = content(200_000, 5);
        store.write("shared.bin", data, WriteOptions.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (InputFile f = store.open("shared.bin")) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 10; i++) {
                        int pos = r.nextInt(data.length - 4096);
                        byte[] buf = new byte[4096];
                        f.readFully(pos, buf);
                        if (!Arrays.equals(buf, Arrays.copyOfRange(data, pos, pos + 4096))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> ok : results) {
                assertTrue(ok.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writesFromFilesAndStreamsAndOverwritesReplaceTheWholeBlob() throws IOException {
        Path file = scratch.resolve("source.bin");
        byte[] first = content(70_000, 6);
        Files.write(file, first);
        assertEquals(
                first.length,
                store.write("d/f.bin", file, WriteOptions.defaults()).size());
        assertArrayEquals(first, readAll("d/f.bin"));

        byte[] second = content(1234, 7);
        store.write("d/f.bin", new ByteArrayInputStream(second), WriteOptions.defaults());
        assertArrayEquals(second, readAll("d/f.bin"));
        assertEquals(second.length, store.stat("d/f.bin").size());
    }

    @Test
    void emptyBlobsWork() throws IOException {
        store.write("empty", new byte[0], WriteOptions.defaults());
        assertEquals(0, store.stat("empty").size());
        try (InputFile f = store.open("empty")) {
            assertEquals(0, f.length());
            assertEquals(0, f.readTail(10).length);
        }
        assertEquals(0, readAll("empty").length);
    }

    @Test
    void aWriteWithTheWrongExpectedChecksumCommitsNothing() throws IOException {
        byte[] old = content(5000, 8);
        store.write("m.bin", old, WriteOptions.defaults());
        byte[] next = content(5000, 9);
        WriteOptions wrong = WriteOptions.defaults().withExpectedCrc32c(Crc32c.of(old));
        assertThrows(ChecksumMismatchException.class, () -> store.write("m.bin", next, wrong));
        assertThrows(
                ChecksumMismatchException.class,
                () -> store.write(
                        "m.bin",
                        new ByteArrayInputStream(next),
                        WriteOptions.defaults().withExpectedSize(1)));
        assertArrayEquals(old, readAll("m.bin"), "the old content must survive a refused write");
        assertEquals(List.of("m.bin"), keys(store.list("")), "no temporary or partial blob may appear");
        assertThrows(
                ChecksumMismatchException.class,
                () -> store.write("new.bin", next, WriteOptions.defaults().withExpectedCrc32c(new Crc32c(1))));
        assertFalse(store.exists("new.bin"));
    }

    @Test
    void listingUsesStringPrefixesAndIsSorted() throws IOException {
        for (String k : List.of("b/2", "a/b1", "a/b/c", "a/c", "a/b/d/e", "top")) {
            store.write(k, k.getBytes(), WriteOptions.defaults());
        }
        assertEquals(List.of("a/b/c", "a/b/d/e", "a/b1", "a/c", "b/2", "top"), keys(store.list("")));
        assertEquals(List.of("a/b/c", "a/b/d/e", "a/b1"), keys(store.list("a/b")));
        assertEquals(List.of("a/b/c", "a/b/d/e"), keys(store.list("a/b/")));
        assertEquals(List.of(), keys(store.list("nothing/here/")));
        assertEquals(
                List.of(5L, 7L, 4L),
                store.list("a/b").stream().map(BlobInfo::size).toList());
    }

    @Test
    void keysWithSpacesPlusSignsAndNonAsciiRoundTrip() throws IOException {
        String key = "train/patient 01+x/é_Ω windows=1.npz";
        byte[] data = content(3000, 10);
        store.write(key, data, WriteOptions.defaults());
        assertEquals(List.of(key), keys(store.list("train/patient 01+x/")));
        assertArrayEquals(data, readAll(key));
        try (InputFile f = store.open(key)) {
            assertArrayEquals(Arrays.copyOfRange(data, 10, 20), readRange(f, 10, 10));
        }
        store.delete(key);
        assertFalse(store.exists(key));
    }

    private static byte[] readRange(InputFile f, long position, int length) throws IOException {
        byte[] b = new byte[length];
        f.readFully(position, b);
        return b;
    }

    @Test
    void missingBlobsAreReportedByKey() throws IOException {
        assertTrue(store.find("no/such.npz").isEmpty());
        assertFalse(store.exists("no/such.npz"));
        BlobNotFoundException e = assertThrows(BlobNotFoundException.class, () -> store.stat("no/such.npz"));
        assertTrue(e.getMessage().contains("no/such.npz"), e.getMessage());
        assertTrue(e.location().toString().endsWith("no/such.npz"));
        assertThrows(BlobNotFoundException.class, () -> store.open("no/such.npz"));
        assertThrows(BlobNotFoundException.class, () -> store.openStream("no/such.npz"));
    }

    @Test
    void deletesRemoveBlobsAndPrefixes() throws IOException {
        for (String k : List.of("train/1", "train/2", "train/sub/3", "dev/1")) {
            store.write(k, new byte[] {1}, WriteOptions.defaults());
        }
        store.delete("train/1");
        store.delete("train/never-existed");
        assertFalse(store.exists("train/1"));
        assertEquals(2, store.deleteByPrefix("train/"));
        assertEquals(List.of("dev/1"), keys(store.list("")));
        assertEquals(0, store.deleteByPrefix("train/"));
    }

    @Test
    void keysThatLeaveTheRootAreRefused() {
        for (String bad : List.of("../etc/passwd", "/abs", "a//b", "a/./b", "a/", "", "a\\b")) {
            assertThrows(
                    InvalidLocationException.class,
                    () -> store.write(bad, new byte[1], WriteOptions.defaults()),
                    "key '" + bad + "'");
        }
        assertThrows(InvalidLocationException.class, () -> store.list("../"));
        assertThrows(InvalidLocationException.class, () -> store.deleteByPrefix("/"));
    }

    /** The whole content of {@code key}. */
    protected byte[] readAll(String key) throws IOException {
        try (InputStream in = store.openStream(key)) {
            return in.readAllBytes();
        }
    }

    /** The keys of a listing. */
    protected static List<String> keys(List<BlobInfo> blobs) {
        return blobs.stream().map(BlobInfo::key).toList();
    }
}
