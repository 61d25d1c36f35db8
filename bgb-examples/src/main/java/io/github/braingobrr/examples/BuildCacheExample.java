package io.github.braingobrr.examples;

import io.github.braingobrr.cache.Batch;
import io.github.braingobrr.cache.BatchIterator;
import io.github.braingobrr.cache.BuildResult;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.cache.CacheSplit;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.sampling.BalancedSample;
import io.github.braingobrr.cache.sampling.BalancedSampler;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Builds the window cache from a TUSZ-like EDF tree with the seed preset, prints the windows per category of
 * each split from the manifest, then reads one balanced batch of the train split.
 *
 * <pre>
 * ./bgb synth --out demo/edf
 * java -cp bgb-cli/target/bgb.jar:bgb-examples/target/classes io.github.braingobrr.examples.BuildCacheExample demo/edf demo/cache
 * </pre>
 */
public final class BuildCacheExample {
    private BuildCacheExample() {}

    /** {@code args[0]}: the folder holding {@code train/ dev/}; {@code args[1]}: the cache folder. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BuildCacheExample DATA_DIR CACHE_DIR");
            return;
        }
        BuildResult result = CacheBuilder.from(Path.of(args[0]))
                .to(Path.of(args[1]))
                .preprocessing(PreprocessingConfig.seed())
                .workers(2)
                .build();
        result.failures().forEach(f -> System.out.println("failed: " + f.source() + ": " + f.reason()));
        try (Cache cache = Cache.open(Path.of(args[1]))) {
            for (String name : cache.splits()) {
                CategoryCounts c = cache.split(name).manifest().counts();
                System.out.printf(
                        "%s: partial %d, full %d, none %d%n", name, c.partialSeizure(), c.fullSeizure(), c.noSeizure());
            }
            CacheSplit train = cache.split("train");
            BalancedSample sample = BalancedSampler.seed(42).sample(train.manifest());
            try (BatchIterator batches = sample.batches(train).batchSize(4).open()) {
                Batch first = batches.nextBatch();
                System.out.printf(
                        "balanced sample: %d windows; first batch: %d windows of %d x %d%n",
                        sample.size(), first.size(), first.channels(), first.length());
            }
        }
    }
}
