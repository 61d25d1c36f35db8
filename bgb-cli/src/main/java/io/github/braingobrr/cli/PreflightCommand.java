package io.github.braingobrr.cli;

import io.github.braingobrr.cache.CacheLayout;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.Preflight;
import io.github.braingobrr.cache.PreflightReport;
import io.github.braingobrr.cache.PreflightRequest;
import io.github.braingobrr.storage.Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bgb preflight}: what would ruin a cache build, found in seconds from headers and label files. */
@Command(
        name = "preflight",
        mixinStandardHelpOptions = true,
        description = {
            "Check a data directory, local or s3:// (and the cache location), before a long build-cache, reading only EDF headers and"
                    + " label files: recordings that would fail and why, missing or unparseable label files, splits"
                    + " without seizure events, the split layout, the expected windows and cache size, free space,"
                    + " an existing cache's configuration, and for s3:// the credentials, bucket, write access and"
                    + " region. Nothing is written except a zero-byte probe object on S3, deleted at once.",
            "Exit codes: 0 ready, 1 problems found (each printed with its fix), 2 usage error."
        })
final class PreflightCommand extends CommandBase {
    @Option(
            names = "--data-dir",
            required = true,
            paramLabel = "D",
            description = "The EDF tree (TUSZ's edf/): a folder or s3://bucket/prefix (its EDF headers read with"
                    + " ranged reads; no EDF file is downloaded).")
    String dataDir;

    @Option(
            names = "--cache-dir",
            paramLabel = "C",
            description = "The cache location the build would use: a folder or s3://bucket/prefix.")
    String cacheDir;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "train, dev, eval or all (default: train and dev, as build-cache).")
    String split;

    @Mixin
    BuildSettings settings;

    @Option(names = "--json", description = "Print the full report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PreflightRequest request;
        try {
            request = PreflightRequest.of(dataDir)
                    .withPreprocessing(settings.preset.config())
                    .withLayout(settings.layout)
                    .withCompression(settings.compression)
                    .withStoreOptions(storeOptions());
            if ("all".equals(split)) {
                request = request.withSplits("train", "dev", "eval");
            } else if (split != null) {
                request = request.withSplits(split);
            }
            if (cacheDir != null) {
                request = request.withCache(Location.parse(cacheDir));
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PreflightReport report = Preflight.check(request);
        if (json) {
            printJson(toJson(report));
        } else {
            print(report);
        }
        return report.ready() ? 0 : 1;
    }

    static Map<String, Object> toJson(PreflightReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ready", r.ready());
        m.put("dataDir", r.dataDir().toString());
        m.put("cache", r.cache().map(Location::toString).orElse(null));
        m.put("configHash", r.configHash());
        m.put("splits", r.splits());
        m.put("errors", r.problems().size());
        m.put("warnings", r.findings(PreflightReport.Severity.WARNING).size());
        List<Map<String, Object>> findings = new ArrayList<>();
        for (PreflightReport.Finding f : r.findings()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("severity", f.severity().name());
            o.put("check", f.check().name().toLowerCase(Locale.ROOT));
            o.put("location", f.location());
            o.put("message", f.message());
            o.put("fix", f.fix());
            findings.add(o);
        }
        m.put("findings", findings);
        m.put("recordings", r.recordings());
        m.put("formats", r.formats());
        m.put("samplingRates", r.samplingRates());
        m.put("references", r.references());
        m.put("durations", r.durations());
        m.put("seizureEvents", r.seizureEvents());
        m.put("backgroundTypes", r.backgroundTypes());
        Map<String, Object> windows = new LinkedHashMap<>();
        r.windows().forEach((split, c) -> windows.put(split, BuildCacheCommand.counts(c)));
        m.put("windows", windows);
        Map<String, Object> sizes = new LinkedHashMap<>();
        r.estimatedBytes().forEach((layout, bytes) -> sizes.put(layout.id(), bytes));
        m.put("estimatedBytes", sizes);
        m.put("freeBytes", r.freeBytes().isPresent() ? r.freeBytes().getAsLong() : null);
        m.put(
                "existingCache",
                r.existingCache()
                        .map(e -> {
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("verdict", e.verdict().name().toLowerCase(Locale.ROOT));
                            o.put("reason", e.reason());
                            o.put("configHash", e.configHash().orElse(null));
                            o.put("layout", e.layout().map(CacheLayout::id).orElse(null));
                            o.put("bgbVersion", e.bgbVersion().orElse(null));
                            o.put("cacheFiles", e.cacheFiles());
                            o.put("filesDone", e.filesDone());
                            o.put("filesToCheck", e.filesToCheck());
                            o.put("filesTotal", e.filesTotal());
                            return (Object) o;
                        })
                        .orElse(null));
        m.put("seconds", r.elapsed().toMillis() / 1000.0);
        return m;
    }

    private void print(PreflightReport r) {
        PrintWriter out = out();
        out.printf(
                Locale.ROOT,
                "preflight of %s (preset %s, %s layout) for %s: %d recordings in %.1f s%n",
                r.dataDir(),
                settings.preset,
                settings.layout.id(),
                String.join(", ", r.splits()),
                r.totalRecordings(),
                r.elapsed().toMillis() / 1000.0);
        out.println("  formats:    " + counts(r.formats(), ""));
        out.println("  rates:      " + counts(r.samplingRates(), " Hz"));
        out.println("  references: " + counts(r.references(), ""));
        out.println("  durations:  " + counts(r.durations(), ""));
        Table t = new Table("split", "files", "seizure events", "partial", "full", "none");
        for (String s : r.splits()) {
            CategoryCounts c = r.windows().getOrDefault(s, CategoryCounts.ZERO);
            t.row(
                    s,
                    String.valueOf(r.recordings().getOrDefault(s, 0)),
                    counts(r.seizureEvents().getOrDefault(s, Map.of()), ""),
                    String.valueOf(c.partialSeizure()),
                    String.valueOf(c.fullSeizure()),
                    String.valueOf(c.noSeizure()));
        }
        t.print(out);
        if (!r.backgroundTypes().isEmpty()) {
            out.println("  counted as background under " + settings.preset + ": " + counts(r.backgroundTypes(), ""));
        }
        out.println("  cache size: "
                + r.estimatedBytes().entrySet().stream()
                        .map(e -> e.getKey().id() + " " + gb(e.getValue()))
                        .collect(Collectors.joining(", "))
                + (r.freeBytes().isPresent() ? "; free " + gb(r.freeBytes().getAsLong()) : ""));
        r.existingCache()
                .ifPresent(e ->
                        out.println("  existing cache: " + e.verdict().name().toLowerCase(Locale.ROOT) + " ("
                                + e.filesDone() + " of " + e.filesTotal() + " recordings done)"));
        for (PreflightReport.Finding f : r.findings()) {
            out.println(f.severity() + " " + f.location() + ": " + f.message());
            if (!f.fix().isEmpty()) {
                out.println("  fix: " + f.fix());
            }
        }
        out.println(
                r.ready()
                        ? "ready: nothing found that would stop the build"
                        : "not ready: " + r.problems().size() + " problem(s); fix them before building");
        out.flush();
    }

    private static String counts(Map<String, Integer> m, String unit) {
        if (m.isEmpty()) {
            return "none";
        }
        return m.entrySet().stream()
                .map(e -> e.getKey() + unit + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
