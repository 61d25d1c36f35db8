package io.github.braingobrr.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store knows about one blob without reading it.
 *
 * @param key the key relative to the store root
 * @param size the length in bytes
 * @param lastModified when it was last written
 * @param crc32c the content checksum when the store recorded one (S3 objects written by bgb, SSD-tier
 *     entries, anything just written), else empty
 */
public record BlobInfo(String key, long size, Instant lastModified, Optional<Crc32c> crc32c) {
    /** Validates the fields. */
    public BlobInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(crc32c, "crc32c");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + key);
        }
    }

    /** The same blob under another key (for stores that map keys under a prefix). */
    public BlobInfo withKey(String newKey) {
        return new BlobInfo(newKey, size, lastModified, crc32c);
    }
}
