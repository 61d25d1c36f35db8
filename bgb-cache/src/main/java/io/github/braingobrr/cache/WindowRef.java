package io.github.braingobrr.cache;

import java.util.Objects;

/**
 * One window of a cache: the cache file (a name relative to its split folder, as in {@code manifest.json}) and the
 * window's position in it ({@code window_idx}).
 *
 * @param cacheFile for example {@code aaaaaaab_s001_t000_windows.npz}
 * @param windowIdx 0-based
 */
public record WindowRef(String cacheFile, int windowIdx) {
    /** Validates the fields. */
    public WindowRef {
        Objects.requireNonNull(cacheFile, "cacheFile");
        if (windowIdx < 0) {
            throw new IllegalArgumentException("negative window index " + windowIdx + " in " + cacheFile);
        }
    }

    @Override
    public String toString() {
        return cacheFile + "[" + windowIdx + "]";
    }
}
