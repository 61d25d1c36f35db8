package io.github.braingobrr.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.storage.BlobNotFoundException;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.WriteOptions;
import io.github.braingobrr.storage.testing.CountingBlobStore;
import io.github.braingobrr.storage.testing.LoopbackProxy;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.storage.transfer.Transfers;
import io.github.braingobrr.storage.transfer.VerifyReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-through tiering over a real S3 API, proved by counting what reaches S3. */
class TieredBlobStoreTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final int WINDOW = 19 * 15360 * 4;
    private static S3ProxyServer server;

    @TempDir
    Path dir;

    private BlobStore s3;
    private CountingBlobStore slow;
    private byte[] npz;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.startTransient();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        String bucket = "tiered-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
        s3 = BlobStores.open(server.location(bucket, "cache/tusz"), server.options());
        slow = new CountingBlobStore(s3);
        npz = new byte[4 * WINDOW + 100];
        new Random(1).nextBytes(npz);
        s3.write("train/a_windows.npz", npz, WriteOptions.defaults());
        server.resetCounts();
    }

    @AfterEach
    void tearDown() throws IOException {
        s3.close();
    }

    private TieredBlobStore tiered(TierPolicy policy, long capacity) throws IOException {
        return new TieredBlobStore(SsdVolume.open(dir.resolve("ssd"), capacity), slow, policy);
    }

    private byte[] window(InputFile f, int i) throws IOException {
        byte[] w = new byte[WINDOW];
        f.readFully(100 + (long) i * WINDOW, w);
        return w;
    }

    private byte[] expectedWindow(int i) {
        return Arrays.copyOfRange(npz, 100 + i * WINDOW, 100 + (i + 1) * WINDOW);
    }

    @Test
    void theSecondReadIssuesNoGet() throws IOException {
        try (TieredBlobStore t = tiered(TierPolicy.FAST_FIRST, 64 << 20)) {
            try (InputFile f = t.open("train/a_windows.npz")) {
                assertArrayEquals(expectedWindow(2), window(f, 2));
            }
            assertEquals(1, server.gets(), "the miss fetched the object once");
            assertEquals(1, server.heads(), "and asked for its size and checksum once");
            server.resetCounts();
            slow.reset();

            for (int round = 0; round < 3; round++) {
                try (InputFile f = t.open("train/a_windows.npz")) {
                    for (int i = 0; i < 4; i++) {
                        assertArrayEquals(expectedWindow(i), window(f, i));
                    }
                    assertArrayEquals(Arrays.copyOfRange(npz, npz.length - 22, npz.length), f.readTail(22));
                }
                try (InputStream in = t.openStream("train/a_windows.npz")) {
                    assertArrayEquals(npz, in.readAllBytes());
                }
            }
            assertEquals(0, server.gets(), "no GET reached S3");
            assertEquals(0, server.heads(), "no HEAD reached S3");
            assertEquals(0, slow.total(), "no call of any kind reached the slow store");
        }
    }

    @Test
    void aNewProcessReusesTheVerifiedCopy() throws IOException {
        try (TieredBlobStore t = tiered(TierPolicy.FAST_FIRST, 64 << 20)) {
            t.open("train/a_windows.npz").close();
        }
        server.resetCounts();
        try (TieredBlobStore t = tiered(TierPolicy.FAST_FIRST, 64 << 20);
                InputFile f = t.open("train/a_windows.npz")) {
            assertArrayEquals(expectedWindow(3), window(f, 3));
        }
        assertEquals(0, server.gets() + server.heads(), "reopening the SSD tier fetched nothing");
    }

    @Test
    void slowFirstChecksTheAuthoritativeCopyWithAHeadAndRefreshesAChangedOne() throws IOException {
        try (TieredBlobStore t = tiered(TierPolicy.SLOW_FIRST, 64 << 20)) {
            t.open("train/a_windows.npz").close();
            server.resetCounts();
            try (InputFile f = t.open("train/a_windows.npz")) {
                assertArrayEquals(expectedWindow(1), window(f, 1));
            }
            assertEquals(1, server.heads(), "one HEAD to compare size and checksum");
            assertEquals(0, server.gets(), "no GET while the copy is current");

            byte[] changed = npz.clone();
            changed[100 + WINDOW] ^= 1;
            s3.write("train/a_windows.npz", changed, WriteOptions.defaults());
            server.resetCounts();
            try (InputFile f = t.open("train/a_windows.npz")) {
                byte[] w = window(f, 1);
                assertEquals(changed[100 + WINDOW], w[0], "the refreshed copy has the new content");
            }
            assertEquals(1, server.gets(), "the changed object was fetched once");
        }
    }

    @Test
    void slowFirstServesTheVerifiedCopyWhenS3CannotBeReached() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.start(server.port());
                BlobStore viaProxy = BlobStores.open(
                        s3.root(), S3ProxyServer.options(proxy.endpoint()).withMaxAttempts(1));
                TieredBlobStore t = new TieredBlobStore(
                        SsdVolume.open(dir.resolve("ssd"), 64 << 20), viaProxy, TierPolicy.SLOW_FIRST)) {
            t.open("train/a_windows.npz").close();
            proxy.refuse(true);
            try (InputFile f = t.open("train/a_windows.npz")) {
                assertArrayEquals(expectedWindow(0), window(f, 0));
            }
            assertThrows(IOException.class, () -> t.open("train/never-fetched.npz"), "nothing to fall back on");
        }
    }

    @Test
    void slowFirstForgetsACopyThatS3NoLongerHas() throws IOException {
        try (TieredBlobStore t = tiered(TierPolicy.SLOW_FIRST, 64 << 20)) {
            t.open("train/a_windows.npz").close();
            s3.delete("train/a_windows.npz");
            assertThrows(BlobNotFoundException.class, () -> t.open("train/a_windows.npz"));
            assertTrue(t.fast().verified("train/a_windows.npz").isEmpty());
        }
    }

    @Test
    void aBlobThatDoesNotFitTheTierIsReadStraightFromS3() throws IOException {
        try (TieredBlobStore t = tiered(TierPolicy.FAST_FIRST, 1000)) {
            try (InputFile f = t.open("train/a_windows.npz")) {
                assertArrayEquals(expectedWindow(2), window(f, 2));
            }
            assertTrue(t.fast().list("").isEmpty());
            assertEquals(0, t.fast().usedBytes());
        }
    }

    @Test
    void aCorruptedSsdByteIsReportedByVerifyAndRefetchedByTheNextRead() throws IOException {
        try (TieredBlobStore t = tiered(TierPolicy.FAST_FIRST, 64 << 20)) {
            t.open("train/a_windows.npz").close();
            Path copy = dir.resolve("ssd/train/a_windows.npz");
            FileTime mtime = Files.getLastModifiedTime(copy);
            try (var ch = java.nio.channels.FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~npz[5000]}), 5000);
            }
            Files.setLastModifiedTime(copy, mtime); // silent: same size, same time

            VerifyReport report =
                    Transfers.verify(t.fast(), s3, TransferOptions.defaults().withDeep(true));
            assertFalse(report.ok());
            assertEquals(1, report.checksumMismatches().size(), report.summary());
            assertEquals(
                    "train/a_windows.npz", report.checksumMismatches().get(0).key());

            server.resetCounts();
            try (InputStream in = t.openStream("train/a_windows.npz")) {
                assertArrayEquals(npz, in.readAllBytes(), "the next read has the right bytes");
            }
            assertEquals(1, server.gets(), "because it fetched the object again");
            assertTrue(Transfers.verify(t.fast(), s3, TransferOptions.defaults().withDeep(true))
                    .ok());
        }
    }

    @Test
    void writesGoToS3AndDropTheFastCopy() throws IOException {
        try (TieredBlobStore t = tiered(TierPolicy.FAST_FIRST, 64 << 20)) {
            t.open("train/a_windows.npz").close();
            t.write("train/a_windows.npz", new byte[] {1, 2, 3}, WriteOptions.defaults());
            assertTrue(t.fast().verified("train/a_windows.npz").isEmpty());
            assertEquals(3, s3.stat("train/a_windows.npz").size());
            try (InputStream in = t.openStream("train/a_windows.npz")) {
                assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
            }
            t.delete("train/a_windows.npz");
            assertFalse(s3.exists("train/a_windows.npz"));
            assertTrue(t.fast().list("").isEmpty());
        }
    }
}
