package io.github.braingobrr.storage.transfer;

import io.github.braingobrr.storage.Keys;
import io.github.braingobrr.storage.StorageClass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a sync, populate or verify runs.
 *
 * <p>Patterns are globs on keys: {@code *} and {@code ?} stay within one {@code /}-separated segment,
 * {@code **} crosses segments. A pattern without {@code /} matches a key's last segment ({@code *.log}
 * matches {@code train/a.log}); one with {@code /} matches the whole key ({@code train/**}).
 *
 * @param prefix only keys under this prefix ({@code ""}: all)
 * @param include keys must match one of these (empty: all keys)
 * @param exclude keys matching any of these are left out
 * @param parallelism files handled at once
 * @param storageClass the S3 storage class for uploads (empty: the bucket's default)
 * @param metadataPatterns sync copies files matching these after all other files, and holds one back when a
 *     file under its directory failed, so a reader never sees a manifest naming missing objects
 * @param fileAttempts attempts per file for failures the storage client cannot retry itself: a body that
 *     broke after bytes had arrived, or content that failed its checksum
 * @param deep verify (and populate, for copies already present) hashes content instead of trusting
 *     recorded checksums
 * @param listener progress
 */
public record TransferOptions(
        String prefix,
        List<String> include,
        List<String> exclude,
        int parallelism,
        Optional<StorageClass> storageClass,
        List<String> metadataPatterns,
        int fileAttempts,
        boolean deep,
        ProgressListener listener) {
    /** Validates the fields. */
    public TransferOptions {
        Keys.checkPrefix(prefix);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        metadataPatterns = List.copyOf(metadataPatterns);
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(listener, "listener");
        include.forEach(Glob::compile);
        exclude.forEach(Glob::compile);
        metadataPatterns.forEach(Glob::compile);
        if (parallelism < 1 || parallelism > 1024) {
            throw new IllegalArgumentException("parallelism must be between 1 and 1024, got " + parallelism);
        }
        if (fileAttempts < 1) {
            throw new IllegalArgumentException("fileAttempts must be at least 1, got " + fileAttempts);
        }
    }

    /** Everything, 8 at a time, manifests ({@code *.json}) last, 3 attempts per file, shallow checks. */
    public static TransferOptions defaults() {
        return new TransferOptions(
                "", List.of(), List.of(), 8, Optional.empty(), List.of("*.json"), 3, false, ProgressListener.NONE);
    }

    /** With a prefix. */
    public TransferOptions withPrefix(String value) {
        return new TransferOptions(
                value, include, exclude, parallelism, storageClass, metadataPatterns, fileAttempts, deep, listener);
    }

    /** With include patterns. */
    public TransferOptions withInclude(List<String> value) {
        return new TransferOptions(
                prefix, value, exclude, parallelism, storageClass, metadataPatterns, fileAttempts, deep, listener);
    }

    /** With exclude patterns. */
    public TransferOptions withExclude(List<String> value) {
        return new TransferOptions(
                prefix, include, value, parallelism, storageClass, metadataPatterns, fileAttempts, deep, listener);
    }

    /** With this many files at once. */
    public TransferOptions withParallelism(int value) {
        return new TransferOptions(
                prefix, include, exclude, value, storageClass, metadataPatterns, fileAttempts, deep, listener);
    }

    /** With a storage class for uploads. */
    public TransferOptions withStorageClass(StorageClass value) {
        return new TransferOptions(
                prefix,
                include,
                exclude,
                parallelism,
                Optional.of(value),
                metadataPatterns,
                fileAttempts,
                deep,
                listener);
    }

    /** With these metadata patterns (copied last). */
    public TransferOptions withMetadataPatterns(List<String> value) {
        return new TransferOptions(
                prefix, include, exclude, parallelism, storageClass, value, fileAttempts, deep, listener);
    }

    /** With this many attempts per file. */
    public TransferOptions withFileAttempts(int value) {
        return new TransferOptions(
                prefix, include, exclude, parallelism, storageClass, metadataPatterns, value, deep, listener);
    }

    /** Hashing content ({@code true}) or trusting recorded checksums. */
    public TransferOptions withDeep(boolean value) {
        return new TransferOptions(
                prefix, include, exclude, parallelism, storageClass, metadataPatterns, fileAttempts, value, listener);
    }

    /** With a progress listener. */
    public TransferOptions withListener(ProgressListener value) {
        return new TransferOptions(
                prefix, include, exclude, parallelism, storageClass, metadataPatterns, fileAttempts, deep, value);
    }

    /** Whether {@code key} passes include and exclude. */
    boolean selects(String key) {
        return (include.isEmpty()
                        || include.stream().anyMatch(p -> Glob.compile(p).matches(key)))
                && exclude.stream().noneMatch(p -> Glob.compile(p).matches(key));
    }

    /** Whether {@code key} is a metadata file, copied last. */
    boolean isMetadata(String key) {
        return metadataPatterns.stream().anyMatch(p -> Glob.compile(p).matches(key));
    }
}
