package io.github.braingobrr.cache;

import java.io.IOException;

/**
 * A cache file, manifest, dataset index or metadata file that cannot be read as bgb or the Python system writes it.
 * The message names the location, what is wrong and what to do.
 */
public class CacheFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** With a message naming the file and the problem. */
    public CacheFormatException(String message) {
        super(message);
    }

    /** With a message naming the file and the problem, and its cause. */
    public CacheFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
