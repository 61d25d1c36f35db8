package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.BgbVersion;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.testing.FailingBlobStore;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.storage.tiered.SsdVolume;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CacheStatus} of one cache as built, made stale, with a broken manifest, partly copied to an SSD volume and
 * copied to S3 (a real S3 API server in-process). Expected counts come from the planted events and the files on disk,
 * never from the code under test.
 */
class CacheStatusTest {
    @TempDir
    static Path dir;

    private static S3ProxyServer server;
    private static SyntheticCorpus corpus;
    private static SyntheticRecordingSpec corrupt;
    private static Path built;
    private static Instant buildStarted;
    private static Instant buildEnded;

    @BeforeAll
    static void build() throws IOException {
        server = S3ProxyServer.startTransient();
        server.createBucket("bgb");
        corpus = TestCorpus.write(dir.resolve("edf"));
        corrupt = corpus.recordings(CorpusSplit.TRAIN).stream()
                .filter(s -> TestCorpus.windows(s) > 0)
                .findFirst()
                .orElseThrow();
        try (RandomAccessFile f = new RandomAccessFile(
                corpus.root().resolve(corrupt.relativeEdfPath()).toFile(), "rw")) {
            f.seek(236); // number of data records: a word where a number belongs
            f.write("garbage!".getBytes(StandardCharsets.US_ASCII));
        }
        built = dir.resolve("built");
        buildStarted = Instant.now();
        CacheBuilder.from(corpus.root()).to(built).environment(name -> null).build();
        buildEnded = Instant.now();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path copy(String name) throws IOException {
        return Trees.copy(built, dir.resolve(name));
    }

    private static CacheStatus status(Path cache) throws IOException {
        return CacheStatus.of(LocalBlobStore.open(cache));
    }

    /** The {@code .npz} files of a split folder and their sizes, read from the disk. */
    private static Map<String, Long> npz(Path splitDir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(splitDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(".npz")) {
                    out.put(p.getFileName().toString(), Files.size(p));
                }
            }
        }
        return out;
    }

    private static long sum(Map<String, Long> sizes) {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Windows per category of the recordings of a split that were built, from their planted seizures. */
    private static CategoryCounts planted(CorpusSplit split) {
        CategoryCounts sum = CategoryCounts.ZERO;
        for (SyntheticRecordingSpec s : corpus.recordings(split)) {
            if (s != corrupt) {
                sum = sum.plus(CategoryCounts.of(TestCorpus.categories(s)));
            }
        }
        return sum;
    }

    private static CacheStatus.SplitStatus split(CacheStatus s, String name) {
        return s.splits().stream()
                .filter(x -> x.split().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + s.splits()));
    }

    /** Asserts what every healthy copy of the built cache shows, with bytes from the files under {@code onDisk}. */
    private static void assertSameCache(CacheStatus s, Path onDisk) throws IOException {
        assertEquals(
                List.of("train", "dev"),
                s.splits().stream().map(CacheStatus.SplitStatus::split).toList());
        for (CorpusSplit cs : List.of(CorpusSplit.TRAIN, CorpusSplit.DEV)) {
            String name = cs == CorpusSplit.TRAIN ? "train" : "dev";
            CacheStatus.SplitStatus x = split(s, name);
            Map<String, Long> files = npz(onDisk.resolve(name));
            int recordings = corpus.recordings(cs).size() - (cs == CorpusSplit.TRAIN ? 1 : 0);
            assertEquals(CacheStatus.State.VALID, x.state(), x.reasons().toString());
            assertEquals(recordings, files.size(), "one cache file per good recording on disk");
            assertEquals(files.size(), x.cacheFiles());
            assertEquals(sum(files), x.bytes());
            assertTrue(x.manifestPresent());
            assertEquals(recordings, x.manifestFiles());
            assertEquals(planted(cs), x.windows());
            assertEquals(List.of(), x.missingFiles());
            assertEquals(List.of(), x.unlistedFiles());
            assertEquals(List.of(), x.reasons());
        }
        assertEquals(planted(CorpusSplit.TRAIN).plus(planted(CorpusSplit.DEV)), s.totals());
        assertTrue(s.totals().get(WindowCategory.PARTIAL_SEIZURE) > 0, "the corpus has seizures");
        assertEquals(sum(npz(onDisk.resolve("train"))) + sum(npz(onDisk.resolve("dev"))), s.bytes());
        assertEquals(1, s.failures().size(), s.failures().toString());
        BuildFailure f = s.failures().get(0);
        assertEquals(TestCorpus.source(corrupt), f.source());
        assertEquals(BuildFailure.Kind.CORRUPT_EDF, f.kind());
        CacheMetadata m = s.metadata().orElseThrow();
        assertEquals("official_tusz", m.splitPolicy());
        assertEquals(CacheLayout.WINDOWS, m.layout().orElseThrow());
        assertEquals(BgbVersion.get(), m.bgbVersion().orElseThrow());
        assertEquals(PreprocessingConfig.seed().hash(), m.configHash().orElseThrow());
        assertEquals("seed", s.preset().orElseThrow());
        Instant b = s.lastBuild().orElseThrow();
        assertFalse(b.isBefore(buildStarted) || b.isAfter(buildEnded), b + " not within the build");
    }

    @Test
    void aFreshCacheIsValidWithItsFilesBytesWindowsFailuresAndMetadata() throws IOException {
        CacheStatus s = status(built);
        assertEquals(CacheStatus.State.VALID, s.state());
        assertTrue(s.isHealthy());
        assertSameCache(s, built);
        assertTrue(s.lastPopulate().isEmpty(), "never populated");
        assertEquals(
                List.of(CacheProblem.Kind.RECORDED_FAILURES),
                s.problems().stream().map(CacheProblem::kind).toList(),
                "the recorded failure is the only (warning) problem");
    }

    @Test
    void anNpzAddedAfterTheManifestMakesTheSplitStaleAndTheReasonNamesIt() throws IOException {
        Path cache = copy("stale");
        Path train = cache.resolve("train");
        Map<String, Long> before = npz(train);
        String first = before.keySet().iterator().next();
        String added = "zzzzzzzz_s001_t000_windows.npz";
        Files.copy(train.resolve(first), train.resolve(added));

        CacheStatus s = status(cache);
        assertEquals(CacheStatus.State.STALE, s.state());
        assertFalse(s.isHealthy());
        CacheStatus.SplitStatus t = split(s, "train");
        assertEquals(CacheStatus.State.STALE, t.state());
        assertEquals(List.of(added), t.unlistedFiles());
        assertEquals(before.size() + 1, t.cacheFiles());
        assertEquals(sum(before) + before.get(first), t.bytes());
        assertEquals(before.size(), t.manifestFiles(), "the manifest is as it was");
        assertEquals(1, t.reasons().size(), t.reasons().toString());
        assertTrue(t.reasons().get(0).contains(added), t.reasons().get(0));
        assertEquals(CacheStatus.State.VALID, split(s, "dev").state());
    }

    @Test
    void aFileWhoseSizeDriftedMakesTheSplitStale() throws IOException {
        Path cache = copy("drift");
        Path dev = cache.resolve("dev");
        String victim = npz(dev).keySet().iterator().next();
        Files.write(dev.resolve(victim), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        CacheStatus.SplitStatus d = split(status(cache), "dev");
        assertEquals(CacheStatus.State.STALE, d.state());
        assertEquals(sum(npz(dev)), d.bytes());
        assertTrue(
                d.problems().stream()
                        .anyMatch(p -> p.kind() == CacheProblem.Kind.SIZE_MISMATCH
                                && p.file().equals(java.util.Optional.of(victim))),
                d.problems().toString());
    }

    @Test
    void noManifestIsMissingAndAnUnreadableOneIsInvalid() throws IOException {
        Path cache = copy("broken");
        Files.delete(cache.resolve("train").resolve("manifest.json"));
        Files.writeString(
                cache.resolve("dev").resolve("manifest.json"), "{\"partial_seizure\": [", StandardCharsets.UTF_8);

        CacheStatus s = status(cache);
        assertEquals(CacheStatus.State.MISSING, s.state(), "the worst split decides");
        CacheStatus.SplitStatus t = split(s, "train");
        assertEquals(CacheStatus.State.MISSING, t.state());
        assertFalse(t.manifestPresent());
        assertEquals(npz(cache.resolve("train")).size(), t.cacheFiles());
        assertEquals(CategoryCounts.ZERO, t.windows());
        assertTrue(t.reasons().get(0).contains("no manifest"), t.reasons().toString());
        CacheStatus.SplitStatus d = split(s, "dev");
        assertEquals(CacheStatus.State.INVALID, d.state());
        assertTrue(d.reasons().get(0).contains("manifest.json"), d.reasons().toString());

        CacheStatus empty = status(dir.resolve("nothing-here"));
        assertEquals(CacheStatus.State.MISSING, empty.state());
        assertEquals(0, empty.cacheFiles());
        assertTrue(empty.metadata().isEmpty());
        assertFalse(Files.exists(dir.resolve("nothing-here")), "looking creates nothing");
    }

    @Test
    void aPartlyPopulatedSsdCopyIsAnIncompleteCopyNamingWhatIsMissing() throws IOException {
        Location where = server.location("bgb", "partial/tusz");
        Path ssdDir = dir.resolve("ssd");
        Instant populateStarted;
        try (BlobStore s3 = BlobStores.open(where, server.options());
                SsdVolume ssd = SsdVolume.open(ssdDir, 1L << 30)) {
            assertTrue(
                    CacheTransfers.upload(built, s3, TransferOptions.defaults()).succeeded());
            populateStarted = Instant.now();
            assertTrue(
                    CacheTransfers.populate(s3, ssd, TransferOptions.defaults()).succeeded());
        }
        Instant populateEnded = Instant.now();
        CacheStatus whole = status(ssdDir);
        assertSameCache(whole, built);
        assertEquals(
                where.toString(), whole.metadata().orElseThrow().populatedFrom().orElseThrow());
        assertEquals(status(built).lastBuild(), whole.lastBuild(), "the build time survives the copies");
        Instant p = whole.lastPopulate().orElseThrow();
        assertFalse(p.isBefore(populateStarted) || p.isAfter(populateEnded), p + " not within the populate");

        Map<String, Long> all = npz(ssdDir.resolve("train"));
        List<String> gone = all.keySet().stream().limit(2).toList();
        for (String name : gone) {
            Files.delete(ssdDir.resolve("train").resolve(name));
        }
        CacheStatus s = status(ssdDir);
        assertEquals(CacheStatus.State.INCOMPLETE_COPY, s.state());
        CacheStatus.SplitStatus t = split(s, "train");
        assertEquals(CacheStatus.State.INCOMPLETE_COPY, t.state());
        assertEquals(gone, t.missingFiles());
        assertEquals(all.get(gone.get(0)) + all.get(gone.get(1)), t.missingBytes());
        assertEquals(all.size() - 2, t.cacheFiles());
        assertEquals(sum(all) - t.missingBytes(), t.bytes());
        assertEquals(all.size(), t.manifestFiles());
        assertTrue(t.reasons().get(0).contains(gone.get(0)), t.reasons().toString());
        assertEquals(CacheStatus.State.VALID, split(s, "dev").state());
    }

    @Test
    void aPopulateThatFailedPartWayIsAnIncompleteCopyUntilAPopulateFinishes() throws IOException {
        Path ssdDir = dir.resolve("ssd-interrupted");
        Map<String, Long> train = npz(built.resolve("train"));
        String broken = train.keySet().iterator().next();
        try (SsdVolume ssd = SsdVolume.open(ssdDir, 1L << 30)) {
            BlobStore flaky =
                    new FailingBlobStore(LocalBlobStore.open(built)).breakStream("train/" + broken, 100, 1000);
            assertFalse(CacheTransfers.populate(flaky, ssd, TransferOptions.defaults())
                    .succeeded());
        }
        CacheStatus s = status(ssdDir);
        assertEquals(CacheStatus.State.INCOMPLETE_COPY, s.state());
        assertEquals(
                List.of(CacheProblem.Kind.UNFINISHED_POPULATE),
                s.problems().stream()
                        .filter(p -> p.split().isEmpty())
                        .map(CacheProblem::kind)
                        .toList());
        CacheStatus.SplitStatus t = split(s, "train");
        assertEquals(CacheStatus.State.INCOMPLETE_COPY, t.state(), "not 'missing': scanning it would be wrong");
        assertFalse(t.manifestPresent(), "manifests are held back when a file failed");
        Map<String, Long> copied = npz(ssdDir.resolve("train"));
        assertFalse(copied.containsKey(broken));
        assertEquals(copied.size(), t.cacheFiles());
        assertEquals(sum(copied), t.bytes());
        assertTrue(s.lastPopulate().isEmpty(), "no populate finished");
        assertEquals(
                LocalBlobStore.open(built).root().toString(),
                s.metadata().orElseThrow().populatedFrom().orElseThrow());

        try (Cache c = Cache.open(ssdDir)) {
            CacheInvalidException e = assertThrows(
                    CacheInvalidException.class, () -> c.split("train").manifest());
            assertTrue(e.getMessage().contains("populate again"), e.getMessage());
        }
        assertFalse(Files.exists(ssdDir.resolve("train/manifest.json")), "no manifest of a partial copy is written");

        Instant again = Instant.now();
        try (SsdVolume ssd = SsdVolume.open(ssdDir, 1L << 30)) {
            assertTrue(CacheTransfers.populate(LocalBlobStore.open(built), ssd, TransferOptions.defaults())
                    .succeeded());
        }
        CacheStatus done = status(ssdDir);
        assertSameCache(done, built);
        assertEquals(CacheStatus.State.VALID, done.state(), done.problems().toString());
        assertFalse(done.lastPopulate().orElseThrow().isBefore(again));
    }

    @Test
    void anS3CopyShowsTheSameCache() throws IOException {
        Location where = server.location("bgb", "copy/tusz");
        try (BlobStore s3 = BlobStores.open(where, server.options())) {
            Instant uploadStarted = Instant.now();
            assertTrue(
                    CacheTransfers.upload(built, s3, TransferOptions.defaults()).succeeded());
            CacheStatus s;
            try (Cache cache = Cache.open(where, server.options())) {
                s = cache.status();
            }
            assertEquals(where, s.cache());
            assertEquals(CacheStatus.State.VALID, s.state());
            assertSameCache(s, built);
            assertEquals(status(built).lastBuild(), s.lastBuild());
            assertTrue(s.lastPopulate().isEmpty());
            Instant u = s.metadata().orElseThrow().lastRun("upload").orElseThrow();
            assertFalse(u.isBefore(uploadStarted), u.toString());
        }
    }

    @Test
    void metadataWrittenBeforeLastRunWasRecordedGivesItsLastOperationAndKeepsIt() throws IOException {
        Path cache = copy("older");
        String old = "{\"split_policy\":\"official_tusz\",\"created\":\"bgb 0.0.9 CacheBuilder\","
                + "\"timestamp\":\"2026-01-02T03:04:05Z\",\"schema\":\"bgb.cache/1\",\"layout\":\"windows\","
                + "\"compression\":\"stored\",\"preprocessing\":"
                + PreprocessingConfig.seed().toCanonicalJson()
                + ",\"config_hash\":\"" + PreprocessingConfig.seed().hash() + "\",\"bgb_version\":\"0.0.9\","
                + "\"updated\":\"2026-01-02T03:04:05Z\",\"last_operation\":\"build\"}";
        Files.writeString(cache.resolve(".cache_metadata.json"), old, StandardCharsets.UTF_8);
        CacheStatus s = status(cache);
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), s.lastBuild().orElseThrow());
        assertEquals("0.0.9", s.metadata().orElseThrow().bgbVersion().orElseThrow());
        assertEquals(CacheStatus.State.VALID, s.state(), s.problems().toString());

        Instant scanned = Instant.now();
        try (Cache c = Cache.open(cache)) {
            c.split("dev").scan();
            CacheMetadata m = c.metadata().orElseThrow();
            assertEquals(
                    Instant.parse("2026-01-02T03:04:05Z"), m.lastRun("build").orElseThrow(), "kept");
            assertFalse(m.lastRun("scan").orElseThrow().isBefore(scanned));
            assertEquals(List.of("build", "scan"), List.copyOf(m.lastRun().keySet()));
        }
        String written = Files.readString(cache.resolve(".cache_metadata.json"), StandardCharsets.UTF_8);
        assertTrue(written.contains("\"last_run\""), written);
        assertTrue(written.contains("\"split_policy\":\"official_tusz\""), "the Python system's key is kept");
    }
}
