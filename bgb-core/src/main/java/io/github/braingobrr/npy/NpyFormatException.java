package io.github.braingobrr.npy;

import java.io.IOException;

/**
 * A {@code .npy} or {@code .npz} file that is malformed, truncated or uses a feature bgb does not read (object
 * arrays, structured dtypes, encrypted members). The message names the file, the field or offset, and what
 * to do about it.
 */
public class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A format problem described by {@code message}. */
    public NpyFormatException(String message) {
        super(message);
    }

    /** A format problem described by {@code message}, found while handling {@code cause}. */
    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
