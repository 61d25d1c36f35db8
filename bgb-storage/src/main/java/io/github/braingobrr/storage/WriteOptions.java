package io.github.braingobrr.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How to write one blob.
 *
 * @param storageClass the S3 storage class; empty takes the bucket's default (local stores ignore it)
 * @param expectedCrc32c when present, the content must have this checksum or the write fails with
 *     {@link ChecksumMismatchException} and nothing is committed
 * @param expectedSize when present, the content must have exactly this length, else the same
 */
public record WriteOptions(
        Optional<StorageClass> storageClass, Optional<Crc32c> expectedCrc32c, OptionalLong expectedSize) {
    private static final WriteOptions DEFAULTS =
            new WriteOptions(Optional.empty(), Optional.empty(), OptionalLong.empty());

    /** Validates the fields. */
    public WriteOptions {
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(expectedCrc32c, "expectedCrc32c");
        Objects.requireNonNull(expectedSize, "expectedSize");
    }

    /** Default storage class, nothing expected. */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    /** These options with a storage class. */
    public WriteOptions withStorageClass(StorageClass value) {
        return new WriteOptions(Optional.of(value), expectedCrc32c, expectedSize);
    }

    /** These options, requiring the content to have this checksum. */
    public WriteOptions withExpectedCrc32c(Crc32c value) {
        return new WriteOptions(storageClass, Optional.of(value), expectedSize);
    }

    /** These options, requiring the content to have this length. */
    public WriteOptions withExpectedSize(long value) {
        return new WriteOptions(storageClass, expectedCrc32c, OptionalLong.of(value));
    }

    /**
     * For implementations: fails with {@link ChecksumMismatchException} when content of {@code size} bytes
     * with checksum {@code actual}, about to be committed at {@code location}, is not what these options expect.
     */
    public void check(Location location, long size, Crc32c actual) throws ChecksumMismatchException {
        if (expectedSize.isPresent() && expectedSize.getAsLong() != size) {
            throw new ChecksumMismatchException(location, "size", expectedSize.getAsLong() + " bytes", size + " bytes");
        }
        if (expectedCrc32c.isPresent() && !expectedCrc32c.get().equals(actual)) {
            throw new ChecksumMismatchException(
                    location, "CRC32C", expectedCrc32c.get().hex(), actual.hex());
        }
    }
}
