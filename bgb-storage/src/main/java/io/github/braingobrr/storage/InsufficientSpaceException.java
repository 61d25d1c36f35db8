package io.github.braingobrr.storage;

/**
 * Not enough room: the disk is full, or a managed tier's capacity budget cannot hold the blob even after
 * evicting everything it may evict. Nothing partial was left visible.
 */
public final class InsufficientSpaceException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final long needed;
    private final long available;

    /** {@code needed} bytes were required at {@code location} where only {@code available} were free. */
    public InsufficientSpaceException(Location location, String where, long needed, long available, Throwable cause) {
        super(
                location,
                "not enough space on " + where + ": needs " + DataSizes.format(needed) + " (" + needed
                        + " bytes), " + DataSizes.format(available) + " (" + available
                        + " bytes) available; free space or"
                        + " raise the capacity, then run again (what is already verified is kept)",
                cause);
        this.needed = needed;
        this.available = available;
    }

    /** Bytes that were needed. */
    public long needed() {
        return needed;
    }

    /** Bytes that were available. */
    public long available() {
        return available;
    }
}
