package io.github.braingobrr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.braingobrr.cache.BuildResult;
import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the Spark build scales from one core to two on this machine, against the single-machine builder on one and two
 * threads, for the README. Off by default (it takes about a minute); run it with
 * {@code ./mvnw -pl bgb-spark -am verify -Dtest=SparkScalingTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbgb.spark.scaling=true}.
 */
@EnabledIfSystemProperty(named = "bgb.spark.scaling", matches = "true")
class SparkScalingTest {
    @TempDir
    Path dir;

    @Test
    void localOneVersusLocalTwo() throws IOException {
        SyntheticCorpus corpus = SparkTesting.corpus(dir.resolve("edf"), 12, 5.0);
        // warm the JIT on a throwaway build, so the first timed build is not also the first run of the code
        CacheBuilder.from(corpus.root()).to(dir.resolve("warm")).limit(4).build();
        Duration single1 = single(corpus, 1);
        Duration single2 = single(corpus, 2);
        Duration spark1 = spark(corpus, 1);
        Duration spark2 = spark(corpus, 2);
        try (BlobStore a = LocalBlobStore.open(dir.resolve("single-1"));
                BlobStore b = LocalBlobStore.open(dir.resolve("spark-2"))) {
            SparkTesting.assertSameCache(a, b); // the same work was timed
        }
        System.out.printf(
                "bgb-spark scaling, %d recordings, %.0f minutes of EEG:%n"
                        + "  CacheBuilder workers(1) %6.1f s, workers(2) %6.1f s (%.2fx)%n"
                        + "  Spark local[1]          %6.1f s, local[2]   %6.1f s (%.2fx)%n",
                corpus.recordings().size() + 1,
                corpus.totalSeconds() / 60.0,
                seconds(single1),
                seconds(single2),
                seconds(single1) / seconds(single2),
                seconds(spark1),
                seconds(spark2),
                seconds(spark1) / seconds(spark2));
    }

    private Duration single(SyntheticCorpus corpus, int workers) throws IOException {
        long t = System.nanoTime();
        BuildResult r = CacheBuilder.from(corpus.root())
                .to(dir.resolve("single-" + workers))
                .workers(workers)
                .build();
        assertEquals(1, r.failures().size());
        return Duration.ofNanos(System.nanoTime() - t);
    }

    private Duration spark(SyntheticCorpus corpus, int cores) throws IOException {
        JavaSparkContext spark = SparkTesting.context(cores);
        try {
            SparkBuildResult r = SparkCacheBuild.from(corpus.root())
                    .to(dir.resolve("spark-" + cores))
                    .run(spark);
            assertEquals(1, r.build().failures().size());
            return r.elapsed();
        } finally {
            spark.stop();
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
