package io.github.braingobrr.cli;

import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CacheProblem;
import io.github.braingobrr.cache.ValidationReport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb verify-cache}: checks a cache against its manifests. */
@Command(
        name = "verify-cache",
        mixinStandardHelpOptions = true,
        description = {
            "Check every cache file of every split against its manifest: present, size, CRC32C, window count and"
                    + " loadable headers; --deep also recomputes every checksum from the content.",
            "Exit codes: 0 valid, 1 problems found (listed) or failure."
        })
final class VerifyCacheCommand extends CommandBase {
    @Option(names = "--cache-dir", required = true, paramLabel = "C", description = "A folder or s3://bucket/prefix.")
    String cacheDir;

    @Option(names = "--deep", description = "Recompute every file's CRC32C from its content.")
    boolean deep;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ValidationReport report;
        try (Cache cache = openCache(cacheDir)) {
            report = cache.validator().checksums(true).deep(deep).headers(true).validate();
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cache", report.cache().toString());
            m.put("valid", report.isValid());
            m.put("splits", report.splits());
            m.put("filesChecked", report.filesChecked());
            m.put(
                    "problems",
                    report.problems().stream()
                            .map(p -> Map.of(
                                    "kind", p.kind().name(),
                                    "severity", p.kind().severity().name(),
                                    "message", p.message()))
                            .toList());
            printJson(m);
        } else {
            out().println(report.summary());
            for (CacheProblem p : report.problems()) {
                out().println("  " + p);
            }
            out().flush();
        }
        if (!report.isValid()) {
            err().println("bgb: " + cacheDir + " failed verification with "
                    + report.errors().size() + " errors; rebuild the files named above with 'bgb build-cache'");
            err().flush();
            return 1;
        }
        return 0;
    }
}
