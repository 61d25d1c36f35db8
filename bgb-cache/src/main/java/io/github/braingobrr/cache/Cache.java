package io.github.braingobrr.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import io.github.braingobrr.storage.local.LocalBlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An existing window cache on any store (local directory, SSD tier, {@code s3://…}): its metadata, its splits
 * ({@link #split(String)}: manifest, scan, validation, window readers) and validation of the whole cache. Opening reads
 * nothing; close it to release a store it opened.
 *
 * <pre>{@code
 * try (Cache cache = Cache.open(Location.parse("s3://bucket/cache/tusz"))) {
 *     Manifest train = cache.split("train").manifest();   // validated; rebuilt from the files when stale
 *     train.requireSeizureWindows();
 * }
 * }</pre>
 */
public final class Cache implements Closeable {
    private final BlobStore store;
    private final boolean owns;
    private final Env env;

    Cache(BlobStore store, boolean owns, Env env) {
        this.store = store;
        this.owns = owns;
        this.env = env;
    }

    /** Opens the cache at {@code location} with default store options (S3 settings from the AWS chain). */
    public static Cache open(Location location) throws IOException {
        return open(location, StoreOptions.defaults());
    }

    /** Opens the cache at {@code location}; an S3 location uses {@code options}. */
    public static Cache open(Location location, StoreOptions options) throws IOException {
        return new Cache(BlobStores.open(location, options), true, Env.system());
    }

    /** Opens the cache in a local directory. */
    public static Cache open(Path directory) throws IOException {
        return new Cache(LocalBlobStore.open(directory), true, Env.system());
    }

    /** The cache held by {@code store} (an SSD tier, a tiered store, ...); closing the cache leaves the store open. */
    public static Cache open(BlobStore store) {
        return new Cache(store, false, Env.system());
    }

    /** The store holding the cache. */
    public BlobStore store() {
        return store;
    }

    /** The cache root. */
    public Location location() {
        return store.root();
    }

    Env env() {
        return env;
    }

    /**
     * The {@code .cache_metadata.json}, or empty when the cache has none.
     *
     * @throws CacheFormatException when the file is unreadable
     */
    public Optional<CacheMetadata> metadata() throws IOException {
        return readMetadata(store);
    }

    /** The splits ({@code train}, {@code dev}, {@code eval}) that hold anything, in that order. */
    public List<String> splits() throws IOException {
        List<String> out = new ArrayList<>();
        for (String s : CacheKeys.SPLITS) {
            if (!store.list(s + "/").isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * One split of the cache.
     *
     * @throws IllegalArgumentException for {@code val} (the split is called {@code dev}) and unknown names
     */
    public CacheSplit split(String name) {
        return new CacheSplit(this, CacheKeys.checkSplit(name));
    }

    /** A validator of this cache, to configure (checksums, headers, sources, expected configuration). */
    public CacheValidator validator() {
        return new CacheValidator(this);
    }

    /** Validates every split with the quick checks (listing, manifest, index, metadata; no file is read). */
    public ValidationReport validate() throws IOException {
        return validator().validate();
    }

    /**
     * The state of the cache at a glance: per split its files, bytes, manifest state and why, windows per category and
     * recorded failures; metadata and last build and populate times. Reads the listing and the JSON files only.
     */
    public CacheStatus status() throws IOException {
        return CacheStatus.of(this);
    }

    /** Closes the store if this cache opened it. */
    @Override
    public void close() throws IOException {
        if (owns) {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "Cache[" + store.root() + "]";
    }

    // ------------------------------------------------------------------ shared by builder, scanner, validator

    static Optional<CacheMetadata> readMetadata(BlobStore store) throws IOException {
        Optional<byte[]> b = CacheJson.readIfPresent(store, CacheKeys.METADATA);
        return b.isEmpty()
                ? Optional.empty()
                : Optional.of(CacheJson.readMetadata(
                        b.get(), store.locationOf(CacheKeys.METADATA).toString()));
    }

    static Optional<Manifest> readManifest(BlobStore store, String split) throws IOException {
        String key = CacheKeys.manifest(split);
        Optional<byte[]> b = CacheJson.readIfPresent(store, key);
        return b.isEmpty()
                ? Optional.empty()
                : Optional.of(CacheJson.readManifest(
                        split, b.get(), store.locationOf(key).toString()));
    }

    static Optional<DatasetIndex> readIndex(BlobStore store, String split) throws IOException {
        String key = CacheKeys.index(split);
        Optional<byte[]> b = CacheJson.readIfPresent(store, key);
        return b.isEmpty()
                ? Optional.empty()
                : Optional.of(CacheJson.readIndex(b.get(), store.locationOf(key).toString()));
    }

    /** Writes a split's manifest, then its dataset index (both atomically, after the data they describe). */
    static void writeManifestAndIndex(
            BlobStore store, Manifest m, CacheLayout layout, java.util.function.UnaryOperator<String> sources)
            throws IOException {
        CacheJson.write(store, CacheKeys.manifest(m.split()), CacheJson.writeManifest(m));
        CacheJson.write(
                store,
                CacheKeys.index(m.split()),
                CacheJson.writeIndex(DatasetIndex.of(m, layout, sources), m.split()));
    }

    /** The cache files directly in a split folder, by name. */
    static Map<String, BlobInfo> listFiles(BlobStore store, String split) throws IOException {
        Map<String, BlobInfo> files = new TreeMap<>();
        for (BlobInfo b : store.list(split + "/")) {
            String name = b.key().substring(split.length() + 1);
            if (CacheKeys.isCacheFile(name)) {
                files.put(name, b);
            }
        }
        return files;
    }

    /** The seizure fraction from which a window is full, from the recorded configuration (0.99 when unknown). */
    static double fullThreshold(Optional<CacheMetadata> meta) {
        if (meta.isPresent() && meta.get().configJson().isPresent()) {
            try {
                JsonNode n = CacheJson.tree(meta.get().configJson().get().getBytes(StandardCharsets.UTF_8), "config");
                JsonNode t = n.path("window").path("full_threshold");
                if (t.isNumber() && t.asDouble() > 0 && t.asDouble() <= 1) {
                    return t.asDouble();
                }
            } catch (CacheFormatException e) {
                // fall through to the seed's threshold
            }
        }
        return 0.99;
    }
}
