package io.github.braingobrr.benchmarks;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.WriteOptions;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.testing.LoopbackProxy;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.storage.tiered.SsdVolume;
import io.github.braingobrr.storage.tiered.TierPolicy;
import io.github.braingobrr.storage.tiered.TieredBlobStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
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
 * One 60 s EEG window (19 channels x 15360 samples x 4 bytes = 1,167,360 bytes) read at a random position
 * of a cache file, from three places holding the same objects:
 *
 * <ul>
 *   <li>{@code local}: a {@link LocalBlobStore} directory;
 *   <li>{@code ssdTier}: a {@link TieredBlobStore} over S3 whose {@link SsdVolume} was populated first, so
 *       every read is served by the SSD copy (the trial fails if any GET reached S3);
 *   <li>{@code s3}: the S3 store itself, one ranged GET per window.
 * </ul>
 *
 * <p>S3 model: S3Proxy (filesystem backend) on 127.0.0.1 behind {@link LoopbackProxy}, which holds each
 * request for {@code latencyMs} before forwarding it (time to first byte; 20 ms is a realistic S3 figure)
 * and paces each connection's responses to {@code megabytesPerSecond} (decimal MB/s per connection; 80 is
 * a typical single-stream S3 GET rate from EC2). The "SSD" is this machine's local disk, so warm reads come
 * from the page cache, as they do on a real SSD volume under training.
 *
 * <p>{@code java -jar benchmarks.jar StorageReadBenchmark} prints the three scores;
 * {@code java -cp benchmarks.jar io.github.braingobrr.benchmarks.StorageReadBenchmark [jmh options]} runs
 * the same benchmarks and then prints the S3 / SSD-tier ratio measured in that one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class StorageReadBenchmark {
    static final int WINDOW_BYTES = 19 * 15360 * 4;

    static {
        // S3Proxy and Jetty log every start and stop at INFO; keep the benchmark output readable
        System.setProperty("org.slf4j.simpleLogger.log.org.gaul", "warn");
    }

    private static final int OBJECTS = 4;
    private static final int WINDOWS_PER_OBJECT = 6;
    private static final int HEADER = 4096;

    /** Added before each request reaches S3Proxy, in milliseconds. */
    @Param("20")
    public int latencyMs;

    /** Response bandwidth per connection, in decimal megabytes per second. */
    @Param("80")
    public int megabytesPerSecond;

    private Path dir;
    private S3ProxyServer server;
    private LoopbackProxy network;
    private BlobStore s3;
    private BlobStore local;
    private TieredBlobStore tiered;
    private InputFile[] s3Files;
    private InputFile[] localFiles;
    private InputFile[] ssdFiles;
    private ByteBuffer window;
    private SplittableRandom random;
    private int serverGetsAfterSetup;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bgb-storage-bench");
        server = S3ProxyServer.builder()
                .filesystem(Files.createDirectories(dir.resolve("s3")))
                .start();
        server.createBucket("bench");
        network = LoopbackProxy.start(server.port())
                .latency(Duration.ofMillis(latencyMs))
                .bandwidth(megabytesPerSecond * 1_000_000L);
        s3 = BlobStores.open(server.location("bench", "cache/tusz"), S3ProxyServer.options(network.endpoint()));
        local = LocalBlobStore.open(dir.resolve("local"));
        byte[] content = new byte[HEADER + WINDOWS_PER_OBJECT * WINDOW_BYTES];
        Random r = new Random(7);
        try (BlobStore direct = BlobStores.open(server.location("bench", "cache/tusz"), server.options())) {
            for (int i = 0; i < OBJECTS; i++) {
                r.nextBytes(content);
                direct.write(key(i), content, WriteOptions.defaults());
                local.write(key(i), content, WriteOptions.defaults());
            }
        }
        tiered = new TieredBlobStore(SsdVolume.open(dir.resolve("ssd"), 1L << 30), s3, TierPolicy.FAST_FIRST);
        s3Files = new InputFile[OBJECTS];
        localFiles = new InputFile[OBJECTS];
        ssdFiles = new InputFile[OBJECTS];
        for (int i = 0; i < OBJECTS; i++) {
            s3Files[i] = s3.open(key(i));
            localFiles[i] = local.open(key(i));
            ssdFiles[i] = tiered.open(key(i)); // populates the SSD tier once, through the shaped network
        }
        window = ByteBuffer.allocateDirect(WINDOW_BYTES);
        random = new SplittableRandom(11);
        serverGetsAfterSetup = server.gets();
    }

    private static String key(int i) {
        return "train/aaaaaa" + (char) ('a' + i) + "_s001_t000_windows.npz";
    }

    private ByteBuffer readRandomWindow(InputFile[] files) throws IOException {
        InputFile f = files[random.nextInt(OBJECTS)];
        long position = HEADER + (long) random.nextInt(WINDOWS_PER_OBJECT) * WINDOW_BYTES;
        window.clear();
        f.readFully(position, window);
        return window;
    }

    /** A window from a plain local directory. */
    @Benchmark
    public ByteBuffer local() throws IOException {
        return readRandomWindow(localFiles);
    }

    /** A window from the SSD tier in front of S3 (populated during setup). */
    @Benchmark
    public ByteBuffer ssdTier() throws IOException {
        return readRandomWindow(ssdFiles);
    }

    /** A window straight from S3: one ranged GET through the modelled network. */
    @Benchmark
    public ByteBuffer s3() throws IOException {
        return readRandomWindow(s3Files);
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) throws IOException {
        int gets = server.gets() - serverGetsAfterSetup;
        for (InputFile[] files : new InputFile[][] {s3Files, localFiles, ssdFiles}) {
            for (InputFile f : files) {
                f.close();
            }
        }
        tiered.close();
        s3.close();
        network.close();
        server.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.println("\nS3 GETs during the measured runs of this trial: " + gets);
        if (!params.getBenchmark().endsWith(".s3") && gets > 0) {
            throw new IllegalStateException(
                    params.getBenchmark() + " reached S3 " + gets + " times; the SSD tier" + " must serve every read");
        }
    }

    /** Runs the three benchmarks (JMH options may be given) and prints the ratio measured in this run. */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .parent(cli)
                        .include(StorageReadBenchmark.class.getName() + "\\.")
                        .build())
                .run();
        double s3 = score(results, "s3");
        double ssd = score(results, "ssdTier");
        double local = score(results, "local");
        System.out.printf(
                Locale.ROOT,
                "%nwindow read (1,167,360 B): local %.3f ms, SSD tier %.3f ms, S3 %.3f ms;"
                        + " S3 / SSD tier = %.1fx, S3 / local = %.1fx%n",
                local,
                ssd,
                s3,
                s3 / ssd,
                s3 / local);
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .mapToDouble(r -> r.getPrimaryResult().getScore())
                .findFirst()
                .orElse(Double.NaN);
    }
}
