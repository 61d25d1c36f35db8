package io.github.braingobrr.cache;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.tiered.SsdVolume;
import io.github.braingobrr.storage.transfer.CleanOptions;
import io.github.braingobrr.storage.transfer.CleanResult;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.storage.transfer.TransferResult;
import io.github.braingobrr.storage.transfer.Transfers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole-cache operations between tiers, built on the storage {@link Transfers}: {@link #upload} (local → S3),
 * {@link #populate} (S3 → SSD tier), {@link #verify} and {@link #clean}. Cache files always go first, then each
 * split's manifest and dataset index, and the cache metadata last, so a reader never sees a manifest that names files
 * that are not there yet; a manifest is held back when a file of its split failed. Unlike the Python system's upload,
 * manifests and indexes are copied, and populate and clean write the cache metadata (so nothing later mistakes the
 * copy for a foreign cache); populate writes it first as well, recording that it started, so that a copy it left
 * partial is known to be one.
 */
public final class CacheTransfers {
    private static final Logger LOG = LoggerFactory.getLogger(CacheTransfers.class);
    private static final List<String> MANIFESTS = List.of(CacheKeys.MANIFEST, CacheKeys.INDEX);

    private CacheTransfers() {}

    /**
     * What a whole-cache transfer did.
     *
     * @param data the transfer of the cache files
     * @param manifests the transfer of manifests and dataset indexes (empty when held back because data failed)
     * @param metadataWritten whether the target's {@code .cache_metadata.json} was written
     */
    public record Result(TransferResult data, Optional<TransferResult> manifests, boolean metadataWritten) {
        /** Validates the fields. */
        public Result {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(manifests, "manifests");
        }

        /** Whether everything, metadata included, is now at the target. */
        public boolean succeeded() {
            return data.succeeded() && manifests.map(TransferResult::succeeded).orElse(false) && metadataWritten;
        }
    }

    /** {@link #upload(BlobStore, BlobStore, TransferOptions)} from a local cache directory. */
    public static Result upload(Path localCache, BlobStore target, TransferOptions options) throws IOException {
        try (BlobStore source = LocalBlobStore.open(localCache)) {
            return upload(source, target, options);
        }
    }

    /**
     * Copies a cache to another store (typically a local cache to {@code s3://…}): first the manifests of the source
     * are brought up to date (a stale manifest is rebuilt from the files, as {@link CacheSplit#manifest()} does), then
     * the cache files are copied (files already current at the target are skipped), then manifests and indexes, then
     * the metadata. A target that holds a cache of another configuration is refused.
     *
     * @throws CacheInvalidException when a source split cannot be used as it is
     * @throws CacheMismatchException when the target holds a different cache
     */
    public static Result upload(BlobStore source, BlobStore target, TransferOptions options) throws IOException {
        Cache cache = Cache.open(source);
        for (String split : cache.splits()) {
            cache.split(split).manifest();
        }
        Optional<CacheMetadata> meta = cache.metadata();
        checkTarget(meta, target);
        TransferOptions dataOptions = options.withExclude(plus(options.exclude(), "*.json"));
        TransferResult data = Transfers.sync(source, target, dataOptions);
        if (!data.succeeded()) {
            LOG.warn(
                    "{} cache file(s) failed to upload; manifests and metadata are held back",
                    data.failures().size());
            return new Result(data, Optional.empty(), false);
        }
        TransferResult manifests = Transfers.sync(source, target, options.withInclude(MANIFESTS));
        if (!manifests.succeeded()) {
            return new Result(data, Optional.of(manifests), false);
        }
        CacheMetadata written =
                meta.orElseGet(() -> CacheMetadata.unknown("upload")).touched("upload");
        CacheJson.write(target, CacheKeys.METADATA, CacheJson.writeMetadata(written));
        return new Result(data, Optional.of(manifests), true);
    }

    /**
     * Copies a cache from a slower store (typically {@code s3://…}) into an SSD tier once: cache files first (each
     * fetched to a temporary file, checked by size and CRC32C, then made present; verified copies are kept, so a rerun
     * after a crash fetches only what is missing), then manifests and indexes, then the metadata, which records where
     * the copy came from and when the populate finished. The metadata is also written before the first file, recording
     * that a populate started, so a copy left partial by a crash or a failure is reported as such
     * ({@link CacheProblem.Kind#UNFINISHED_POPULATE}) rather than mistaken for a smaller cache.
     *
     * @throws CacheMismatchException when the tier holds a cache of another configuration
     */
    public static Result populate(BlobStore source, SsdVolume target, TransferOptions options) throws IOException {
        Optional<CacheMetadata> meta = Cache.readMetadata(source);
        // the tier's directory as it is on disk: files put there by anything else count too
        try (BlobStore onDisk = LocalBlobStore.open(target.directory())) {
            checkTarget(meta, onDisk);
        }
        // recorded first, so that a copy left partial by a crash or a failure says so (until a populate finishes)
        CacheMetadata started = meta.orElseGet(() -> CacheMetadata.unknown("populate"))
                .populatedFrom(source.root().toString())
                .touched(CacheMetadata.POPULATE_START);
        CacheJson.write(target, CacheKeys.METADATA, CacheJson.writeMetadata(started));
        TransferResult data =
                Transfers.populate(source, target, options.withExclude(plus(options.exclude(), "*.json")));
        if (!data.succeeded()) {
            LOG.warn(
                    "{} cache file(s) failed to populate; manifests and metadata are held back",
                    data.failures().size());
            return new Result(data, Optional.empty(), false);
        }
        TransferResult manifests = Transfers.populate(source, target, options.withInclude(MANIFESTS));
        if (!manifests.succeeded()) {
            return new Result(data, Optional.of(manifests), false);
        }
        CacheJson.write(target, CacheKeys.METADATA, CacheJson.writeMetadata(started.touched("populate")));
        return new Result(data, Optional.of(manifests), true);
    }

    /** Refuses to copy into a store that holds cache files made with another (or an unknown) configuration. */
    private static void checkTarget(Optional<CacheMetadata> source, BlobStore target) throws IOException {
        int files = 0;
        for (String split : CacheKeys.SPLITS) {
            files += Cache.listFiles(target, split).size();
        }
        if (files == 0) {
            return;
        }
        Optional<CacheMetadata> there;
        try {
            there = Cache.readMetadata(target);
        } catch (CacheFormatException e) {
            throw new CacheMismatchException(
                    target.root(), "metadata", "an unreadable " + CacheKeys.METADATA, "a valid one", e.getMessage());
        }
        Optional<String> want = source.flatMap(CacheMetadata::configHash);
        Optional<String> have = there.flatMap(CacheMetadata::configHash);
        if (!want.equals(have)) {
            throw new CacheMismatchException(
                    target.root(),
                    "preprocessing",
                    have.map(h -> "hash " + Scanner.shortHash(h))
                            .orElse("unknown settings (" + files + " cache files)"),
                    want.map(h -> "hash " + Scanner.shortHash(h)).orElse("an unknown configuration"),
                    "the copy would mix two caches");
        }
    }

    private static List<String> plus(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    /**
     * Checks every cache file of every split against its manifest: present, size, CRC32C (recorded by the store, or
     * computed from the content for local files; always computed with {@code deep}), window count and loadable
     * headers; plus everything the quick validation checks (unlisted files, index, metadata).
     */
    public static ValidationReport verify(BlobStore cache, boolean deep) throws IOException {
        return Cache.open(cache)
                .validator()
                .checksums(true)
                .deep(deep)
                .headers(true)
                .validate();
    }

    /**
     * Deletes every split of a cache (cache files, manifests, indexes) and writes metadata that records the clean and
     * forgets the configuration, so that the empty cache may be built anew with any configuration. Needs
     * {@link CleanOptions#deleteConfirmed()}; {@link CleanOptions#listOnly()} lists what would go.
     */
    public static CleanResult clean(BlobStore cache, CleanOptions options) throws IOException {
        List<String> keys = new ArrayList<>();
        long bytes = 0;
        int deleted = 0;
        for (String split : CacheKeys.SPLITS) {
            CleanResult r = Transfers.clean(cache, split + "/", options);
            keys.addAll(r.keys());
            bytes += r.bytes();
            deleted += r.deleted();
        }
        if (!options.dryRun()) {
            writeCleanedMetadata(cache);
        }
        return new CleanResult(cache.root(), "", options.dryRun(), keys, bytes, deleted);
    }

    /** Deletes one split of a cache (see {@link #clean(BlobStore, CleanOptions)}). */
    public static CleanResult clean(BlobStore cache, String split, CleanOptions options) throws IOException {
        String s = CacheKeys.checkSplit(split);
        CleanResult r = Transfers.clean(cache, s + "/", options);
        if (!options.dryRun()) {
            boolean empty = true;
            for (String other : CacheKeys.SPLITS) {
                empty &= Cache.listFiles(cache, other).isEmpty();
            }
            if (empty) {
                writeCleanedMetadata(cache);
            } else {
                Optional<CacheMetadata> m = readQuietly(cache);
                if (m.isPresent()) {
                    CacheJson.write(
                            cache,
                            CacheKeys.METADATA,
                            CacheJson.writeMetadata(m.get().touched("clean")));
                }
            }
        }
        return r;
    }

    private static void writeCleanedMetadata(BlobStore cache) throws IOException {
        CacheMetadata m = readQuietly(cache)
                .map(CacheMetadata::withoutConfiguration)
                .orElseGet(() -> CacheMetadata.unknown("clean"))
                .touched("clean");
        CacheJson.write(cache, CacheKeys.METADATA, CacheJson.writeMetadata(m));
    }

    private static Optional<CacheMetadata> readQuietly(BlobStore cache) throws IOException {
        try {
            return Cache.readMetadata(cache);
        } catch (CacheFormatException e) {
            LOG.warn("{}; it is replaced", e.getMessage());
            return Optional.empty();
        }
    }
}
