package io.github.braingobrr.storage;

/**
 * The store refused the request: S3 {@code AccessDenied}, unknown access key, bad signature (wrong secret),
 * or a local file the process may not read or write.
 */
public final class StorageAccessDeniedException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final String code;

    /** Access to {@code location} was refused with {@code code} (for example {@code AccessDenied}). */
    public StorageAccessDeniedException(Location location, String code, String advice, Throwable cause) {
        super(location, "access denied (" + code + "); " + advice, cause);
        this.code = code;
    }

    /** The server's error code, or a local description such as {@code file permissions}. */
    public String code() {
        return code;
    }
}
