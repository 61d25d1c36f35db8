package io.github.braingobrr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clusters often set {@code spark.serializer} to Kryo; tasks and their results travel through it unchanged. */
class SparkKryoTest {
    @TempDir
    Path dir;

    @Test
    void buildsTheSameCacheWithTheKryoSerializer() throws IOException {
        SyntheticCorpus corpus = SparkTesting.corpus(dir.resolve("edf"), 3, 1.5);
        Path want = dir.resolve("reference");
        CacheBuilder.from(corpus.root()).to(want).build();
        Path got = dir.resolve("kryo");
        try (JavaSparkContext spark = new JavaSparkContext(
                SparkTesting.conf(2).set("spark.serializer", "org.apache.spark.serializer.KryoSerializer"))) {
            SparkBuildResult r = SparkCacheBuild.from(corpus.root()).to(got).run(spark);
            assertEquals(1, r.build().failures().size());
        }
        try (BlobStore a = LocalBlobStore.open(want);
                BlobStore b = LocalBlobStore.open(got)) {
            SparkTesting.assertSameCache(a, b);
        }
    }
}
