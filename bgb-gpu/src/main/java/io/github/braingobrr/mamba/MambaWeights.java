package io.github.braingobrr.mamba;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A named set of weight tensors, keyed by PyTorch {@code state_dict} names such as
 * {@code layers.0.forward_mamba_real.in_proj.weight}: what the layer loaders read.
 *
 * <p>Read one from a state dict file with {@link #read(Path)} or {@link #read(Path, String)}, or build one
 * from any other source with {@link #of(Map)}; then narrow it to one module with {@link #scope(String)}.
 * The loaders check every key and shape and report all problems at once in a {@link WeightsException}.
 */
public final class MambaWeights {
    private final SortedMap<String, Tensor> tensors;
    private final String prefix;
    private final String source;

    private MambaWeights(SortedMap<String, Tensor> tensors, String prefix, String source) {
        this.tensors = tensors;
        this.prefix = prefix;
        this.source = source;
    }

    /** Weights over a copy of {@code tensors} (the tensors themselves are shared, see {@link Tensor}). */
    public static MambaWeights of(Map<String, Tensor> tensors) {
        return of(tensors, null);
    }

    /**
     * Reads every tensor of a PyTorch {@code state_dict} saved as {@code .npz} or {@code .safetensors}; see
     * {@link #read(Path, String)}.
     */
    public static MambaWeights read(Path file) throws IOException {
        return read(file, "");
    }

    /**
     * Reads the tensors whose keys start with {@code prefix} from a PyTorch {@code state_dict} file and
     * scopes the result to that prefix: the same as {@code read(file).scope(prefix)}, but the other tensors
     * are never read. Error messages of the loaders name the file.
     *
     * <ul>
     *   <li>{@code .npz} ({@code numpy.savez(f, **{k: v.numpy() for k, v in sd.items()})}): float32 members
     *       as they are, float16 exactly, float64 rounded to float32; any byte order or memory order;
     *       STORED or DEFLATED members.
     *   <li>{@code .safetensors} ({@code safetensors.torch.save_file(sd, f)}): F32 as is, F16 and BF16
     *       exactly, F64 rounded. The header is checked against the file before any tensor is read.
     * </ul>
     *
     * <p>The format is recognised by the file's first bytes, else by its extension. Tensors outside the
     * prefix may have any dtype; a tensor under it that is not floating point is an error.
     *
     * @throws WeightsFormatException if the file is neither format, its safetensors header is truncated,
     *     malformed or does not fit the file, or a wanted tensor has an unusable dtype
     * @throws IOException if the file cannot be read, or (an {@code NpyFormatException}) the {@code .npz}
     *     archive is damaged
     */
    public static MambaWeights read(Path file, String prefix) throws IOException {
        return WeightFiles.read(file, prefix);
    }

    /** Weights over a copy of {@code tensors}, read from {@code source} (a file name, or {@code null}). */
    static MambaWeights of(Map<String, Tensor> tensors, String source) {
        SortedMap<String, Tensor> copy = new TreeMap<>();
        tensors.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("weight map has a null key or value (key " + k + ")");
            }
            copy.put(k, v);
        });
        return new MambaWeights(Collections.unmodifiableSortedMap(copy), "", source);
    }

    /**
     * The weights whose keys start with {@code prefix}, with the prefix removed; for example
     * {@code scope("node_mamba.")} of a whole-model state dict. Error messages keep naming full keys.
     */
    public MambaWeights scope(String prefix) {
        SortedMap<String, Tensor> sub = new TreeMap<>();
        tensors.subMap(prefix, prefix + Character.MAX_VALUE)
                .forEach((k, v) -> sub.put(k.substring(prefix.length()), v));
        return new MambaWeights(Collections.unmodifiableSortedMap(sub), this.prefix + prefix, source);
    }

    /** The prefix this view was scoped to, from the original map ({@code ""} for the original). */
    public String prefix() {
        return prefix;
    }

    /** Where these weights were read from (a file name), or {@code null} when built by {@link #of(Map)}. */
    String source() {
        return source;
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
        return "MambaWeights[" + (source == null ? "" : source + ", ")
                + (prefix.isEmpty() ? "" : "prefix '" + prefix + "', ") + tensors.size() + " tensors]";
    }
}
