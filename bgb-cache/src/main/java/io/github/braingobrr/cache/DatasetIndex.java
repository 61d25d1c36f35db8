package io.github.braingobrr.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code _dataset_index.json} of one split, kept in step with its manifest: the Python system's {@code files}
 * (EDF paths) and {@code window_counts}, plus bgb's {@code cache_files} (the cache file of each EDF file, same
 * order). The Python dataset reuses the index when the EDF base names equal its file list in order; bgb writes it
 * in the EDF path order the Python code uses.
 *
 * @param files EDF paths, as the Python code wrote them ({@code str(edf_path)})
 * @param windowCounts windows per file, same order
 * @param cacheFiles the cache file of each entry, same order; empty in an index the Python system wrote
 */
public record DatasetIndex(List<String> files, List<Integer> windowCounts, Optional<List<String>> cacheFiles) {
    /** The schema written by this version. */
    public static final String SCHEMA = "bgb.index/1";

    /** Validates the lengths and copies the lists. */
    public DatasetIndex {
        files = List.copyOf(files);
        windowCounts = List.copyOf(windowCounts);
        cacheFiles = Objects.requireNonNull(cacheFiles, "cacheFiles").map(List::copyOf);
        if (files.size() != windowCounts.size()
                || (cacheFiles.isPresent() && cacheFiles.get().size() != files.size())) {
            throw new IllegalArgumentException("index lists differ in length: " + files.size() + " files, "
                    + windowCounts.size() + " window counts"
                    + cacheFiles.map(c -> ", " + c.size() + " cache files").orElse(""));
        }
    }

    /**
     * The index of a manifest: every file in EDF path order, the EDF path resolved against {@code dataDir} when it is
     * given (as the Python code writes absolute paths), else relative to the data directory; a file whose source is
     * unknown is named after its cache file ({@code <stem>.edf}).
     */
    public static DatasetIndex of(Manifest manifest, CacheLayout layout, Path dataDir) {
        return of(
                manifest,
                layout,
                dataDir == null ? null : source -> dataDir.resolve(source).toString());
    }

    /** {@link #of(Manifest, CacheLayout, Path)} with each EDF path resolved by {@code sources} (null: relative). */
    static DatasetIndex of(Manifest manifest, CacheLayout layout, java.util.function.UnaryOperator<String> sources) {
        List<String> files = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<String> caches = new ArrayList<>();
        for (Manifest.FileEntry f : manifest.filesBySource()) {
            String source = f.source().orElseGet(() -> {
                String stem = layout.stemOf(f.cacheFile());
                return (stem == null ? f.cacheFile() : stem) + ".edf";
            });
            files.add(sources == null || f.source().isEmpty() ? source : sources.apply(source));
            counts.add(f.windows());
            caches.add(f.cacheFile());
        }
        return new DatasetIndex(files, counts, Optional.of(caches));
    }
}
