package io.github.braingobrr.cli;

import io.github.braingobrr.cache.CacheTransfers;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.transfer.CleanOptions;
import io.github.braingobrr.storage.transfer.CleanResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb clean-cache}: deletes a cache's splits. */
@Command(
        name = "clean-cache",
        mixinStandardHelpOptions = true,
        description = {
            "Delete every split of a cache (cache files, manifests, indexes) and record the clean in its metadata,"
                    + " so it may be built anew with any preprocessing. Refuses without --yes; --dry-run lists what"
                    + " would go."
        })
final class CleanCacheCommand extends CommandBase {
    @Option(names = "--cache-dir", required = true, paramLabel = "C", description = "A folder or s3://bucket/prefix.")
    String cacheDir;

    @Option(names = "--dry-run", description = "Only list what would be deleted.")
    boolean dryRun;

    @Option(names = "--yes", description = "Really delete.")
    boolean yes;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!dryRun && !yes) {
            throw usage("clean-cache deletes the whole cache at " + cacheDir
                    + "; add --yes to go ahead, or --dry-run to see what would go");
        }
        CleanResult r;
        try (BlobStore store = openStore(cacheDir)) {
            r = CacheTransfers.clean(store, dryRun ? CleanOptions.listOnly() : CleanOptions.deleteConfirmed());
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cache", r.root().toString());
            m.put("dryRun", r.dryRun());
            m.put("keys", r.keys());
            m.put("bytes", r.bytes());
            m.put("deleted", r.deleted());
            printJson(m);
        } else {
            var out = out();
            if (r.dryRun()) {
                r.keys().forEach(k -> out.println("  " + k));
            }
            out.printf(
                    Locale.ROOT,
                    "%s %d files (%s MB) of %s%n",
                    r.dryRun() ? "would delete" : "deleted",
                    r.dryRun() ? r.keys().size() : r.deleted(),
                    Table.number(Math.round(r.bytes() / 1e5) / 10.0),
                    r.root());
            out.flush();
        }
        return 0;
    }
}
