package io.github.braingobrr.cache;

import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds a split's manifest from its cache files, reading only each file's {@code labels} member (and bgb's small
 * {@code bgb_meta}), never its windows. Entries of an earlier manifest are reused for files whose size (and recorded
 * CRC32C) are unchanged, so adding one file to a large cache reads one file.
 */
final class Scanner {
    /**
     * What a scan found.
     *
     * @param manifest the new manifest (files that could not be described are left out)
     * @param problems the files left out, and why
     * @param read files whose labels were read
     * @param reused files whose entry was taken from the earlier manifest
     */
    record Outcome(Manifest manifest, List<CacheProblem> problems, int read, int reused) {}

    private Scanner() {}

    /**
     * Scans a split.
     *
     * @param earlier the stored manifest, if any: its failures, stale files and sources are kept, and sources and
     *     fingerprints of files whose own description lacks them come from it
     * @param reuseEntries whether entries of {@code earlier} are taken as they are for unchanged files (an automatic
     *     rebuild) or every file's labels are read (an explicit scan)
     */
    static Outcome scan(
            BlobStore store, String split, Optional<CacheMetadata> meta, Manifest earlier, boolean reuseEntries)
            throws IOException {
        Map<String, BlobInfo> listing = Cache.listFiles(store, split);
        Optional<String> hash = meta.flatMap(CacheMetadata::configHash);
        Optional<CacheLayout> layout = meta.flatMap(CacheMetadata::layout);
        double threshold = Cache.fullThreshold(meta);
        boolean trusted = reuseEntries
                && earlier != null
                && hash.isPresent()
                && earlier.configHash().equals(hash)
                && (layout.isEmpty() || earlier.layout().equals(layout));
        Set<String> stale = new HashSet<>();
        if (earlier != null) {
            for (BuildFailure f : earlier.failures()) {
                f.staleCacheFile().ifPresent(stale::add);
            }
        }
        Map<String, Manifest.FileEntry> entries = new TreeMap<>();
        List<CacheProblem> problems = new ArrayList<>();
        Set<CacheLayout> layouts = new HashSet<>();
        int[] counts = new int[2];
        List<BlobInfo> toRead = new ArrayList<>();
        for (Map.Entry<String, BlobInfo> e : listing.entrySet()) {
            String name = e.getKey();
            if (stale.contains(name)) {
                continue;
            }
            Manifest.FileEntry prev = trusted ? earlier.file(name).orElse(null) : null;
            BlobInfo b = e.getValue();
            if (prev != null
                    && prev.size().orElse(-1) == b.size()
                    && (b.crc32c().isEmpty()
                            || prev.crc32c().isEmpty()
                            || b.crc32c().equals(prev.crc32c()))) {
                entries.put(name, prev);
                counts[1]++;
            } else {
                toRead.add(b);
            }
        }
        Parallel.forEach(toRead, Parallel.READERS, "bgb-cache-scan", b -> {
            String name = b.key().substring(split.length() + 1);
            CacheProblem problem = null;
            Manifest.FileEntry entry = null;
            try (WindowReader r = WindowReader.open(store, b.key())) {
                Optional<FileMeta> fm = r.meta();
                if (layout.isPresent() && r.layout() != layout.get()) {
                    problem = CacheProblem.of(
                            CacheProblem.Kind.CONFIG_DRIFT,
                            split,
                            name,
                            name + " is a " + r.layout().id() + " file in a "
                                    + layout.get().id() + " cache; remove it, or rebuild it with this cache's layout");
                } else if (hash.isPresent()
                        && fm.isPresent()
                        && !fm.get().configHash().equals(hash.get())) {
                    problem = CacheProblem.of(
                            CacheProblem.Kind.CONFIG_DRIFT,
                            split,
                            name,
                            name + " was built with preprocessing "
                                    + shortHash(fm.get().configHash())
                                    + ", the cache with " + shortHash(hash.get())
                                    + "; rebuild it (delete it and build again)");
                } else {
                    List<WindowCategory> categories = r.categories(threshold);
                    Optional<Manifest.FileEntry> before = earlier == null ? Optional.empty() : earlier.file(name);
                    Optional<Manifest.FileEntry> sameSize =
                            before.filter(x -> x.size().orElse(-1) == b.size());
                    entry = new Manifest.FileEntry(
                            name,
                            fm.map(FileMeta::source).or(() -> before.flatMap(Manifest.FileEntry::source)),
                            fm.map(FileMeta::fingerprint).or(() -> sameSize.flatMap(Manifest.FileEntry::fingerprint)),
                            categories,
                            OptionalLong.of(b.size()),
                            b.crc32c().or(() -> sameSize.flatMap(Manifest.FileEntry::crc32c)));
                    synchronized (layouts) {
                        layouts.add(r.layout());
                    }
                }
            } catch (IOException e) {
                problem = CacheProblem.of(
                        CacheProblem.Kind.UNREADABLE_FILE,
                        split,
                        name,
                        e.getMessage() + " (left out of the manifest; rebuild or remove it)");
            }
            synchronized (entries) {
                if (entry != null) {
                    entries.put(name, entry);
                    counts[0]++;
                } else {
                    problems.add(problem);
                }
            }
        });
        List<BuildFailure> failures = new ArrayList<>();
        if (earlier != null) {
            Set<String> sources = new HashSet<>();
            entries.values().forEach(f -> f.source().ifPresent(sources::add));
            for (BuildFailure f : earlier.failures()) {
                if (!sources.contains(f.source())) {
                    failures.add(f);
                }
            }
        }
        Optional<CacheLayout> manifestLayout = layout.isPresent()
                ? layout
                : layouts.size() == 1 ? Optional.of(layouts.iterator().next()) : Optional.empty();
        Manifest m = new Manifest(
                split,
                Optional.of(Manifest.SCHEMA),
                hash,
                manifestLayout,
                entries.values(),
                failures,
                earlier == null ? Optional.empty() : earlier.sources(),
                List.of());
        problems.sort(java.util.Comparator.comparing(p -> p.file().orElse("")));
        return new Outcome(m, problems, counts[0], counts[1]);
    }

    static String shortHash(String h) {
        return h.length() > 12 ? h.substring(0, 12) : h;
    }
}
