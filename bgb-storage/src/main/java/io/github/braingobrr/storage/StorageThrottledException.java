package io.github.braingobrr.storage;

/**
 * The service kept throttling the request ({@code 503 SlowDown}, {@code 429}) after the client's configured
 * retries with adaptive back-off were used up.
 */
public final class StorageThrottledException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** Requests for {@code location} were throttled {@code attempts} times in a row. */
    public StorageThrottledException(Location location, String code, int attempts, Throwable cause) {
        super(
                location,
                "throttled by the service (" + code + ") after " + attempts
                        + " attempts; lower the transfer parallelism or raise StoreOptions.maxAttempts, then retry",
                cause);
    }
}
