package io.github.braingobrr.storage;

/** The store could not be reached or the connection broke (refused, reset, timed out) after the client's retries. */
public final class StorageUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** {@code location} could not be reached at {@code endpoint}. */
    public StorageUnavailableException(Location location, String endpoint, String detail, Throwable cause) {
        super(
                location,
                "cannot reach " + endpoint + " (" + detail
                        + "); check the network and the endpoint, then retry (transfers resume where they stopped)",
                cause);
    }
}
