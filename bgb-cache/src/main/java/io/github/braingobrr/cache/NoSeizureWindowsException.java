package io.github.braingobrr.cache;

/**
 * The training gate: a cache split (or a sample of it) has no seizure windows, so training on it would learn
 * nothing but background. The Python system exited with code 2 in this case; the message says what to check.
 */
public final class NoSeizureWindowsException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient CategoryCounts counts;

    /** A gate failure for {@code what} (for example {@code "train manifest of s3://b/cache"}) with these counts. */
    public NoSeizureWindowsException(String what, CategoryCounts counts, String remedy) {
        super(what + " has no seizure windows (" + counts + "); " + remedy);
        this.counts = counts;
    }

    /** The window counts that failed the gate. */
    public CategoryCounts counts() {
        return counts;
    }
}
