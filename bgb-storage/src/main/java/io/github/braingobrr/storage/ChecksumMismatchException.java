package io.github.braingobrr.storage;

/** Content read or written does not match its recorded CRC32C or size; nothing was committed with it. */
public final class ChecksumMismatchException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    /** {@code location} has {@code actual} where {@code expected} was recorded (CRC32C hex or a size). */
    public ChecksumMismatchException(Location location, String what, String expected, String actual) {
        super(
                location,
                what + " mismatch: expected " + expected + ", got " + actual
                        + "; the copy is corrupt or changed while being read, fetch it again");
        this.expected = expected;
        this.actual = actual;
    }

    /** The recorded value. */
    public String expected() {
        return expected;
    }

    /** The value found. */
    public String actual() {
        return actual;
    }
}
