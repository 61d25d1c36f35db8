package io.github.braingobrr.mamba;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A named set of weight tensors, keyed by PyTorch {@code state_dict} names such as
 * {@code layers.0.forward_mamba_real.in_proj.weight}: what the layer loaders read.
 *
 * <p>Build one from any source with {@link #of(Map)} (a {@code .npz} or {@code .safetensors} reader
 * produces the map), then narrow it to one module with {@link #scope(String)}. The loaders check every
 * key and shape and report all problems at once in a {@link WeightsException}.
 */
public final class MambaWeights {
    private final SortedMap<String, Tensor> tensors;
    private final String prefix;

    private MambaWeights(SortedMap<String, Tensor> tensors, String prefix) {
        this.tensors = tensors;
        this.prefix = prefix;
    }

    /** Weights over a copy of {@code tensors} (the tensors themselves are shared, see {@link Tensor}). */
    public static MambaWeights of(Map<String, Tensor> tensors) {
        SortedMap<String, Tensor> copy = new TreeMap<>();
        tensors.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("weight map has a null key or value (key " + k + ")");
            }
            copy.put(k, v);
        });
        return new MambaWeights(Collections.unmodifiableSortedMap(copy), "");
    }

    /**
     * The weights whose keys start with {@code prefix}, with the prefix removed; for example
     * {@code scope("node_mamba.")} of a whole-model state dict. Error messages keep naming full keys.
     */
    public MambaWeights scope(String prefix) {
        SortedMap<String, Tensor> sub = new TreeMap<>();
        tensors.subMap(prefix, prefix + Character.MAX_VALUE)
                .forEach((k, v) -> sub.put(k.substring(prefix.length()), v));
        return new MambaWeights(Collections.unmodifiableSortedMap(sub), this.prefix + prefix);
    }

    /** The prefix this view was scoped to, from the original map ({@code ""} for the original). */
    public String prefix() {
        return prefix;
    }

    /** The tensor under {@code key} (relative to this scope), if present. */
    public Optional<Tensor> get(String key) {
        return Optional.ofNullable(tensors.get(key));
    }

    /** All tensors of this scope by relative key, sorted; unmodifiable. */
    public SortedMap<String, Tensor> tensors() {
        return tensors;
    }

    /** The number of tensors in this scope. */
    public int size() {
        return tensors.size();
    }

    @Override
    public String toString() {
        return "MambaWeights[" + (prefix.isEmpty() ? "" : "prefix '" + prefix + "', ") + tensors.size() + " tensors]";
    }
}
