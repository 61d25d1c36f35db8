package io.github.braingobrr.storage.transfer;

/**
 * Receives progress from a running transfer. Calls come from worker threads, one at a time (never
 * concurrently), at most every few hundred milliseconds and after each file; keep them quick. Library code
 * never prints: a command line shows a progress bar from these calls, a notebook may log them.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {};

    /** Totals so far. */
    default void onProgress(TransferProgress progress) {}

    /** One file failed (the transfer goes on with the others). */
    default void onFileFailed(FileFailure failure) {}
}
