package io.github.braingobrr.cli;

import io.github.braingobrr.cache.BuildFailure;
import io.github.braingobrr.cache.BuildListener;
import io.github.braingobrr.cache.BuildProgress;
import io.github.braingobrr.cache.BuildResult;
import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.NoSeizureWindowsException;
import io.github.braingobrr.storage.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bgb build-cache}: the window cache from an EDF tree. */
@Command(
        name = "build-cache",
        mixinStandardHelpOptions = true,
        description = {
            "Build the preprocessed window cache from a TUSZ-like data directory (train/, dev/, eval/) - a local"
                    + " folder or s3://bucket/prefix, whose EDF files are fetched one at a time while they are built -"
                    + " into a local folder or s3://bucket/prefix (S3 reached through the standard AWS environment,"
                    + " AWS_ENDPOINT_URL included). Recordings whose cache file is current are skipped; a bad recording is reported"
                    + " and the build goes on unless --fail-fast.",
            "Exit codes: 0 built, 1 failure, 2 the cache has no seizure window (training would learn nothing)."
        })
final class BuildCacheCommand extends CommandBase {
    /** Which splits to build. */
    enum Splits {
        train,
        dev,
        all
    }

    @Option(
            names = "--data-dir",
            required = true,
            paramLabel = "D",
            description = "The EDF tree (TUSZ's edf/): a folder or s3://bucket/prefix.")
    String dataDir;

    @Option(names = "--cache-dir", required = true, paramLabel = "C", description = "A folder or s3://bucket/prefix.")
    String cacheDir;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "${COMPLETION-CANDIDATES}; default: train and dev; all adds eval.")
    Splits split;

    @Option(names = "--limit-files", paramLabel = "N", description = "Only the first N EDF files of each split.")
    Integer limitFiles;

    @Option(names = "--workers", paramLabel = "N", description = "Recordings built at once (default: processors).")
    Integer workers;

    @Option(names = "--fail-fast", description = "Stop at the first recording that fails.")
    boolean failFast;

    @Mixin
    BuildSettings settings;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Location location;
        CacheBuilder builder;
        try {
            location = Location.parse(cacheDir);
            builder = CacheBuilder.from(dataDir)
                    .to(location)
                    .storeOptions(storeOptions())
                    .preprocessing(settings.preset.config())
                    .layout(settings.layout)
                    .compression(settings.compression)
                    .failFast(failFast);
            if (split == Splits.all) {
                builder.allSplits();
            } else if (split != null) {
                builder.split(split.name());
            }
            if (limitFiles != null) {
                builder.limit(limitFiles);
            }
            if (workers != null) {
                builder.workers(workers);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        BuildResult result;
        try (Progress progress = progress("build-cache", 1, "files")) {
            result = builder.listener(new BuildListener() {
                        private int done;

                        @Override
                        public void progress(BuildProgress p) {
                            progress.max(p.filesTotal());
                            progress.stepBy(p.filesDone() - done);
                            done = p.filesDone();
                            progress.message(String.format(Locale.ROOT, "%.1f MB/s", p.edfMegabytesPerSecond()));
                        }
                    })
                    .build();
        }
        report(result);
        try {
            result.requireSeizureWindows();
        } catch (NoSeizureWindowsException e) {
            err().println("bgb: " + Errors.describe(e));
            err().flush();
            return 2;
        }
        return result.succeeded() ? 0 : 1;
    }

    private void report(BuildResult result) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cache", result.cache().toString());
            List<Object> splits = new ArrayList<>();
            for (BuildResult.Split s : result.splits()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("split", s.split());
                o.put("found", s.found());
                o.put("selected", s.selected());
                o.put("built", s.built());
                o.put("skipped", s.skipped());
                o.put("failed", s.failed());
                o.put("cacheFiles", s.cacheFiles());
                o.put("windows", counts(s.counts()));
                splits.add(o);
            }
            m.put("splits", splits);
            m.put("windows", counts(result.counts()));
            m.put(
                    "failures",
                    result.failures().stream()
                            .map(f -> Map.of(
                                    "split",
                                    f.split(),
                                    "source",
                                    f.source(),
                                    "kind",
                                    f.kind().id(),
                                    "reason",
                                    f.reason()))
                            .toList());
            m.put("seconds", result.elapsed().toMillis() / 1000.0);
            m.put("edfBytesRead", result.edfBytesRead());
            printJson(m);
            return;
        }
        var out = out();
        Table t = new Table(
                "split", "found", "selected", "built", "skipped", "failed", "cache files", "partial", "full", "none");
        for (BuildResult.Split s : result.splits()) {
            CategoryCounts c = s.counts();
            t.row(
                    s.split(),
                    String.valueOf(s.found()),
                    String.valueOf(s.selected()),
                    String.valueOf(s.built()),
                    String.valueOf(s.skipped()),
                    String.valueOf(s.failed()),
                    String.valueOf(s.cacheFiles()),
                    String.valueOf(c.partialSeizure()),
                    String.valueOf(c.fullSeizure()),
                    String.valueOf(c.noSeizure()));
        }
        t.print(out);
        CategoryCounts c = result.counts();
        out.printf(
                Locale.ROOT,
                "cache %s: %d windows (partial %d, full %d, none %d) in %.1f s%n",
                result.cache(),
                c.total(),
                c.partialSeizure(),
                c.fullSeizure(),
                c.noSeizure(),
                result.elapsed().toMillis() / 1000.0);
        if (!result.failures().isEmpty()) {
            out.printf(Locale.ROOT, "%d failures:%n", result.failures().size());
            for (BuildFailure f : result.failures()) {
                out.println("  " + f);
            }
        }
        out.flush();
    }

    static Map<String, Object> counts(CategoryCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partial", c.partialSeizure());
        m.put("full", c.fullSeizure());
        m.put("none", c.noSeizure());
        m.put("total", c.total());
        return m;
    }
}
