package io.github.braingobrr.storage.transfer;

import java.io.IOException;

/**
 * One file a transfer could not handle.
 *
 * @param key the blob key
 * @param reason a sentence for the user: what failed and what to do
 * @param error the underlying exception (its message is {@code reason})
 */
public record FileFailure(String key, String reason, IOException error) {
    /** A failure of {@code key} caused by {@code error}. */
    public static FileFailure of(String key, IOException error) {
        return new FileFailure(key, String.valueOf(error.getMessage()), error);
    }
}
