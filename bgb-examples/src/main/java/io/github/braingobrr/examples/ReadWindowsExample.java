package io.github.braingobrr.examples;

import io.github.braingobrr.cache.Batch;
import io.github.braingobrr.cache.BatchIterator;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CacheLayout;
import io.github.braingobrr.cache.CacheSplit;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.Manifest;
import io.github.braingobrr.cache.WindowReader;
import io.github.braingobrr.cache.WindowRef;
import io.github.braingobrr.cache.sampling.BalancedSample;
import io.github.braingobrr.cache.sampling.BalancedSampler;
import io.github.braingobrr.preprocess.WindowCategory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a built window cache: the metadata, each split's manifest (cache files and windows per category), one window
 * read on its own with a {@link WindowReader}, then the train split's balanced sample iterated batch by batch with a
 * {@link BatchIterator}, printing the batch shapes, the fraction of seizure-labelled samples and the read rate.
 *
 * <pre>
 * ./bgb synth --out demo/edf
 * ./bgb build-cache --data-dir demo/edf --cache-dir demo/cache
 * java -cp bgb-cli/target/bgb.jar:bgb-examples/target/classes io.github.braingobrr.examples.ReadWindowsExample demo/cache
 * </pre>
 */
public final class ReadWindowsExample {
    private static final int BATCH_SIZE = 8;

    private ReadWindowsExample() {}

    /** {@code args[0]}: the cache folder (as {@code build-cache} or {@link BuildCacheExample} wrote it). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ReadWindowsExample CACHE_DIR");
            return;
        }
        try (Cache cache = Cache.open(Path.of(args[0]))) {
            cache.metadata()
                    .ifPresent(m -> System.out.printf(
                            "%s: layout %s, configuration %s%n",
                            cache.location(),
                            m.layout().map(CacheLayout::id).orElse("unknown"),
                            m.configHash().orElse("unknown")));
            for (String name : cache.splits()) {
                Manifest m = cache.split(name).manifest();
                CategoryCounts c = m.counts();
                System.out.printf(
                        "%s: %d cache files, %d windows: partial %d, full %d, none %d%n",
                        name, m.files().size(), c.total(), c.partialSeizure(), c.fullSeizure(), c.noSeizure());
            }

            // one window on its own: the first partial-seizure window of the train split
            CacheSplit train = cache.split("train");
            Manifest manifest = train.requireSeizureWindows();
            WindowRef first = manifest.windows(WindowCategory.PARTIAL_SEIZURE).get(0);
            try (WindowReader reader = train.open(first.cacheFile())) {
                float[][] signals = reader.readSignals(first.windowIdx());
                float[] labels = reader.readLabels(first.windowIdx());
                System.out.printf(
                        Locale.ROOT,
                        "window %s: %d x %d samples, seizure fraction %.4f%n",
                        first,
                        signals.length,
                        signals[0].length,
                        (double) positives(labels) / labels.length);
            }

            // the balanced training set, batch by batch
            BalancedSample sample = BalancedSampler.defaults().sample(manifest);
            System.out.printf(
                    Locale.ROOT,
                    "balanced sample: %d windows (partial %d, full %d, background %d), seizure windows %.4f%n",
                    sample.size(),
                    sample.partial(),
                    sample.full(),
                    sample.background(),
                    sample.seizureRatio());
            long positive = 0;
            long samples = 0;
            try (BatchIterator batches =
                    sample.batches(train).batchSize(BATCH_SIZE).open()) {
                while (batches.hasNext()) {
                    Batch b = batches.nextBatch();
                    if (samples == 0) {
                        System.out.printf(
                                "%d batches of up to %d; the first: signals %d x %d x %d, labels %d x %d%n",
                                batches.batchCount(),
                                BATCH_SIZE,
                                b.size(),
                                b.channels(),
                                b.length(),
                                b.size(),
                                b.length());
                    }
                    positive += positives(b.labels());
                    samples += b.labels().length;
                }
                System.out.printf(
                        Locale.ROOT,
                        "seizure-labelled samples in the sample: %.6f; read %d windows, %.1f windows/s%n",
                        (double) positive / samples,
                        batches.stats().windows(),
                        batches.stats().windowsPerSecond());
            }
        }
    }

    /** How many labels are above 0 (seizure samples). */
    private static long positives(float[] labels) {
        long n = 0;
        for (float v : labels) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }
}
