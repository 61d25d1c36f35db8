package io.github.braingobrr.storage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * S3 storage classes a blob can be written with. Local stores accept and ignore them. {@code STANDARD_IA}
 * is the seed project's choice for a cache that is read rarely after population.
 */
public enum StorageClass {
    /** Frequent access. */
    STANDARD,
    /** Infrequent access, millisecond reads, 30-day minimum. */
    STANDARD_IA,
    /** Infrequent access in one availability zone. */
    ONEZONE_IA,
    /** Moves between access tiers automatically. */
    INTELLIGENT_TIERING,
    /** Archive with millisecond reads. */
    GLACIER_IR;

    /** Parses a name such as {@code standard-ia} or {@code STANDARD_IA}. */
    public static StorageClass parse(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown storage class '" + name + "'; one of "
                            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")),
                    e);
        }
    }
}
