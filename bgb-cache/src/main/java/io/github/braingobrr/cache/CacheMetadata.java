package io.github.braingobrr.cache;

import io.github.braingobrr.BgbVersion;
import io.github.braingobrr.npy.NpzCompression;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code .cache_metadata.json} at a cache root: the Python system's {@code split_policy}, {@code created} and
 * {@code timestamp}, plus what bgb records so that a cache is never reused with the wrong preprocessing: schema,
 * layout, compression, the preprocessing configuration (canonical JSON) and its hash, the bgb version, and the last
 * operation that changed the cache. Every operation that creates or changes a cache writes it (build, populate,
 * clean); a mismatch never deletes anything ({@link CacheMismatchException}).
 *
 * @param splitPolicy {@code official_tusz}
 * @param created what created the cache (the Python system wrote its config path here)
 * @param timestamp when the cache was created (ISO-8601 for bgb caches)
 * @param schema {@link #SCHEMA}; empty in metadata the Python system wrote
 * @param layout the cache layout; empty when unknown
 * @param compression how cache file members are stored; empty when unknown
 * @param configJson the preprocessing configuration's canonical JSON; empty when unknown (a cleaned or Python cache)
 * @param configHash its hash; empty when unknown
 * @param bgbVersion the bgb version that last wrote the metadata
 * @param updated when the metadata was last written
 * @param lastOperation {@code build}, {@code scan}, {@code upload}, {@code populate}, {@code clean}, or
 *     {@code populate-start} while a populate runs (and after one that did not finish)
 * @param populatedFrom the location a populated copy came from
 * @param lastRun when each operation ({@code build}, {@code scan}, {@code upload}, {@code populate-start},
 *     {@code populate}, {@code clean}) last changed this cache, by operation name; metadata written before bgb
 *     recorded it gives just its last operation at {@code updated}
 */
public record CacheMetadata(
        String splitPolicy,
        String created,
        String timestamp,
        Optional<String> schema,
        Optional<CacheLayout> layout,
        Optional<NpzCompression> compression,
        Optional<String> configJson,
        Optional<String> configHash,
        Optional<String> bgbVersion,
        Optional<Instant> updated,
        Optional<String> lastOperation,
        Optional<String> populatedFrom,
        Map<String, Instant> lastRun) {
    /** The schema written by this version. */
    public static final String SCHEMA = "bgb.cache/1";

    /** The operation recorded when a populate starts; {@code populate} is recorded when it has finished. */
    static final String POPULATE_START = "populate-start";

    /** Validates the fields and copies the map (sorted by operation). */
    public CacheMetadata {
        Objects.requireNonNull(splitPolicy, "splitPolicy");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(configHash, "configHash");
        Objects.requireNonNull(bgbVersion, "bgbVersion");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(lastOperation, "lastOperation");
        Objects.requireNonNull(populatedFrom, "populatedFrom");
        lastRun = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(lastRun, "lastRun")));
    }

    /** Metadata of a new cache built now with this configuration. */
    static CacheMetadata create(
            SplitPolicy policy, CacheLayout layout, NpzCompression compression, String configJson, String configHash) {
        String now = Instant.now().toString();
        return new CacheMetadata(
                policy.id(),
                "bgb " + BgbVersion.get() + " CacheBuilder",
                now,
                Optional.of(SCHEMA),
                Optional.of(layout),
                Optional.of(compression),
                Optional.of(configJson),
                Optional.of(configHash),
                Optional.of(BgbVersion.get()),
                Optional.of(Instant.parse(now)),
                Optional.of("build"),
                Optional.empty(),
                Map.of("build", Instant.parse(now)));
    }

    /** Metadata of a cache whose preprocessing is not known (a copy of a cache without metadata, a cleaned cache). */
    static CacheMetadata unknown(String operation) {
        String now = Instant.now().toString();
        return new CacheMetadata(
                SplitPolicy.OFFICIAL_TUSZ.id(),
                "bgb " + BgbVersion.get() + " " + operation,
                now,
                Optional.of(SCHEMA),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(BgbVersion.get()),
                Optional.of(Instant.parse(now)),
                Optional.of(operation),
                Optional.empty(),
                Map.of(operation, Instant.parse(now)));
    }

    /** This metadata as last written by {@code operation} now (creation fields kept). */
    CacheMetadata touched(String operation) {
        Instant now = Instant.now();
        Map<String, Instant> runs = new TreeMap<>(lastRun);
        runs.put(operation, now);
        return new CacheMetadata(
                splitPolicy,
                created,
                timestamp,
                Optional.of(SCHEMA),
                layout,
                compression,
                configJson,
                configHash,
                Optional.of(BgbVersion.get()),
                Optional.of(now),
                Optional.of(operation),
                populatedFrom,
                runs);
    }

    /** This metadata with the configuration forgotten (after a clean: the empty cache may be built anew). */
    CacheMetadata withoutConfiguration() {
        return new CacheMetadata(
                splitPolicy,
                created,
                timestamp,
                schema,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                bgbVersion,
                updated,
                lastOperation,
                populatedFrom,
                lastRun);
    }

    /** This metadata recording that the cache was copied from {@code source}. */
    CacheMetadata populatedFrom(String source) {
        return new CacheMetadata(
                splitPolicy,
                created,
                timestamp,
                schema,
                layout,
                compression,
                configJson,
                configHash,
                bgbVersion,
                updated,
                lastOperation,
                Optional.of(source),
                lastRun);
    }

    /** When {@code operation} ({@code build}, {@code populate}, ...) last changed this cache, if recorded. */
    public Optional<Instant> lastRun(String operation) {
        return Optional.ofNullable(lastRun.get(operation));
    }

    /**
     * Whether a populate into this copy started after the last one that finished (it is running, or it was
     * interrupted or failed): cache files, manifests or both may be missing.
     */
    boolean populateUnfinished() {
        Optional<Instant> started = lastRun(POPULATE_START);
        Optional<Instant> finished = lastRun("populate");
        return started.isPresent() && (finished.isEmpty() || finished.get().isBefore(started.get()));
    }

    /** The split policy, when bgb knows it. */
    public Optional<SplitPolicy> policy() {
        return Optional.ofNullable(SplitPolicy.byId(splitPolicy));
    }
}
