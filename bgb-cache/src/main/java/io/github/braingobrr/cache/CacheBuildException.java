package io.github.braingobrr.cache;

import java.io.IOException;
import java.util.Objects;

/**
 * A fail-fast build stopped at a recording that failed. Cache files finished before it are complete and listed in the
 * manifest, so running the build again resumes where it stopped.
 */
public final class CacheBuildException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient BuildFailure failure;
    private final transient BuildResult partial;

    CacheBuildException(BuildFailure failure, BuildResult partial, Throwable cause) {
        super(
                "the build stopped (fail-fast) at " + failure.source() + ": " + failure.reason()
                        + "; files finished before it are kept, so run the build again after fixing it, or build without"
                        + " fail-fast to record such files and go on",
                cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.partial = partial;
    }

    /** The failure that stopped the build. */
    public BuildFailure failure() {
        return failure;
    }

    /** What had been done when it stopped. */
    public BuildResult partialResult() {
        return partial;
    }
}
