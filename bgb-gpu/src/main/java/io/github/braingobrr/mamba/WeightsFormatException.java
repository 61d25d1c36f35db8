package io.github.braingobrr.mamba;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a weight file cannot be read as a state dict: it is neither {@code .npz} nor
 * {@code .safetensors}, its safetensors header is truncated, malformed or describes tensors that do not fit
 * the file (offsets past the end, overlapping tensors, a byte length that does not match dtype and shape),
 * or a tensor has a dtype the layers cannot use. The message names the file, the tensor key and the byte
 * offset where that applies, and says what to do.
 */
public final class WeightsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    WeightsFormatException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
