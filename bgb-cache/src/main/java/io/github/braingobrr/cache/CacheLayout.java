package io.github.braingobrr.cache;

import java.util.Locale;

/**
 * How a cache stores a recording's windows; recorded in {@code .cache_metadata.json}, and every reader handles
 * both.
 */
public enum CacheLayout {
    /**
     * The seed-compatible layout (the default): {@code <split>/<stem>_windows.npz} with {@code windows} float32
     * {@code (N, channels, W)} and {@code labels} float32 {@code (N, W)}, as the Python training code reads it. Every
     * sample is stored once per window that covers it (six times for 60 s windows every 10 s).
     */
    WINDOWS("windows", "_windows.npz"),
    /**
     * The compact layout: {@code <split>/<stem>_continuous.npz} with {@code signals} float32 {@code (channels, n)}
     * (Fortran order, so the samples of one window are contiguous and read at once), {@code labels} uint8 {@code
     * (n,)}, {@code window_starts} int64 {@code (N,)} and {@code window_length} int64; windows are materialized on
     * read. Always STORED. Not readable by the seed's Python code.
     */
    CONTINUOUS("continuous", "_continuous.npz");

    private final String id;
    private final String suffix;

    CacheLayout(String id, String suffix) {
        this.id = id;
        this.suffix = suffix;
    }

    /** The name written in metadata: {@code windows} or {@code continuous}. */
    public String id() {
        return id;
    }

    /** The cache file name for a recording stem: {@code <stem>_windows.npz} or {@code <stem>_continuous.npz}. */
    public String cacheFileName(String stem) {
        return stem + suffix;
    }

    /** The recording stem of a cache file name of this layout, or {@code null} when the name is not one. */
    String stemOf(String cacheFileName) {
        return cacheFileName.endsWith(suffix) && cacheFileName.length() > suffix.length()
                ? cacheFileName.substring(0, cacheFileName.length() - suffix.length())
                : null;
    }

    /**
     * The layout named {@code id} ({@code windows} or {@code continuous}, case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CacheLayout parse(String id) {
        for (CacheLayout l : values()) {
            if (l.id.equals(id == null ? null : id.strip().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown cache layout '" + id + "'; use 'windows' or 'continuous'");
    }
}
