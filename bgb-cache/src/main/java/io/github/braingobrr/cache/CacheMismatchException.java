package io.github.braingobrr.cache;

import io.github.braingobrr.storage.Location;
import java.io.IOException;

/**
 * A cache exists at the location but was made differently from what is asked (preprocessing, layout, compression or
 * split policy), or without metadata saying how. Nothing was deleted or changed. The message names the field, both
 * values, and the two ways out: build into a new location, or remove this cache explicitly with
 * {@link CacheTransfers#clean} ({@code bgb clean-cache}) and build again.
 */
public final class CacheMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Location cache;
    private final String field;
    private final String existing;
    private final String requested;

    CacheMismatchException(Location cache, String field, String existing, String requested, String detail) {
        super("the cache at " + cache + " was made with " + field + " " + existing + ", but " + requested
                + " was asked for" + (detail.isEmpty() ? "" : " (" + detail + ")")
                + ". Nothing was deleted. Either build into a new location, or remove this cache explicitly"
                + " (CacheTransfers.clean, or bgb clean-cache --cache-dir " + cache + " --yes) and build again.");
        this.cache = cache;
        this.field = field;
        this.existing = existing;
        this.requested = requested;
    }

    /** The cache root. */
    public Location cache() {
        return cache;
    }

    /** The differing field: {@code preprocessing}, {@code layout}, {@code compression}, {@code split_policy} or {@code metadata}. */
    public String field() {
        return field;
    }

    /** The cache's value. */
    public String existing() {
        return existing;
    }

    /** The requested value. */
    public String requested() {
        return requested;
    }
}
