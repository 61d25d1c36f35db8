package io.github.braingobrr.cache;

import io.github.braingobrr.storage.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One split ({@code train}, {@code dev}, {@code eval}) of a {@link Cache}: its manifest (validated, and rebuilt from
 * the cache files when it is missing or stale and the files are sound), an explicit {@link #scan()}, validation, and
 * readers of its cache files.
 */
public final class CacheSplit {
    private static final Logger LOG = LoggerFactory.getLogger(CacheSplit.class);

    private final Cache cache;
    private final String name;

    CacheSplit(Cache cache, String name) {
        this.cache = cache;
        this.name = name;
    }

    /** The split's name. */
    public String name() {
        return name;
    }

    /** The cache it belongs to. */
    public Cache cache() {
        return cache;
    }

    /** The names of the cache files in the split folder, sorted. */
    public List<String> cacheFiles() throws IOException {
        return new ArrayList<>(Cache.listFiles(cache.store(), name).keySet());
    }

    /** The manifest as stored, without any check; empty when there is none. */
    public Optional<Manifest> readManifest() throws IOException {
        return Cache.readManifest(cache.store(), name);
    }

    /** The dataset index as stored; empty when there is none. */
    public Optional<DatasetIndex> readIndex() throws IOException {
        return Cache.readIndex(cache.store(), name);
    }

    /**
     * The split's manifest, safe to train on. The quick checks of {@link CacheValidator} run first (listing against
     * manifest, index and metadata; no cache file is read). A manifest that is missing, unreadable, empty or stale
     * (files added or removed since it was written, the index out of step) is rebuilt from the cache files and
     * written, provided every file reads back; with {@code BGB_FORCE_MANIFEST_REBUILD=1} it is always rebuilt.
     *
     * @throws CacheInvalidException when the problem is in the data (unreadable file, configuration drift, no cache
     *     files); nothing is changed and the report says what to do
     */
    public Manifest manifest() throws IOException {
        Optional<CacheMetadata> meta;
        try {
            meta = cache.metadata();
        } catch (CacheFormatException e) {
            throw new CacheInvalidException(
                    "the " + name + " split of " + cache.location(),
                    new ValidationReport(
                            cache.location(),
                            List.of(name),
                            0,
                            List.of(CacheProblem.of(
                                    CacheProblem.Kind.UNREADABLE_METADATA, null, CacheKeys.METADATA, e.getMessage()))));
        }
        if (cache.env().forceManifestRebuild()) {
            return rebuild(meta, null, Env.FORCE_MANIFEST_REBUILD + "=1");
        }
        ValidationReport report = cache.validator().validate(name);
        if (report.isValid()) {
            return readManifest().orElseThrow();
        }
        if (!report.fixedByScan()) {
            throw new CacheInvalidException("the " + name + " split of " + cache.location(), report);
        }
        Manifest earlier = null;
        try {
            earlier = readManifest().orElse(null);
        } catch (CacheFormatException e) {
            // rebuilt from scratch below
        }
        String why = report.errors().get(0).message()
                + (report.errors().size() > 1 ? " (and " + (report.errors().size() - 1) + " more)" : "");
        return rebuild(meta, earlier, why);
    }

    private Manifest rebuild(Optional<CacheMetadata> meta, Manifest earlier, String why) throws IOException {
        Scanner.Outcome o = Scanner.scan(cache.store(), name, meta, earlier, true);
        List<CacheProblem> problems = new ArrayList<>(o.problems());
        if (o.manifest().files().isEmpty() && problems.isEmpty()) {
            problems.add(CacheProblem.of(
                    CacheProblem.Kind.NO_FILES,
                    name,
                    null,
                    "no cache files under " + cache.store().locationOf(name) + "; build the cache first"));
        }
        if (!problems.isEmpty()) {
            throw new CacheInvalidException(
                    "cannot rebuild the " + name + " manifest of " + cache.location() + " (" + why + ")",
                    new ValidationReport(cache.location(), List.of(name), o.read() + o.reused(), problems));
        }
        write(o.manifest(), meta);
        LOG.info(
                "rebuilt the {} manifest of {} ({}): {} files read, {} unchanged, {}",
                name,
                cache.location(),
                why,
                o.read(),
                o.reused(),
                o.manifest().counts());
        return o.manifest();
    }

    /** Writes the manifest and index, then records the change in the metadata (when the cache has metadata). */
    private void write(Manifest m, Optional<CacheMetadata> meta) throws IOException {
        CacheLayout layout =
                m.layout().orElse(meta.flatMap(CacheMetadata::layout).orElse(CacheLayout.WINDOWS));
        Cache.writeManifestAndIndex(cache.store(), m, layout, null);
        if (meta.isPresent()) {
            CacheJson.write(
                    cache.store(),
                    CacheKeys.METADATA,
                    CacheJson.writeMetadata(meta.get().touched("scan")));
        }
    }

    /**
     * Rebuilds the manifest and dataset index from the cache files, reading only each file's labels (never its
     * windows), and writes them. Files that cannot be read, hold no labels, or were built with another configuration
     * are left out and logged (a validation then reports them). Sources, fingerprints and failures recorded earlier are
     * kept.
     */
    public Manifest scan() throws IOException {
        Optional<CacheMetadata> meta = cache.metadata();
        Manifest earlier = null;
        try {
            earlier = readManifest().orElse(null);
        } catch (CacheFormatException e) {
            LOG.warn("{}: {}", name, e.getMessage());
        }
        // an explicit scan reads every file's labels rather than trusting the earlier entries
        Scanner.Outcome o = Scanner.scan(cache.store(), name, meta, earlier, false);
        for (CacheProblem p : o.problems()) {
            LOG.warn("{}", p);
        }
        write(o.manifest(), meta);
        return o.manifest();
    }

    /** Validates this split with the quick checks. */
    public ValidationReport validate() throws IOException {
        return cache.validator().validate(name);
    }

    /** Opens one of the split's cache files for window reads. */
    public WindowReader open(String cacheFile) throws IOException {
        return WindowReader.open(cache.store(), CacheKeys.file(name, cacheFile));
    }

    /** Batches of these windows of this split, read with prefetch; configure and {@code open()} the iterator. */
    public BatchIterator.Builder batches(List<WindowRef> windows) {
        return BatchIterator.over(this, windows);
    }

    /**
     * The training gate on the (validated) manifest.
     *
     * @throws NoSeizureWindowsException when the split has no partial or full seizure window
     */
    public Manifest requireSeizureWindows() throws IOException {
        return manifest().requireSeizureWindows();
    }

    BlobStore store() {
        return cache.store();
    }

    @Override
    public String toString() {
        return "CacheSplit[" + cache.location() + " " + name + "]";
    }
}
