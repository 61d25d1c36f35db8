package io.github.braingobrr.spark;

import io.github.braingobrr.cache.CacheLayout;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.storage.StoreOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code spark-submit} entry point of {@link SparkCacheBuild} (the main class of the {@code spark-submit} jar).
 *
 * <pre>
 * spark-submit --class io.github.braingobrr.spark.SparkCacheBuildMain bgb-spark-VERSION-spark-submit.jar \
 *     --data s3://bucket/tusz/edf --cache s3://bucket/cache/tusz [--config preprocessing.json] [--split train,dev,eval]
 *     [--limit N] [--layout windows|continuous] [--compression stored|deflated] [--partitions N]
 *     [--endpoint URL] [--region REGION] [--path-style]
 * </pre>
 *
 * <p>{@code --data} is a folder every machine sees at the same path, or an {@code s3://} prefix. S3 credentials (for
 * both) come from the standard AWS chain on the driver and on every executor. A bad argument, a build
 * that cannot start or a job that fails ends {@code main} with an exception (so {@code spark-submit} exits non-zero);
 * recordings that fail are recorded in the manifests and logged, and do not fail the job.
 */
public final class SparkCacheBuildMain {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCacheBuildMain.class);
    static final String USAGE = "usage: --data DIR|LOCATION --cache LOCATION [--config FILE] [--split train,dev,eval]"
            + " [--limit N] [--layout windows|continuous] [--compression stored|deflated] [--partitions N]"
            + " [--endpoint URL] [--region REGION] [--path-style]";

    private SparkCacheBuildMain() {}

    /** Parses the arguments, runs the build on the context {@code spark-submit} configured, and logs the result. */
    public static void main(String[] args) throws IOException {
        SparkCacheBuild build = parse(args);
        SparkConf conf = new SparkConf().setAppName("bgb cache build");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkBuildResult r = build.run(spark);
            LOG.info(
                    "cache build finished in {}: {} recordings in {} tasks, {} windows; {}",
                    r.elapsed(),
                    r.files(),
                    r.partitions(),
                    r.windows(),
                    r.build());
            r.build().failures().forEach(f -> LOG.warn("not cached: {}", f));
        }
    }

    /**
     * The build the arguments describe.
     *
     * @throws IllegalArgumentException naming the argument that is missing, unknown or invalid
     * @throws IOException when the configuration file cannot be read
     */
    static SparkCacheBuild parse(String[] args) throws IOException {
        String data = null;
        String cache = null;
        Path config = null;
        String[] splits = null;
        Integer limit = null;
        CacheLayout layout = null;
        NpzCompression compression = null;
        Integer partitions = null;
        StoreOptions options = StoreOptions.defaults();
        boolean optionsGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--path-style")) {
                options = options.withPathStyle(true);
                optionsGiven = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value; " + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--data" -> data = v;
                case "--cache" -> cache = v;
                case "--config" -> config = Path.of(v);
                case "--split" -> splits = v.split(",", -1);
                case "--limit" -> limit = positive(a, v);
                case "--layout" -> layout = CacheLayout.parse(v);
                case "--compression" -> compression = compression(v);
                case "--partitions" -> partitions = positive(a, v);
                case "--endpoint" -> {
                    options = options.withEndpoint(URI.create(v));
                    optionsGiven = true;
                }
                case "--region" -> {
                    options = options.withRegion(v);
                    optionsGiven = true;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'; " + USAGE);
            }
        }
        if (data == null || cache == null) {
            throw new IllegalArgumentException("--data and --cache are required; " + USAGE);
        }
        SparkCacheBuild b = SparkCacheBuild.from(data).to(cache);
        if (optionsGiven) {
            b.storeOptions(options);
        }
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new NoSuchFileException(config.toString(), null, "--config names no readable file");
            }
            b.preprocessingJson(Files.readString(config, StandardCharsets.UTF_8));
        }
        if (splits != null) {
            b.split(splits);
        }
        if (limit != null) {
            b.limit(limit);
        }
        if (layout != null) {
            b.layout(layout);
        }
        if (compression != null) {
            b.compression(compression);
        }
        if (partitions != null) {
            b.partitions(partitions);
        }
        return b;
    }

    private static int positive(String name, String v) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " '" + v + "' is not a positive whole number");
    }

    private static NpzCompression compression(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "stored" -> NpzCompression.STORED;
            case "deflated" -> NpzCompression.DEFLATED;
            default -> throw new IllegalArgumentException("--compression '" + v + "' is not 'stored' or 'deflated'");
        };
    }
}
