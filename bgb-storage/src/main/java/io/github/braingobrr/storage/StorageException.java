package io.github.braingobrr.storage;

import java.io.IOException;
import java.util.Objects;

/**
 * A storage operation failed. Subclasses name the common cases (not found, access denied, throttled, no
 * space, checksum mismatch, unreachable); the message always names the location and what to do, and is
 * meant to be shown to a user as it is.
 */
public class StorageException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Location location;

    /** A failure at {@code location}; the message should say what happened and what to do. */
    public StorageException(Location location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.location = Objects.requireNonNull(location, "location");
    }

    /** A failure at {@code location} without an underlying cause. */
    public StorageException(Location location, String message) {
        this(location, message, null);
    }

    /** The blob, prefix or store the failure is about. */
    public Location location() {
        return location;
    }
}
