package io.github.braingobrr.cache;

import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Preflight} checks: the build a {@link CacheBuilder} would run, described by the same settings
 * (data directory, cache location, splits, preprocessing, layout, compression, how {@code s3://} is reached).
 *
 * <pre>{@code
 * PreflightReport r = Preflight.check(PreflightRequest.of("s3://my-bucket/tusz/edf")
 *         .withCache(Location.parse("s3://my-bucket/cache/tusz"))
 *         .withPreprocessing(PreprocessingConfig.seed()));
 * r.problems().forEach(f -> System.out.println(f.location() + ": " + f.message() + " -> " + f.fix()));
 * }</pre>
 *
 * @param dataDir the data tree that holds {@code train/}, {@code dev/} and {@code eval/}: a local folder
 *     ({@code file:///…}) or a prefix of a remote store ({@code s3://bucket/tusz/edf}), whose EDF headers are read
 *     with ranged reads (no EDF file is downloaded)
 * @param cache the cache root the build would write, or empty to check the data alone
 * @param splits the splits to build; empty means the builder's default, {@code train} and {@code dev}
 * @param preprocessing the preprocessing (its montage, label options and windows decide what fails and what counts)
 * @param layout the cache layout
 * @param compression how cache file members are stored
 * @param storeOptions how {@code s3://} locations (the data tree, the cache) are reached
 * @param workers recordings checked at once
 */
public record PreflightRequest(
        Location dataDir,
        Optional<Location> cache,
        List<String> splits,
        PreprocessingConfig preprocessing,
        CacheLayout layout,
        NpzCompression compression,
        StoreOptions storeOptions,
        int workers) {
    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException for a split named {@code val} (it is {@code dev}) or unknown, or fewer than one
     *     worker
     */
    public PreflightRequest {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(storeOptions, "storeOptions");
        LinkedHashSet<String> checked = new LinkedHashSet<>();
        for (String s : splits) {
            checked.add(CacheKeys.checkSplit(s));
        }
        splits = List.copyOf(new ArrayList<>(checked));
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        BuildRun.checkCombination(layout, compression);
    }

    /** A request with the builder's defaults: no cache location, train and dev, the seed preset, windows, STORED. */
    public static PreflightRequest of(Path dataDir) {
        return of(Location.of(Objects.requireNonNull(dataDir, "dataDir")));
    }

    /** {@link #of(Path)} of text: a path (relative or absolute), {@code file:///…} or {@code s3://bucket/prefix}. */
    public static PreflightRequest of(String dataDir) {
        return of(CacheBuilder.parseData(dataDir));
    }

    /** {@link #of(Path)} of a data tree anywhere: a local folder or {@code s3://bucket/prefix}. */
    public static PreflightRequest of(Location dataDir) {
        return new PreflightRequest(
                dataDir,
                Optional.empty(),
                List.of(),
                PreprocessingConfig.seed(),
                CacheLayout.WINDOWS,
                NpzCompression.STORED,
                StoreOptions.defaults(),
                Runtime.getRuntime().availableProcessors());
    }

    /** The same request for the cache at {@code location}. */
    public PreflightRequest withCache(Location location) {
        return new PreflightRequest(
                dataDir, Optional.of(location), splits, preprocessing, layout, compression, storeOptions, workers);
    }

    /** The same request for a local cache directory. */
    public PreflightRequest withCache(Path directory) {
        return withCache(Location.of(directory));
    }

    /** The same request for these splits ({@code train}, {@code dev}, {@code eval}). */
    public PreflightRequest withSplits(String... names) {
        return new PreflightRequest(
                dataDir, cache, List.of(names), preprocessing, layout, compression, storeOptions, workers);
    }

    /** The same request with this preprocessing. */
    public PreflightRequest withPreprocessing(PreprocessingConfig value) {
        return new PreflightRequest(dataDir, cache, splits, value, layout, compression, storeOptions, workers);
    }

    /** The same request with this layout. */
    public PreflightRequest withLayout(CacheLayout value) {
        return new PreflightRequest(dataDir, cache, splits, preprocessing, value, compression, storeOptions, workers);
    }

    /** The same request with this compression. */
    public PreflightRequest withCompression(NpzCompression value) {
        return new PreflightRequest(dataDir, cache, splits, preprocessing, layout, value, storeOptions, workers);
    }

    /** The same request reaching {@code s3://} with these options. */
    public PreflightRequest withStoreOptions(StoreOptions value) {
        return new PreflightRequest(dataDir, cache, splits, preprocessing, layout, compression, value, workers);
    }

    /** The same request checking this many recordings at once. */
    public PreflightRequest withWorkers(int value) {
        return new PreflightRequest(dataDir, cache, splits, preprocessing, layout, compression, storeOptions, value);
    }

    /** The splits the build would cover: the requested ones, else {@code train} and {@code dev}. */
    List<String> effectiveSplits() {
        return splits.isEmpty() ? List.of("train", "dev") : splits;
    }
}
