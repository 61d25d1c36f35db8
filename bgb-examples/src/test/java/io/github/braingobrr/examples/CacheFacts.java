package io.github.braingobrr.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.WindowRef;
import io.github.braingobrr.cache.sampling.BalancedSampler;
import io.github.braingobrr.npy.NpzReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Facts about a built cache read straight from its files (the {@code manifest.json} lists, the {@code .npz}
 * members, SEED-PIPELINE.md's sampling recipe), to check what the examples print against.
 */
final class CacheFacts {
    /** Samples per seed window: 60 s at 256 Hz. */
    static final int LENGTH = 15360;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheFacts() {}

    static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    static JsonNode manifest(Path cache, String split) throws IOException {
        return json(cache.resolve(split).resolve("manifest.json"));
    }

    /** The {@code .npz} files in a split folder. */
    static List<Path> npzFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".npz")).toList();
        }
    }

    /** The {@code labels} row of one window, read with the core NumPy reader. */
    static float[] labels(Path splitFolder, WindowRef w) throws IOException {
        try (NpzReader z = NpzReader.open(splitFolder.resolve(w.cacheFile()))) {
            float[] all = z.read("labels").toFloatArray();
            return Arrays.copyOfRange(all, w.windowIdx() * LENGTH, (w.windowIdx() + 1) * LENGTH);
        }
    }

    /** The first window of a category in the manifest ({@code partial_seizure}, ...). */
    static WindowRef first(JsonNode manifest, String category) {
        JsonNode w = manifest.get(category).get(0);
        return new WindowRef(w.get("cache_file").asText(), w.get("window_idx").asInt());
    }

    /** Labels above 0. */
    static int seizureSamples(float[] labels) {
        int n = 0;
        for (float v : labels) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }

    /** Partial, full and background windows of the seed's balanced sample of a split: {@code P, min(0.3P, F), ...}. */
    static int[] balancedCounts(JsonNode manifest) {
        int p = manifest.get("partial_seizure").size();
        return new int[] {
            p,
            Math.min((int) (0.3 * p), manifest.get("full_seizure").size()),
            Math.min((int) (2.5 * p), manifest.get("no_seizure").size())
        };
    }

    /** The windows the seed's balanced sampler draws from the train split, in order. */
    static List<WindowRef> balancedTrainWindows(Path cache) throws IOException {
        try (Cache c = Cache.open(cache)) {
            return BalancedSampler.defaults()
                    .sample(c.split("train").manifest())
                    .windows();
        }
    }
}
