package io.github.braingobrr.storage;

/** The blob does not exist (S3 {@code NoSuchKey}, or no such file). */
public final class BlobNotFoundException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** {@code location} does not exist; {@code detail} may add the server's error code. */
    public BlobNotFoundException(Location location, String detail, Throwable cause) {
        super(
                location,
                "not found" + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")")
                        + "; check the key, or list the parent prefix to see what is there",
                cause);
    }

    /** {@code location} does not exist. */
    public BlobNotFoundException(Location location) {
        this(location, null, null);
    }
}
