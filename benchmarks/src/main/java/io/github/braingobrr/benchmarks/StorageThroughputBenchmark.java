package io.github.braingobrr.benchmarks;

import io.github.braingobrr.npy.NpyReader;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzReader;
import io.github.braingobrr.npy.PositionalSource;
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
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * SSD versus S3 for the window cache: random 60 s-window reads ({@code *Window}: one window, 1,167,360 bytes,
 * at a random index of a random file) and sequential whole-file reads ({@code *File}) of the same STORED
 * cache files from four places:
 *
 * <ul>
 *   <li>{@code local*}: the files in a local directory, windows through {@link NpzReader#open(Path)};
 *   <li>{@code ssd*}: an {@link SsdVolume} holding verified copies of the files (opened once per trial);
 *   <li>{@code s3*}: the files on S3, through the modelled network; every window is one ranged GET, and
 *       {@code parallelism} of them are in flight at once (one operation is a batch of {@code parallelism}
 *       windows); a whole file is {@code parallelism} ranged GETs of equal parts, all in flight;
 *   <li>{@code tiered*}: a {@link TieredBlobStore} (SSD over S3): open a file through the tier, read one
 *       window, close. {@code tieredCold} evicts the file from the SSD first (outside the timing), so every
 *       operation fetches the whole file from S3, verifies and renames it, then reads; {@code tieredWarm} finds
 *       it on the SSD (the trial fails if any GET reached S3).
 * </ul>
 *
 * <p>Data set: {@value #FILES} cache files written at setup by bgb-core's {@code NpzWriter} (STORED), each a
 * 10-minute recording in the seed layout: {@code windows} float32 ({@value #WINDOWS_PER_FILE}, 19, 15360) and
 * {@code labels} float32 ({@value #WINDOWS_PER_FILE}, 15360), 67.6 MB per file. S3 model: see {@link #S3_MODEL}.
 * The "SSD" is this machine's disk and the files are in its page cache, as a training set on a real SSD
 * volume is after the first epoch.
 *
 * <p>Scores are times per operation with percentiles (JMH sample mode); windows/s and MB/s follow from the
 * bytes per operation ({@link #bytesPerOperation}), which is how {@code ResultsReport} derives them.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StorageThroughputBenchmark {
    /** One 60 s window of 19 channels at 256 Hz in float32. */
    public static final int WINDOW_BYTES = NpzReadBenchmark.CH * NpzReadBenchmark.T * 4;
    /** Cache files in the data set. */
    public static final int FILES = 2;
    /** Windows per file: a 10-minute recording, (600 s - 60 s) / 10 s stride + 1. */
    public static final int WINDOWS_PER_FILE = 55;
    /** The array bytes of one file (windows and labels; the zip and .npy headers, under 1 KB, are left out). */
    public static final long FILE_ARRAY_BYTES = (long) WINDOWS_PER_FILE * (WINDOW_BYTES + NpzReadBenchmark.T * 4L);
    /** How S3 is modelled, as the results report states it. */
    public static final String S3_MODEL = "S3Proxy 4.1 (filesystem backend) in the benchmark's JVM on 127.0.0.1,"
            + " reached through LoopbackProxy, which holds every HTTP request for latencyMs before forwarding it"
            + " (added time to first byte; 20-50 ms is typical of S3 GETs) and paces each connection's response"
            + " to bandwidthMBps (decimal MB/s per connection, unlimited = loopback speed; ~100 MB/s is a typical"
            + " single-stream S3 GET from EC2). Parallelism is the number of ranged GETs in flight, each on its own"
            + " connection (AWS SDK v2, Netty client).";

    static {
        // S3Proxy and Jetty log every start and stop at INFO; keep the benchmark output readable
        System.setProperty("org.slf4j.simpleLogger.log.org.gaul", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }

    /**
     * Bytes one operation of {@code method} moves, with {@code parallelism} (1 where it has none): the
     * windows read, or the file read; for {@code tieredCold}, the file it fetches from S3.
     */
    public static long bytesPerOperation(String method, int parallelism) {
        if (method.endsWith("File") || method.equals("tieredCold")) {
            return FILE_ARRAY_BYTES;
        }
        if (method.startsWith("s3")) {
            return (long) parallelism * WINDOW_BYTES;
        }
        return WINDOW_BYTES;
    }

    /** Windows one operation of {@code method} reads, or 0 for whole-file reads. */
    public static int windowsPerOperation(String method, int parallelism) {
        if (method.endsWith("File")) {
            return 0;
        }
        return method.startsWith("s3") ? parallelism : 1;
    }

    static String key(int file) {
        return String.format(Locale.ROOT, "train/aaaaaa%02d_s001_t000_windows.npz", file);
    }

    /** The cache files in a local directory (the source of every other store), and a reader over each. */
    @State(Scope.Benchmark)
    public static class CacheFiles {
        Path dir;
        LocalBlobStore store;
        Opened local;
        final SplittableRandom random = new SplittableRandom(11);
        final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW_BYTES);
        ByteBuffer file;
        int next;

        @Setup(Level.Trial)
        public void write() throws IOException {
            dir = Files.createTempDirectory("bgb-storage-bench");
            store = LocalBlobStore.open(dir.resolve("local"));
            List<NpzReader> readers = new ArrayList<>();
            List<InputFile> files = new ArrayList<>();
            long longest = 0;
            for (int i = 0; i < FILES; i++) {
                Path f = dir.resolve("local").resolve(key(i));
                Files.createDirectories(f.getParent());
                NpzReadBenchmark.writeCache(f, WINDOWS_PER_FILE, NpzCompression.STORED, i);
                readers.add(NpzReader.open(f));
                files.add(store.open(key(i)));
                longest = Math.max(longest, Files.size(f));
            }
            local = new Opened(files, readers);
            file = ByteBuffer.allocateDirect(Math.toIntExact(longest));
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            local.close();
            TempDirectories.delete(dir);
        }

        /** The files in turn, for whole-file reads. */
        InputFile nextFile(Opened opened) {
            next = (next + 1) % FILES;
            return opened.files.get(next);
        }
    }

    /** An SSD tier holding verified copies of the cache files (populated from the local directory). */
    @State(Scope.Benchmark)
    public static class SsdTier {
        SsdVolume volume;
        Opened ssd;

        @Setup(Level.Trial)
        public void populate(CacheFiles cache) throws IOException {
            volume = SsdVolume.open(cache.dir.resolve("ssd"), 1L << 30);
            for (int i = 0; i < FILES; i++) {
                volume.populate(key(i), cache.store, Optional.empty());
            }
            ssd = Opened.of(volume);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            ssd.close();
            volume.close();
        }
    }

    /** The cache files on S3 behind the modelled network. */
    @State(Scope.Benchmark)
    public static class S3 {
        /** Added before each request reaches S3Proxy, in milliseconds. */
        @Param({"0", "20", "50"})
        public int latencyMs;

        /** Response bandwidth per connection, decimal MB/s, or {@code unlimited}. */
        @Param({"unlimited", "100"})
        public String bandwidthMBps;

        S3ProxyServer server;
        LoopbackProxy network;
        BlobStore store;
        Opened s3;
        int getsAfterSetup;

        @Setup(Level.Trial)
        public void upload(CacheFiles cache) throws IOException {
            server = S3ProxyServer.builder()
                    .filesystem(Files.createDirectories(cache.dir.resolve("s3")))
                    .start();
            server.createBucket("bench");
            try (BlobStore direct = BlobStores.open(server.location("bench", "cache/tusz"), server.options())) {
                for (int i = 0; i < FILES; i++) {
                    direct.write(key(i), cache.dir.resolve("local").resolve(key(i)), WriteOptions.defaults());
                }
            }
            long bytesPerSecond = bandwidthMBps.equals("unlimited") ? 0 : Long.parseLong(bandwidthMBps) * 1_000_000L;
            network = LoopbackProxy.start(server.port())
                    .latency(Duration.ofMillis(latencyMs))
                    .bandwidth(bytesPerSecond);
            store = BlobStores.open(server.location("bench", "cache/tusz"), S3ProxyServer.options(network.endpoint()));
            s3 = Opened.of(store);
            getsAfterSetup = server.gets();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            s3.close();
            store.close();
            network.close();
            server.close();
        }
    }

    /** Ranged GETs in flight at once, and a buffer for each. */
    @State(Scope.Benchmark)
    public static class Parallel {
        /** Requests in flight. */
        @Param({"1", "8", "32"})
        public int parallelism;

        ExecutorService pool;
        ByteBuffer[] windows;

        @Setup(Level.Trial)
        public void start() {
            pool = Executors.newFixedThreadPool(parallelism, r -> {
                Thread t = new Thread(r, "bench-get");
                t.setDaemon(true);
                return t;
            });
            windows = new ByteBuffer[parallelism];
            for (int i = 0; i < parallelism; i++) {
                windows[i] = ByteBuffer.allocateDirect(WINDOW_BYTES);
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            pool.shutdownNow();
        }

        /** Runs {@code task(0..parallelism-1)} on the pool and waits for all (inline when there is one). */
        void inFlight(IoTask task) throws IOException {
            if (parallelism == 1) {
                task.run(0);
                return;
            }
            List<Future<?>> running = new ArrayList<>(parallelism);
            for (int i = 0; i < parallelism; i++) {
                int k = i;
                running.add(pool.submit(() -> {
                    try {
                        task.run(k);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for a GET", e);
                } catch (ExecutionException e) {
                    throw new IOException("a GET failed: " + e.getCause(), e.getCause());
                }
            }
        }
    }

    /** A positional read task of the {@code k}-th request of a batch. */
    @FunctionalInterface
    interface IoTask {
        void run(int k) throws IOException;
    }

    /** A tiered store (SSD over the modelled S3) with every file on the SSD after setup. */
    @State(Scope.Benchmark)
    public static class Tier {
        TieredBlobStore tiered;
        int getsAfterSetup;
        int next;

        @Setup(Level.Trial)
        public void open(CacheFiles cache, S3 s3) throws IOException {
            tiered = new TieredBlobStore(
                    SsdVolume.open(cache.dir.resolve("tier"), 1L << 30), s3.store, TierPolicy.FAST_FIRST);
            for (int i = 0; i < FILES; i++) {
                tiered.open(key(i)).close(); // read-through: fills the SSD
            }
            getsAfterSetup = s3.server.gets();
        }

        @TearDown(Level.Trial)
        public void close(S3 s3, BenchmarkParams params) throws IOException {
            tiered.close();
            checkGets(params.getBenchmark(), s3.server.gets() - getsAfterSetup);
        }

        /** Fails a warm trial that reached S3, and a cold one that never did. */
        static void checkGets(String benchmark, int gets) {
            if (benchmark.endsWith(".tieredWarm") && gets > 0) {
                throw new IllegalStateException("tieredWarm reached S3 " + gets + " times; the SSD must serve it");
            }
            if (benchmark.endsWith(".tieredCold") && gets == 0) {
                throw new IllegalStateException("tieredCold never reached S3; the eviction did not happen");
            }
        }

        int nextFile() {
            next = (next + 1) % FILES;
            return next;
        }
    }

    /** The file the next cold read opens, evicted from the SSD before each invocation. */
    @State(Scope.Benchmark)
    public static class Evicted {
        int file;

        @Setup(Level.Invocation)
        public void evict(Tier tier) throws IOException {
            file = tier.nextFile();
            tier.tiered.fast().invalidate(key(file));
        }
    }

    /** Cache files opened on one store: each file, and the reader of its {@code windows} member. */
    static final class Opened implements AutoCloseable {
        final List<InputFile> files;
        final List<NpzReader> archives;
        final List<NpyReader> windows = new ArrayList<>();

        Opened(List<InputFile> files, List<NpzReader> archives) throws IOException {
            this.files = files;
            this.archives = archives;
            for (NpzReader a : archives) {
                windows.add(a.open("windows"));
            }
        }

        static Opened of(BlobStore store) throws IOException {
            List<InputFile> files = new ArrayList<>();
            List<NpzReader> archives = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                files.add(store.open(key(i)));
                archives.add(NpzReader.open(new InputFileSource(store.open(key(i)))));
            }
            return new Opened(files, archives);
        }

        /** Reads the window at a random index of a random file into {@code into}. */
        ByteBuffer randomWindow(SplittableRandom random, ByteBuffer into) throws IOException {
            into.clear();
            windows.get(random.nextInt(FILES)).readSlice(random.nextInt(WINDOWS_PER_FILE), 1, into);
            return into;
        }

        @Override
        public void close() throws IOException {
            for (NpyReader w : windows) {
                w.close();
            }
            for (NpzReader a : archives) {
                a.close();
            }
            for (InputFile f : files) {
                f.close();
            }
        }
    }

    /** A blob read through {@link NpzReader}: the positional reads of an {@link InputFile}. */
    record InputFileSource(InputFile file) implements PositionalSource {
        @Override
        public long length() {
            return file.length();
        }

        @Override
        public void readFully(long position, ByteBuffer dst) throws IOException {
            file.readFully(position, dst);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }

        @Override
        public String toString() {
            return file.location().toString();
        }
    }

    /** Reads all of {@code file} into {@code into} as {@code parts} equal ranges, all in flight. */
    private static ByteBuffer wholeFile(InputFile file, ByteBuffer into, Parallel parallel) throws IOException {
        int length = Math.toIntExact(file.length());
        int parts = parallel == null ? 1 : parallel.parallelism;
        int part = (length + parts - 1) / parts;
        IoTask read = k -> {
            int from = Math.min(length, k * part);
            int to = Math.min(length, from + part);
            file.readFully(from, into.duplicate().limit(to).position(from));
        };
        if (parallel == null) {
            read.run(0);
        } else {
            parallel.inFlight(read);
        }
        return into;
    }

    /** (a) A random window from a local cache file. */
    @Benchmark
    public ByteBuffer localWindow(CacheFiles cache) throws IOException {
        return cache.local.randomWindow(cache.random, cache.window);
    }

    /** (a) A whole local cache file, one positional read. */
    @Benchmark
    public ByteBuffer localFile(CacheFiles cache) throws IOException {
        return wholeFile(cache.nextFile(cache.local), cache.file, null);
    }

    /** (b) A random window from the SSD tier's copy. */
    @Benchmark
    public ByteBuffer ssdWindow(CacheFiles cache, SsdTier tier) throws IOException {
        return tier.ssd.randomWindow(cache.random, cache.window);
    }

    /** (b) A whole file from the SSD tier's copy. */
    @Benchmark
    public ByteBuffer ssdFile(CacheFiles cache, SsdTier tier) throws IOException {
        return wholeFile(cache.nextFile(tier.ssd), cache.file, null);
    }

    /** (c) A batch of {@code parallelism} random windows from S3, one ranged GET each, all in flight. */
    @Benchmark
    public ByteBuffer[] s3Window(CacheFiles cache, S3 s3, Parallel parallel) throws IOException {
        int[] file = new int[parallel.parallelism];
        int[] index = new int[parallel.parallelism];
        for (int k = 0; k < file.length; k++) {
            file[k] = cache.random.nextInt(FILES);
            index[k] = cache.random.nextInt(WINDOWS_PER_FILE);
        }
        parallel.inFlight(k -> {
            ByteBuffer b = parallel.windows[k].clear();
            s3.s3.windows.get(file[k]).readSlice(index[k], 1, b);
        });
        return parallel.windows;
    }

    /** (c) A whole file from S3 as {@code parallelism} ranged GETs in flight. */
    @Benchmark
    public ByteBuffer s3File(CacheFiles cache, S3 s3, Parallel parallel) throws IOException {
        return wholeFile(cache.nextFile(s3.s3), cache.file, parallel);
    }

    /** (d) Open a file not on the SSD through the tier (fetch, verify, rename), read one window, close. */
    @Benchmark
    public ByteBuffer tieredCold(CacheFiles cache, Tier tier, Evicted evicted) throws IOException {
        return windowThroughTier(tier.tiered, evicted.file, cache);
    }

    /** (d) Open a file already on the SSD through the tier, read one window, close. */
    @Benchmark
    public ByteBuffer tieredWarm(CacheFiles cache, Tier tier) throws IOException {
        return windowThroughTier(tier.tiered, tier.nextFile(), cache);
    }

    private static ByteBuffer windowThroughTier(TieredBlobStore tiered, int file, CacheFiles cache) throws IOException {
        try (NpzReader archive = NpzReader.open(new InputFileSource(tiered.open(key(file))));
                NpyReader windows = archive.open("windows")) {
            cache.window.clear();
            windows.readSlice(cache.random.nextInt(WINDOWS_PER_FILE), 1, cache.window);
            return cache.window;
        }
    }
}
