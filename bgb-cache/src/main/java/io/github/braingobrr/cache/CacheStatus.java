package io.github.braingobrr.cache;

import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.Location;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a cache at a glance, on any tier (local directory, SSD volume, {@code s3://…}): per split its cache
 * files and their bytes, whether its manifest is there, valid, stale or invalid and why, its windows per category and
 * the failures its build recorded; for the cache its metadata (split policy, preset, layout, bgb version,
 * configuration hash) and when it was last built and populated. The "inspect the volume" report: it reads only the
 * listing and the JSON files, never a cache file, and takes its verdicts from the quick checks of
 * {@link CacheValidator}.
 *
 * <pre>{@code
 * try (Cache cache = Cache.open(Location.parse("s3://bucket/cache/tusz"))) {
 *     CacheStatus s = cache.status();
 *     for (CacheStatus.SplitStatus split : s.splits()) {
 *         System.out.println(split.split() + " " + split.state() + " " + split.cacheFiles() + " files " + split.reasons());
 *     }
 * }
 * }</pre>
 *
 * @param cache the cache root
 * @param state the worst state of any split; {@link State#INVALID} at least when the metadata is unreadable
 * @param metadata the {@code .cache_metadata.json}; empty when there is none or it is unreadable (see
 *     {@link #problems()})
 * @param preset {@code seed} or {@code zero-phase} when the recorded configuration hash is that preset's; empty for
 *     another or an unknown configuration
 * @param splits every split that holds anything, in {@code train}, {@code dev}, {@code eval} order ({@code train}
 *     alone, with nothing in it, when the location holds no cache)
 * @param problems everything the quick checks found, errors and warnings, cache-wide and per split
 */
public record CacheStatus(
        Location cache,
        State state,
        Optional<CacheMetadata> metadata,
        Optional<String> preset,
        List<SplitStatus> splits,
        List<CacheProblem> problems) {

    /** How usable a split (or the whole cache) is, from best to worst. */
    public enum State {
        /** The manifest is there and describes the files: ready to train on. */
        VALID,
        /**
         * A populated copy ({@link CacheMetadata#populatedFrom()}) lacks files its manifest lists, or a populate into it
         * has not finished ({@link CacheProblem.Kind#UNFINISHED_POPULATE}): populate again to fetch what is missing.
         */
        INCOMPLETE_COPY,
        /**
         * The manifest no longer describes the files (files added after it, files gone, sizes changed, an index that
         * disagrees): scan the split, or build again.
         */
        STALE,
        /** The manifest or metadata is unreadable, contradicts itself, lists nothing, or another configuration's. */
        INVALID,
        /** There is no manifest (or nothing at all). */
        MISSING;

        State worse(State other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /**
     * One split of the cache.
     *
     * @param split {@code train}, {@code dev} or {@code eval}
     * @param state how usable it is
     * @param cacheFiles the {@code .npz} files in the split folder
     * @param bytes their total size
     * @param manifestPresent whether a readable manifest is there
     * @param manifestFiles the files the manifest lists (0 without one)
     * @param windows the manifest's windows per category ({@link CategoryCounts#ZERO} without one)
     * @param missingFiles files the manifest lists that are not in the folder
     * @param missingBytes their size as the manifest records it (0 where it records none)
     * @param unlistedFiles files in the folder the manifest does not list (training would not see them)
     * @param failures the recordings the build could not cache, as the manifest records them
     * @param problems what the quick checks found in this split
     */
    public record SplitStatus(
            String split,
            State state,
            int cacheFiles,
            long bytes,
            boolean manifestPresent,
            int manifestFiles,
            CategoryCounts windows,
            List<String> missingFiles,
            long missingBytes,
            List<String> unlistedFiles,
            List<BuildFailure> failures,
            List<CacheProblem> problems) {
        /** Validates the fields and copies the lists. */
        public SplitStatus {
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(windows, "windows");
            missingFiles = List.copyOf(missingFiles);
            unlistedFiles = List.copyOf(unlistedFiles);
            failures = List.copyOf(failures);
            problems = List.copyOf(problems);
        }

        /** Why the split is not {@link State#VALID}: the message of each error, empty when valid. */
        public List<String> reasons() {
            return problems.stream()
                    .filter(p -> p.kind().severity() == CacheProblem.Severity.ERROR)
                    .map(CacheProblem::message)
                    .toList();
        }
    }

    /** Validates the fields and copies the lists. */
    public CacheStatus {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(preset, "preset");
        splits = List.copyOf(splits);
        problems = List.copyOf(problems);
    }

    /** The status of the cache held by {@code store}; reads the listing and the JSON files only. */
    public static CacheStatus of(BlobStore store) throws IOException {
        return of(Cache.open(store));
    }

    /** The status of {@code cache}; reads the listing and the JSON files only. */
    static CacheStatus of(Cache cache) throws IOException {
        Optional<CacheMetadata> meta;
        try {
            meta = cache.metadata();
        } catch (CacheFormatException e) {
            meta = Optional.empty(); // the validator reports it as UNREADABLE_METADATA
        }
        List<CacheValidator.SplitFacts> seen = new ArrayList<>();
        ValidationReport report = cache.validator().validate(seen::add);
        boolean copy = meta.flatMap(CacheMetadata::populatedFrom).isPresent();
        boolean unfinished = meta.isPresent() && meta.get().populateUnfinished();
        State overall = State.VALID;
        for (CacheProblem p : report.problems()) {
            if (p.split().isEmpty()) {
                overall = overall.worse(stateOf(p.kind(), copy, unfinished));
            }
        }
        List<SplitStatus> splits = new ArrayList<>();
        for (CacheValidator.SplitFacts f : seen) {
            SplitStatus s = split(f, report, copy, unfinished);
            splits.add(s);
            overall = overall.worse(s.state());
        }
        return new CacheStatus(
                cache.location(),
                overall,
                meta,
                meta.flatMap(CacheMetadata::configHash).flatMap(CacheStatus::preset),
                splits,
                report.problems());
    }

    private static SplitStatus split(
            CacheValidator.SplitFacts f, ValidationReport report, boolean copy, boolean unfinished) {
        List<CacheProblem> mine = report.problems().stream()
                .filter(p -> p.split().equals(Optional.of(f.split())))
                .toList();
        State state = State.VALID;
        for (CacheProblem p : mine) {
            state = state.worse(stateOf(p.kind(), copy, unfinished));
        }
        long bytes = 0;
        for (BlobInfo b : f.listing().values()) {
            bytes += b.size();
        }
        long missingBytes = 0;
        for (String name : f.missing()) {
            missingBytes += f.manifest()
                    .flatMap(m -> m.file(name))
                    .map(e -> e.size().orElse(0))
                    .orElse(0L);
        }
        return new SplitStatus(
                f.split(),
                state,
                f.listing().size(),
                bytes,
                f.manifest().isPresent(),
                f.manifest().map(m -> m.files().size()).orElse(0),
                f.manifest().map(Manifest::counts).orElse(CategoryCounts.ZERO),
                f.missing(),
                missingBytes,
                f.unlisted(),
                f.manifest().map(Manifest::failures).orElse(List.of()),
                mine);
    }

    /**
     * What a problem of this kind makes of a split of a cache that is a populated {@code copy}, or one whose populate
     * is {@code unfinished}; warnings leave it {@link State#VALID}.
     */
    private static State stateOf(CacheProblem.Kind kind, boolean copy, boolean unfinished) {
        return switch (kind) {
            case NO_METADATA, STALE_FILE, SOURCE_MISSING, RECORDED_FAILURES, LIMITED_BUILD -> State.VALID;
            case MISSING_FILE -> copy ? State.INCOMPLETE_COPY : State.STALE;
            case UNFINISHED_POPULATE -> State.INCOMPLETE_COPY;
            case UNLISTED_FILE, SIZE_MISMATCH, NO_INDEX, UNREADABLE_INDEX, INDEX_MISMATCH, SOURCE_CHANGED ->
                State.STALE;
            case UNREADABLE_METADATA,
                    CONFIG_DRIFT,
                    UNREADABLE_MANIFEST,
                    EMPTY_MANIFEST,
                    MANIFEST_INCONSISTENT,
                    CHECKSUM_MISMATCH,
                    WINDOW_COUNT_MISMATCH,
                    UNREADABLE_FILE -> State.INVALID;
            case NO_FILES, NO_MANIFEST -> unfinished ? State.INCOMPLETE_COPY : State.MISSING;
        };
    }

    private static Optional<String> preset(String configHash) {
        if (configHash.equals(PreprocessingConfig.seed().hash())) {
            return Optional.of("seed");
        }
        if (configHash.equals(PreprocessingConfig.zeroPhase().hash())) {
            return Optional.of("zero-phase");
        }
        return Optional.empty();
    }

    /** Whether every split is {@link State#VALID} (warnings allowed). */
    public boolean isHealthy() {
        return state == State.VALID;
    }

    /** The cache files of every split. */
    public int cacheFiles() {
        return splits.stream().mapToInt(SplitStatus::cacheFiles).sum();
    }

    /** Their total size. */
    public long bytes() {
        return splits.stream().mapToLong(SplitStatus::bytes).sum();
    }

    /** The manifests' windows per category over every split. */
    public CategoryCounts totals() {
        CategoryCounts sum = CategoryCounts.ZERO;
        for (SplitStatus s : splits) {
            sum = sum.plus(s.windows());
        }
        return sum;
    }

    /** The recordings the builds could not cache, over every split. */
    public List<BuildFailure> failures() {
        List<BuildFailure> out = new ArrayList<>();
        splits.forEach(s -> out.addAll(s.failures()));
        return Collections.unmodifiableList(out);
    }

    /** When the cache (or the one it was copied from) was last built, if recorded. */
    public Optional<Instant> lastBuild() {
        return metadata.flatMap(m -> m.lastRun("build"));
    }

    /** When this copy was last populated from another tier, if it ever was. */
    public Optional<Instant> lastPopulate() {
        return metadata.flatMap(m -> m.lastRun("populate"));
    }
}
