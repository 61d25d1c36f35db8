package io.github.braingobrr.cli;

import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.Manifest;
import io.github.braingobrr.cache.WindowRef;
import io.github.braingobrr.cache.sampling.BalancedSample;
import io.github.braingobrr.cache.sampling.BalancedSampler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb sample}: the balanced training sample of a split. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = "Draw the balanced training sample of a split (every partial-seizure window, full and background"
                + " windows in proportion, shuffled) and print its counts and its first windows.")
final class SampleCommand extends CommandBase {
    @Option(names = "--cache-dir", required = true, paramLabel = "C", description = "A folder or s3://bucket/prefix.")
    String cacheDir;

    @Option(names = "--split", paramLabel = "SPLIT", description = "The split (default: ${DEFAULT-VALUE}).")
    String split = "train";

    @Option(names = "--seed", paramLabel = "S", description = "The shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed = BalancedSampler.DEFAULT_SEED;

    @Option(names = "--count", paramLabel = "N", description = "Windows listed (default: ${DEFAULT-VALUE}).")
    int count = 10;

    @Option(names = "--json", description = "Print the sample as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (count < 0) {
            throw usage("--count must not be negative, got " + count);
        }
        BalancedSample sample;
        try (Cache cache = openCache(cacheDir)) {
            Manifest manifest;
            try {
                manifest = cache.split(split).manifest();
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            sample = BalancedSampler.seed(seed).sample(manifest);
        }
        List<WindowRef> shown = sample.windows().subList(0, Math.min(count, sample.size()));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("split", split);
            m.put("seed", sample.seed());
            m.put("size", sample.size());
            m.put("partial", sample.partial());
            m.put("full", sample.full());
            m.put("background", sample.background());
            m.put(
                    "windows",
                    shown.stream()
                            .map(w -> Map.of("cacheFile", w.cacheFile(), "windowIdx", w.windowIdx()))
                            .toList());
            printJson(m);
        } else {
            var out = out();
            out.printf(
                    Locale.ROOT,
                    "%s: %d windows (partial %d, full %d, background %d), seed %d%n",
                    split,
                    sample.size(),
                    sample.partial(),
                    sample.full(),
                    sample.background(),
                    sample.seed());
            for (WindowRef w : shown) {
                out.println("  " + w.cacheFile() + " #" + w.windowIdx());
            }
            out.flush();
        }
        return 0;
    }
}
