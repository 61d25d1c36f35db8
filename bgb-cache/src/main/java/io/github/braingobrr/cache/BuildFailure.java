package io.github.braingobrr.cache;

import io.github.braingobrr.edf.EdfFormatException;
import io.github.braingobrr.labels.LabelFormatException;
import io.github.braingobrr.montage.MissingChannelsException;
import io.github.braingobrr.preprocess.PreprocessingException;
import io.github.braingobrr.storage.StorageException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One recording the cache builder could not turn into a cache file. Recorded in the split's {@code manifest.json}
 * ({@code failures}) and in the {@link BuildResult}; the build goes on with the other recordings unless fail-fast was
 * asked for.
 *
 * @param split the split ({@code train}, {@code dev}, {@code eval})
 * @param source the EDF file relative to the data directory, with {@code /} separators (for example {@code
 *     train/aaaaaaab/s001_2012/01_tcp_ar/aaaaaaab_s001_t000.edf})
 * @param kind what went wrong
 * @param reason a sentence for the user: the file, what failed and what to do
 * @param staleCacheFile a cache file of an older version of this recording that was left in place but is not listed
 *     in the manifest (its source changed and the rebuild failed); empty when there is none
 */
public record BuildFailure(String split, String source, Kind kind, String reason, Optional<String> staleCacheFile) {
    /** What kind of problem stopped a recording. */
    public enum Kind {
        /** Electrodes the montage needs are missing and the policy does not fill them. */
        MISSING_CHANNELS,
        /** The EDF file is not readable EDF/EDF+/BDF (truncated, lying header, ...). */
        CORRUPT_EDF,
        /** The label file is malformed. */
        BAD_LABELS,
        /** The recording cannot be preprocessed as configured (units, rates, gaps, no label file, ...). */
        PREPROCESSING,
        /** The cache file could not be written or stored. */
        STORAGE,
        /** Any other I/O error reading the recording. */
        IO,
        /** An unexpected error in bgb; please report it with the recording. */
        INTERNAL;

        /** The name in {@code manifest.json}: {@code missing_channels}, {@code corrupt_edf}, ... */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind with this {@link #id()}, or {@link #INTERNAL} for names bgb does not know. */
        static Kind byId(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id)) {
                    return k;
                }
            }
            return INTERNAL;
        }

        /** The kind of failure an exception means. */
        static Kind of(Throwable e) {
            if (e instanceof MissingChannelsException) {
                return MISSING_CHANNELS;
            }
            if (e instanceof EdfFormatException) {
                return CORRUPT_EDF;
            }
            if (e instanceof LabelFormatException) {
                return BAD_LABELS;
            }
            if (e instanceof PreprocessingException) {
                return PREPROCESSING;
            }
            if (e instanceof StorageException) {
                return STORAGE;
            }
            return e instanceof java.io.IOException ? IO : INTERNAL;
        }
    }

    /** Validates the fields. */
    public BuildFailure {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(staleCacheFile, "staleCacheFile");
    }

    @Override
    public String toString() {
        return source + " (" + kind.id() + "): " + reason;
    }
}
