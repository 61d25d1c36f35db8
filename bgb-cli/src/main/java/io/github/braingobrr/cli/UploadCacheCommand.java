package io.github.braingobrr.cli;

import io.github.braingobrr.cache.CacheTransfers;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.StorageClass;
import io.github.braingobrr.storage.transfer.TransferOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb upload-cache}: a cache copied to another store. */
@Command(
        name = "upload-cache",
        mixinStandardHelpOptions = true,
        description = {
            "Copy a cache (typically local) to s3://bucket/prefix: stale manifests are rebuilt first, cache files"
                    + " already current at the target are skipped, manifests and metadata go last so a reader never"
                    + " sees a manifest naming missing objects. A target holding another configuration's cache is"
                    + " refused.",
            "Exit codes: 0 all copied, 1 failure (run again to finish)."
        })
final class UploadCacheCommand extends CommandBase {
    @Option(names = "--from", required = true, paramLabel = "C", description = "The cache to copy.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "Where to: s3://bucket/prefix.")
    String to;

    @Option(names = "--storage-class", paramLabel = "CLASS", description = "S3 storage class of the uploads.")
    String storageClass;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out keys matching this (repeatable).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        TransferOptions options;
        try {
            options = TransferOptions.defaults().withExclude(exclude);
            if (storageClass != null) {
                options = options.withStorageClass(StorageClass.parse(storageClass));
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        CacheTransfers.Result result;
        try (BlobStore source = openStore(from);
                BlobStore target = openStore(to);
                Progress progress = progress("upload", 1, "B")) {
            result = CacheTransfers.upload(source, target, options.withListener(bytes(progress)));
        }
        if (json) {
            printJson(Transfer.json(result));
        } else {
            Transfer.print(out(), result);
        }
        return Transfer.exit(err(), result);
    }
}
