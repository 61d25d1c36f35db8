package io.github.braingobrr.cli;

import io.github.braingobrr.cache.BuildFailure;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CacheMetadata;
import io.github.braingobrr.cache.CacheProblem;
import io.github.braingobrr.cache.CacheStatus;
import io.github.braingobrr.storage.DataSizes;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb cache status}: the state of a cache at a glance. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show a cache at a glance, on any tier: per split the cache files and their bytes, whether the manifest is"
                    + " there, valid, stale or invalid and why, windows per category and the failures the build"
                    + " recorded; the metadata (split policy, preset, layout, bgb version, configuration hash) and"
                    + " when the cache was last built and populated. Reads only the listing and the JSON files.",
            "Exit codes: 0 healthy, 1 a manifest is missing, stale or invalid, a copy is incomplete, or failure;"
                    + " 2 usage."
        })
final class CacheStatusCommand extends CommandBase {
    private static final int SHOWN = 10;

    @Option(
            names = "--cache-dir",
            required = true,
            paramLabel = "C",
            description = "A folder, an SSD-volume folder or s3://bucket/prefix.")
    String cacheDir;

    @Option(names = "--json", description = "Print the full report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CacheStatus status;
        try (Cache cache = openCache(cacheDir)) {
            status = cache.status();
        }
        if (json) {
            printJson(json(status));
        } else {
            print(status, out());
            out().flush();
        }
        if (!status.isHealthy()) {
            err().println("bgb: " + status.cache() + ": " + name(status.state()) + "; " + advice(status));
            err().flush();
            return 1;
        }
        return 0;
    }

    private static String name(CacheStatus.State state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private String advice(CacheStatus status) {
        return switch (status.state()) {
            case VALID -> "nothing to do";
            case INCOMPLETE_COPY ->
                "run 'bgb populate-cache --from "
                        + status.metadata()
                                .flatMap(CacheMetadata::populatedFrom)
                                .orElse("SOURCE") + " --to " + cacheDir
                        + "' again to fetch the missing files";
            case STALE -> "run 'bgb scan-cache --cache-dir " + cacheDir + "' to rewrite the manifests, or build again";
            case INVALID -> "see the reasons above; scan the split, or clean it and build again";
            case MISSING -> "build it with 'bgb build-cache' (or 'bgb scan-cache' when the cache files are there)";
        };
    }

    private static void print(CacheStatus s, PrintWriter out) {
        out.println(s.cache() + ": " + name(s.state()));
        Table t =
                new Table("split", "state", "npz", "size", "listed", "missing", "partial", "full", "none", "failures");
        for (CacheStatus.SplitStatus x : s.splits()) {
            t.row(
                    x.split(),
                    name(x.state()),
                    String.valueOf(x.cacheFiles()),
                    DataSizes.format(x.bytes()),
                    x.manifestPresent() ? String.valueOf(x.manifestFiles()) : "-",
                    String.valueOf(x.missingFiles().size()),
                    String.valueOf(x.windows().partialSeizure()),
                    String.valueOf(x.windows().fullSeizure()),
                    String.valueOf(x.windows().noSeizure()),
                    String.valueOf(x.failures().size()));
        }
        t.row(
                "total",
                "",
                String.valueOf(s.cacheFiles()),
                DataSizes.format(s.bytes()),
                "",
                "",
                String.valueOf(s.totals().partialSeizure()),
                String.valueOf(s.totals().fullSeizure()),
                String.valueOf(s.totals().noSeizure()),
                String.valueOf(s.failures().size()));
        t.print(out);
        out.println();
        if (s.metadata().isEmpty()) {
            out.println("  metadata: none (a cache the Python system built, or no cache at all)");
        } else {
            CacheMetadata md = s.metadata().get();
            Table m = new Table("split policy", md.splitPolicy());
            m.row("preset", s.preset().orElse(md.configHash().isPresent() ? "custom" : "unknown"));
            m.row("layout", md.layout().map(l -> l.id()).orElse("unknown"));
            m.row("bgb version", md.bgbVersion().orElse("unknown"));
            m.row("config hash", md.configHash().orElse("unknown"));
            m.row("last build", s.lastBuild().map(Instant::toString).orElse("unknown"));
            m.row(
                    "last populate",
                    s.lastPopulate()
                            .map(p -> p
                                    + md.populatedFrom().map(f -> " from " + f).orElse(""))
                            .orElse("never"));
            m.print(out);
        }
        for (CacheStatus.SplitStatus x : s.splits()) {
            for (String reason : x.reasons()) {
                out.println("  " + x.split() + ": " + reason);
            }
        }
        for (CacheProblem p : s.problems()) {
            if (p.split().isEmpty()) {
                out.println("  " + p);
            }
        }
        List<BuildFailure> failures = s.failures();
        for (int i = 0; i < Math.min(SHOWN, failures.size()); i++) {
            out.println("  failed: " + failures.get(i));
        }
        if (failures.size() > SHOWN) {
            out.println("  ... and " + (failures.size() - SHOWN) + " more failures (--json lists them all)");
        }
    }

    private static Map<String, Object> json(CacheStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cache", s.cache().toString());
        m.put("state", s.state().name());
        m.put("healthy", s.isHealthy());
        m.put("metadata", s.metadata().map(md -> metadata(md, s.preset())).orElse(null));
        m.put("lastBuild", s.lastBuild().map(Instant::toString).orElse(null));
        m.put("lastPopulate", s.lastPopulate().map(Instant::toString).orElse(null));
        m.put("splits", s.splits().stream().map(CacheStatusCommand::split).toList());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("cacheFiles", s.cacheFiles());
        totals.put("bytes", s.bytes());
        totals.put("windows", BuildCacheCommand.counts(s.totals()));
        totals.put("failures", s.failures().size());
        m.put("totals", totals);
        m.put("problems", s.problems().stream().map(CacheStatusCommand::problem).toList());
        return m;
    }

    private static Map<String, Object> metadata(CacheMetadata md, Optional<String> preset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("splitPolicy", md.splitPolicy());
        m.put("preset", preset.orElse(null));
        m.put("layout", md.layout().map(l -> l.id()).orElse(null));
        m.put(
                "compression",
                md.compression().map(c -> c.name().toLowerCase(Locale.ROOT)).orElse(null));
        m.put("bgbVersion", md.bgbVersion().orElse(null));
        m.put("configHash", md.configHash().orElse(null));
        m.put("created", md.created());
        m.put("timestamp", md.timestamp());
        m.put("updated", md.updated().map(Instant::toString).orElse(null));
        m.put("lastOperation", md.lastOperation().orElse(null));
        m.put("populatedFrom", md.populatedFrom().orElse(null));
        Map<String, Object> runs = new LinkedHashMap<>();
        md.lastRun().forEach((op, when) -> runs.put(op, when.toString()));
        m.put("lastRun", runs);
        return m;
    }

    private static Map<String, Object> split(CacheStatus.SplitStatus x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("split", x.split());
        m.put("state", x.state().name());
        m.put("cacheFiles", x.cacheFiles());
        m.put("bytes", x.bytes());
        m.put("manifestPresent", x.manifestPresent());
        m.put("manifestFiles", x.manifestFiles());
        m.put("windows", BuildCacheCommand.counts(x.windows()));
        m.put("missingFiles", x.missingFiles());
        m.put("missingBytes", x.missingBytes());
        m.put("unlistedFiles", x.unlistedFiles());
        m.put(
                "failures",
                x.failures().stream()
                        .map(f -> {
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("source", f.source());
                            o.put("kind", f.kind().id());
                            o.put("reason", f.reason());
                            return o;
                        })
                        .toList());
        m.put("reasons", x.reasons());
        return m;
    }

    private static Map<String, Object> problem(CacheProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", p.kind().name());
        m.put("severity", p.kind().severity().name());
        m.put("split", p.split().orElse(null));
        m.put("file", p.file().orElse(null));
        m.put("message", p.message());
        return m;
    }
}
