package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.cache.sampling.BalancedSample;
import io.github.braingobrr.cache.sampling.BalancedSampler;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.storage.tiered.SsdVolume;
import io.github.braingobrr.storage.tiered.TieredBlobStore;
import io.github.braingobrr.storage.transfer.CleanOptions;
import io.github.braingobrr.storage.transfer.CleanResult;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Caches on S3 (a real S3 API server in-process) and the tiers between: build straight to S3, read single windows with
 * one ranged GET per member, upload a local cache, populate an SSD tier, verify, clean.
 */
class CacheS3Test {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @TempDir
    static Path dir;

    private static S3ProxyServer server;
    private static SyntheticCorpus corpus;
    private static Path local;

    @BeforeAll
    static void start() throws IOException {
        server = S3ProxyServer.startTransient();
        server.createBucket("bgb");
        corpus = TestCorpus.write(dir.resolve("edf"));
        local = dir.resolve("local");
        CacheBuilder.from(corpus.root())
                .to(local)
                .split("train")
                .environment(name -> null)
                .build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Location fresh() {
        return server.location("bgb", "cache" + PREFIXES.incrementAndGet() + "/tusz");
    }

    private static List<SyntheticRecordingSpec> train() {
        return corpus.recordings(CorpusSplit.TRAIN);
    }

    @ParameterizedTest
    @EnumSource(CacheLayout.class)
    void aCacheBuiltOnS3HasThePlantedCategoriesAndServesAWindowWithOneGetPerMember(CacheLayout layout)
            throws IOException {
        Location where = fresh();
        BuildResult r = CacheBuilder.from(corpus.root())
                .to(where)
                .storeOptions(server.options())
                .split("train")
                .layout(layout)
                .workers(2)
                .environment(name -> null)
                .build();
        assertEquals(train().size(), r.split("train").built());
        try (Cache cache = Cache.open(where, server.options())) {
            Manifest m = cache.split("train").manifest();
            assertTrue(
                    cache.validator().checksums(true).headers(true).validate().isValid());
            SyntheticRecordingSpec spec = null;
            for (SyntheticRecordingSpec s : train()) {
                assertEquals(
                        TestCorpus.categories(s),
                        m.file(layout.cacheFileName(s.stem())).orElseThrow().categories());
                if (TestCorpus.windows(s) >= 3) {
                    spec = s;
                }
            }
            assertTrue(m.files().stream().allMatch(f -> f.crc32c().isPresent()), "S3 records CRC32C of every file");
            try (WindowReader reader = cache.split("train").open(layout.cacheFileName(spec.stem()))) {
                float[] signals = new float[reader.windowElements()];
                float[] labels = new float[reader.windowLength()];
                server.resetCounts();
                reader.read(2, signals, 0, labels, 0);
                assertEquals(2, server.gets(), "one ranged GET for the signals, one for the labels");
                float[] mask = TestCorpus.mask(spec);
                float[] want = new float[TestCorpus.WINDOW];
                System.arraycopy(mask, 2 * TestCorpus.STRIDE, want, 0, TestCorpus.WINDOW);
                assertArrayEquals(want, labels);
                try (Cache lc = Cache.open(local);
                        WindowReader same = lc.split("train").open(spec.stem() + "_windows.npz")) {
                    float[][] expected = same.readSignals(2);
                    for (int c = 0; c < expected.length; c++) {
                        float[] row = new float[TestCorpus.WINDOW];
                        System.arraycopy(signals, c * TestCorpus.WINDOW, row, 0, row.length);
                        assertArrayEquals(expected[c], row, "channel " + c + " equals the local cache's");
                    }
                }
            }
        }
    }

    @Test
    void uploadCopiesDataThenManifestsThenMetadataAndARerunCopiesNothing() throws IOException {
        Location where = fresh();
        try (BlobStore s3 = BlobStores.open(where, server.options())) {
            CacheTransfers.Result r = CacheTransfers.upload(local, s3, TransferOptions.defaults());
            assertTrue(r.succeeded(), r.toString());
            assertEquals(train().size(), r.data().transferred());
            assertEquals(
                    2,
                    r.manifests().orElseThrow().transferred(),
                    "manifest and index (the Python upload skipped them)");
            Cache cache = Cache.open(s3);
            assertEquals(
                    "upload", cache.metadata().orElseThrow().lastOperation().orElseThrow());
            assertEquals(
                    PreprocessingConfig.seed().hash(),
                    cache.metadata().orElseThrow().configHash().orElseThrow());
            ValidationReport v = CacheTransfers.verify(s3, false);
            assertTrue(v.isValid(), v.summary());
            assertEquals(train().size(), v.filesChecked());
            CacheTransfers.Result again = CacheTransfers.upload(local, s3, TransferOptions.defaults());
            assertEquals(0, again.data().transferred());
            assertEquals(train().size(), again.data().skipped());
        }
    }

    @Test
    void populateFillsAnSsdTierOnceAndItsMetadataSaysWhereFrom() throws IOException {
        Location where = fresh();
        try (BlobStore s3 = BlobStores.open(where, server.options());
                SsdVolume ssd = SsdVolume.open(dir.resolve("ssd" + PREFIXES.incrementAndGet()), 1L << 30)) {
            CacheTransfers.upload(local, s3, TransferOptions.defaults());
            CacheTransfers.Result r = CacheTransfers.populate(s3, ssd, TransferOptions.defaults());
            assertTrue(r.succeeded(), r.toString());
            assertEquals(train().size(), r.data().transferred());
            CacheMetadata meta = Cache.open(ssd).metadata().orElseThrow();
            assertEquals(where.toString(), meta.populatedFrom().orElseThrow());
            assertEquals("populate", meta.lastOperation().orElseThrow());
            assertEquals("official_tusz", meta.splitPolicy(), "the Python system would not wipe this copy");
            ValidationReport v = CacheTransfers.verify(ssd, true);
            assertTrue(v.isValid(), v.summary());

            server.resetCounts();
            CacheTransfers.Result again = CacheTransfers.populate(s3, ssd, TransferOptions.defaults());
            assertEquals(0, again.data().transferred());
            assertEquals(0, again.manifests().orElseThrow().transferred());
            assertEquals(1, server.gets(), "no file is fetched twice; only the source metadata is read again");

            // damage one SSD copy: verify finds it
            String name = Cache.open(ssd).split("train").cacheFiles().get(0);
            Path copy = ssd.directory().resolve("train").resolve(name);
            try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
                f.seek(f.length() / 2);
                int b = f.read();
                f.seek(f.length() / 2);
                f.write(b ^ 1);
            }
            ValidationReport damaged = CacheTransfers.verify(ssd, true);
            assertFalse(damaged.isValid());
        }
    }

    @Test
    void batchesFromTheSsdTierAndFromS3AreTheSameAndReportThroughput() throws IOException {
        Location where = fresh();
        try (BlobStore s3 = BlobStores.open(where, server.options())) {
            CacheTransfers.upload(local, s3, TransferOptions.defaults());
            try (TieredBlobStore tiered =
                    TieredBlobStore.over(s3, dir.resolve("tier" + PREFIXES.incrementAndGet()), 1L << 30)) {
                Cache fromS3 = Cache.open(s3);
                Cache fromTier = Cache.open(tiered);
                BalancedSample sample =
                        BalancedSampler.defaults().sample(fromS3.split("train").requireSeizureWindows());
                try (BatchIterator a = sample.batches(fromS3.split("train"))
                                .batchSize(4)
                                .parallelism(4)
                                .open();
                        BatchIterator b = sample.batches(fromTier.split("train"))
                                .batchSize(4)
                                .open()) {
                    int batches = 0;
                    while (a.hasNext()) {
                        assertTrue(b.hasNext());
                        Batch x = a.next();
                        Batch y = b.next();
                        assertEquals(x.windows(), y.windows());
                        assertArrayEquals(x.signals(), y.signals());
                        assertArrayEquals(x.labels(), y.labels());
                        batches++;
                    }
                    assertFalse(b.hasNext());
                    assertEquals((sample.size() + 3) / 4, batches);
                    assertEquals(sample.size(), a.stats().windows());
                    assertTrue(a.stats().windowsPerSecond() > 0 && a.stats().megabytesPerSecond() > 0);
                }
                server.resetCounts();
                try (BatchIterator again =
                        sample.batches(fromTier.split("train")).batchSize(4).open()) {
                    while (again.hasNext()) {
                        again.next();
                    }
                }
                assertEquals(0, server.gets(), "the second pass is served by the SSD tier");
            }
        }
    }

    @Test
    void cleanDeletesOnlyWhenConfirmedAndWritesMetadataThatForgetsTheConfiguration() throws IOException {
        Location where = fresh();
        try (BlobStore s3 = BlobStores.open(where, server.options())) {
            CacheTransfers.upload(local, s3, TransferOptions.defaults());
            CleanResult dry = CacheTransfers.clean(s3, CleanOptions.listOnly());
            assertEquals(train().size() + 2, dry.keys().size());
            assertEquals(0, dry.deleted());
            assertEquals(
                    train().size(), Cache.open(s3).split("train").cacheFiles().size());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> CacheTransfers.clean(
                            s3,
                            new CleanOptions(
                                    false, false, io.github.braingobrr.storage.transfer.ProgressListener.NONE)));
            CleanResult done = CacheTransfers.clean(s3, CleanOptions.deleteConfirmed());
            assertEquals(train().size() + 2, done.deleted());
            CacheMetadata meta = Cache.open(s3).metadata().orElseThrow();
            assertEquals("clean", meta.lastOperation().orElseThrow());
            assertTrue(meta.configHash().isEmpty());
            BuildResult rebuilt = CacheBuilder.from(corpus.root())
                    .to(s3)
                    .split("train")
                    .preprocessing(PreprocessingConfig.zeroPhase())
                    .environment(name -> null)
                    .build();
            assertEquals(train().size(), rebuilt.split("train").built());
        }
    }

    @Test
    void populateRefusesATierHoldingAnotherCache() throws IOException {
        Location where = fresh();
        Path ssdDir = dir.resolve("ssd-other");
        CacheBuilder.from(corpus.root())
                .to(ssdDir)
                .split("train")
                .limit(1)
                .preprocessing(PreprocessingConfig.zeroPhase())
                .environment(name -> null)
                .build();
        Map<String, String> before = Trees.snapshot(ssdDir);
        try (BlobStore s3 = BlobStores.open(where, server.options());
                SsdVolume ssd = SsdVolume.open(ssdDir, 1L << 30)) {
            CacheTransfers.upload(LocalBlobStore.open(local), s3, TransferOptions.defaults());
            CacheMismatchException e = assertThrows(
                    CacheMismatchException.class, () -> CacheTransfers.populate(s3, ssd, TransferOptions.defaults()));
            assertEquals("preprocessing", e.field());
        }
        Map<String, String> after = Trees.snapshot(ssdDir);
        after.keySet().removeIf(k -> k.startsWith(".bgb-tier"));
        before.keySet().removeIf(k -> k.startsWith(".bgb-tier"));
        assertEquals(before, after);
        assertTrue(Files.isDirectory(ssdDir.resolve("train")));
    }
}
