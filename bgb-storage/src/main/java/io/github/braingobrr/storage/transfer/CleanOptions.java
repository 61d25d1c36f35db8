package io.github.braingobrr.storage.transfer;

import java.util.Objects;

/**
 * How {@link Transfers#clean} may act. Deleting needs {@link #deleteConfirmed()}; {@link #listOnly()} only
 * lists.
 *
 * @param dryRun list what would be deleted and delete nothing
 * @param confirmed the caller confirmed the deletion (without it, a non-dry run is refused)
 * @param listener progress
 */
public record CleanOptions(boolean dryRun, boolean confirmed, ProgressListener listener) {
    /** Validates the fields. */
    public CleanOptions {
        Objects.requireNonNull(listener, "listener");
    }

    /** List only. */
    public static CleanOptions listOnly() {
        return new CleanOptions(true, false, ProgressListener.NONE);
    }

    /** Delete, confirmed. */
    public static CleanOptions deleteConfirmed() {
        return new CleanOptions(false, true, ProgressListener.NONE);
    }

    /** With a listener. */
    public CleanOptions withListener(ProgressListener value) {
        return new CleanOptions(dryRun, confirmed, value);
    }
}
