package io.github.braingobrr.cache;

import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import io.github.braingobrr.storage.local.LocalBlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Builds the preprocessed window cache from a TUSZ-like EDF tree onto any store — the product's main job.
 *
 * <pre>{@code
 * BuildResult r = CacheBuilder.from(Path.of("tusz/edf"))
 *         .to(Location.parse("s3://my-bucket/cache/tusz"))   // or .to(Path.of("cache/tusz"))
 *         .preprocessing(PreprocessingConfig.seed())
 *         .workers(8)
 *         .build();
 * r.failures().forEach(f -> System.out.println(f.source() + ": " + f.reason()));
 * r.requireSeizureWindows();
 * }</pre>
 *
 * <p>What a build does:
 *
 * <ul>
 *   <li>Finds every {@code **}{@code /*.edf} under the data directory (a local folder or an {@code s3://} prefix,
 *       {@link #from(Location)}), sorted by path, with the label file of the
 *       configured format beside it; the split is the folder below the data directory ({@code train}, {@code dev},
 *       {@code eval}; {@code val} is refused in favour of {@code dev}); the patient (the stem before the first
 *       {@code _}) may not appear in two splits ({@link SplitPolicyException}). By default {@code train} and {@code
 *       dev} are built.
 *   <li>Checks the cache's {@code .cache_metadata.json}: a cache made with other preprocessing, layout, compression or
 *       policy is refused ({@link CacheMismatchException}) and nothing is deleted.
 *   <li>Resumes: a recording whose cache file exists with the same source fingerprint (EDF size, modification time
 *       and header hash; label file hash) and configuration is skipped; anything else is rebuilt. A build that was
 *       killed leaves no half-written cache file (each is written under a temporary name and renamed or uploaded
 *       whole), and the next run redoes only what was not finished.
 *   <li>Builds recordings in parallel on {@link #workers} threads; a recording is streamed into its cache file one
 *       window at a time, and the recordings in flight together stay within {@link #memoryBudget}.
 *   <li>Records per-file failures (missing channels, corrupt EDF, bad labels) and goes on, unless
 *       {@link #failFast()}.
 *   <li>Writes each split's {@code manifest.json} and {@code _dataset_index.json} after the data they describe (and
 *       every minute during a long build, so that a killed build leaves a manifest of what it finished), and the
 *       metadata.
 * </ul>
 *
 * <p>{@code BGB_LIMIT_FILES} (the first n files of each split) and {@code BGB_SMOKE_TEST=1} (3 files when no limit is
 * set) are read when {@link #build()} runs; {@link #limit(int)} wins over both.
 */
public final class CacheBuilder {
    private final Location data;
    private Location location;
    private BlobStore store;
    private StoreOptions storeOptions = StoreOptions.defaults();
    private final LinkedHashSet<String> splits = new LinkedHashSet<>();
    private PreprocessingConfig config = PreprocessingConfig.seed();
    private CacheLayout layout = CacheLayout.WINDOWS;
    private NpzCompression compression = NpzCompression.STORED;
    private int workers = Runtime.getRuntime().availableProcessors();
    private long memoryBudget = Runtime.getRuntime().maxMemory() / 2;
    private OptionalInt limit = OptionalInt.empty();
    private boolean failFast;
    private BuildListener listener = BuildListener.NONE;
    private Path stagingDirectory;
    private UnaryOperator<String> environment = System::getenv;
    private java.time.Duration checkpointInterval = java.time.Duration.ofSeconds(60);

    /** The settings of one build, as {@link BuildRun} reads them. */
    record Settings(
            Location data,
            List<String> splits,
            PreprocessingConfig config,
            CacheLayout layout,
            NpzCompression compression,
            int workers,
            long memoryBudget,
            OptionalInt limit,
            boolean failFast,
            BuildListener listener,
            Path stagingDirectory,
            java.time.Duration checkpointInterval) {}

    private CacheBuilder(Location data) {
        this.data = Objects.requireNonNull(data, "data");
    }

    /** A build from the data directory that holds {@code train/}, {@code dev/} and {@code eval/} (TUSZ's {@code edf/}). */
    public static CacheBuilder from(Path dataDir) {
        return from(Location.of(Objects.requireNonNull(dataDir, "dataDir")));
    }

    /**
     * A build from the data tree at {@code data}: a local folder ({@code file:///…}) or a prefix of a remote store
     * ({@code s3://bucket/tusz/edf}) that holds {@code train/}, {@code dev/} and {@code eval/}. A local tree is read in
     * place; from a remote one, each EDF file is fetched into the staging folder while it is built and deleted after,
     * and the fingerprints that decide what is rebuilt come from the listing and the EDF headers (ranged reads), so a
     * rerun fetches no EDF file that is current. A remote tree is reached with the {@link #storeOptions store options}.
     */
    public static CacheBuilder from(Location data) {
        return new CacheBuilder(data);
    }

    /** {@link #from(Location)} of text: a path (relative or absolute), {@code file:///…} or {@code s3://bucket/prefix}. */
    public static CacheBuilder from(String data) {
        return from(parseData(data));
    }

    /** A data tree given as text: a location when it has a scheme, else a local path. */
    static Location parseData(String data) {
        Objects.requireNonNull(data, "data");
        return data.contains("://") || data.startsWith("file:") ? Location.parse(data) : Location.of(Path.of(data));
    }

    /** The cache root: {@code file:///…}, an absolute path, or {@code s3://bucket/prefix}. */
    public CacheBuilder to(Location cache) {
        this.location = Objects.requireNonNull(cache, "cache");
        this.store = null;
        return this;
    }

    /** The cache root as text ({@link Location#parse}). */
    public CacheBuilder to(String cache) {
        return to(Location.parse(cache));
    }

    /** A local cache directory (created if needed). */
    public CacheBuilder to(Path cacheDir) {
        return to(Location.of(cacheDir));
    }

    /** A store already open (an SSD tier, a tiered store, …); the build does not close it. */
    public CacheBuilder to(BlobStore cache) {
        this.store = Objects.requireNonNull(cache, "cache");
        this.location = null;
        return this;
    }

    /**
     * How {@code s3://} locations are reached (endpoint, credentials, retries) — the cache's and, when the data tree is
     * on S3, the data tree's; default: the AWS chain.
     */
    public CacheBuilder storeOptions(StoreOptions options) {
        this.storeOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Builds only these splits ({@code train}, {@code dev}, {@code eval}); default {@code train} and {@code dev}.
     *
     * @throws IllegalArgumentException for {@code val} (the split is {@code dev}) and unknown names
     */
    public CacheBuilder split(String... names) {
        splits.clear();
        for (String n : names) {
            splits.add(CacheKeys.checkSplit(n));
        }
        return this;
    }

    /** Builds {@code train}, {@code dev} and {@code eval}. */
    public CacheBuilder allSplits() {
        return split(CacheKeys.SPLITS.toArray(new String[0]));
    }

    /** The preprocessing (default {@link PreprocessingConfig#seed()}). */
    public CacheBuilder preprocessing(PreprocessingConfig value) {
        this.config = Objects.requireNonNull(value, "value");
        return this;
    }

    /** The layout (default {@link CacheLayout#WINDOWS}, as the Python system reads it). */
    public CacheBuilder layout(CacheLayout value) {
        this.layout = Objects.requireNonNull(value, "value");
        return this;
    }

    /**
     * How cache file members are stored (default STORED, so one window is one positional read; DEFLATED gives the
     * Python system's compressed files). The continuous layout is always STORED.
     */
    public CacheBuilder compression(NpzCompression value) {
        this.compression = Objects.requireNonNull(value, "value");
        return this;
    }

    /** Recordings built at once (default: the number of processors). */
    public CacheBuilder workers(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + value);
        }
        this.workers = value;
        return this;
    }

    /**
     * Heap the recordings being built may hold together (default: half the maximum heap). Each recording reserves an
     * estimate from its EDF size (about 3× the file) before it is preprocessed; one larger than the budget runs alone.
     */
    public CacheBuilder memoryBudget(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("memory budget must be positive, got " + bytes);
        }
        this.memoryBudget = bytes;
        return this;
    }

    /** Takes only the first {@code n} EDF files of each split (wins over {@code BGB_LIMIT_FILES}). */
    public CacheBuilder limit(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + n);
        }
        this.limit = OptionalInt.of(n);
        return this;
    }

    /** Stops at the first recording that fails ({@link CacheBuildException}); files finished before it are kept. */
    public CacheBuilder failFast() {
        return failFast(true);
    }

    /** Whether to stop at the first recording that fails (default: record it and go on). */
    public CacheBuilder failFast(boolean value) {
        this.failFast = value;
        return this;
    }

    /** Receives progress (files done/total, windows, MB/s, ETA) and failures; default none. */
    public CacheBuilder listener(BuildListener value) {
        this.listener = Objects.requireNonNull(value, "value");
        return this;
    }

    /**
     * Where cache files are written before they go to a remote store (default: a temporary folder; for a local cache,
     * a hidden {@code .bgb-staging} folder inside it, so finished files are renamed into place).
     */
    public CacheBuilder stagingDirectory(Path dir) {
        this.stagingDirectory = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** How often manifests of the work done so far are written during a build (tests). */
    CacheBuilder checkpointInterval(java.time.Duration value) {
        this.checkpointInterval = Objects.requireNonNull(value, "value");
        return this;
    }

    /** The environment the build reads its variables from (tests). */
    CacheBuilder environment(UnaryOperator<String> lookup) {
        this.environment = Objects.requireNonNull(lookup, "lookup");
        return this;
    }

    /**
     * Runs the build.
     *
     * @throws SplitPolicyException when the data directory breaks the split policy (nothing is built)
     * @throws CacheMismatchException when the cache was made differently (nothing is changed)
     * @throws CacheBuildException with fail-fast, at the first recording that fails
     * @throws IllegalStateException when no cache location was given
     */
    public BuildResult build() throws IOException {
        Settings s = settings();
        Env env = env();
        try (SourceTree source = openSource()) {
            if (store != null) {
                return new BuildRun(s, store, source, env).run();
            }
            try (BlobStore opened = openStore()) {
                return new BuildRun(s, opened, source, env).run();
            }
        }
    }

    /** The settings of the build as configured (for {@link #build()} and {@link DistributedBuild}). */
    Settings settings() {
        if (location == null && store == null) {
            throw new IllegalStateException("no cache location: call to(Path), to(Location) or to(BlobStore) first");
        }
        BuildRun.checkCombination(layout, compression);
        return new Settings(
                data,
                new ArrayList<>(splits),
                config,
                layout,
                compression,
                workers,
                memoryBudget,
                limit,
                failFast,
                listener,
                stagingDirectory,
                checkpointInterval);
    }

    /** The cache location given with {@code to(Location)}, {@code to(String)} or {@code to(Path)}; null for a store. */
    Location location() {
        return location;
    }

    Env env() {
        return new Env(environment);
    }

    /** Opens the data tree. */
    SourceTree openSource() throws IOException {
        return SourceTree.open(data, storeOptions);
    }

    /** The store options (for {@link DistributedBuild}'s tasks). */
    StoreOptions storeOptions() {
        return storeOptions;
    }

    /** Opens the store of {@link #location()}. */
    BlobStore openStore() throws IOException {
        return location.isFile() ? LocalBlobStore.open(location.toPath()) : BlobStores.open(location, storeOptions);
    }
}
