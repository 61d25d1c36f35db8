package io.github.braingobrr.benchmarks;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.WriteOptions;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.storage.tiered.SsdVolume;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.storage.transfer.TransferResult;
import io.github.braingobrr.storage.transfer.Transfers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

/**
 * {@link Transfers#populate} of {@code objects} objects of {@code objectMegabytes} MiB each (4 x 10 MiB, and
 * 200 x 10 MiB = 2 GiB) from S3Proxy (filesystem backend) on 127.0.0.1 into a fresh SSD tier on the
 * local disk, at {@code parallelism} 1, 4 and 16. Every object is fetched, verified against its CRC32C and
 * renamed into place; one invocation is one whole populate ({@code ResultsReport} gives the MB/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public class StoragePopulateBenchmark {
    static {
        System.setProperty("org.slf4j.simpleLogger.log.org.gaul", "warn");
    }

    /** Files handled at once. */
    @Param({"1", "4", "16"})
    public int parallelism;

    /** Number of objects (the small set first, so one short run stays short). */
    @Param({"4", "200"})
    public int objects;

    /** Size of each object in MiB. */
    @Param("10")
    public int objectMegabytes;

    private Path dir;
    private S3ProxyServer server;
    private BlobStore s3;
    private SsdVolume ssd;
    private int run;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bgb-populate-bench");
        server = S3ProxyServer.builder()
                .filesystem(Files.createDirectories(dir.resolve("s3")))
                .start();
        server.createBucket("bench");
        s3 = BlobStores.open(server.location("bench", "cache/tusz"), server.options());
        byte[] content = new byte[objectMegabytes << 20];
        Random r = new Random(3);
        for (int i = 0; i < objects; i++) {
            r.nextBytes(content);
            s3.write(String.format(Locale.ROOT, "train/%05d_windows.npz", i), content, WriteOptions.defaults());
        }
    }

    @Setup(Level.Invocation)
    public void freshTier() throws IOException {
        ssd = SsdVolume.open(dir.resolve("ssd-" + (++run)), 1L << 40);
    }

    @Benchmark
    public TransferResult populate() throws IOException {
        TransferResult r =
                Transfers.populate(s3, ssd, TransferOptions.defaults().withParallelism(parallelism));
        if (!r.succeeded() || r.transferred() != objects) {
            throw new IllegalStateException("populate failed: " + r.failures());
        }
        return r;
    }

    @TearDown(Level.Invocation)
    public void dropTier() throws IOException {
        ssd.close();
        TempDirectories.delete(ssd.directory());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        s3.close();
        server.close();
        TempDirectories.delete(dir);
    }
}
