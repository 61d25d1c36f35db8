package io.github.braingobrr.benchmarks;

import io.github.braingobrr.cache.Batch;
import io.github.braingobrr.cache.BatchIterator;
import io.github.braingobrr.cache.BuildResult;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.cache.CacheLayout;
import io.github.braingobrr.cache.CacheSplit;
import io.github.braingobrr.cache.CacheTransfers;
import io.github.braingobrr.cache.WindowReader;
import io.github.braingobrr.cache.WindowRef;
import io.github.braingobrr.cache.sampling.BalancedSample;
import io.github.braingobrr.cache.sampling.BalancedSampler;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.testing.LoopbackProxy;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.storage.tiered.TieredBlobStore;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The window cache: how fast it is built, and how fast training reads it from each tier.
 *
 * <ul>
 *   <li>{@code build}: a cache built from a synthetic one-hour corpus (six 10-minute recordings, 250–512 Hz, seed
 *       preset, two workers) into a fresh local directory, per layout; one build per measurement. Recordings per
 *       minute and MB/s of EDF input follow from the score and the corpus size printed at setup.
 *   <li>{@code window*}: one random window (signals 19 × 15,360 float32 and labels, through {@link WindowReader}: one
 *       positional read per member) of a STORED windows-layout cache in a local directory, in the SSD tier (a
 *       {@link TieredBlobStore} over S3, populated first), and straight from S3.
 *   <li>{@code batch*}: one batch of 32 windows of a balanced sample through {@link BatchIterator} (8 reads in
 *       flight, 2 batches prefetched) from the SSD tier and from S3; windows/s = 32 / score.
 * </ul>
 *
 * <p>S3 model: S3Proxy (filesystem backend) on 127.0.0.1 behind {@link LoopbackProxy}, which holds each request
 * {@code latencyMs} before forwarding it (time to first byte; 20 ms is a realistic S3 figure) and paces each
 * connection to {@code megabytesPerSecond} (decimal MB/s; 80 is a typical single-stream S3 GET from EC2). The "SSD"
 * is this machine's disk, so warm reads come from the page cache as on a real SSD volume under training.
 * {@code java -cp benchmarks.jar io.github.braingobrr.benchmarks.CacheBenchmark [jmh options]} also prints the
 * S3 / SSD-tier ratio measured in that run.
 */
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CacheBenchmark {
    static {
        System.setProperty("org.slf4j.simpleLogger.log.org.gaul", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.github.braingobrr", "warn");
    }

    /** A one-hour corpus and a fresh cache directory per build. */
    @State(Scope.Benchmark)
    public static class BuildState {
        /** The cache layout built. */
        @Param({"windows", "continuous"})
        public String layout;

        Path dir;
        SyntheticCorpus corpus;
        Path cache;
        int builds;

        @Setup(Level.Trial)
        public void corpus() throws IOException {
            dir = Files.createTempDirectory("bgb-cache-bench");
            corpus = SyntheticCorpus.builder()
                    .patients(3)
                    .recordingsPerPatient(2)
                    .minutesPerRecording(10)
                    .durationJitter(0)
                    .shortFraction(0)
                    .splits(0, 0)
                    .seed(5)
                    .writeTo(dir.resolve("edf"));
            long bytes = 0;
            for (SyntheticRecordingSpec s : corpus.recordings()) {
                bytes += Files.size(corpus.edfPath(s));
            }
            System.out.printf(
                    Locale.ROOT,
                    "%ncorpus: %d recordings, %d min, %.1f MB of EDF%n",
                    corpus.recordings().size(),
                    corpus.totalSeconds() / 60,
                    bytes / 1e6);
        }

        @Setup(Level.Invocation)
        public void freshCache() throws IOException {
            cache = dir.resolve("cache-" + builds++);
        }

        @TearDown(Level.Invocation)
        public void removeCache() throws IOException {
            long size;
            try (Stream<Path> s = Files.walk(cache)) {
                size = s.filter(Files::isRegularFile)
                        .mapToLong(p -> p.toFile().length())
                        .sum();
            }
            System.out.printf(Locale.ROOT, "  [%s cache: %.1f MB]", layout, size / 1e6);
            delete(cache);
        }

        @TearDown(Level.Trial)
        public void removeAll() throws IOException {
            delete(dir);
        }
    }

    /** Builds the whole cache once. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public BuildResult build(BuildState s) throws IOException {
        return CacheBuilder.from(s.corpus.root())
                .to(s.cache)
                .split("train")
                .layout(CacheLayout.parse(s.layout))
                .workers(2)
                .build();
    }

    /** One cache in three places: a local directory, an SSD tier over S3, and S3 behind a modelled network. */
    @State(Scope.Benchmark)
    public static class ReadState {
        /** Added before each request reaches S3Proxy, in milliseconds. */
        @Param("20")
        public int latencyMs;

        /** Response bandwidth per connection, in decimal megabytes per second. */
        @Param("80")
        public int megabytesPerSecond;

        Path dir;
        S3ProxyServer server;
        LoopbackProxy network;
        BlobStore s3;
        TieredBlobStore tiered;
        Cache local;
        final List<WindowReader[]> readers = new ArrayList<>();
        List<WindowRef> windows;
        BalancedSample sample;
        CacheSplit ssdSplit;
        CacheSplit s3Split;
        SplittableRandom random = new SplittableRandom(3);
        float[] signals;
        float[] labels;
        int gets;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("bgb-cache-read-bench");
            SyntheticCorpus corpus = SyntheticCorpus.builder()
                    .patients(4)
                    .recordingsPerPatient(2)
                    .minutesPerRecording(4)
                    .shortFraction(0)
                    .seizureFraction(0.8)
                    .splits(0, 0)
                    .seed(9)
                    .writeTo(dir.resolve("edf"));
            Path localDir = dir.resolve("local");
            CacheBuilder.from(corpus.root()).to(localDir).split("train").build();
            server = S3ProxyServer.builder()
                    .filesystem(Files.createDirectories(dir.resolve("s3")))
                    .start();
            server.createBucket("bench");
            try (BlobStore direct = BlobStores.open(server.location("bench", "cache/tusz"), server.options())) {
                CacheTransfers.upload(localDir, direct, TransferOptions.defaults());
            }
            network = LoopbackProxy.start(server.port())
                    .latency(Duration.ofMillis(latencyMs))
                    .bandwidth(megabytesPerSecond * 1_000_000L);
            s3 = BlobStores.open(server.location("bench", "cache/tusz"), S3ProxyServer.options(network.endpoint()));
            tiered = TieredBlobStore.over(s3, dir.resolve("ssd"), 1L << 32);
            local = Cache.open(localDir);
            Cache onTier = Cache.open(tiered);
            Cache onS3 = Cache.open(s3);
            ssdSplit = onTier.split("train");
            s3Split = onS3.split("train");
            List<String> files = local.split("train").cacheFiles();
            WindowReader[] l = new WindowReader[files.size()];
            WindowReader[] t = new WindowReader[files.size()];
            WindowReader[] r = new WindowReader[files.size()];
            for (int i = 0; i < files.size(); i++) {
                l[i] = local.split("train").open(files.get(i));
                t[i] = ssdSplit.open(files.get(i)); // fills the SSD tier through the modelled network
                r[i] = s3Split.open(files.get(i));
            }
            readers.add(l);
            readers.add(t);
            readers.add(r);
            sample = BalancedSampler.defaults().sample(local.split("train").manifest());
            signals = new float[l[0].windowElements()];
            labels = new float[l[0].windowLength()];
            gets = server.gets();
            System.out.printf(
                    Locale.ROOT,
                    "%nread cache: %d files, balanced sample of %d windows%n",
                    files.size(),
                    sample.size());
        }

        float read(int tier) throws IOException {
            WindowReader[] rs = readers.get(tier);
            WindowReader r = rs[random.nextInt(rs.length)];
            r.read(random.nextInt(r.windowCount()), signals, 0, labels, 0);
            return signals[0] + labels[0];
        }

        @TearDown(Level.Trial)
        public void tearDown(BenchmarkParams params) throws IOException {
            int reached = server.gets() - gets;
            for (WindowReader[] rs : readers) {
                for (WindowReader r : rs) {
                    r.close();
                }
            }
            local.close();
            tiered.close();
            s3.close();
            network.close();
            server.close();
            delete(dir);
            if (!params.getBenchmark().endsWith("S3") && reached > 0) {
                throw new IllegalStateException(params.getBenchmark() + " reached S3 " + reached
                        + " times; the local cache and the SSD tier must serve every read");
            }
        }
    }

    /** One window from a local STORED cache. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float windowLocal(ReadState s) throws IOException {
        return s.read(0);
    }

    /** One window from the SSD tier over S3. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float windowSsdTier(ReadState s) throws IOException {
        return s.read(1);
    }

    /** One window straight from S3 (two ranged GETs: signals and labels). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float windowS3(ReadState s) throws IOException {
        return s.read(2);
    }

    /** Batches of 32 windows of the balanced sample from one tier, the sample read again when it runs out. */
    public abstract static class Batches {
        BatchIterator it;
        ReadState read;

        abstract CacheSplit split();

        @Setup(Level.Iteration)
        public void open(ReadState r) throws IOException {
            read = r;
            it = r.sample.batches(split()).batchSize(32).open();
        }

        Batch next() throws IOException {
            if (!it.hasNext()) {
                it.close();
                it = read.sample.batches(split()).batchSize(32).open();
            }
            return it.nextBatch();
        }

        @TearDown(Level.Iteration)
        public void close() {
            it.close();
        }
    }

    /** Batches from the SSD tier. */
    @State(Scope.Benchmark)
    public static class SsdBatches extends Batches {
        @Override
        CacheSplit split() {
            return read.ssdSplit;
        }
    }

    /** Batches from S3. */
    @State(Scope.Benchmark)
    public static class S3Batches extends Batches {
        @Override
        CacheSplit split() {
            return read.s3Split;
        }
    }

    /** A batch of 32 windows from the SSD tier. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Batch batchSsdTier(SsdBatches s) throws IOException {
        return s.next();
    }

    /** A batch of 32 windows from S3 (8 ranged GETs in flight). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Batch batchS3(S3Batches s) throws IOException {
        return s.next();
    }

    static void delete(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs the benchmarks (JMH options may be given) and prints the ratios measured in this run. */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .parent(cli)
                        .include(CacheBenchmark.class.getName() + "\\.")
                        .build())
                .run();
        double local = score(results, "windowLocal");
        double ssd = score(results, "windowSsdTier");
        double s3 = score(results, "windowS3");
        double bSsd = score(results, "batchSsdTier");
        double bS3 = score(results, "batchS3");
        System.out.printf(
                Locale.ROOT,
                "%nwindow: local %.3f ms, SSD tier %.3f ms, S3 %.3f ms; S3 / SSD tier = %.1fx%n"
                        + "batch of 32: SSD tier %.0f windows/s, S3 %.0f windows/s; SSD / S3 = %.1fx%n",
                local,
                ssd,
                s3,
                s3 / ssd,
                32_000 / bSsd,
                32_000 / bS3,
                bS3 / bSsd);
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .mapToDouble(r -> r.getPrimaryResult().getScore())
                .findFirst()
                .orElse(Double.NaN);
    }
}
