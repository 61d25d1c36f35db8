package io.github.braingobrr.cache;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing {@link CacheValidator} found wrong with a cache.
 *
 * @param kind what is wrong
 * @param split the split, empty for the cache root
 * @param file the cache file, source or JSON file concerned, if one
 * @param message a sentence for the user: what is wrong and what to do
 */
public record CacheProblem(Kind kind, Optional<String> split, Optional<String> file, String message) {
    /** How bad a problem is. */
    public enum Severity {
        /** Worth knowing; the cache can be used. */
        WARNING,
        /** The cache (or split) must not be trained on until it is fixed. */
        ERROR
    }

    /** What is wrong. */
    public enum Kind {
        /** No {@code .cache_metadata.json} (a cache the Python system built, or a bare copy). */
        NO_METADATA(Severity.WARNING, false),
        /** The metadata file is not valid JSON or lacks {@code split_policy}. */
        UNREADABLE_METADATA(Severity.ERROR, false),
        /** Files, manifest, metadata or the requested preprocessing disagree about the configuration hash. */
        CONFIG_DRIFT(Severity.ERROR, false),
        /** The split holds no cache files. */
        NO_FILES(Severity.ERROR, false),
        /** The split has cache files but no manifest. */
        NO_MANIFEST(Severity.ERROR, true),
        /** The manifest is not valid JSON or not a manifest. */
        UNREADABLE_MANIFEST(Severity.ERROR, true),
        /** The manifest lists no window (the Python system treated this as invalid too). */
        EMPTY_MANIFEST(Severity.ERROR, true),
        /** The manifest contradicts itself (a window listed twice or not at all, counts that disagree). */
        MANIFEST_INCONSISTENT(Severity.ERROR, true),
        /** The manifest names a cache file that does not exist. */
        MISSING_FILE(Severity.ERROR, true),
        /** A cache file exists that the manifest does not list (training would use a stale subset). */
        UNLISTED_FILE(Severity.ERROR, true),
        /** A cache file's size differs from the manifest's. */
        SIZE_MISMATCH(Severity.ERROR, true),
        /** A cache file's CRC32C differs from the manifest's (damaged or replaced content). */
        CHECKSUM_MISMATCH(Severity.ERROR, false),
        /** A cache file holds a different number of windows than the manifest says. */
        WINDOW_COUNT_MISMATCH(Severity.ERROR, true),
        /** A cache file cannot be opened as a cache file. */
        UNREADABLE_FILE(Severity.ERROR, false),
        /** A cache file of an older version of a recording was kept after its rebuild failed; it is not listed. */
        STALE_FILE(Severity.WARNING, false),
        /** The EDF or label file a cache file was built from has changed since (rebuild to pick it up). */
        SOURCE_CHANGED(Severity.ERROR, false),
        /** The EDF file a cache file was built from is no longer in the data directory. */
        SOURCE_MISSING(Severity.WARNING, false),
        /** The build recorded recordings it could not cache. */
        RECORDED_FAILURES(Severity.WARNING, false),
        /**
         * The last build took only the first files of the split ({@code limit(n)}, {@code BGB_LIMIT_FILES} or
         * {@code BGB_SMOKE_TEST}): a limit left set for a full run leaves the split partial, as it did in the Python
         * system.
         */
        LIMITED_BUILD(Severity.WARNING, false),
        /**
         * A populate into this copy started and has not finished (it is running, or it crashed or failed): cache files,
         * manifests or both may be missing. Populate again; scanning would make a manifest of a partial copy.
         */
        UNFINISHED_POPULATE(Severity.ERROR, false),
        /** The split has no {@code _dataset_index.json}. */
        NO_INDEX(Severity.ERROR, true),
        /** The dataset index is not valid JSON or not an index. */
        UNREADABLE_INDEX(Severity.ERROR, true),
        /** The dataset index and the manifest list different files or window counts. */
        INDEX_MISMATCH(Severity.ERROR, true);

        private final Severity severity;
        private final boolean fixedByScan;

        Kind(Severity severity, boolean fixedByScan) {
            this.severity = severity;
            this.fixedByScan = fixedByScan;
        }

        /** How bad it is. */
        public Severity severity() {
            return severity;
        }

        /** Whether rebuilding the manifest and index from the cache files ({@link CacheSplit#scan()}) fixes it. */
        public boolean fixedByScan() {
            return fixedByScan;
        }
    }

    /** Validates the fields. */
    public CacheProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    static CacheProblem of(Kind kind, String split, String file, String message) {
        return new CacheProblem(kind, Optional.ofNullable(split), Optional.ofNullable(file), message);
    }

    @Override
    public String toString() {
        return kind.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + kind
                + split.map(s -> " [" + s + "]").orElse("") + ": " + message;
    }
}
