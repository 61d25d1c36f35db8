package io.github.braingobrr.npy;

/**
 * A {@code .npz} member whose bytes do not match the CRC-32 recorded in the archive: the file was damaged
 * after it was written (or written by a faulty tool) and should be rebuilt.
 */
public final class NpzChecksumException extends NpyFormatException {
    private static final long serialVersionUID = 1L;

    private final long expected;
    private final long actual;

    /** A mismatch for member {@code member} of {@code archive}. */
    public NpzChecksumException(String archive, String member, long expected, long actual) {
        super(String.format(
                "%s: member '%s' is corrupt: its CRC-32 is 0x%08x but the archive records 0x%08x;"
                        + " the file was damaged after it was written, rebuild it",
                archive, member, actual, expected));
        this.expected = expected;
        this.actual = actual;
    }

    /** The CRC-32 recorded in the central directory. */
    public long expected() {
        return expected;
    }

    /** The CRC-32 of the bytes actually read. */
    public long actual() {
        return actual;
    }
}
