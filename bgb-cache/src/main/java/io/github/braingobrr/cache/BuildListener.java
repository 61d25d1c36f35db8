package io.github.braingobrr.cache;

/**
 * Receives progress from a running {@link CacheBuilder#build()}. Calls come from worker threads one at a time (never
 * concurrently), after each recording; keep them quick. Library code never prints: a command line draws a progress bar
 * from these calls, a notebook may log them. A listener that throws is logged once and never stops the build.
 */
public interface BuildListener {
    /** A listener that ignores everything. */
    BuildListener NONE = p -> {};

    /** Totals after a recording finished. */
    void progress(BuildProgress progress);

    /** A recording failed (the build goes on unless fail-fast was asked for). */
    default void failed(BuildFailure failure) {}
}
