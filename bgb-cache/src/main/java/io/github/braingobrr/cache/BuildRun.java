package io.github.braingobrr.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.Preprocessor;
import io.github.braingobrr.preprocess.Recording;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.WriteOptions;
import io.github.braingobrr.storage.local.LocalBlobStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of {@link CacheBuilder#build()}: plan, check the cache, build in parallel, write manifests. */
final class BuildRun {
    private static final Logger LOG = LoggerFactory.getLogger(BuildRun.class);
    private final CacheBuilder.Settings settings;
    private final BlobStore store;
    private final SourceTree source;
    private final Env env;
    private final PreprocessingConfig config;
    private final String configHash;
    private final Preprocessor preprocessor;
    private final MemoryBudget memory;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ReentrantLock checkpointLock = new ReentrantLock();
    private final Object state = new Object();
    private final long started = System.nanoTime();
    private final Map<String, SplitState> splits = new LinkedHashMap<>();
    private Path staging;
    private boolean ownsStaging;
    private long lastCheckpoint = System.nanoTime();
    private boolean listenerFailed;
    // progress, guarded by state
    private int filesTotal;
    private int done;
    private int built;
    private int skipped;
    private int failed;
    private long windows;
    private long bytesSelected;
    private long bytesSkipped;
    private long bytesBuilt;
    private long bytesProcessed;
    private BuildFailure firstFailure;
    private Throwable firstCause;

    BuildRun(CacheBuilder.Settings settings, BlobStore store, SourceTree source, Env env) {
        this.settings = settings;
        this.store = store;
        this.source = source;
        this.env = env;
        this.config = settings.config();
        this.configHash = config.hash();
        this.preprocessor = new Preprocessor(config);
        this.memory = new MemoryBudget(settings.memoryBudget());
    }

    /** The state of one split during the build. */
    private static final class SplitState {
        final String split;
        final int found;
        final List<SourceFile> selected;
        final OptionalInt limit;
        final Map<String, BlobInfo> listing;
        final Manifest previous;
        final boolean previousTrusted;
        final Map<String, Manifest.FileEntry> entries = new TreeMap<>();
        final Map<String, BuildFailure> failures = new TreeMap<>();
        int built;
        int skipped;
        boolean dirty;

        SplitState(
                String split,
                int found,
                List<SourceFile> selected,
                OptionalInt limit,
                Map<String, BlobInfo> listing,
                Manifest previous,
                boolean previousTrusted) {
            this.split = split;
            this.found = found;
            this.selected = selected;
            this.limit = limit;
            this.listing = listing;
            this.previous = previous;
            this.previousTrusted = previousTrusted;
        }
    }

    enum Outcome {
        BUILT,
        SKIPPED,
        FAILED,
        CANCELLED
    }

    BuildResult run() throws IOException {
        CacheMetadata metadata = plan();
        try {
            runJobs();
            writeManifestsAndMetadata(metadata);
        } finally {
            cleanStaging();
        }
        return conclude();
    }

    /**
     * Everything before the recordings are built: the limit, discovery, the metadata check (the metadata is written),
     * staging, and each split's resume state. Returns the metadata to write again when the build is done.
     */
    CacheMetadata plan() throws IOException {
        OptionalInt limit = env.limit(settings.limit());
        if (limit.isPresent()) {
            (settings.limit().isPresent() ? LOG.atInfo() : LOG.atWarn())
                    .log(
                            "taking only the first {} EDF files of each split ({}); unset it for a full build",
                            limit.getAsInt(),
                            env.limitSource(settings.limit()));
        }
        Map<String, List<SourceFile>> discovered =
                SourceDiscovery.discover(source, config.labels().format());
        List<String> toBuild = splitsToBuild(discovered);
        Map<String, Map<String, BlobInfo>> listings = listCacheFiles();
        CacheMetadata metadata = checkMetadata(listings);
        CacheJson.write(store, CacheKeys.METADATA, CacheJson.writeMetadata(metadata));
        prepareStaging();
        try {
            for (String split : toBuild) {
                List<SourceFile> all = discovered.get(split);
                List<SourceFile> selected = limit.isPresent() && all.size() > limit.getAsInt()
                        ? List.copyOf(all.subList(0, limit.getAsInt()))
                        : all;
                SplitState st = prepareSplit(split, all, selected, limit, listings.getOrDefault(split, Map.of()));
                splits.put(split, st);
                filesTotal += selected.size();
                for (SourceFile f : selected) {
                    bytesSelected += f.size();
                }
            }
        } catch (IOException | RuntimeException e) {
            cleanStaging();
            throw e;
        }
        return metadata;
    }

    /** After the recordings: every split's manifest and dataset index, then the metadata. */
    void writeManifestsAndMetadata(CacheMetadata metadata) throws IOException {
        for (SplitState st : splits.values()) {
            writeManifest(st);
        }
        CacheJson.write(store, CacheKeys.METADATA, CacheJson.writeMetadata(metadata.touched("build")));
    }

    /** The result of the finished build; with fail-fast, the exception for the first failure. */
    BuildResult conclude() throws CacheBuildException {
        BuildResult result = result();
        if (firstFailure != null && settings.failFast()) {
            throw new CacheBuildException(firstFailure, result, firstCause);
        }
        LOG.info(
                "built {}: {} files built, {} current, {} failed; {} in {}",
                store.root(),
                built,
                skipped,
                failed,
                result.counts(),
                result.elapsed());
        return result;
    }

    // ------------------------------------------------------------------ planning

    private List<String> splitsToBuild(Map<String, List<SourceFile>> discovered) throws IOException {
        List<String> out = new ArrayList<>();
        if (settings.splits().isEmpty()) {
            for (String s : List.of("train", "dev")) {
                if (!discovered.get(s).isEmpty()) {
                    out.add(s);
                }
            }
            if (out.isEmpty()) {
                throw new SplitPolicyException("no EDF files under train/ or dev/ of " + source.root()
                        + "; pass the folder that holds the split folders (for TUSZ v2, its edf/ folder)"
                        + (discovered.get("eval").isEmpty() ? "" : ", or ask for split(\"eval\")"));
            }
            return out;
        }
        for (String s : settings.splits()) {
            if (discovered.get(s).isEmpty()) {
                throw new SplitPolicyException(
                        "no EDF files under " + source.where(s) + "; check the data directory, or leave the split out");
            }
            out.add(s);
        }
        return out;
    }

    /** The cache files directly in each split folder, by split and name. */
    private Map<String, Map<String, BlobInfo>> listCacheFiles() throws IOException {
        Map<String, Map<String, BlobInfo>> out = new HashMap<>();
        for (String split : CacheKeys.SPLITS) {
            out.put(split, Cache.listFiles(store, split));
        }
        return out;
    }

    /**
     * The metadata to write: the existing cache's when it matches the request, new metadata when the cache holds no
     * data yet; a mismatch with data present is refused and nothing is touched.
     */
    private CacheMetadata checkMetadata(Map<String, Map<String, BlobInfo>> listings) throws IOException {
        int dataFiles = listings.values().stream().mapToInt(Map::size).sum();
        return checkMetadata(store, dataFiles, config, settings.layout(), settings.compression());
    }

    /**
     * The metadata a build of {@code config}, {@code layout} and {@code compression} writes into {@code store}, which
     * holds {@code dataFiles} cache files: the existing cache's when it matches the request, new metadata when the
     * cache holds no data yet.
     *
     * @throws CacheMismatchException when the cache holds data made differently (nothing is touched)
     */
    static CacheMetadata checkMetadata(
            BlobStore store, int dataFiles, PreprocessingConfig config, CacheLayout layout, NpzCompression compression)
            throws IOException {
        String configHash = config.hash();
        Optional<CacheMetadata> existing;
        try {
            existing = Cache.readMetadata(store);
        } catch (CacheFormatException e) {
            throw new CacheMismatchException(
                    store.root(), "metadata", "an unreadable " + CacheKeys.METADATA, "a valid one", e.getMessage());
        }
        String json = config.toCanonicalJson();
        CacheMetadata fresh = CacheMetadata.create(SplitPolicy.OFFICIAL_TUSZ, layout, compression, json, configHash);
        if (dataFiles == 0) {
            return existing.map(e -> new CacheMetadata(
                            e.splitPolicy(),
                            e.created(),
                            e.timestamp(),
                            fresh.schema(),
                            fresh.layout(),
                            fresh.compression(),
                            fresh.configJson(),
                            fresh.configHash(),
                            fresh.bgbVersion(),
                            fresh.updated(),
                            fresh.lastOperation(),
                            e.populatedFrom(),
                            e.lastRun()))
                    .orElse(fresh);
        }
        if (existing.isEmpty()) {
            throw new CacheMismatchException(
                    store.root(),
                    "metadata",
                    "no " + CacheKeys.METADATA + " (" + dataFiles + " cache files of unknown preprocessing)",
                    "preprocessing " + configHash.substring(0, 12),
                    "bgb cannot tell whether those files match; the Python system would have deleted them");
        }
        CacheMetadata m = existing.get();
        if (!m.splitPolicy().equals(SplitPolicy.OFFICIAL_TUSZ.id())) {
            throw new CacheMismatchException(
                    store.root(), "split_policy", m.splitPolicy(), SplitPolicy.OFFICIAL_TUSZ.id(), "");
        }
        if (m.configHash().isEmpty()) {
            throw new CacheMismatchException(
                    store.root(),
                    "preprocessing",
                    "unknown settings (the metadata records no configuration hash)",
                    "preprocessing " + configHash.substring(0, 12),
                    dataFiles + " cache files are present");
        }
        if (!m.configHash().get().equals(configHash)) {
            String detail = "";
            if (m.configJson().isPresent()) {
                JsonNode have = CacheJson.tree(m.configJson().get().getBytes(StandardCharsets.UTF_8), "metadata");
                JsonNode want = CacheJson.tree(json.getBytes(StandardCharsets.UTF_8), "request");
                detail = CacheJson.firstDifference("preprocessing", have, want)
                        .map(d -> "first difference " + d + " (cache vs requested)")
                        .orElse("");
            }
            throw new CacheMismatchException(
                    store.root(),
                    "preprocessing",
                    "hash "
                            + m.configHash()
                                    .get()
                                    .substring(
                                            0, Math.min(12, m.configHash().get().length())),
                    "hash " + configHash.substring(0, 12),
                    detail);
        }
        if (m.layout().isPresent() && m.layout().get() != layout) {
            throw new CacheMismatchException(
                    store.root(), "layout", m.layout().get().id(), layout.id(), "");
        }
        if (m.compression().isPresent() && m.compression().get() != compression) {
            throw new CacheMismatchException(
                    store.root(),
                    "compression",
                    m.compression().get().name().toLowerCase(java.util.Locale.ROOT),
                    compression.name().toLowerCase(java.util.Locale.ROOT),
                    "");
        }
        return new CacheMetadata(
                m.splitPolicy(),
                m.created(),
                m.timestamp(),
                fresh.schema(),
                fresh.layout(),
                fresh.compression(),
                fresh.configJson(),
                fresh.configHash(),
                fresh.bgbVersion(),
                fresh.updated(),
                fresh.lastOperation(),
                m.populatedFrom(),
                m.lastRun());
    }

    private SplitState prepareSplit(
            String split,
            List<SourceFile> all,
            List<SourceFile> selected,
            OptionalInt limit,
            Map<String, BlobInfo> listing)
            throws IOException {
        Manifest previous = null;
        try {
            previous = Cache.readManifest(store, split).orElse(null);
        } catch (CacheFormatException e) {
            LOG.warn(
                    "{}: {}; every cache file of {} is checked from its content instead", split, e.getMessage(), split);
        }
        boolean trusted = trusts(previous, configHash, settings.layout());
        SplitState st = new SplitState(split, all.size(), selected, limit, listing, previous, trusted);
        Set<String> selectedNames = new HashSet<>();
        for (SourceFile f : selected) {
            selectedNames.add(settings.layout().cacheFileName(f.stem()));
        }
        // cache files present from earlier builds whose recordings this run does not look at
        for (BlobInfo b : listing.values()) {
            String name = b.key().substring(split.length() + 1);
            if (selectedNames.contains(name) || isStale(previous, name)) {
                continue;
            }
            Manifest.FileEntry prev = trusted ? previous.file(name).orElse(null) : null;
            if (prev != null && prev.size().orElse(-1) == b.size()) {
                st.entries.put(name, prev);
                continue;
            }
            try {
                Optional<Manifest.FileEntry> e = describe(split, name, b, null);
                if (e.isPresent()) {
                    st.entries.put(name, e.get());
                } else {
                    LOG.warn(
                            "{}: {} was not built with this configuration; it is left out of the manifest",
                            split,
                            name);
                }
            } catch (IOException e) {
                LOG.warn("{}: {} is unreadable and left out of the manifest: {}", split, name, e.getMessage());
            }
        }
        // failures of recordings this run does not retry stay on record
        if (previous != null) {
            Set<String> retried = new HashSet<>();
            selected.forEach(f -> retried.add(f.relativePath()));
            Set<String> existing = new HashSet<>();
            all.forEach(f -> existing.add(f.relativePath()));
            for (BuildFailure f : previous.failures()) {
                if (!retried.contains(f.source()) && existing.contains(f.source())) {
                    st.failures.put(f.source(), f);
                }
            }
        }
        return st;
    }

    /** Whether a split's previous manifest (null for none) describes cache files of this configuration and layout. */
    static boolean trusts(Manifest previous, String configHash, CacheLayout layout) {
        return previous != null
                && previous.configHash().map(configHash::equals).orElse(false)
                && previous.layout().map(l -> l == layout).orElse(false);
    }

    /** Whether a trusted manifest entry says the listed cache file is current for a source with this fingerprint. */
    static boolean isCurrent(Manifest.FileEntry entry, SourceFingerprint fp, BlobInfo listed) {
        return entry.fingerprint().map(fp::equals).orElse(false) && entry.size().orElse(-1) == listed.size();
    }

    private static boolean isStale(Manifest previous, String name) {
        if (previous == null) {
            return false;
        }
        for (BuildFailure f : previous.failures()) {
            if (f.staleCacheFile().map(name::equals).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The manifest entry of a cache file already in the store, from its own description and labels, when it was built
     * with this configuration and layout (and, when {@code fingerprint} is given, from a source with that
     * fingerprint); empty otherwise.
     */
    private Optional<Manifest.FileEntry> describe(
            String split, String name, BlobInfo listed, SourceFingerprint fingerprint) throws IOException {
        String key = CacheKeys.file(split, name);
        try (WindowReader r = WindowReader.open(store, key)) {
            Optional<FileMeta> meta = r.meta();
            if (meta.isEmpty()
                    || !meta.get().configHash().equals(configHash)
                    || meta.get().layout() != settings.layout()
                    || (fingerprint != null && !meta.get().fingerprint().equals(fingerprint))) {
                return Optional.empty();
            }
            List<WindowCategory> categories = r.categories(config.windows().fullThreshold());
            return Optional.of(new Manifest.FileEntry(
                    name,
                    Optional.of(meta.get().source()),
                    Optional.of(meta.get().fingerprint()),
                    categories,
                    java.util.OptionalLong.of(listed.size()),
                    checksumOf(key, listed)));
        }
    }

    /** The CRC32C the store recorded for a blob, or the content's when the blob is a local file. */
    private Optional<Crc32c> checksumOf(String key, BlobInfo listed) throws IOException {
        if (listed.crc32c().isPresent()) {
            return listed.crc32c();
        }
        Optional<Path> local = store.localPath(key);
        if (local.isPresent()) {
            return Optional.of(Crc32c.of(local.get()));
        }
        return store.find(key).flatMap(BlobInfo::crc32c);
    }

    // ------------------------------------------------------------------ staging

    private void prepareStaging() throws IOException {
        if (settings.stagingDirectory() != null) {
            staging = settings.stagingDirectory().toAbsolutePath();
            Files.createDirectories(staging);
            ownsStaging = false;
        } else if (store instanceof LocalBlobStore local) {
            // inside the store root, so that a finished file is renamed into place; .bgb- folders are never listed
            staging = local.directory().resolve(".bgb-staging");
            Files.createDirectories(staging);
            ownsStaging = false;
        } else {
            staging = Files.createTempDirectory("bgb-cache-staging-");
            ownsStaging = true;
        }
        deleteTree(staging, false); // files left by a build that was killed
    }

    private void cleanStaging() {
        try {
            deleteTree(staging, ownsStaging);
        } catch (IOException e) {
            LOG.warn("cannot remove the staging folder {}: {}", staging, e.toString());
        }
    }

    private static void deleteTree(Path root, boolean includingRoot) throws IOException {
        if (root == null || !Files.isDirectory(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (includingRoot || !dir.equals(root)) {
                    Files.deleteIfExists(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Puts a finished cache file in the store: a rename into a local store, else an upload checked by size and CRC32C. */
    private void commit(Path staged, String key, long size, Crc32c crc) throws IOException {
        if (store instanceof LocalBlobStore local && staged.startsWith(local.directory())) {
            Path target = local.pathOf(key);
            Files.createDirectories(target.getParent());
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "cannot rename " + staged + " to " + target + " atomically; put the cache on a"
                                + " file system that can",
                        e);
            }
            return;
        }
        try {
            store.write(
                    key, staged, WriteOptions.defaults().withExpectedCrc32c(crc).withExpectedSize(size));
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    // ------------------------------------------------------------------ jobs

    private void runJobs() throws IOException {
        int workers = Math.max(1, Math.min(settings.workers(), Math.max(1, filesTotal)));
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "bgb-cache-build-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (SplitState st : splits.values()) {
                for (SourceFile f : st.selected) {
                    futures.add(pool.submit(() -> {
                        runJob(st, f);
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            stopped.set(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the cache build was interrupted; run it again to resume");
        } catch (ExecutionException e) {
            stopped.set(true);
            Throwable c = e.getCause();
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException("a build worker failed unexpectedly: " + c, c);
        } finally {
            pool.shutdownNow();
        }
    }

    private void runJob(SplitState st, SourceFile src) {
        if (stopped.get()) {
            record(st, src, Outcome.CANCELLED, null, null, null);
            return;
        }
        String name = settings.layout().cacheFileName(src.stem());
        Manifest.FileEntry prev = st.previousTrusted ? st.previous.file(name).orElse(null) : null;
        FileOutcome o = step(st.split, src, st.listing.get(name), prev);
        record(st, src, o.outcome(), o.entry(), o.failure(), o.cause());
    }

    /** What the per-file step did with one recording: its entry when built or current, its failure otherwise. */
    record FileOutcome(Outcome outcome, Manifest.FileEntry entry, BuildFailure failure, Throwable cause) {}

    /**
     * The per-file step: skips a recording whose cache file is current, else reads, preprocesses and writes it
     * (staged, then renamed or uploaded whole); any problem with the recording becomes its failure.
     *
     * @param listed the recording's cache file in the store before the build, or null
     * @param prev the trusted manifest's entry of that cache file, or null
     */
    FileOutcome step(String split, SourceFile src, BlobInfo listed, Manifest.FileEntry prev) {
        String name = settings.layout().cacheFileName(src.stem());
        String key = CacheKeys.file(split, name);
        try {
            SourceFingerprint fp = source.fingerprint(src);
            if (listed != null) {
                Optional<Manifest.FileEntry> current = currentEntry(split, src, name, listed, fp, prev);
                if (current.isPresent()) {
                    return new FileOutcome(Outcome.SKIPPED, current.get(), null, null);
                }
            }
            Manifest.FileEntry entry = build(split, src, name, key, fp);
            return new FileOutcome(Outcome.BUILT, entry, null, null);
        } catch (IOException | RuntimeException e) {
            BuildFailure failure = new BuildFailure(
                    split,
                    src.relativePath(),
                    BuildFailure.Kind.of(e),
                    reason(src, e),
                    listed != null ? Optional.of(name) : Optional.empty());
            LOG.warn("{}", failure);
            if (failure.kind() == BuildFailure.Kind.INTERNAL) {
                LOG.warn("unexpected error building {}", src.relativePath(), e);
            }
            return new FileOutcome(Outcome.FAILED, null, failure, e);
        }
    }

    /** The existing entry of a recording whose cache file is current (same fingerprint and configuration). */
    private Optional<Manifest.FileEntry> currentEntry(
            String split, SourceFile src, String name, BlobInfo listed, SourceFingerprint fp, Manifest.FileEntry prev)
            throws IOException {
        if (prev != null && prev.fingerprint().isPresent()) {
            if (isCurrent(prev, fp, listed)) {
                return Optional.of(prev);
            }
            LOG.info(
                    "{}: rebuilding {} ({})",
                    split,
                    name,
                    prev.fingerprint().get().equals(fp)
                            ? "cache file size changed"
                            : fp.differenceFrom(prev.fingerprint().get()));
            return Optional.empty();
        }
        // not in the manifest (a build that was stopped before writing it): trust the file's own description
        try {
            return describe(split, name, listed, fp)
                    .map(e -> new Manifest.FileEntry(
                            e.cacheFile(),
                            Optional.of(src.relativePath()),
                            e.fingerprint(),
                            e.categories(),
                            e.size(),
                            e.crc32c()));
        } catch (IOException e) {
            LOG.info("{}: rebuilding {}, which cannot be read: {}", split, name, e.getMessage());
            return Optional.empty();
        }
    }

    private Manifest.FileEntry build(String split, SourceFile src, String name, String key, SourceFingerprint fp)
            throws IOException {
        Path staged = staging.resolve(split).resolve(name);
        Files.createDirectories(staged.getParent());
        FileMeta meta = new FileMeta(settings.layout(), src.relativePath(), fp, configHash, 0, List.of(), 0, 0, 0);
        List<WindowCategory> categories;
        long reserved = memory.acquire(MemoryBudget.estimate(src.size()));
        try {
            Recording rec = source.process(preprocessor, src, staging);
            categories = RecordingWriter.write(
                    rec, config.windows(), settings.layout(), settings.compression(), meta, staged);
        } finally {
            memory.release(reserved);
        }
        long size = Files.size(staged);
        Crc32c crc = Crc32c.of(staged);
        commit(staged, key, size, crc);
        return new Manifest.FileEntry(
                name,
                Optional.of(src.relativePath()),
                Optional.of(fp),
                categories,
                java.util.OptionalLong.of(size),
                Optional.of(crc));
    }

    /** The failure's sentence: the exception's message, prefixed with the file when it does not name it. */
    static String reason(SourceFile src, Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof RuntimeException) {
            m = e.getClass().getSimpleName() + ": " + m + " (an unexpected error; please report it with the file)";
        }
        return m.contains(io.github.braingobrr.storage.Keys.nameOf(src.relativePath()))
                ? m
                : src.relativePath() + ": " + m;
    }

    private void record(
            SplitState st,
            SourceFile src,
            Outcome outcome,
            Manifest.FileEntry entry,
            BuildFailure failure,
            Throwable e) {
        BuildProgress progress;
        synchronized (state) {
            done++;
            switch (outcome) {
                case BUILT -> {
                    built++;
                    st.built++;
                    windows += entry.windows();
                    bytesBuilt += src.size();
                    bytesProcessed += src.size();
                }
                case SKIPPED -> {
                    skipped++;
                    st.skipped++;
                    bytesSkipped += src.size();
                }
                case FAILED -> {
                    failed++;
                    bytesProcessed += src.size();
                    if (firstFailure == null) {
                        firstFailure = failure;
                        firstCause = e;
                    }
                    if (settings.failFast()) {
                        stopped.set(true);
                    }
                }
                case CANCELLED -> {
                    // fail-fast stopped the build before this recording was looked at
                }
            }
            if (entry != null) {
                st.entries.put(entry.cacheFile(), entry);
                st.failures.remove(src.relativePath());
                st.dirty = true;
            }
            if (failure != null) {
                st.failures.put(failure.source(), failure);
                st.entries.remove(settings.layout().cacheFileName(src.stem()));
                st.dirty = true;
            }
            progress = progress();
            if (outcome != Outcome.CANCELLED) {
                notifyListener(progress, failure);
            }
        }
        maybeCheckpoint();
    }

    private BuildProgress progress() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        long toBuild = bytesSelected - bytesSkipped;
        Optional<Duration> eta = Optional.empty();
        if (bytesProcessed > 0) {
            double perByte = (double) elapsed.toNanos() / bytesProcessed;
            eta = Optional.of(Duration.ofNanos((long) (perByte * Math.max(0, toBuild - bytesProcessed))));
        }
        return new BuildProgress(done, filesTotal, built, skipped, failed, windows, bytesBuilt, toBuild, elapsed, eta);
    }

    private void notifyListener(BuildProgress progress, BuildFailure failure) {
        try {
            if (failure != null) {
                settings.listener().failed(failure);
            }
            settings.listener().progress(progress);
        } catch (RuntimeException ex) {
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.warn("the build listener failed (the build goes on): {}", ex.toString(), ex);
            }
        }
    }

    /** Writes the manifests of the work done so far, at most once per checkpoint interval (a minute by default). */
    private void maybeCheckpoint() {
        if (System.nanoTime() - lastCheckpoint < settings.checkpointInterval().toNanos() || !checkpointLock.tryLock()) {
            return;
        }
        try {
            lastCheckpoint = System.nanoTime();
            for (SplitState st : splits.values()) {
                if (st.dirty) {
                    writeManifest(st);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot write a checkpoint manifest (the build goes on): {}", e.getMessage());
        } finally {
            checkpointLock.unlock();
        }
    }

    /** Writes a split's manifest and dataset index, describing only cache files already in the store. */
    private void writeManifest(SplitState st) throws IOException {
        Manifest m;
        synchronized (state) {
            List<BuildFailure> failures = new ArrayList<>(st.failures.values());
            failures.sort(Comparator.comparing(BuildFailure::source));
            m = Manifest.of(
                    st.split,
                    configHash,
                    settings.layout(),
                    new ArrayList<>(st.entries.values()),
                    failures,
                    Optional.of(new Manifest.Sources(st.found, st.selected.size(), st.limit)));
            st.dirty = false;
        }
        Cache.writeManifestAndIndex(store, m, settings.layout(), source::where);
    }

    private BuildResult result() {
        List<BuildResult.Split> out = new ArrayList<>();
        List<BuildFailure> failures = new ArrayList<>();
        synchronized (state) {
            for (SplitState st : splits.values()) {
                CategoryCounts c = CategoryCounts.ZERO;
                for (Manifest.FileEntry e : st.entries.values()) {
                    c = c.plus(e.counts());
                }
                List<BuildFailure> fs = new ArrayList<>(st.failures.values());
                fs.sort(Comparator.comparing(BuildFailure::source));
                int failedHere = 0;
                Set<String> selected = new HashSet<>();
                st.selected.forEach(f -> selected.add(f.relativePath()));
                for (BuildFailure f : fs) {
                    if (selected.contains(f.source())) {
                        failedHere++;
                        failures.add(f);
                    }
                }
                out.add(new BuildResult.Split(
                        st.split,
                        st.found,
                        st.selected.size(),
                        st.limit,
                        st.built,
                        st.skipped,
                        failedHere,
                        st.entries.size(),
                        c));
            }
            return new BuildResult(
                    store.root(), out, failures, Duration.ofNanos(System.nanoTime() - started), bytesBuilt);
        }
    }

    // ------------------------------------------------------------------ distributed builds

    /** A recording the plan selected, with what its per-file step needs to know of the cache before the build. */
    record PlannedFile(SourceFile source, BlobInfo listed, Manifest.FileEntry previous) {}

    /** Every recording selected by {@link #plan()}, split by split, each in path order. */
    List<PlannedFile> plannedFiles() {
        List<PlannedFile> out = new ArrayList<>();
        for (SplitState st : splits.values()) {
            for (SourceFile f : st.selected) {
                String name = settings.layout().cacheFileName(f.stem());
                Manifest.FileEntry prev =
                        st.previousTrusted ? st.previous.file(name).orElse(null) : null;
                out.add(new PlannedFile(f, st.listing.get(name), prev));
            }
        }
        return out;
    }

    /** Records the outcome of the per-file step of a recording of {@link #plannedFiles()} that ran elsewhere. */
    void recordOutcome(SourceFile src, FileOutcome o) {
        record(splits.get(src.split()), src, o.outcome(), o.entry(), o.failure(), o.cause());
    }

    /** For a per-file step run outside {@link #run()}: cache files are staged under {@code dir} (kept). */
    void stageIn(Path dir) {
        this.staging = dir;
        this.ownsStaging = false;
    }

    /** Removes what {@link #plan()} staged (for a distributed build's driver). */
    void finishStaging() {
        cleanStaging();
    }

    String configHash() {
        return configHash;
    }

    /** For {@link CacheBuilder}: whether compression and layout go together. */
    static void checkCombination(CacheLayout layout, NpzCompression compression) {
        if (layout == CacheLayout.CONTINUOUS && compression != NpzCompression.STORED) {
            throw new IllegalArgumentException("the continuous layout is always STORED (a window is read from the"
                    + " middle of the signals); use the windows layout for DEFLATED files");
        }
    }
}
