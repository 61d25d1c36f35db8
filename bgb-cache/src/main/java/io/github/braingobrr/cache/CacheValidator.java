package io.github.braingobrr.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.Crc32c;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks a cache against itself and, optionally, against its sources and a requested configuration, and reports every
 * problem ({@link ValidationReport}) instead of stopping at the first. The quick checks (always) read only listings
 * and the JSON files: an empty manifest, entries naming missing cache files, cache files the manifest does not list
 * (the Python system missed these and trained on a stale subset), sizes, configuration drift between files, manifest
 * and metadata, index/manifest disagreement, stale files, recorded failures. Optional checks read more:
 * {@link #checksums} (CRC32C), {@link #headers} (open every file: loadable, window counts, configuration),
 * {@link #sources} (fingerprints of the EDF and label files), {@link #expecting} (a requested configuration).
 *
 * <pre>{@code
 * ValidationReport r = cache.validator().checksums(true).headers(true).sources(Path.of("tusz/edf")).validate();
 * if (!r.isValid()) System.out.println(r.summary());
 * }</pre>
 */
public final class CacheValidator {
    private static final int SHOWN = 10;

    private final Cache cache;
    private boolean checksums;
    private boolean deep;
    private boolean headers;
    private Path sources;
    private PreprocessingConfig expected;

    CacheValidator(Cache cache) {
        this.cache = cache;
    }

    /**
     * Also compare each cache file's CRC32C with the manifest: the one the store recorded (S3 objects bgb wrote, SSD
     * tier copies), else, for local files, computed from the content.
     */
    public CacheValidator checksums(boolean value) {
        checksums = value;
        return this;
    }

    /** Compute every CRC32C from the content, trusting no recorded value (reads every file; implies checksums). */
    public CacheValidator deep(boolean value) {
        deep = value;
        checksums |= value;
        return this;
    }

    /** Also open every cache file: its headers must load and its window count and configuration match. */
    public CacheValidator headers(boolean value) {
        headers = value;
        return this;
    }

    /** Also compare each file's recorded source fingerprint with the EDF and label files under {@code dataDir}. */
    public CacheValidator sources(Path dataDir) {
        sources = dataDir;
        return this;
    }

    /** Also require the cache to have been built with {@code config}. */
    public CacheValidator expecting(PreprocessingConfig config) {
        expected = config;
        return this;
    }

    /**
     * What the quick checks saw of one split, for {@link CacheStatus}.
     *
     * @param split the split
     * @param listing its cache files, by name
     * @param manifest its manifest; empty when absent or unreadable
     * @param missing files the manifest lists that are not there
     * @param unlisted files there that the manifest does not list (kept stale files excluded)
     */
    record SplitFacts(
            String split,
            Map<String, BlobInfo> listing,
            Optional<Manifest> manifest,
            List<String> missing,
            List<String> unlisted) {}

    /** Validates every split that holds anything. */
    public ValidationReport validate() throws IOException {
        return validate(facts -> {});
    }

    /** Validates every split that holds anything, handing what it saw of each split to {@code seen}. */
    ValidationReport validate(Consumer<SplitFacts> seen) throws IOException {
        List<String> splits = cache.splits();
        return validate(splits.isEmpty() ? List.of("train") : splits, seen);
    }

    /** Validates one split (and the cache metadata). */
    public ValidationReport validate(String split) throws IOException {
        return validate(List.of(CacheKeys.checkSplit(split)), facts -> {});
    }

    private ValidationReport validate(List<String> splits, Consumer<SplitFacts> seen) throws IOException {
        BlobStore store = cache.store();
        List<CacheProblem> problems = new ArrayList<>();
        Optional<CacheMetadata> meta = Optional.empty();
        try {
            meta = Cache.readMetadata(store);
            if (meta.isEmpty()) {
                problems.add(CacheProblem.of(
                        CacheProblem.Kind.NO_METADATA,
                        null,
                        CacheKeys.METADATA,
                        "no " + CacheKeys.METADATA + ", so the preprocessing of the files is unknown (a cache the"
                                + " Python system built?); bgb cannot add to it, but can read it"));
            }
        } catch (CacheFormatException e) {
            problems.add(
                    CacheProblem.of(CacheProblem.Kind.UNREADABLE_METADATA, null, CacheKeys.METADATA, e.getMessage()));
        }
        if (meta.isPresent() && meta.get().populateUnfinished()) {
            CacheMetadata m = meta.get();
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.UNFINISHED_POPULATE,
                    null,
                    CacheKeys.METADATA,
                    "a populate from " + m.populatedFrom().orElse("another tier") + " started at "
                            + m.lastRun(CacheMetadata.POPULATE_START).orElseThrow() + " and has not finished, so"
                            + " cache files or manifests may be missing; populate again to complete the copy (a scan"
                            + " would write a manifest of the partial copy)"));
        }
        if (expected != null) {
            checkExpected(meta, problems);
        }
        int checked = 0;
        for (String split : splits) {
            checked += validateSplit(store, split, meta, problems, seen);
        }
        return new ValidationReport(cache.location(), splits, checked, problems);
    }

    private void checkExpected(Optional<CacheMetadata> meta, List<CacheProblem> problems) throws CacheFormatException {
        String want = expected.hash();
        Optional<String> have = meta.flatMap(CacheMetadata::configHash);
        if (have.isEmpty()) {
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.CONFIG_DRIFT,
                    null,
                    CacheKeys.METADATA,
                    "the cache records no preprocessing configuration, so it cannot be shown to match the requested"
                            + " one (" + Scanner.shortHash(want) + ")"));
        } else if (!have.get().equals(want)) {
            String detail = "";
            if (meta.get().configJson().isPresent()) {
                JsonNode a = CacheJson.tree(meta.get().configJson().get().getBytes(StandardCharsets.UTF_8), "metadata");
                JsonNode b = CacheJson.tree(expected.toCanonicalJson().getBytes(StandardCharsets.UTF_8), "request");
                detail = CacheJson.firstDifference("preprocessing", a, b)
                        .map(d -> "; first difference " + d + " (cache vs requested)")
                        .orElse("");
            }
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.CONFIG_DRIFT,
                    null,
                    CacheKeys.METADATA,
                    "the cache was built with preprocessing " + Scanner.shortHash(have.get())
                            + ", the requested one is " + Scanner.shortHash(want) + detail
                            + "; build into a new location, or clean this one and build again"));
        }
    }

    private int validateSplit(
            BlobStore store,
            String split,
            Optional<CacheMetadata> meta,
            List<CacheProblem> problems,
            Consumer<SplitFacts> seen)
            throws IOException {
        Map<String, BlobInfo> listing = Cache.listFiles(store, split);
        Manifest manifest = null;
        try {
            manifest = Cache.readManifest(store, split).orElse(null);
        } catch (CacheFormatException e) {
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.UNREADABLE_MANIFEST, split, CacheKeys.manifest(split), e.getMessage()));
            seen.accept(new SplitFacts(split, listing, Optional.empty(), List.of(), List.of()));
            return listing.size();
        }
        if (manifest == null) {
            seen.accept(new SplitFacts(split, listing, Optional.empty(), List.of(), List.of()));
            if (listing.isEmpty()) {
                problems.add(CacheProblem.of(
                        CacheProblem.Kind.NO_FILES,
                        split,
                        null,
                        "no cache files and no manifest under " + store.locationOf(split) + "; build the cache first"));
            } else {
                problems.add(CacheProblem.of(
                        CacheProblem.Kind.NO_MANIFEST,
                        split,
                        CacheKeys.manifest(split),
                        listing.size() + " cache files but no manifest; scan the split to write one"));
            }
            return listing.size();
        }
        int shown = 0;
        for (String inconsistency : manifest.inconsistencies()) {
            if (shown++ < SHOWN) {
                problems.add(CacheProblem.of(
                        CacheProblem.Kind.MANIFEST_INCONSISTENT,
                        split,
                        CacheKeys.manifest(split),
                        inconsistency + "; scan the split to rewrite the manifest"));
            }
        }
        if (manifest.windowCount() == 0) {
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.EMPTY_MANIFEST,
                    split,
                    CacheKeys.manifest(split),
                    "the manifest lists no windows"
                            + (listing.isEmpty()
                                    ? ""
                                    : " though " + listing.size() + " cache files exist; scan the split")));
        }
        Optional<String> metaHash = meta.flatMap(CacheMetadata::configHash);
        if (metaHash.isPresent() && manifest.configHash().isPresent() && !metaHash.equals(manifest.configHash())) {
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.CONFIG_DRIFT,
                    split,
                    CacheKeys.manifest(split),
                    "the manifest was written for preprocessing "
                            + Scanner.shortHash(manifest.configHash().get())
                            + ", the cache metadata says " + Scanner.shortHash(metaHash.get())
                            + "; rebuild the split (clean it and build again)"));
        }
        Optional<CacheLayout> metaLayout = meta.flatMap(CacheMetadata::layout);
        if (metaLayout.isPresent() && manifest.layout().isPresent() && !metaLayout.equals(manifest.layout())) {
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.CONFIG_DRIFT,
                    split,
                    CacheKeys.manifest(split),
                    "the manifest lists " + manifest.layout().get().id() + " files, the cache metadata says "
                            + metaLayout.get().id()));
        }
        Set<String> stale = new HashSet<>();
        for (BuildFailure f : manifest.failures()) {
            if (f.staleCacheFile().isPresent()
                    && listing.containsKey(f.staleCacheFile().get())) {
                stale.add(f.staleCacheFile().get());
                problems.add(CacheProblem.of(
                        CacheProblem.Kind.STALE_FILE,
                        split,
                        f.staleCacheFile().get(),
                        f.staleCacheFile().get() + " was built from an older version of " + f.source()
                                + ", whose rebuild failed; it is not used. Fix the source and build again, or delete"
                                + " the file"));
            }
        }
        if (!manifest.failures().isEmpty()) {
            BuildFailure first = manifest.failures().get(0);
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.RECORDED_FAILURES,
                    split,
                    first.source(),
                    manifest.failures().size() + " recording(s) could not be cached (first: " + first + ")"));
        }
        if (manifest.sources().isPresent()
                && manifest.sources().get().selected()
                        < manifest.sources().get().found()) {
            Manifest.Sources src = manifest.sources().get();
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.LIMITED_BUILD,
                    split,
                    CacheKeys.manifest(split),
                    "the last build took only the first " + src.selected() + " of " + src.found() + " EDF files"
                            + src.limit().stream()
                                    .mapToObj(n -> " (limit " + n + ")")
                                    .findFirst()
                                    .orElse("")
                            + "; unset BGB_LIMIT_FILES / BGB_SMOKE_TEST and build again for the whole split"));
        }
        List<String> missing = new ArrayList<>();
        List<Manifest.FileEntry> present = new ArrayList<>();
        for (Manifest.FileEntry f : manifest.files()) {
            BlobInfo b = listing.get(f.cacheFile());
            if (b == null) {
                missing.add(f.cacheFile());
                continue;
            }
            present.add(f);
            if (f.size().isPresent() && f.size().getAsLong() != b.size()) {
                problems.add(CacheProblem.of(
                        CacheProblem.Kind.SIZE_MISMATCH,
                        split,
                        f.cacheFile(),
                        f.cacheFile() + " is " + b.size() + " bytes, the manifest says "
                                + f.size().getAsLong()
                                + "; it was replaced or damaged (scan the split, and verify the file)"));
            }
        }
        listed(
                problems,
                CacheProblem.Kind.MISSING_FILE,
                split,
                missing,
                "the manifest names %d cache file(s) that do not exist (first: %s); scan the split to drop them,"
                        + " or build again to restore them");
        List<String> unlisted = new ArrayList<>();
        for (String name : listing.keySet()) {
            if (manifest.file(name).isEmpty() && !stale.contains(name)) {
                unlisted.add(name);
            }
        }
        listed(
                problems,
                CacheProblem.Kind.UNLISTED_FILE,
                split,
                unlisted,
                "%d cache file(s) are not in the manifest (first: %s), so training would use a stale subset; scan"
                        + " the split to add them");
        seen.accept(new SplitFacts(split, listing, Optional.of(manifest), missing, unlisted));
        checkIndex(store, split, manifest, meta, problems);
        if (checksums || headers || sources != null) {
            checkFiles(store, split, present, listing, meta, problems);
        }
        return listing.size();
    }

    private static void listed(
            List<CacheProblem> problems, CacheProblem.Kind kind, String split, List<String> names, String format) {
        if (!names.isEmpty()) {
            problems.add(CacheProblem.of(
                    kind,
                    split,
                    names.get(0),
                    String.format(
                            Locale.ROOT,
                            format,
                            names.size(),
                            names.size() <= SHOWN ? String.join(", ", names) : names.get(0))));
        }
    }

    private void checkIndex(
            BlobStore store, String split, Manifest manifest, Optional<CacheMetadata> meta, List<CacheProblem> problems)
            throws IOException {
        DatasetIndex index;
        try {
            index = Cache.readIndex(store, split).orElse(null);
        } catch (CacheFormatException e) {
            problems.add(
                    CacheProblem.of(CacheProblem.Kind.UNREADABLE_INDEX, split, CacheKeys.index(split), e.getMessage()));
            return;
        }
        if (index == null) {
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.NO_INDEX,
                    split,
                    CacheKeys.index(split),
                    "no " + CacheKeys.INDEX + "; scan the split to write it"));
            return;
        }
        CacheLayout layout =
                manifest.layout().orElse(meta.flatMap(CacheMetadata::layout).orElse(CacheLayout.WINDOWS));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < index.files().size(); i++) {
            String file = index.cacheFiles().isPresent()
                    ? index.cacheFiles().get().get(i)
                    : layout.cacheFileName(stemOf(index.files().get(i)));
            counts.put(file, index.windowCounts().get(i));
        }
        String first = null;
        for (Manifest.FileEntry f : manifest.files()) {
            Integer n = counts.remove(f.cacheFile());
            if (n == null || n != f.windows()) {
                first = f.cacheFile()
                        + (n == null
                                ? " is not in the index"
                                : " has " + n + " windows in the index, " + f.windows() + " in the manifest");
                break;
            }
        }
        if (first == null && !counts.isEmpty()) {
            first = "the index lists " + counts.keySet().iterator().next() + ", which the manifest does not";
        }
        if (first != null) {
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.INDEX_MISMATCH,
                    split,
                    CacheKeys.index(split),
                    "the dataset index disagrees with the manifest: " + first + "; scan the split to rewrite both"));
        }
    }

    private static String stemOf(String edfPath) {
        String name = edfPath.substring(Math.max(edfPath.lastIndexOf('/'), edfPath.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private void checkFiles(
            BlobStore store,
            String split,
            List<Manifest.FileEntry> present,
            Map<String, BlobInfo> listing,
            Optional<CacheMetadata> meta,
            List<CacheProblem> problems)
            throws IOException {
        Optional<String> hash = meta.flatMap(CacheMetadata::configHash);
        LabelFormat labels = labelFormat(meta);
        List<CacheProblem> found = new ArrayList<>();
        Parallel.forEach(present, Parallel.READERS, "bgb-cache-validate", f -> {
            List<CacheProblem> mine = new ArrayList<>();
            String key = CacheKeys.file(split, f.cacheFile());
            if (checksums && f.crc32c().isPresent()) {
                Optional<Crc32c> actual = deep
                        ? Optional.of(store.checksum(key))
                        : listing.get(f.cacheFile()).crc32c().or(() -> computedIfLocal(store, key));
                if (actual.isPresent() && !actual.get().equals(f.crc32c().get())) {
                    mine.add(CacheProblem.of(
                            CacheProblem.Kind.CHECKSUM_MISMATCH,
                            split,
                            f.cacheFile(),
                            f.cacheFile() + " has CRC32C " + actual.get().hex() + ", the manifest says "
                                    + f.crc32c().get().hex() + "; its content changed: rebuild it (delete it and build"
                                    + " again) or copy it again from a good tier"));
                }
            }
            if (headers) {
                try (WindowReader r = WindowReader.open(store, key)) {
                    if (r.windowCount() != f.windows()) {
                        mine.add(CacheProblem.of(
                                CacheProblem.Kind.WINDOW_COUNT_MISMATCH,
                                split,
                                f.cacheFile(),
                                f.cacheFile() + " holds " + r.windowCount() + " windows, the manifest says "
                                        + f.windows() + "; scan the split"));
                    }
                    Optional<FileMeta> fm = r.meta();
                    if (hash.isPresent()
                            && fm.isPresent()
                            && !fm.get().configHash().equals(hash.get())) {
                        mine.add(CacheProblem.of(
                                CacheProblem.Kind.CONFIG_DRIFT,
                                split,
                                f.cacheFile(),
                                f.cacheFile() + " was built with preprocessing "
                                        + Scanner.shortHash(fm.get().configHash()) + ", the cache with "
                                        + Scanner.shortHash(hash.get()) + "; rebuild it"));
                    }
                } catch (IOException e) {
                    mine.add(CacheProblem.of(
                            CacheProblem.Kind.UNREADABLE_FILE,
                            split,
                            f.cacheFile(),
                            e.getMessage() + "; rebuild the file (delete it and build again)"));
                }
            }
            if (sources != null && f.source().isPresent() && f.fingerprint().isPresent()) {
                Path edf = sources.resolve(f.source().get());
                if (!Files.isRegularFile(edf)) {
                    mine.add(CacheProblem.of(
                            CacheProblem.Kind.SOURCE_MISSING,
                            split,
                            f.source().get(),
                            f.cacheFile() + " was built from " + edf + ", which no longer exists"));
                } else {
                    SourceFingerprint was = f.fingerprint().get();
                    Path labelFile = was.labels().isPresent()
                            ? edf.resolveSibling(was.labels().get().file())
                            : labels.siblingOf(edf);
                    SourceFingerprint now = SourceFingerprint.of(edf, labelFile);
                    if (!now.equals(was)) {
                        mine.add(CacheProblem.of(
                                CacheProblem.Kind.SOURCE_CHANGED,
                                split,
                                f.source().get(),
                                f.cacheFile() + " is stale: " + now.differenceFrom(was) + " since it was built;"
                                        + " build again to refresh it"));
                    }
                }
            }
            synchronized (found) {
                found.addAll(mine);
            }
        });
        found.sort(java.util.Comparator.comparing((CacheProblem p) -> p.file().orElse(""))
                .thenComparing(p -> p.kind()));
        problems.addAll(found);
    }

    private static Optional<Crc32c> computedIfLocal(BlobStore store, String key) {
        try {
            Optional<Path> p = store.localPath(key);
            return p.isPresent() ? Optional.of(Crc32c.of(p.get())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The label format the cache was built with (its recorded configuration), {@code .csv} when unknown. */
    private static LabelFormat labelFormat(Optional<CacheMetadata> meta) {
        if (meta.isPresent() && meta.get().configJson().isPresent()) {
            try {
                JsonNode n = CacheJson.tree(meta.get().configJson().get().getBytes(StandardCharsets.UTF_8), "config");
                return LabelFormat.valueOf(
                        n.path("labels").path("format").asText("csv").toUpperCase(Locale.ROOT));
            } catch (CacheFormatException | IllegalArgumentException e) {
                return LabelFormat.CSV;
            }
        }
        return LabelFormat.CSV;
    }
}
