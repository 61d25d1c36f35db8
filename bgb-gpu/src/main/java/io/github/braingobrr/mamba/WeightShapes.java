package io.github.braingobrr.mamba;

import java.util.Arrays;
import java.util.List;

/** Reads the shapes of single weights for the configs' {@code infer} methods, collecting problems. */
final class WeightShapes {
    private WeightShapes() {}

    /** The shape of {@code key}, or null with a problem recorded when it is missing or of another rank. */
    static int[] shape(MambaWeights weights, String key, int rank, List<String> problems) {
        var t = weights.get(key);
        if (t.isEmpty()) {
            problems.add("missing key '" + weights.prefix() + key + "'");
            return null;
        }
        if (t.get().rank() != rank || Arrays.stream(t.get().shape()).anyMatch(d -> d <= 0)) {
            problems.add("'" + weights.prefix() + key + "' is " + t.get().shapeString() + "; expected " + rank
                    + " positive dimensions");
            return null;
        }
        return t.get().shape();
    }

    static String where(MambaWeights weights) {
        return weights.prefix().isEmpty() ? "the weights" : "the weights under '" + weights.prefix() + "'";
    }
}
