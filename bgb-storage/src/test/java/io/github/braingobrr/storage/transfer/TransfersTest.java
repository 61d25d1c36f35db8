package io.github.braingobrr.storage.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.InsufficientSpaceException;
import io.github.braingobrr.storage.InvalidLocationException;
import io.github.braingobrr.storage.StorageClass;
import io.github.braingobrr.storage.WriteOptions;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.testing.CountingBlobStore;
import io.github.braingobrr.storage.testing.CountingBlobStore.Call;
import io.github.braingobrr.storage.testing.FailingBlobStore;
import io.github.braingobrr.storage.testing.LoopbackProxy;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.storage.tiered.SsdVolume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload, populate, verify and clean against a real S3 API on loopback. */
class TransfersTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static Path serverRoot;
    private static S3ProxyServer server;

    @TempDir
    Path dir;

    private Path cache;
    private String bucket;

    @BeforeAll
    static void start() throws IOException {
        serverRoot = Files.createTempDirectory("bgb-transfers-s3");
        server = S3ProxyServer.builder().filesystem(serverRoot).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A small seed-shaped cache: NPZ files in train/ and dev/, manifests, index and metadata, and junk. */
    @BeforeEach
    void cache() throws IOException {
        bucket = "transfers-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
        cache = dir.resolve("cache/tusz");
        Random r = new Random(42);
        for (String split : List.of("train", "dev")) {
            for (int i = 0; i < 6; i++) {
                byte[] b = new byte[20_000 + r.nextInt(30_000)];
                r.nextBytes(b);
                write(split + "/aaaaaa" + (char) ('a' + i) + "_s001_t000_windows.npz", b);
            }
            write(split + "/manifest.json", "{\"partial_seizure\":[],\"full_seizure\":[],\"no_seizure\":[]}");
            write(split + "/_dataset_index.json", "{\"files\":[],\"window_counts\":[]}");
        }
        write(".cache_metadata.json", "{\"split_policy\":\"official_tusz\"}");
        write("train/build.log", "log");
        write("train/part.tmp", "tmp");
    }

    private void write(String key, String text) throws IOException {
        write(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String key, byte[] bytes) throws IOException {
        Path p = cache.resolve(key);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    private BlobStore s3() throws IOException {
        return BlobStores.open(server.location(bucket, "cache/tusz"), server.options());
    }

    private static TransferOptions options() {
        return TransferOptions.defaults().withExclude(List.of("*.log", "*.tmp")).withParallelism(4);
    }

    private static List<String> keys(List<BlobInfo> l) {
        return l.stream().map(BlobInfo::key).toList();
    }

    @Test
    void uploadIncludesManifestsAfterTheDataAndSkipsWhatIsCurrentOnRerun() throws IOException {
        try (BlobStore s3 = s3()) {
            CountingBlobStore target = new CountingBlobStore(s3);
            TransferResult r = Transfers.upload(cache, target, options().withStorageClass(StorageClass.STANDARD_IA));
            assertTrue(r.succeeded(), r.failures().toString());
            assertEquals(17, r.filesTotal(), "12 NPZ + 4 split JSON + cache metadata; the log and tmp are excluded");
            assertEquals(17, r.transferred());
            List<String> remote = keys(s3.list(""));
            assertTrue(
                    remote.contains("train/manifest.json")
                            && remote.contains("dev/_dataset_index.json")
                            && remote.contains(".cache_metadata.json"),
                    "manifests are uploaded: " + remote);
            assertFalse(remote.contains("train/build.log") || remote.contains("train/part.tmp"));
            List<String> order = target.writtenKeys();
            int lastData = 0;
            int firstJson = Integer.MAX_VALUE;
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i).endsWith(".json")) {
                    firstJson = Math.min(firstJson, i);
                } else {
                    lastData = i;
                }
            }
            assertTrue(lastData < firstJson, "every data file is written before any manifest: " + order);
            assertTrue(server.requestedStorageClasses().contains("STANDARD_IA"));
            Path one = cache.resolve("dev/aaaaaab_s001_t000_windows.npz");
            assertEquals(
                    Crc32c.of(one),
                    s3.stat("dev/aaaaaab_s001_t000_windows.npz").crc32c().orElseThrow());

            target.reset();
            TransferResult again = Transfers.upload(cache, target, options());
            assertEquals(0, again.transferred());
            assertEquals(17, again.skipped());
            assertEquals(0, target.count(Call.WRITE), "a rerun uploads nothing");

            Files.write(one, new byte[] {1, 2, 3});
            TransferResult changed = Transfers.upload(cache, target, options());
            assertEquals(1, changed.transferred());
            assertEquals(List.of("dev/aaaaaab_s001_t000_windows.npz"), target.writtenKeys());
            assertEquals(3, s3.stat("dev/aaaaaab_s001_t000_windows.npz").size());
        }
    }

    @Test
    void aManifestIsHeldBackWhenDataInItsDirectoryFailed() throws IOException {
        try (BlobStore s3 = s3()) {
            FailingBlobStore target =
                    new FailingBlobStore(s3).failWrites(k -> k.equals("train/aaaaaac_s001_t000_windows.npz"));
            List<FileFailure> reported = Collections.synchronizedList(new ArrayList<>());
            TransferResult r = Transfers.upload(cache, target, options().withListener(new ProgressListener() {
                @Override
                public void onFileFailed(FileFailure failure) {
                    reported.add(failure);
                }
            }));
            assertFalse(r.succeeded());
            List<String> failed = r.failures().stream().map(FileFailure::key).toList();
            assertEquals(
                    List.of(
                            ".cache_metadata.json",
                            "train/_dataset_index.json",
                            "train/aaaaaac_s001_t000_windows.npz",
                            "train/manifest.json"),
                    failed,
                    "the data file, and the metadata of its directory and above");
            assertTrue(
                    r.failures().get(1).reason().contains("held back"),
                    r.failures().get(1).reason());
            assertEquals(4, reported.size(), "the listener heard of every failure");
            assertTrue(s3.exists("dev/manifest.json"), "the other split's manifest went up");
            assertFalse(s3.exists("train/manifest.json"));

            TransferResult rerun = Transfers.upload(cache, s3, options());
            assertTrue(rerun.succeeded());
            assertEquals(4, rerun.transferred(), "the rerun sends exactly what was missing");
        }
    }

    @Test
    void anUploadCutOffByAServerCrashResumes() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.start(server.port());
                BlobStore s3 = BlobStores.open(
                        server.location(bucket, "cache/tusz"),
                        S3ProxyServer.options(proxy.endpoint()).withMaxAttempts(1))) {
            AtomicInteger done = new AtomicInteger();
            TransferOptions crashAfterFive = options().withParallelism(1).withListener(new ProgressListener() {
                @Override
                public void onProgress(TransferProgress p) {
                    if (p.filesDone() == 5 && done.getAndIncrement() == 0) {
                        proxy.refuse(true); // the server goes away
                    }
                }
            });
            TransferResult cut = Transfers.upload(cache, s3, crashAfterFive);
            assertFalse(cut.succeeded());
            assertEquals(5, cut.transferred());
            proxy.refuse(false);
            TransferResult resumed = Transfers.upload(cache, s3, options());
            assertTrue(resumed.succeeded(), resumed.failures().toString());
            assertEquals(5, resumed.skipped(), "what was uploaded before the crash is not sent again");
            assertEquals(12, resumed.transferred());
            VerifyReport v = Transfers.verify(s3, ChecksumList.of(LocalBlobStore.open(cache), "", true), options());
            assertTrue(v.ok(), v.summary());
            assertEquals(17, v.checked());
            assertTrue(v.unverifiable().isEmpty(), "every object carries its CRC32C");
        }
    }

    @Test
    void populateCopiesOnceVerifiesAndARerunFetchesNothing() throws IOException {
        try (BlobStore s3 = s3()) {
            Transfers.upload(cache, s3, options());
            server.resetCounts();
            List<TransferProgress> progress = Collections.synchronizedList(new ArrayList<>());
            try (SsdVolume ssd = SsdVolume.open(dir.resolve("results/cache/tusz"), 1 << 30)) {
                TransferResult r =
                        Transfers.populate(s3, ssd, TransferOptions.defaults().withListener(new ProgressListener() {
                            @Override
                            public void onProgress(TransferProgress p) {
                                progress.add(p);
                            }
                        }));
                assertTrue(r.succeeded(), r.failures().toString());
                assertEquals(17, r.transferred());
                assertEquals(17, server.gets());
                assertTrue(r.notes().isEmpty(), "every object was checked against its CRC32C: " + r.notes());
                long total = s3.list("").stream().mapToLong(BlobInfo::size).sum();
                assertEquals(total, r.bytesTransferred());
                TransferProgress last = progress.get(progress.size() - 1);
                assertEquals(17, last.filesDone());
                assertEquals(total, last.bytesDone());
                assertTrue(progress.stream().anyMatch(p -> p.eta().isPresent() && p.bytesPerSecond() > 0));
                assertTrue(Transfers.verify(ssd, s3, TransferOptions.defaults().withDeep(true))
                        .ok());
                try (InputFile f = ssd.open("train/manifest.json")) {
                    assertEquals(Files.size(cache.resolve("train/manifest.json")), f.length());
                }

                server.resetCounts();
                TransferResult again = Transfers.populate(s3, ssd, TransferOptions.defaults());
                assertEquals(17, again.skipped());
                assertEquals(0, server.gets(), "populate is one-time: nothing is fetched twice");
                assertEquals(0, server.heads());
            }
        }
    }

    @Test
    void anInterruptedPopulateResumesWithoutRefetchingOrShowingPartialFiles() throws Exception {
        try (BlobStore s3 = s3()) {
            Transfers.upload(cache, s3, options());
        }
        Path ssdDir = dir.resolve("ssd");
        try (LoopbackProxy proxy = LoopbackProxy.start(server.port());
                BlobStore viaProxy = BlobStores.open(
                        server.location(bucket, "cache/tusz"),
                        S3ProxyServer.options(proxy.endpoint()).withMaxAttempts(1));
                SsdVolume ssd = SsdVolume.open(ssdDir, 1 << 30)) {
            proxy.bandwidth(4_000_000);
            AtomicInteger seen = new AtomicInteger();
            TransferOptions dropMidway = TransferOptions.defaults()
                    .withParallelism(1)
                    .withFileAttempts(1)
                    .withListener(new ProgressListener() {
                        @Override
                        public void onProgress(TransferProgress p) {
                            if (p.filesDone() == 6 && seen.getAndIncrement() == 0) {
                                proxy.cutAfterBytes(10_000); // the network drops in the middle of the next file
                            }
                        }
                    });
            TransferResult cut = Transfers.populate(viaProxy, ssd, dropMidway);
            assertEquals(1, cut.failures().size(), cut.failures().toString());
            String broken = cut.failures().get(0).key();
            assertEquals(16, cut.transferred(), "the other files went on");
            try (Stream<Path> files = Files.walk(ssdDir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary left");
            }
            assertTrue(ssd.verified(broken).isEmpty(), "the broken file is not present");
            assertFalse(Files.exists(ssdDir.resolve(broken)), "not even as a partial file");
            assertEquals(16, ssd.list("").size(), "only verified copies are present");

            server.resetCounts();
            TransferResult resumed = Transfers.populate(viaProxy, ssd, TransferOptions.defaults());
            assertTrue(resumed.succeeded(), resumed.failures().toString());
            assertEquals(16, resumed.skipped());
            assertEquals(1, resumed.transferred());
            assertEquals(1, server.gets(), "nothing verified was downloaded again");
            assertTrue(
                    Transfers.verify(ssd, viaProxy, TransferOptions.defaults().withDeep(true))
                            .ok());
        }
    }

    @Test
    void aPopulateInterruptedByAServerCrashResumesAfterTheRestart() throws Exception {
        try (S3ProxyServer own = S3ProxyServer.builder()
                        .filesystem(Files.createDirectories(dir.resolve("own-s3")))
                        .start();
                BlobStore s3 = BlobStores.open(
                        own.location("crash", "c"), own.options().withMaxAttempts(1));
                SsdVolume ssd = SsdVolume.open(dir.resolve("ssd"), 1 << 30)) {
            own.createBucket("crash");
            Transfers.upload(cache, s3, options());
            AtomicInteger seen = new AtomicInteger();
            TransferOptions crash = TransferOptions.defaults()
                    .withParallelism(1)
                    .withFileAttempts(1)
                    .withListener(new ProgressListener() {
                        @Override
                        public void onProgress(TransferProgress p) {
                            if (p.filesDone() == 4 && seen.getAndIncrement() == 0) {
                                own.stop(); // S3 goes down between two files
                            }
                        }
                    });
            TransferResult cut = Transfers.populate(s3, ssd, crash);
            assertEquals(4, cut.transferred());
            assertEquals(13, cut.failures().size());
            assertTrue(
                    cut.failures().get(0).reason().contains("cannot reach " + own.endpoint()),
                    cut.failures().get(0).reason());

            own.start(); // same port, same files
            own.resetCounts();
            TransferResult resumed = Transfers.populate(s3, ssd, TransferOptions.defaults());
            assertTrue(resumed.succeeded(), resumed.failures().toString());
            assertEquals(4, resumed.skipped());
            assertEquals(13, resumed.transferred());
            assertEquals(13, own.gets(), "the four verified copies were not downloaded again");
            assertTrue(Transfers.verify(ssd, s3, TransferOptions.defaults().withDeep(true))
                    .ok());
        }
    }

    @Test
    void aDeepPopulateRefetchesAnObjectReplacedWithOneOfTheSameSize() throws IOException {
        try (BlobStore s3 = s3();
                SsdVolume ssd = SsdVolume.open(dir.resolve("ssd"), 1 << 30)) {
            Transfers.upload(cache, s3, options());
            Transfers.populate(s3, ssd, TransferOptions.defaults());
            String key = "train/aaaaaae_s001_t000_windows.npz";
            byte[] replaced = Files.readAllBytes(cache.resolve(key));
            replaced[0] ^= 1;
            s3.write(key, replaced, WriteOptions.defaults());

            TransferResult shallow = Transfers.populate(s3, ssd, TransferOptions.defaults());
            assertEquals(17, shallow.skipped(), "a size-only check cannot see the change");
            TransferResult deep = Transfers.populate(
                    s3, ssd, TransferOptions.defaults().withDeep(true).withListener(new ProgressListener() {
                        @Override
                        public void onProgress(TransferProgress p) {
                            throw new IllegalStateException("a broken listener must not stop the transfer");
                        }
                    }));
            assertTrue(deep.succeeded(), deep.failures().toString());
            assertEquals(1, deep.transferred());
            try (InputStream in = ssd.openStream(key)) {
                assertArrayEquals(replaced, in.readAllBytes());
            }
        }
    }

    @Test
    void populateRetriesAFileWhoseBodyBrokeMidway() throws IOException {
        LocalBlobStore local = LocalBlobStore.open(cache);
        FailingBlobStore flaky =
                new FailingBlobStore(local).breakStream("train/aaaaaad_s001_t000_windows.npz", 5000, 1);
        try (SsdVolume ssd = SsdVolume.open(dir.resolve("ssd"), 1 << 30)) {
            TransferResult r = Transfers.populate(flaky, ssd, options());
            assertTrue(r.succeeded(), r.failures().toString());
            assertEquals(17, r.transferred());
        }
        FailingBlobStore broken = new FailingBlobStore(local).breakStream("dev/aaaaaad_s001_t000_windows.npz", 5000, 5);
        try (SsdVolume ssd = SsdVolume.open(dir.resolve("ssd2"), 1 << 30)) {
            TransferResult r = Transfers.populate(broken, ssd, options().withFileAttempts(2));
            assertEquals(
                    List.of("dev/aaaaaad_s001_t000_windows.npz"),
                    r.failures().stream().map(FileFailure::key).toList());
            assertTrue(
                    r.failures().get(0).reason().contains("connection reset"),
                    r.failures().get(0).reason());
            assertEquals(16, r.transferred(), "one bad file does not stop the others");
        }
    }

    @Test
    void populateNeverDeletesWhatIsVerifiedAndFailsUpFrontWhenTheSelectionCannotFit() throws IOException {
        LocalBlobStore local = LocalBlobStore.open(cache);
        CountingBlobStore source = new CountingBlobStore(local);
        long total = local.list("").stream()
                .filter(b -> options().selects(b.key()))
                .mapToLong(BlobInfo::size)
                .sum();
        try (SsdVolume ssd = SsdVolume.open(dir.resolve("ssd"), total - 1)) {
            InsufficientSpaceException e =
                    assertThrows(InsufficientSpaceException.class, () -> Transfers.populate(source, ssd, options()));
            assertEquals(total, e.needed());
            assertEquals(total - 1, e.available());
            assertEquals(0, source.contentCalls(), "nothing was fetched");
        }
        try (SsdVolume ssd = SsdVolume.open(dir.resolve("ssd"), total)) {
            ssd.populate("train/manifest.json", source, java.util.Optional.empty());
            BlobInfo before = ssd.verified("train/manifest.json").orElseThrow();
            source.reset();
            TransferResult r = Transfers.populate(source, ssd, options());
            assertTrue(r.succeeded());
            assertEquals(1, r.skipped());
            assertEquals(before, ssd.verified("train/manifest.json").orElseThrow(), "the verified copy was kept");
            assertEquals(total, ssd.usedBytes(), "the whole selection fits exactly, nothing was evicted");
        }
    }

    @Test
    void verifyReportsMissingExtraSizeAndChecksumDifferences() throws IOException {
        LocalBlobStore local = LocalBlobStore.open(cache);
        Path listFile = dir.resolve("expected.crc32c");
        ChecksumList.of(local, "", true).write(listFile);
        ChecksumList expected = ChecksumList.read(listFile);
        assertEquals(local.list("").size(), expected.items().size());

        Files.delete(cache.resolve("dev/aaaaaaa_s001_t000_windows.npz"));
        Files.write(cache.resolve("dev/new_windows.npz"), new byte[10]);
        Files.write(cache.resolve("train/manifest.json"), new byte[] {'{', '}'});
        byte[] b = Files.readAllBytes(cache.resolve("train/aaaaaab_s001_t000_windows.npz"));
        b[100] ^= 1;
        Files.write(cache.resolve("train/aaaaaab_s001_t000_windows.npz"), b);

        VerifyReport v =
                Transfers.verify(local, expected, TransferOptions.defaults().withDeep(true));
        assertFalse(v.ok());
        assertEquals(List.of("dev/aaaaaaa_s001_t000_windows.npz"), v.missing());
        assertEquals(List.of("dev/new_windows.npz"), v.extra());
        assertEquals(
                List.of("train/manifest.json"),
                v.sizeMismatches().stream().map(VerifyReport.Mismatch::key).toList());
        assertEquals(
                List.of("train/aaaaaab_s001_t000_windows.npz"),
                v.checksumMismatches().stream().map(VerifyReport.Mismatch::key).toList());
        assertTrue(v.summary().contains("1 missing, 1 extra, 1 size mismatches, 1 checksum mismatches"), v.summary());

        VerifyReport trainOnly = Transfers.verify(
                local, expected, TransferOptions.defaults().withPrefix("train/").withDeep(true));
        assertTrue(trainOnly.missing().isEmpty() && trainOnly.extra().isEmpty());
        VerifyReport shallow = Transfers.verify(local, expected, TransferOptions.defaults());
        assertTrue(shallow.checksumMismatches().isEmpty(), "without deep, a local file has no recorded checksum");
        assertFalse(shallow.unverifiable().isEmpty());
    }

    @Test
    void aMalformedChecksumListNamesTheLine() throws IOException {
        Path f = dir.resolve("bad.crc32c");
        Files.writeString(f, "# header\n0123abcd 10 train/a.npz\nnot-a-crc 10 train/b.npz\n");
        IOException e = assertThrows(IOException.class, () -> ChecksumList.read(f));
        assertTrue(e.getMessage().contains(f + " line 3"), e.getMessage());
        Files.writeString(f, "0123abcd 10 ../escape\n");
        assertTrue(assertThrows(IOException.class, () -> ChecksumList.read(f))
                .getMessage()
                .contains("line 1"));
    }

    @Test
    void cleanListsOnADryRunRefusesWithoutConfirmationAndStaysInsideItsRoot() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "precious");
        Files.createSymbolicLink(cache.resolve("train/link-to-outside"), outside);
        LocalBlobStore store = LocalBlobStore.open(cache);

        CleanResult dry = Transfers.clean(store, "train/", CleanOptions.listOnly());
        assertTrue(dry.dryRun());
        assertEquals(10, dry.keys().size(), "6 NPZ, 2 JSON, the log and the tmp");
        assertEquals(0, dry.deleted());
        assertTrue(Files.exists(cache.resolve("train/manifest.json")));

        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> Transfers.clean(store, "train/", new CleanOptions(false, false, ProgressListener.NONE)));
        assertTrue(refused.getMessage().contains("not confirmed")
                && refused.getMessage().contains("10 blob(s)"));
        assertTrue(Files.exists(cache.resolve("train/manifest.json")), "nothing was deleted");

        assertThrows(
                InvalidLocationException.class, () -> Transfers.clean(store, "../", CleanOptions.deleteConfirmed()));
        assertThrows(
                InvalidLocationException.class, () -> Transfers.clean(store, "/etc/", CleanOptions.deleteConfirmed()));
        assertThrows(
                IllegalArgumentException.class,
                () -> Transfers.clean(LocalBlobStore.open(Path.of("/")), "", CleanOptions.deleteConfirmed()));

        CleanResult done = Transfers.clean(store, "train/", CleanOptions.deleteConfirmed());
        assertEquals(10, done.deleted());
        assertTrue(store.list("train/").isEmpty());
        assertEquals(9, store.list("").size(), "dev/ and the cache metadata are untouched");
        assertEquals("precious", Files.readString(outside.resolve("keep.txt")), "a link is not followed");
    }

    @Test
    void cleanWorksOnS3AndOnTheSsdTier() throws IOException {
        try (BlobStore s3 = s3();
                SsdVolume ssd = SsdVolume.open(dir.resolve("ssd"), 1 << 30)) {
            Transfers.upload(cache, s3, options());
            Transfers.populate(s3, ssd, TransferOptions.defaults());
            assertEquals(
                    8,
                    Transfers.clean(s3, "dev/", CleanOptions.deleteConfirmed()).deleted());
            assertEquals(
                    8,
                    Transfers.clean(ssd, "dev/", CleanOptions.deleteConfirmed()).deleted());
            assertEquals(9, s3.list("").size());
            assertEquals(9, ssd.list("").size());
            assertFalse(Files.exists(dir.resolve("ssd/dev/manifest.json")));
        }
    }

    @Test
    void includeAndExcludeGlobsSelectKeys() {
        TransferOptions o = TransferOptions.defaults()
                .withInclude(List.of("train/**", "*.json"))
                .withExclude(List.of("**/_*"));
        assertTrue(o.selects("train/a_windows.npz"));
        assertTrue(o.selects("train/sub/b.npz"));
        assertTrue(o.selects("dev/manifest.json"), "a pattern without '/' matches the last segment");
        assertFalse(o.selects("dev/a_windows.npz"));
        assertFalse(o.selects("train/_dataset_index.json"));
        assertTrue(o.isMetadata(".cache_metadata.json"));
        assertFalse(o.isMetadata("train/a.npz"));
        assertThrows(
                IllegalArgumentException.class, () -> TransferOptions.defaults().withParallelism(0));
        assertThrows(
                IllegalArgumentException.class, () -> TransferOptions.defaults().withInclude(List.of("")));
        assertThrows(
                InvalidLocationException.class, () -> TransferOptions.defaults().withPrefix("../x"));
    }

    @Test
    void populateReadsWholeObjectsAndTheTierThenServesThem() throws IOException {
        try (BlobStore s3 = s3();
                SsdVolume ssd = SsdVolume.open(dir.resolve("ssd"), 1 << 30)) {
            Transfers.upload(cache, s3, options());
            Transfers.populate(s3, ssd, TransferOptions.defaults());
            byte[] expected = Files.readAllBytes(cache.resolve("train/aaaaaaf_s001_t000_windows.npz"));
            try (InputStream in = ssd.openStream("train/aaaaaaf_s001_t000_windows.npz")) {
                assertArrayEquals(expected, in.readAllBytes());
            }
            s3.write("train/late.npz", new byte[5], WriteOptions.defaults());
            TransferResult r = Transfers.populate(s3, ssd, TransferOptions.defaults());
            assertEquals(1, r.transferred(), "only the new object");
        }
    }
}
