package io.github.braingobrr.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.ChecksumMismatchException;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.InsufficientSpaceException;
import io.github.braingobrr.storage.StorageUnavailableException;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.testing.CountingBlobStore;
import io.github.braingobrr.storage.testing.CountingBlobStore.Call;
import io.github.braingobrr.storage.testing.FailingBlobStore;
import io.github.braingobrr.storage.tiered.SsdVolume.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsdVolumeTest {
    @TempDir
    Path dir;

    private Path sourceDir;
    private Path volumeDir;
    private LocalBlobStore local;
    private CountingBlobStore source;

    @BeforeEach
    void source() throws IOException {
        sourceDir = dir.resolve("source");
        volumeDir = dir.resolve("ssd");
        local = LocalBlobStore.open(sourceDir);
        source = new CountingBlobStore(local);
    }

    private byte[] put(String key, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        local.write(key, b, io.github.braingobrr.storage.WriteOptions.defaults());
        return b;
    }

    private static byte[] read(InputFile f) throws IOException {
        byte[] b = new byte[(int) f.length()];
        f.readFully(0, b);
        return b;
    }

    /** Files under the volume directory, outside bgb's state directory. */
    private List<Path> dataFiles() throws IOException {
        try (Stream<Path> s = Files.walk(volumeDir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !volumeDir.relativize(p).startsWith(".bgb-tier"))
                    .toList();
        }
    }

    @Test
    void aPopulatedCopyIsVerifiedAndSurvivesARestartWithoutRefetching() throws IOException {
        byte[] data = put("train/a_windows.npz", 200_000, 1);
        try (SsdVolume v = SsdVolume.open(volumeDir, 1 << 20)) {
            SsdVolume.PopulateResult r = v.populate("train/a_windows.npz", source, Optional.empty());
            assertEquals(Outcome.FETCHED, r.outcome());
            assertTrue(r.sourceChecksummed(), "a local source is hashed, so the copy is checked by CRC32C");
            assertEquals(Crc32c.of(data), r.blob().crc32c().orElseThrow());
            assertEquals(1, source.count(Call.STREAM));
            assertEquals(data.length, v.usedBytes());
            assertArrayEquals(data, Files.readAllBytes(volumeDir.resolve("train/a_windows.npz")), "a plain file");
        }
        source.reset();
        try (SsdVolume v = SsdVolume.open(volumeDir, 1 << 20)) {
            assertEquals(data.length, v.usedBytes(), "the state survived the restart");
            assertEquals(
                    Outcome.PRESENT,
                    v.populate("train/a_windows.npz", source, Optional.empty()).outcome());
            try (InputFile f = v.openIfPresent("train/a_windows.npz").orElseThrow()) {
                assertArrayEquals(data, read(f));
            }
            assertEquals(
                    List.of("train/a_windows.npz"),
                    v.list("").stream().map(BlobInfo::key).toList());
        }
        assertEquals(0, source.total(), "nothing was asked of the source after the restart");
    }

    @Test
    void leftoversOfACrashNeverCountAndAreCleanedUp() throws IOException {
        byte[] data = put("train/b.npz", 50_000, 2);
        Files.createDirectories(volumeDir.resolve("train"));
        // a fetch killed before its rename, and one killed after the rename but before its entry was written
        Path temp = volumeDir.resolve("train/.b.npz.bgb-0123456789abcdef.tmp");
        Files.write(temp, new byte[1234]);
        Files.write(volumeDir.resolve("train/b.npz"), data);
        try (SsdVolume v = SsdVolume.open(volumeDir, 1 << 20)) {
            assertFalse(Files.exists(temp), "the temporary file was removed on open");
            assertTrue(v.verified("train/b.npz").isEmpty(), "a file without an entry is not a verified copy");
            assertTrue(v.list("").isEmpty());
            assertTrue(v.openIfPresent("train/b.npz").isEmpty());
            assertEquals(0, v.usedBytes());
            SsdVolume.PopulateResult r = v.populate("train/b.npz", source, Optional.empty());
            assertEquals(Outcome.ADOPTED, r.outcome(), "the complete file matches the source and is kept");
            assertEquals(0, source.count(Call.STREAM), "nothing was downloaded");
        }
    }

    @Test
    void aFetchThatBreaksLeavesNothingVisibleAndTheNextOneSucceeds() throws IOException {
        byte[] data = put("x.npz", 300_000, 3);
        FailingBlobStore flaky = new FailingBlobStore(local).breakStream("x.npz", 100_000, 1);
        try (SsdVolume v = SsdVolume.open(volumeDir, 1 << 20)) {
            assertThrows(StorageUnavailableException.class, () -> v.populate("x.npz", flaky, Optional.empty()));
            assertTrue(v.verified("x.npz").isEmpty());
            assertEquals(List.of(), dataFiles(), "no partial or temporary file remains");
            assertEquals(0, v.usedBytes());
            assertEquals(
                    Outcome.FETCHED,
                    v.populate("x.npz", flaky, Optional.empty()).outcome());
            try (InputFile f = v.open("x.npz")) {
                assertArrayEquals(data, read(f));
            }
        }
    }

    @Test
    void aProcessKilledMidFetchLeavesNoPartialCopy() throws Exception {
        byte[] data = put("big.npz", 2 << 20, 4);
        Path go = Files.createFile(dir.resolve("go"));
        Path log = dir.resolve("gets.log");
        Process child = VolumeChild.start(
                List.of(), sourceDir.toString(), volumeDir.toString(), "big.npz", go.toString(), log.toString(), "20");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(volumeDir)
                    || dataFiles().stream().noneMatch(p -> p.toString().endsWith(".tmp"))) {
                assertTrue(System.nanoTime() < deadline, "the child never started fetching");
                assertTrue(child.isAlive(), () -> "the child exited early: " + output(child));
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(dataFiles().stream().anyMatch(p -> p.toString().endsWith(".tmp")), "killed mid-fetch");
        try (SsdVolume v = SsdVolume.open(volumeDir, 1L << 30)) {
            assertTrue(v.verified("big.npz").isEmpty(), "the killed fetch does not count");
            assertEquals(List.of(), dataFiles(), "its temporary file was removed");
            assertEquals(
                    Outcome.FETCHED,
                    v.populate("big.npz", source, Optional.empty()).outcome());
            try (InputFile f = v.open("big.npz")) {
                assertArrayEquals(data, read(f));
            }
        }
    }

    @Test
    void twoProcessesPopulatingTheSameKeyFetchItOnce() throws Exception {
        byte[] data = put("shared.npz", 1 << 20, 5);
        Path go = dir.resolve("go");
        Path log = dir.resolve("gets.log");
        String[] args = {sourceDir.toString(), volumeDir.toString(), "shared.npz", go.toString(), log.toString(), "5"};
        Process a = VolumeChild.start(List.of(), args);
        Process b = VolumeChild.start(List.of(), args);
        Thread.sleep(300); // let both JVMs start and wait for the signal
        Files.createFile(go);
        assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS), "children finished");
        String outA = output(a);
        String outB = output(b);
        assertEquals(0, a.exitValue(), outA);
        assertEquals(0, b.exitValue(), outB);
        List<String> gets = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(1, gets.size(), "exactly one GET of the source: " + gets);
        assertTrue((outA + outB).contains("OUTCOME FETCHED") && (outA + outB).contains("OUTCOME PRESENT"), outA + outB);
        try (SsdVolume v = SsdVolume.open(volumeDir, 1 << 30)) {
            try (InputFile f = v.open("shared.npz")) {
                assertArrayEquals(data, read(f));
            }
        }
    }

    @Test
    void twoThreadsPopulatingTheSameKeyFetchItOnce() throws Exception {
        put("t.npz", 500_000, 6);
        FailingBlobStore slow = new FailingBlobStore(source).slowStreams(java.time.Duration.ofMillis(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SsdVolume v1 = SsdVolume.open(volumeDir, 1 << 20);
                SsdVolume v2 = SsdVolume.open(volumeDir, 1 << 20)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> results = Stream.of(v1, v2, v1, v2)
                    .map(v -> pool.submit(() -> {
                        start.await();
                        return v.populate("t.npz", slow, Optional.empty()).outcome();
                    }))
                    .toList();
            start.countDown();
            long fetched = 0;
            for (Future<Outcome> f : results) {
                fetched += f.get() == Outcome.FETCHED ? 1 : 0;
            }
            assertEquals(1, fetched);
            assertEquals(1, source.count(Call.STREAM));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBudgetEvictsLeastRecentlyUsedCopiesButNeverOpenOnes() throws IOException {
        for (String k : List.of("a", "b", "c", "d", "e")) {
            put(k, 1000, k.charAt(0));
        }
        try (SsdVolume v = SsdVolume.open(volumeDir, 3000)) {
            v.populate("a", source, Optional.empty());
            v.populate("b", source, Optional.empty());
            v.populate("c", source, Optional.empty());
            v.openIfPresent("a").orElseThrow().close(); // a is now more recent than b and c
            v.populate("d", source, Optional.empty());
            assertTrue(v.verified("b").isEmpty(), "b was least recently used");
            assertFalse(Files.exists(volumeDir.resolve("b")));
            assertEquals(3000, v.usedBytes());
            try (InputFile openC = v.openIfPresent("c").orElseThrow()) {
                v.openIfPresent("a").orElseThrow().close();
                v.openIfPresent("d").orElseThrow().close();
                // c is now the least recently used copy, but it is open, so e must evict a instead
                v.populate("e", source, Optional.empty());
                assertTrue(v.verified("c").isPresent(), "an open copy is never evicted");
                assertTrue(v.verified("a").isEmpty(), "the oldest copy that was not open went");
                assertTrue(v.verified("d").isPresent() && v.verified("e").isPresent());
                assertArrayEquals(read(local.open("c")), read(openC));
            }
            assertEquals(3000, v.usedBytes());
        }
    }

    @Test
    void aBlobLargerThanTheBudgetFailsBeforeAnyDownload() throws IOException {
        put("huge.npz", 5000, 7);
        try (SsdVolume v = SsdVolume.open(volumeDir, 4000)) {
            InsufficientSpaceException e = assertThrows(
                    InsufficientSpaceException.class, () -> v.populate("huge.npz", source, Optional.empty()));
            assertEquals(5000, e.needed());
            assertEquals(4000, e.available());
            assertTrue(e.getMessage().contains("5000 bytes") && e.getMessage().contains("4000 bytes"), e.getMessage());
            assertEquals(0, source.count(Call.STREAM));
        }
    }

    @Test
    void aFullDiskFailsBeforeAnyDownloadNamingFreeAndNeededSpace() throws IOException {
        put("n.npz", 10_000, 8);
        try (SsdVolume v = SsdVolume.open(volumeDir, 1 << 30, d -> 4096)) {
            InsufficientSpaceException e =
                    assertThrows(InsufficientSpaceException.class, () -> v.populate("n.npz", source, Optional.empty()));
            assertEquals(10_000, e.needed());
            assertEquals(4096, e.available());
            assertTrue(e.getMessage().contains("the disk holding " + volumeDir), e.getMessage());
            assertEquals(0, source.count(Call.STREAM));
            assertEquals(List.of(), dataFiles());
        }
    }

    @Test
    void aRealFullDiskDuringAFetchFailsCleanly() throws Exception {
        put("r.npz", 3 << 20, 9);
        Path mount = Files.createDirectories(dir.resolve("tmpfs"));
        Path go = Files.createFile(dir.resolve("go"));
        List<String> prefix = List.of(
                "unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs \"$0\" && exec \"$@\"", mount.toString());
        for (String probe : List.of("real-probe", "lying-probe")) {
            Process p;
            try {
                p = VolumeChild.start(
                        prefix,
                        sourceDir.toString(),
                        mount.resolve("ssd").toString(),
                        "r.npz",
                        go.toString(),
                        dir.resolve("log").toString(),
                        "0",
                        probe);
            } catch (IOException noUnshare) {
                Assumptions.abort("cannot run unshare to mount a small tmpfs: " + noUnshare.getMessage());
                return;
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = output(p);
            Assumptions.assumeFalse(
                    out.contains("mount:") || out.contains("unshare:") || out.contains("Operation not permitted"),
                    "a tmpfs cannot be mounted here (needs root or user namespaces): " + out.strip());
            assertEquals(0, p.exitValue(), out);
            // the upfront check sees the tmpfs' real free space; with a lying probe the write itself hits ENOSPC
            assertTrue(out.contains("NOSPACE needed=" + (3 << 20)), probe + ": " + out);
            assertTrue(out.contains("not enough space on the disk holding"), probe + ": " + out);
        }
    }

    @Test
    void aModifiedCopyIsDetectedOnOpenAndFetchedAgain() throws IOException {
        byte[] data = put("m.npz", 100_000, 10);
        try (SsdVolume v = SsdVolume.open(volumeDir, 1 << 20)) {
            v.populate("m.npz", source, Optional.empty());
            corrupt(volumeDir.resolve("m.npz"), 5000, false);
            assertTrue(v.openIfPresent("m.npz").isEmpty(), "the changed file was hashed again and dropped");
            assertEquals(
                    Outcome.FETCHED,
                    v.populate("m.npz", source, Optional.empty()).outcome());
            try (InputFile f = v.open("m.npz")) {
                assertArrayEquals(data, read(f));
            }
        }
    }

    @Test
    void silentCorruptionIsFoundByChecksumAndByAFullStream() throws IOException {
        byte[] data = put("s.npz", 100_000, 11);
        try (SsdVolume v = SsdVolume.open(volumeDir, 1 << 20)) {
            v.populate("s.npz", source, Optional.empty());
            corrupt(volumeDir.resolve("s.npz"), 777, true); // same size and modification time: bit rot
            assertTrue(v.verified("s.npz").isPresent(), "a cheap check cannot see it");
            Crc32c actual = v.checksum("s.npz");
            assertFalse(actual.equals(Crc32c.of(data)));
            assertTrue(v.verified("s.npz").isEmpty(), "the hash found it and dropped the copy");

            v.populate("s.npz", source, Optional.empty());
            corrupt(volumeDir.resolve("s.npz"), 99_999, true);
            try (InputStream in = v.openStream("s.npz")) {
                assertThrows(ChecksumMismatchException.class, in::readAllBytes);
            }
            assertTrue(v.verified("s.npz").isEmpty(), "a stream that found corruption dropped the copy");
        }
    }

    private static void corrupt(Path file, long offset, boolean keepModificationTime) throws IOException {
        FileTime before = Files.getLastModifiedTime(file);
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            ch.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            ch.write(one, offset);
        }
        if (keepModificationTime) {
            Files.setLastModifiedTime(file, before);
        } else {
            Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
        }
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
