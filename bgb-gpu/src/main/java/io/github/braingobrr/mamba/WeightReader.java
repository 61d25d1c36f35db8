package io.github.braingobrr.mamba;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the tensors of one module from a {@link MambaWeights} scope, collecting every problem (missing
 * key, wrong shape, unexpected key) so that a load reports them all at once. Children share the
 * bookkeeping of their parent.
 */
final class WeightReader {
    private final MambaWeights weights;
    private final Set<String> consumed;
    private final List<String> problems;
    private final String scope;

    private WeightReader(MambaWeights weights, Set<String> consumed, List<String> problems, String scope) {
        this.weights = weights;
        this.consumed = consumed;
        this.problems = problems;
        this.scope = scope;
    }

    /** Runs {@code loader} over {@code weights}; throws a {@link WeightsException} naming {@code what}. */
    static <T> T load(String what, MambaWeights weights, Function<WeightReader, T> loader) {
        WeightReader root = new WeightReader(weights, new HashSet<>(), new ArrayList<>(), "");
        T result = loader.apply(root);
        for (String key : weights.tensors().keySet()) {
            if (!root.consumed.contains(key)) {
                root.problems.add("unexpected key '" + weights.prefix() + key + "'");
            }
        }
        if (!root.problems.isEmpty()) {
            String where = (weights.prefix().isEmpty() ? "" : " under '" + weights.prefix() + "'")
                    + (weights.source() == null ? "" : " in " + weights.source());
            throw new WeightsException(what + " weights" + where + " do not fit", root.problems);
        }
        return result;
    }

    /** A reader for the keys under {@code prefix} of this one. */
    WeightReader child(String prefix) {
        return new WeightReader(weights, consumed, problems, scope + prefix);
    }

    /** The tensor under {@code key} with exactly {@code shape}, or {@code null} (and a recorded problem). */
    Tensor require(String key, int... shape) {
        String k = scope + key;
        consumed.add(k);
        Tensor t = weights.tensors().get(k);
        String full = "'" + weights.prefix() + k + "'";
        if (t == null) {
            problems.add("missing key " + full + " (expected " + Tensor.format(shape) + ")");
            return null;
        }
        if (!t.hasShape(shape)) {
            problems.add("key " + full + " has shape " + t.shapeString() + ", expected " + Tensor.format(shape));
            return null;
        }
        return t;
    }

    /** Marks {@code key} as known but unused (it is neither required nor reported as unexpected). */
    void ignore(String key) {
        consumed.add(scope + key);
    }
}
