package io.github.braingobrr.spark;

import io.github.braingobrr.cache.BuildListener;
import io.github.braingobrr.cache.BuildResult;
import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.cache.CacheLayout;
import io.github.braingobrr.cache.DistributedBuild;
import io.github.braingobrr.cache.DistributedBuild.Task;
import io.github.braingobrr.cache.DistributedBuild.TaskResult;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the window cache with Apache Spark when one machine is not enough: the same build as {@link CacheBuilder}
 * (same discovery, split policy, limit, metadata check and resume rules, same cache files byte for byte), with the
 * per-file step run in Spark tasks.
 *
 * <pre>{@code
 * SparkBuildResult r = SparkCacheBuild.from(Path.of("/shared/tusz/edf"))
 *         .to("s3://my-bucket/cache/tusz")
 *         .preprocessing(PreprocessingConfig.seed())
 *         .run(sparkContext);
 * }</pre>
 *
 * <p>The driver lists the EDF tree and plans; the recordings are split into partitions of about equal EDF bytes; each
 * task opens the cache on its executor and builds its recordings one at a time, each cache file written under a
 * folder of its own task attempt and renamed or uploaded whole under its fixed name, so retried and speculative tasks
 * never leave duplicate or half-written files. Each recording's entry or failure comes back to the driver as its task
 * ends; the driver records it (the listener hears of it, and the manifests of the work so far are written every minute,
 * as during a single-machine build) and at the end writes every split's {@code manifest.json} and
 * {@code _dataset_index.json}, then {@code .cache_metadata.json}. The data
 * tree is read through the storage layer: a folder at the same path on the driver and every executor (a shared file
 * system), or an {@code s3://} prefix ({@link #from(Location)}); the cache may be any store every executor can
 * reach. Progress shows in the Spark UI as the accumulators {@code bgb files},
 * {@code bgb windows} and {@code bgb EDF bytes}.
 */
public final class SparkCacheBuild {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCacheBuild.class);
    private final CacheBuilder builder;
    private Location location;
    private StoreOptions storeOptions = StoreOptions.defaults();
    private OptionalInt partitions = OptionalInt.empty();

    private SparkCacheBuild(CacheBuilder builder) {
        this.builder = builder;
    }

    /**
     * A build from the data directory that holds {@code train/}, {@code dev/} and {@code eval/}, at the same path on a
     * file system the driver and every executor share.
     */
    public static SparkCacheBuild from(Path dataDir) {
        return new SparkCacheBuild(CacheBuilder.from(Objects.requireNonNull(dataDir, "dataDir")));
    }

    /**
     * A build from the data tree at {@code data}: a shared folder, or a prefix of a remote store ({@code
     * s3://bucket/tusz/edf}) that the driver lists and each task reads its EDF files from (fetched into the task's
     * staging folder while they are built), reached with the {@link #storeOptions store options}.
     */
    public static SparkCacheBuild from(Location data) {
        return new SparkCacheBuild(CacheBuilder.from(Objects.requireNonNull(data, "data")));
    }

    /** {@link #from(Location)} of text: a path, {@code file:///…} or {@code s3://bucket/prefix}. */
    public static SparkCacheBuild from(String data) {
        return new SparkCacheBuild(CacheBuilder.from(Objects.requireNonNull(data, "data")));
    }

    /** The cache root: {@code file:///…} or an absolute path on a shared file system, or {@code s3://bucket/prefix}. */
    public SparkCacheBuild to(Location cache) {
        this.location = Objects.requireNonNull(cache, "cache");
        builder.to(cache);
        return this;
    }

    /** The cache root as text ({@link Location#parse}). */
    public SparkCacheBuild to(String cache) {
        return to(Location.parse(cache));
    }

    /** A cache directory on a file system every executor shares. */
    public SparkCacheBuild to(Path cacheDir) {
        return to(Location.of(cacheDir));
    }

    /**
     * How the driver and every executor reach an {@code s3://} cache and an {@code s3://} data tree; default: the
     * standard AWS chain on each machine (static credentials given here travel to the executors with the job).
     */
    public SparkCacheBuild storeOptions(StoreOptions options) {
        this.storeOptions = Objects.requireNonNull(options, "options");
        builder.storeOptions(options);
        return this;
    }

    /** Builds only these splits; default {@code train} and {@code dev} (see {@link CacheBuilder#split}). */
    public SparkCacheBuild split(String... names) {
        builder.split(names);
        return this;
    }

    /** Builds {@code train}, {@code dev} and {@code eval}. */
    public SparkCacheBuild allSplits() {
        builder.allSplits();
        return this;
    }

    /** The preprocessing (default {@link PreprocessingConfig#seed()}). */
    public SparkCacheBuild preprocessing(PreprocessingConfig value) {
        builder.preprocessing(value);
        return this;
    }

    /**
     * The preprocessing as the JSON a cache records ({@code config_json} of {@code .cache_metadata.json}, or any JSON
     * of {@link PreprocessingConfig#toCanonicalJson()}'s layout), laid over the seed preset.
     *
     * @throws IllegalArgumentException for malformed JSON or an invalid setting (the message names the key)
     */
    public SparkCacheBuild preprocessingJson(String json) {
        return preprocessing(PreprocessingConfig.seed().withJson(json));
    }

    /** The layout (default {@link CacheLayout#WINDOWS}). */
    public SparkCacheBuild layout(CacheLayout value) {
        builder.layout(value);
        return this;
    }

    /** How cache file members are stored (default STORED). */
    public SparkCacheBuild compression(NpzCompression value) {
        builder.compression(value);
        return this;
    }

    /** Takes only the first {@code n} EDF files of each split (wins over {@code BGB_LIMIT_FILES}, read on the driver). */
    public SparkCacheBuild limit(int n) {
        builder.limit(n);
        return this;
    }

    /**
     * Receives progress (files done/total, windows, MB/s, ETA) and failures on the driver as each Spark task ends;
     * default none.
     */
    public SparkCacheBuild listener(BuildListener value) {
        builder.listener(value);
        return this;
    }

    /** Spark partitions (tasks) to split the recordings into; default four per core of the context, at most one per file. */
    public SparkCacheBuild partitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + n);
        }
        this.partitions = OptionalInt.of(n);
        return this;
    }

    /** Records the results of finished tasks until the job ends; rethrows the job's failure. */
    private static void await(JavaFutureAction<Void> job, DistributedBuild plan, CollectionAccumulator<byte[]> results)
            throws IOException {
        int seen = 0;
        boolean done = false;
        try {
            while (!done) {
                try {
                    job.get(1, TimeUnit.SECONDS);
                    done = true;
                } catch (TimeoutException e) {
                    // still running: record what came back so far
                }
                List<byte[]> now = results.value();
                for (int i = seen; i < now.size(); i++) {
                    plan.record(Wire.read(now.get(i), TaskResult.class));
                }
                seen = now.size();
            }
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the Spark cache build was interrupted; run it again to resume");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("the Spark job failed: " + c + "; run it again to resume", c);
        }
    }

    /**
     * Runs the build as one Spark job on {@code spark}.
     *
     * @throws IllegalStateException when no cache location was given
     * @throws io.github.braingobrr.cache.SplitPolicyException when the data directory breaks the split policy
     * @throws io.github.braingobrr.cache.CacheMismatchException when the cache was made differently (nothing changed)
     * @throws org.apache.spark.SparkException (unchecked here) when a task failed more often than Spark retries it;
     *     the cache files finished so far stay and a rerun resumes
     */
    public SparkBuildResult run(JavaSparkContext spark) throws IOException {
        Objects.requireNonNull(spark, "spark");
        if (location == null) {
            throw new IllegalStateException("no cache location: call to(Path), to(Location) or to(String) first");
        }
        long started = System.nanoTime();
        try (DistributedBuild plan = DistributedBuild.plan(builder)) {
            List<Task> tasks = plan.tasks();
            int n = Math.max(1, Math.min(tasks.size(), partitions.orElse(4 * spark.defaultParallelism())));
            List<List<Task>> groups = Balance.partition(tasks, n);
            LongAccumulator files = spark.sc().longAccumulator("bgb files");
            LongAccumulator windows = spark.sc().longAccumulator("bgb windows");
            LongAccumulator bytes = spark.sc().longAccumulator("bgb EDF bytes");
            if (!tasks.isEmpty()) {
                LOG.info("building {} recordings into {} in {} Spark tasks", tasks.size(), location, groups.size());
                spark.setJobDescription("bgb cache build: " + tasks.size() + " recordings into " + location);
                List<byte[]> wired = new ArrayList<>();
                groups.forEach(g -> wired.add(Wire.write(new PartitionBuild.TaskGroup(g))));
                // results come back through an accumulator as each task ends (Spark applies a task's updates once,
                // from its first successful attempt), so the driver records them, and checkpoints the manifests,
                // while the job runs
                CollectionAccumulator<byte[]> results = spark.sc().collectionAccumulator();
                JavaFutureAction<Void> job = spark.parallelize(wired, wired.size())
                        .foreachPartitionAsync(new PartitionBuild(
                                plan.spec(), location, StoreSpec.of(storeOptions), results, files, windows, bytes));
                await(job, plan, results);
            }
            BuildResult result = plan.finish();
            return new SparkBuildResult(
                    result,
                    groups.size(),
                    files.value(),
                    windows.value(),
                    bytes.value(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
