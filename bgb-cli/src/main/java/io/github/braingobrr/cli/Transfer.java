package io.github.braingobrr.cli;

import io.github.braingobrr.cache.CacheTransfers;
import io.github.braingobrr.storage.transfer.FileFailure;
import io.github.braingobrr.storage.transfer.TransferResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How upload-cache and populate-cache report a {@link CacheTransfers.Result}. */
final class Transfer {
    private Transfer() {}

    static Map<String, Object> json(CacheTransfers.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        TransferResult d = r.data();
        m.put("source", d.source().toString());
        m.put("target", d.target().toString());
        m.put("succeeded", r.succeeded());
        m.put("files", d.filesTotal());
        m.put("transferred", d.transferred());
        m.put("skipped", d.skipped());
        m.put("bytes", d.bytesTransferred());
        m.put("seconds", d.elapsed().toMillis() / 1000.0);
        m.put("manifestsCopied", r.manifests().map(TransferResult::succeeded).orElse(false));
        m.put("metadataWritten", r.metadataWritten());
        m.put(
                "failures",
                d.failures().stream()
                        .map(f -> Map.of("key", f.key(), "reason", f.reason()))
                        .toList());
        return m;
    }

    static void print(PrintWriter out, CacheTransfers.Result r) {
        TransferResult d = r.data();
        out.printf(
                Locale.ROOT,
                "%s -> %s: %d cache files, %d copied (%s MB), %d already current, in %.1f s%n",
                d.source(),
                d.target(),
                d.filesTotal(),
                d.transferred(),
                Table.number(Math.round(d.bytesTransferred() / 1e5) / 10.0),
                d.skipped(),
                d.elapsed().toMillis() / 1000.0);
        for (FileFailure f : d.failures()) {
            out.println("  failed: " + f.key() + ": " + f.reason());
        }
        for (String note : d.notes()) {
            out.println("  note: " + note);
        }
        if (!r.succeeded()) {
            out.println("manifests and metadata were held back; run the command again to finish");
        }
        out.flush();
    }

    /** Exit code of a transfer, with the one-line error when it did not finish. */
    static int exit(PrintWriter err, CacheTransfers.Result r) {
        if (r.succeeded()) {
            return 0;
        }
        err.println("bgb: " + r.data().failures().size() + " cache files failed to transfer to "
                + r.data().target() + "; run the command again to copy what is missing");
        err.flush();
        return 1;
    }
}
