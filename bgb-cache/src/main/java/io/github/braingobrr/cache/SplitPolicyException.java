package io.github.braingobrr.cache;

import java.io.IOException;

/**
 * The data directory does not follow the split policy: a {@code val} folder (the split is called {@code dev}), EDF
 * files outside {@code train/}, {@code dev/} and {@code eval/}, patients in more than one split, or two recordings
 * that would share a cache file. Nothing has been built; the message names the files or patients and the fix.
 */
public final class SplitPolicyException extends IOException {
    private static final long serialVersionUID = 1L;

    /** With a message naming the offending files or patients and the fix. */
    public SplitPolicyException(String message) {
        super(message);
    }
}
