package io.github.braingobrr.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.BucketNotFoundException;
import io.github.braingobrr.storage.ChecksumMismatchException;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.InvalidLocationException;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageAccessDeniedException;
import io.github.braingobrr.storage.StorageClass;
import io.github.braingobrr.storage.StorageException;
import io.github.braingobrr.storage.StorageThrottledException;
import io.github.braingobrr.storage.StorageUnavailableException;
import io.github.braingobrr.storage.WriteOptions;
import io.github.braingobrr.storage.testing.LoopbackProxy;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** S3 behaviour beyond the shared contract, against S3Proxy on loopback (and a faulting proxy in front of it). */
class S3BlobStoreTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer server;

    @TempDir
    Path dir;

    private String bucket;

    @BeforeAll
    static void start() {
        // AccessDenied for any key under "secret/", as a bucket policy would answer
        server = S3ProxyServer.builder()
                .middleware(store -> new ForwardingBlobStore(store) {
                    @Override
                    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
                        if (request.key().contains("secret/")) {
                            throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED);
                        }
                        return super.getBlob(request);
                    }
                })
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void bucket() {
        bucket = "s3test-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
    }

    private BlobStore open(String prefix) throws IOException {
        return BlobStores.open(server.location(bucket, prefix), server.options());
    }

    private static byte[] content(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void largeUploadsUseMultipartAndRecordTheWholeObjectChecksumAndStorageClass() throws IOException {
        byte[] data = content(13 << 20, 1);
        Path file = Files.write(dir.resolve("big.npz"), data);
        try (BlobStore s3 = BlobStores.open(
                server.location(bucket, "cache"), server.options().withMultipart(5 << 20, 5 << 20))) {
            server.resetCounts();
            s3.write("train/big.npz", file, WriteOptions.defaults().withStorageClass(StorageClass.STANDARD_IA));
            assertEquals(3, server.partUploads(), "13 MiB in 5 MiB parts");
            assertEquals(1, server.multipartCompletions(), "one multipart upload, completed");
            BlobInfo info = s3.stat("train/big.npz");
            assertEquals(data.length, info.size());
            assertEquals(Crc32c.of(data), info.crc32c().orElseThrow());
            var head = server.backend()
                    .blobMetadata(HeadObjectRequest.builder()
                            .bucket(bucket)
                            .key("cache/train/big.npz")
                            .build());
            assertEquals("STANDARD_IA", server.requestedStorageClasses().get(0), "the multipart upload asked for it");
            assertEquals(Crc32c.of(data).hex(), head.metadata().get(S3BlobStore.CRC_METADATA));
            try (InputStream in = s3.openStream("train/big.npz")) {
                assertArrayEquals(data, in.readAllBytes());
            }

            s3.write("small.npz", new byte[10], WriteOptions.defaults().withStorageClass(StorageClass.ONEZONE_IA));
            var small = server.backend()
                    .blobMetadata(HeadObjectRequest.builder()
                            .bucket(bucket)
                            .key("cache/small.npz")
                            .build());
            assertEquals("ONEZONE_IA", small.storageClassAsString(), "a single-part object keeps its class");
        }
    }

    @Test
    void positionalReadsAreOneRangedGetEachAndNeverDownloadTheObject() throws IOException {
        byte[] data = content(4 << 20, 2);
        try (BlobStore s3 = open("w")) {
            s3.write("x.npz", data, WriteOptions.defaults());
            server.resetCounts();
            try (InputFile f = s3.open("x.npz")) {
                assertEquals(1, server.heads(), "open is one HEAD");
                assertEquals(0, server.gets(), "open downloads nothing");
                byte[] window = new byte[1_167_360]; // one 19 x 15360 float32 window
                f.readFully(1000, window);
                assertArrayEquals(Arrays.copyOfRange(data, 1000, 1000 + window.length), window);
                assertArrayEquals(Arrays.copyOfRange(data, data.length - 64, data.length), f.readTail(64));
                assertEquals(2, server.gets(), "one GET per read");
            }
        }
    }

    @Test
    void anObjectReplacedAfterOpenIsNotMixedWithTheNewVersion() throws IOException {
        try (BlobStore s3 = open("r")) {
            s3.write("v.bin", content(1000, 3), WriteOptions.defaults());
            try (InputFile f = s3.open("v.bin")) {
                s3.write("v.bin", content(1000, 4), WriteOptions.defaults());
                StorageException e = assertThrows(StorageException.class, () -> f.readFully(0, new byte[10]));
                assertTrue(e.getMessage().contains("changed since it was opened"), e.getMessage());
            }
        }
    }

    @Test
    void contentThatDoesNotMatchItsRecordedChecksumFailsAtTheEndOfTheStream() throws IOException {
        byte[] good = content(50_000, 5);
        byte[] bad = good.clone();
        bad[777] ^= 1;
        // an object whose metadata claims the good content's CRC32C (bit rot, or a buggy writer)
        server.backend()
                .putBlob(
                        PutObjectRequest.builder()
                                .bucket(bucket)
                                .key("c/rot.bin")
                                .metadata(Map.of(
                                        S3BlobStore.CRC_METADATA,
                                        Crc32c.of(good).hex()))
                                .contentLength((long) bad.length)
                                .build(),
                        RequestBody.fromBytes(bad).contentStreamProvider().newStream());
        try (BlobStore s3 = open("c")) {
            try (InputStream in = s3.openStream("rot.bin")) {
                ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, in::readAllBytes);
                assertTrue(e.getMessage().contains("rot.bin")
                        && e.getMessage().contains(Crc32c.of(good).hex()));
            }
            assertEquals(Crc32c.of(bad), s3.checksum("rot.bin"), "checksum() reports what is really there");
        }
    }

    @Test
    void listingsPageThroughMoreThanOneThousandObjectsAndSkipFolderMarkers() throws IOException {
        for (int i = 0; i < 1005; i++) {
            putDirect("many/" + String.format("%05d", i) + ".npz", new byte[] {(byte) i});
        }
        putDirect("many/folder/", new byte[0]);
        try (BlobStore s3 = open("many")) {
            server.resetCounts();
            List<BlobInfo> all = s3.list("");
            assertEquals(1005, all.size());
            assertEquals("00000.npz", all.get(0).key());
            assertEquals("01004.npz", all.get(1004).key());
            assertTrue(server.lists() >= 2, "more than one page was requested");
        }
    }

    private void putDirect(String key, byte[] bytes) {
        server.backend()
                .putBlob(
                        PutObjectRequest.builder()
                                .bucket(bucket)
                                .key(key)
                                .contentLength((long) bytes.length)
                                .build(),
                        new ByteArrayInputStream(bytes));
    }

    @Test
    void anAbsentBucketIsNamedInEveryOperation() throws IOException {
        try (BlobStore s3 = BlobStores.open(Location.parse("s3://no-such-bucket/cache"), server.options())) {
            List<ThrowingOp> ops = List.of(
                    () -> s3.list(""),
                    () -> s3.find("train/a.npz"),
                    () -> s3.open("train/a.npz"),
                    () -> s3.openStream("train/a.npz"),
                    () -> s3.write("train/a.npz", new byte[3], WriteOptions.defaults()));
            for (ThrowingOp op : ops) {
                BucketNotFoundException e = assertThrows(BucketNotFoundException.class, op::run);
                assertEquals("no-such-bucket", e.bucket());
                assertUserFacing(
                        e,
                        "bucket 'no-such-bucket' does not exist",
                        server.endpoint().toString());
            }
        }
    }

    @Test
    void wrongCredentialsAreExplainedWithoutAStackTrace() throws IOException {
        try (BlobStore s3 = open("x")) {
            s3.write("k", new byte[1], WriteOptions.defaults());
        }
        try (BlobStore s3 = BlobStores.open(
                server.location(bucket, "x"), server.options().withCredentials("AKIAWRONG", "whatever"))) {
            StorageAccessDeniedException e = assertThrows(StorageAccessDeniedException.class, () -> s3.list(""));
            assertEquals("InvalidAccessKeyId", e.code());
            assertUserFacing(e, "s3://" + bucket + "/x", "AWS_ACCESS_KEY_ID");
            assertThrows(StorageAccessDeniedException.class, () -> s3.openStream("k"));
        }
        try (BlobStore s3 = BlobStores.open(
                server.location(bucket, "x"), server.options().withCredentials(S3ProxyServer.ACCESS_KEY, "wrong"))) {
            StorageAccessDeniedException e = assertThrows(StorageAccessDeniedException.class, () -> s3.openStream("k"));
            assertEquals("SignatureDoesNotMatch", e.code());
            assertUserFacing(e, "s3://" + bucket + "/x/k", "AWS_SECRET_ACCESS_KEY");
        }
    }

    @Test
    void accessDeniedNamesBucketAndKey() throws IOException {
        try (BlobStore s3 = open("p")) {
            s3.write("secret/a.npz", new byte[10], WriteOptions.defaults());
            StorageAccessDeniedException e =
                    assertThrows(StorageAccessDeniedException.class, () -> s3.openStream("secret/a.npz"));
            assertEquals("AccessDenied", e.code());
            assertUserFacing(e, "s3://" + bucket + "/p/secret/a.npz", "policy");
        }
    }

    @Test
    void throttlingIsRetriedByTheSdkAndThenReportedClearly() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.start(server.port());
                BlobStore s3 = BlobStores.open(
                        server.location(bucket, "t"),
                        S3ProxyServer.options(proxy.endpoint()).withMaxAttempts(2))) {
            s3.write("k.npz", "hello".getBytes(), WriteOptions.defaults());
            proxy.throttleNext(1);
            try (InputStream in = s3.openStream("k.npz")) {
                assertEquals("hello", new String(in.readAllBytes()), "one SlowDown is absorbed by a retry");
            }
            assertEquals(1, proxy.throttledCount());

            proxy.throttleNext(100);
            StorageThrottledException e = assertThrows(StorageThrottledException.class, () -> s3.openStream("k.npz"));
            assertEquals(3, proxy.throttledCount(), "exactly maxAttempts = 2 attempts, no extra retry loop");
            assertUserFacing(e, "s3://" + bucket + "/t/k.npz", "SlowDown");
            assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
        }
    }

    @Test
    void anUnreachableServerIsReportedWithItsEndpoint() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.start(server.port());
                BlobStore s3 = BlobStores.open(
                        server.location(bucket, "u"),
                        S3ProxyServer.options(proxy.endpoint()).withMaxAttempts(2))) {
            proxy.refuse(true);
            StorageUnavailableException e = assertThrows(StorageUnavailableException.class, () -> s3.list(""));
            assertUserFacing(e, proxy.endpoint().toString(), "retry");
        }
    }

    @Test
    void aConnectionCutMidStreamIsAnErrorNotATruncatedFile() throws IOException {
        byte[] data = content(3 << 20, 6);
        try (LoopbackProxy proxy = LoopbackProxy.start(server.port());
                BlobStore s3 = BlobStores.open(server.location(bucket, "m"), S3ProxyServer.options(proxy.endpoint()))) {
            s3.write("big.bin", data, WriteOptions.defaults());
            proxy.bandwidth(2_000_000);
            try (InputStream in = s3.openStream("big.bin")) {
                byte[] first = in.readNBytes(100_000);
                assertArrayEquals(Arrays.copyOf(data, 100_000), first);
                proxy.cutAfterBytes(200_000);
                assertThrows(IOException.class, in::readAllBytes);
            }
        }
    }

    @Test
    void nonS3LocationsAreRefused() {
        assertThrows(
                InvalidLocationException.class,
                () -> S3BlobStore.open(Location.parse("file:///tmp"), server.options()));
        InvalidLocationException hadoop =
                assertThrows(InvalidLocationException.class, () -> BlobStores.open(Location.parse("s3a://bkt/x")));
        assertTrue(hadoop.getMessage().contains("s3://bkt/x"), hadoop.getMessage());
        assertThrows(InvalidLocationException.class, () -> BlobStores.open(Location.parse("gs://bkt/x")));
    }

    @Test
    void aStreamWriteIsSpooledAndChecked() throws IOException {
        byte[] data = content(200_000, 7);
        try (BlobStore s3 = open("s")) {
            BlobInfo w = s3.write("a", new ByteArrayInputStream(data), WriteOptions.defaults());
            assertEquals(Crc32c.of(data), w.crc32c().orElseThrow());
            assertEquals(Crc32c.of(data), s3.stat("a").crc32c().orElseThrow());
            assertFalse(s3.exists("b"));
        }
    }

    @FunctionalInterface
    private interface ThrowingOp {
        void run() throws IOException;
    }

    /** A message a user can read: one line, names what it is about and what to do, no class names. */
    static void assertUserFacing(Exception e, String... mustContain) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.contains("Exception"), "no exception class names: " + m);
        assertFalse(m.contains("software.amazon"), "no SDK internals: " + m);
        for (String s : mustContain) {
            assertTrue(m.contains(s), "'" + s + "' in: " + m);
        }
    }
}
