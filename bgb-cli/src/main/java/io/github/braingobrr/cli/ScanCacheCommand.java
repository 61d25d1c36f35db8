package io.github.braingobrr.cli;

import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb scan-cache}: rebuilds the manifests from the cache files. */
@Command(
        name = "scan-cache",
        mixinStandardHelpOptions = true,
        description = {
            "Read every cache file's labels and write each split's manifest.json and _dataset_index.json anew.",
            "Exit codes: 0 scanned, 1 failure, 2 the scanned splits hold no seizure window."
        })
final class ScanCacheCommand extends CommandBase {
    @Option(names = "--cache-dir", required = true, paramLabel = "C", description = "A folder or s3://bucket/prefix.")
    String cacheDir;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "train, dev or eval (default: every split the cache holds).")
    String split;

    @Option(names = "--json", description = "Print the counts as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CategoryCounts total = CategoryCounts.ZERO;
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Cache cache = openCache(cacheDir)) {
            List<String> splits = split == null ? cache.splits() : List.of(split);
            if (splits.isEmpty()) {
                throw new IOException(cache.location() + ": no split (train/, dev/, eval/) in this cache; build it"
                        + " with 'bgb build-cache' first");
            }
            for (String name : splits) {
                Manifest m;
                try {
                    m = cache.split(name).scan();
                } catch (IllegalArgumentException e) {
                    throw usage(e.getMessage());
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("split", name);
                row.put("files", m.files().size());
                row.put("windows", BuildCacheCommand.counts(m.counts()));
                rows.add(row);
                total = total.plus(m.counts());
            }
        }
        if (json) {
            printJson(Map.of("cache", cacheDir, "splits", rows));
        } else {
            Table t = new Table("split", "files", "windows", "partial", "full", "none");
            for (Map<String, Object> r : rows) {
                @SuppressWarnings("unchecked")
                Map<String, Object> w = (Map<String, Object>) r.get("windows");
                t.row(
                        String.valueOf(r.get("split")),
                        String.valueOf(r.get("files")),
                        String.valueOf(w.get("total")),
                        String.valueOf(w.get("partial")),
                        String.valueOf(w.get("full")),
                        String.valueOf(w.get("none")));
            }
            t.print(out());
            out().flush();
        }
        if (total.seizure() == 0) {
            err().printf(
                            Locale.ROOT,
                            "bgb: %s holds no seizure window (%s); check the label files and rebuild%n",
                            cacheDir,
                            total);
            err().flush();
            return 2;
        }
        return 0;
    }
}
