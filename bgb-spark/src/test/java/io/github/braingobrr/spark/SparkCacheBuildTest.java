package io.github.braingobrr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.cache.BuildResult;
import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.cache.CacheMismatchException;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.storage.transfer.Transfers;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkCacheBuild} on {@code local[2]} Spark against the single-machine {@link CacheBuilder} of the same corpus:
 * the same cache to a local folder and to S3 (an S3 API server in-process), a task that dies once and is retried, a
 * rerun that rebuilds nothing, the limit, a mismatched cache, and the spark-submit arguments.
 */
class SparkCacheBuildTest {
    @TempDir
    static Path dir;

    private static JavaSparkContext spark;
    private static SyntheticCorpus corpus;
    private static Path reference;
    private static BuildResult referenceResult;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkTesting.context(2);
        corpus = SparkTesting.corpus(dir.resolve("edf"), 5, 1.0);
        reference = dir.resolve("reference");
        referenceResult =
                CacheBuilder.from(corpus.root()).to(reference).workers(2).build();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @AfterEach
    void noProbe() {
        PartitionBuild.probe = PartitionBuild.Probe.NONE;
    }

    @Test
    void buildsTheSameCacheAsTheSingleMachineBuilderIntoALocalFolder() throws IOException {
        Path out = dir.resolve("local");
        SparkBuildResult r = SparkCacheBuild.from(corpus.root()).to(out).run(spark);

        try (BlobStore want = LocalBlobStore.open(reference);
                BlobStore got = LocalBlobStore.open(out)) {
            SparkTesting.assertSameCache(want, got);
        }
        assertEquals(referenceResult.splits(), r.build().splits());
        assertEquals(referenceResult.failures(), r.build().failures());
        assertEquals(1, r.build().failures().size(), "the file that is not an EDF");
        assertEquals(
                "train/zz99/s001_2020/01_tcp_ar/zz99_s001_t000.edf",
                r.build().failures().get(0).source());
        // the accumulators: every selected recording once, its windows, its EDF bytes
        int selected = referenceResult.splits().stream()
                .mapToInt(BuildResult.Split::selected)
                .sum();
        assertEquals(selected, r.files());
        assertEquals(referenceResult.counts().total(), r.windows());
        assertEquals(edfBytes(), r.edfBytes());
        assertTrue(r.partitions() > 1 && r.partitions() <= selected, "partitions " + r.partitions());
        assertFalse(hasStagedFiles(out), "nothing left in the staging folder");
    }

    @Test
    void buildsTheSameCacheAsTheSingleMachineBuilderIntoS3() throws IOException {
        try (S3ProxyServer server = S3ProxyServer.startTransient()) {
            server.createBucket("bgb");
            Location cache = server.location("bgb", "cache/tusz");
            SparkBuildResult r = SparkCacheBuild.from(corpus.root())
                    .to(cache)
                    .storeOptions(server.options())
                    .partitions(3)
                    .run(spark);
            assertEquals(referenceResult.splits(), r.build().splits());
            assertEquals(3, r.partitions());
            try (BlobStore want = LocalBlobStore.open(reference);
                    BlobStore got = BlobStores.open(cache, server.options())) {
                SparkTesting.assertSameCache(want, got);
            }
        }
    }

    @Test
    void buildsFromADataTreeOnS3TheCacheTheSingleMachineBuilderMakesFromTheLocalCopy() throws IOException {
        Path copy = dir.resolve("edf-copy");
        try (Stream<Path> all = Files.walk(corpus.root())) {
            for (Path p : all.toList()) {
                Path target = copy.resolve(corpus.root().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        try (S3ProxyServer server = S3ProxyServer.startTransient()) {
            server.createBucket("bgb");
            Location data = server.location("bgb", "tusz/edf");
            try (BlobStore s3 = BlobStores.open(data, server.options())) {
                Transfers.upload(copy, s3, TransferOptions.defaults());
                // the fingerprint holds the EDF file's modification time: the local copy gets the times S3 recorded
                for (BlobInfo b : s3.list("")) {
                    Files.setLastModifiedTime(copy.resolve(b.key()), FileTime.from(b.lastModified()));
                }
            }
            Path local = dir.resolve("from-local-copy");
            BuildResult single = CacheBuilder.from(copy).to(local).workers(2).build();
            Path out = dir.resolve("from-s3");
            SparkBuildResult r = SparkCacheBuild.from(data.toString())
                    .to(out)
                    .storeOptions(server.options())
                    .partitions(3)
                    .run(spark);

            assertEquals(single.splits(), r.build().splits());
            assertEquals(1, r.build().failures().size(), "the file that is not an EDF");
            assertTrue(
                    r.build().failures().get(0).reason().contains(data.toString()),
                    () -> r.build().failures().toString());
            try (BlobStore want = LocalBlobStore.open(local);
                    BlobStore got = LocalBlobStore.open(out)) {
                SparkTesting.assertSameCache(want, got, copy.toString(), data.toString());
            }
            assertFalse(hasStagedFiles(out), "nothing left in the staging folder");
        }
    }

    @Test
    void aTaskThatDiesIsRetriedWithoutDuplicatesAndARerunRebuildsNothing() throws IOException {
        Path out = dir.resolve("retried");
        List<String> attempts = Collections.synchronizedList(new ArrayList<>());
        // each task dies on its first attempt after building its first recording
        PartitionBuild.probe = (task, attempt, index) -> {
            attempts.add(task.source() + "#" + attempt);
            if (attempt == 0 && index == 1) {
                throw new IOException("killed on purpose before " + task.source());
            }
        };
        SparkBuildResult first =
                SparkCacheBuild.from(corpus.root()).to(out).partitions(2).run(spark);
        PartitionBuild.probe = PartitionBuild.Probe.NONE;

        assertTrue(attempts.stream().anyMatch(a -> a.endsWith("#1")), "Spark retried the tasks: " + attempts);
        assertEquals(referenceResult.splits(), first.build().splits());
        int selected = referenceResult.splits().stream()
                .mapToInt(BuildResult.Split::selected)
                .sum();
        assertEquals(selected, first.files(), "a failed attempt's accumulator updates are not counted");
        try (BlobStore want = LocalBlobStore.open(reference);
                BlobStore got = LocalBlobStore.open(out)) {
            SparkTesting.assertSameCache(want, got); // the same keys: no duplicates, no temporary names
        }
        assertFalse(hasStagedFiles(out), "the dead attempts left nothing staged");

        Map<Path, FileTime> before = modified(out);
        SparkBuildResult second = SparkCacheBuild.from(corpus.root()).to(out).run(spark);
        for (BuildResult.Split s : second.build().splits()) {
            assertEquals(0, s.built(), s.split() + ": nothing rebuilt");
        }
        int cached = referenceResult.splits().stream()
                .mapToInt(BuildResult.Split::cacheFiles)
                .sum();
        assertEquals(
                cached,
                second.build().splits().stream()
                        .mapToInt(BuildResult.Split::skipped)
                        .sum());
        assertEquals(referenceResult.failures(), second.build().failures(), "the bad file fails again, once");
        assertEquals(before, modified(out), "no cache file was written again");
        try (BlobStore want = LocalBlobStore.open(reference);
                BlobStore got = LocalBlobStore.open(out)) {
            SparkTesting.assertSameCache(want, got);
        }
    }

    @Test
    void aDriverThatDiedBeforeWritingTheManifestsLosesNoFinishedFile() throws IOException {
        Path out = dir.resolve("driver-died");
        SparkCacheBuild.from(corpus.root()).to(out).run(spark);
        // what a driver killed after the tasks and before the manifests leaves: cache files and the metadata
        for (String split : List.of("train", "dev")) {
            Files.delete(out.resolve(split).resolve("manifest.json"));
            Files.delete(out.resolve(split).resolve("_dataset_index.json"));
        }
        Map<Path, FileTime> before = modified(out);
        SparkBuildResult again = SparkCacheBuild.from(corpus.root()).to(out).run(spark);
        assertEquals(
                0,
                again.build().splits().stream()
                        .mapToInt(BuildResult.Split::built)
                        .sum(),
                "nothing rebuilt");
        assertEquals(before, modified(out));
        try (BlobStore want = LocalBlobStore.open(reference);
                BlobStore got = LocalBlobStore.open(out)) {
            SparkTesting.assertSameCache(want, got); // the manifests are whole again
        }
    }

    @Test
    void theDriverRecordsEachTaskWhileTheJobRuns() throws IOException {
        Path out = dir.resolve("progress");
        AtomicInteger events = new AtomicInteger();
        AtomicBoolean sawProgress = new AtomicBoolean();
        // three tasks on two cores: the third starts only when another has ended, and waits for the listener to hear
        PartitionBuild.probe = (task, attempt, index) -> {
            if (TaskContext.get().partitionId() == 2 && index == 0) {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (events.get() == 0 && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
                sawProgress.set(events.get() > 0);
            }
        };
        SparkBuildResult r = SparkCacheBuild.from(corpus.root())
                .to(out)
                .partitions(3)
                .listener(progress -> events.incrementAndGet())
                .run(spark);
        assertTrue(sawProgress.get(), "the listener heard of finished tasks before the last task ended");
        assertEquals(r.files(), events.get(), "one progress event per recording");
        try (BlobStore want = LocalBlobStore.open(reference);
                BlobStore got = LocalBlobStore.open(out)) {
            SparkTesting.assertSameCache(want, got);
        }
    }

    @Test
    void honoursTheLimitAsTheSingleMachineBuilderDoes() throws IOException {
        Path want = dir.resolve("limit-reference");
        Path got = dir.resolve("limit-spark");
        CacheBuilder.from(corpus.root()).to(want).split("train").limit(3).build();
        SparkBuildResult r = SparkCacheBuild.from(corpus.root())
                .to(got)
                .split("train")
                .limit(3)
                .run(spark);
        assertEquals(3, r.files());
        assertEquals(3, r.build().splits().get(0).selected());
        try (BlobStore a = LocalBlobStore.open(want);
                BlobStore b = LocalBlobStore.open(got)) {
            SparkTesting.assertSameCache(a, b);
        }
    }

    @Test
    void refusesACacheMadeWithOtherPreprocessingAndChangesNothing() throws IOException {
        Path out = dir.resolve("mismatch");
        SparkCacheBuild.from(corpus.root()).to(out).split("dev").run(spark);
        Map<String, byte[]> before = contents(out);
        SparkCacheBuild other =
                SparkCacheBuild.from(corpus.root()).to(out).split("dev").preprocessing(PreprocessingConfig.zeroPhase());
        assertThrows(CacheMismatchException.class, () -> other.run(spark));
        Map<String, byte[]> after = contents(out);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
    }

    @Test
    void theSparkSubmitArgumentsDescribeTheBuild() throws IOException {
        // the preprocessing JSON a cache records, read back from a file, gives the same configuration hash
        PreprocessingConfig config = PreprocessingConfig.zeroPhase();
        Path json = dir.resolve("preprocessing.json");
        Files.writeString(json, config.toCanonicalJson(), StandardCharsets.UTF_8);
        Path out = dir.resolve("from-main");
        SparkBuildResult r = SparkCacheBuildMain.parse(new String[] {
                    "--data",
                    corpus.root().toString(),
                    "--cache",
                    out.toString(),
                    "--config",
                    json.toString(),
                    "--split",
                    "dev",
                    "--limit",
                    "2",
                    "--partitions",
                    "2"
                })
                .run(spark);
        assertEquals(
                List.of("dev"),
                r.build().splits().stream().map(BuildResult.Split::split).toList());
        assertEquals(2, r.files());
        assertEquals(2, r.partitions());
        String metadata = Files.readString(out.resolve(".cache_metadata.json"));
        assertTrue(metadata.contains(config.hash()), "the metadata records the hash of the given configuration");

        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> SparkCacheBuildMain.parse(new String[] {"--data", "d", "--cache", "c", "--workers", "4"}));
        assertTrue(unknown.getMessage().contains("--workers"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class, () -> SparkCacheBuildMain.parse(new String[] {"--data", "d"}));
        assertTrue(missing.getMessage().contains("--cache"), missing.getMessage());
        IllegalArgumentException limit = assertThrows(
                IllegalArgumentException.class,
                () -> SparkCacheBuildMain.parse(new String[] {"--data", "d", "--cache", "c", "--limit", "0"}));
        assertTrue(limit.getMessage().contains("--limit '0'"), limit.getMessage());
        assertThrows(
                java.nio.file.NoSuchFileException.class,
                () -> SparkCacheBuildMain.parse(new String[] {
                    "--data",
                    "d",
                    "--cache",
                    dir.resolve("unused").toString(),
                    "--config",
                    dir.resolve("none.json").toString()
                }));
    }

    private static long edfBytes() throws IOException {
        try (Stream<Path> s = Files.walk(corpus.root())) {
            return s.filter(p -> p.toString().endsWith(".edf"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static boolean hasStagedFiles(Path cache) throws IOException {
        Path staging = cache.resolve(".bgb-staging");
        if (!Files.exists(staging)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(staging)) {
            return s.anyMatch(Files::isRegularFile);
        }
    }

    private static Map<Path, FileTime> modified(Path cache) throws IOException {
        Map<Path, FileTime> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(cache)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".npz")).toList()) {
                out.put(cache.relativize(p), Files.getLastModifiedTime(p));
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    private static Map<String, byte[]> contents(Path cache) throws IOException {
        try (BlobStore s = LocalBlobStore.open(cache)) {
            return SparkTesting.contents(s);
        }
    }
}
