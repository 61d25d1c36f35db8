package io.github.braingobrr.cache;

import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.storage.Crc32c;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The {@code manifest.json} of one split: every cache file with its windows' categories, as the three lists the
 * Python training code reads ({@code partial_seizure}, {@code full_seizure}, {@code no_seizure}: {@code {"cache_file",
 * "window_idx"}} items, files sorted, windows in order), plus what bgb adds: schema, split, configuration hash,
 * per-file entries (source, fingerprint, window counts, size, CRC32C), recorded failures, totals. Immutable.
 *
 * <p>A manifest written by the Python system has only the three lists; it reads as one without schema, hash, sizes
 * or checksums ({@link #isSeedFormat()}).
 */
public final class Manifest {
    /** The schema written by this version. */
    public static final String SCHEMA = "bgb.manifest/1";

    /**
     * One cache file of the split.
     *
     * @param cacheFile the file name in the split folder
     * @param source the EDF file it was built from, relative to the data directory; empty when unknown (a file the
     *     Python system built)
     * @param fingerprint the source's fingerprint when it was built; empty when unknown
     * @param categories the category of each window, in order
     * @param size the cache file's bytes; empty when unknown
     * @param crc32c the cache file's CRC32C; empty when unknown
     */
    public record FileEntry(
            String cacheFile,
            Optional<String> source,
            Optional<SourceFingerprint> fingerprint,
            List<WindowCategory> categories,
            OptionalLong size,
            Optional<Crc32c> crc32c) {
        /** Validates the fields and copies the list. */
        public FileEntry {
            Objects.requireNonNull(cacheFile, "cacheFile");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(crc32c, "crc32c");
            categories = List.copyOf(categories);
        }

        /** The number of windows. */
        public int windows() {
            return categories.size();
        }

        /** Windows per category. */
        public CategoryCounts counts() {
            return CategoryCounts.of(categories);
        }
    }

    /**
     * Which recordings the build that wrote the manifest looked at.
     *
     * @param found EDF files of the split in the data directory
     * @param selected how many of them the build took (fewer than found under a limit)
     * @param limit the file limit in force ({@code limit(n)}, {@code BGB_LIMIT_FILES} or {@code BGB_SMOKE_TEST}),
     *     empty for none
     */
    public record Sources(int found, int selected, OptionalInt limit) {
        /** Validates the fields. */
        public Sources {
            Objects.requireNonNull(limit, "limit");
        }
    }

    private final String split;
    private final Optional<String> schema;
    private final Optional<String> configHash;
    private final Optional<CacheLayout> layout;
    private final List<FileEntry> files;
    private final Map<String, FileEntry> byName;
    private final List<BuildFailure> failures;
    private final Optional<Sources> sources;
    private final List<String> inconsistencies;
    private volatile Map<WindowCategory, List<WindowRef>> lists;

    Manifest(
            String split,
            Optional<String> schema,
            Optional<String> configHash,
            Optional<CacheLayout> layout,
            Collection<FileEntry> files,
            List<BuildFailure> failures,
            Optional<Sources> sources,
            List<String> inconsistencies) {
        this.split = Objects.requireNonNull(split, "split");
        this.schema = schema;
        this.configHash = configHash;
        this.layout = layout;
        TreeMap<String, FileEntry> sorted = new TreeMap<>();
        for (FileEntry f : files) {
            if (sorted.put(f.cacheFile(), f) != null) {
                throw new IllegalArgumentException("cache file " + f.cacheFile() + " listed twice in " + split);
            }
        }
        this.byName = sorted;
        this.files = List.copyOf(sorted.values());
        this.failures = List.copyOf(failures);
        this.sources = sources;
        this.inconsistencies = List.copyOf(inconsistencies);
    }

    /**
     * A manifest as bgb writes it.
     *
     * @param split the split
     * @param configHash {@link io.github.braingobrr.preprocess.PreprocessingConfig#hash()} of the preprocessing
     * @param layout the cache layout
     * @param files the cache files (any order; they are sorted by name)
     * @param failures recordings that could not be cached
     * @param sources which recordings were looked at, when known
     */
    public static Manifest of(
            String split,
            String configHash,
            CacheLayout layout,
            Collection<FileEntry> files,
            List<BuildFailure> failures,
            Optional<Sources> sources) {
        return new Manifest(
                split,
                Optional.of(SCHEMA),
                Optional.of(configHash),
                Optional.of(layout),
                files,
                failures,
                sources,
                List.of());
    }

    /** The split ({@code train}, {@code dev}, {@code eval}). */
    public String split() {
        return split;
    }

    /** The schema; empty for a manifest written by the Python system. */
    public Optional<String> schema() {
        return schema;
    }

    /** Whether this is a manifest of the Python system (the three lists only). */
    public boolean isSeedFormat() {
        return schema.isEmpty();
    }

    /** The preprocessing configuration hash the files were built with; empty when unknown. */
    public Optional<String> configHash() {
        return configHash;
    }

    /** The layout of the files; empty when unknown. */
    public Optional<CacheLayout> layout() {
        return layout;
    }

    /** Every cache file, sorted by name. */
    public List<FileEntry> files() {
        return files;
    }

    /** The entry of one cache file. */
    public Optional<FileEntry> file(String cacheFile) {
        return Optional.ofNullable(byName.get(cacheFile));
    }

    /** Recordings that could not be cached. */
    public List<BuildFailure> failures() {
        return failures;
    }

    /** Which recordings the build looked at; empty when unknown. */
    public Optional<Sources> sources() {
        return sources;
    }

    /**
     * Contradictions found when the file was read (a window listed twice or not at all, a count that disagrees with
     * the lists); empty for a consistent manifest. {@link CacheValidator} reports them.
     */
    public List<String> inconsistencies() {
        return inconsistencies;
    }

    /** The windows of one category: files sorted, windows in order (the list the Python code reads). */
    public List<WindowRef> windows(WindowCategory category) {
        Map<WindowCategory, List<WindowRef>> l = lists;
        if (l == null) {
            l = new EnumMap<>(WindowCategory.class);
            for (WindowCategory c : WindowCategory.values()) {
                l.put(c, new ArrayList<>());
            }
            for (FileEntry f : files) {
                List<WindowCategory> cats = f.categories();
                for (int i = 0; i < cats.size(); i++) {
                    l.get(cats.get(i)).add(new WindowRef(f.cacheFile(), i));
                }
            }
            for (WindowCategory c : WindowCategory.values()) {
                l.put(c, List.copyOf(l.get(c)));
            }
            lists = l;
        }
        return l.get(category);
    }

    /** Windows per category over all files. */
    public CategoryCounts counts() {
        CategoryCounts sum = CategoryCounts.ZERO;
        for (FileEntry f : files) {
            sum = sum.plus(f.counts());
        }
        return sum;
    }

    /** All windows. */
    public long windowCount() {
        return counts().total();
    }

    /**
     * The training gate: fails when there is no partial and no full seizure window.
     *
     * @throws NoSeizureWindowsException saying what to check
     */
    public Manifest requireSeizureWindows() {
        CategoryCounts c = counts();
        if (c.seizure() == 0) {
            throw new NoSeizureWindowsException(
                    "the " + split + " manifest (" + files.size() + " files)",
                    c,
                    "check that a label file (.csv for the seed preset) lies beside every EDF file, that the"
                            + " preprocessing counts its seizure types, and that the split has seizure recordings;"
                            + " then build again");
        }
        return this;
    }

    /** Files sorted by source path (unknown sources by cache file name), for the dataset index. */
    List<FileEntry> filesBySource() {
        List<FileEntry> out = new ArrayList<>(files);
        out.sort(Comparator.comparing(f -> f.source().orElse(f.cacheFile())));
        return out;
    }

    @Override
    public String toString() {
        return "Manifest[" + split + ", " + files.size() + " files, " + counts() + ", " + failures.size()
                + " failures]";
    }
}
