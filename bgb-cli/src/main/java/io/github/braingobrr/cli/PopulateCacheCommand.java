package io.github.braingobrr.cli;

import io.github.braingobrr.cache.CacheTransfers;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.tiered.SsdVolume;
import io.github.braingobrr.storage.transfer.TransferOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb populate-cache}: an SSD tier filled from a remote cache. */
@Command(
        name = "populate-cache",
        mixinStandardHelpOptions = true,
        description = {
            "Copy a cache from s3://… (or any store) into a local SSD-tier folder once: every file is checked by size"
                    + " and CRC32C before it counts, verified copies are kept, so a rerun fetches only what is"
                    + " missing; manifests and metadata come last.",
            "Exit codes: 0 all copied, 1 failure (run again to finish)."
        })
final class PopulateCacheCommand extends CommandBase {
    @Option(names = "--from", required = true, paramLabel = "URL", description = "The cache: s3://bucket/prefix.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "PATH", description = "The SSD-tier folder.")
    Path to;

    @Option(
            names = "--capacity-gb",
            paramLabel = "GB",
            description = "Space the tier may use (default: the free space of its disk).")
    Double capacityGb;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (capacityGb != null && !(capacityGb > 0)) {
            throw usage("--capacity-gb must be positive, got " + capacityGb);
        }
        Files.createDirectories(to);
        long capacity = capacityGb != null
                ? (long) (capacityGb * 1e9)
                : Files.getFileStore(to).getUsableSpace();
        CacheTransfers.Result result;
        try (BlobStore source = openStore(from);
                SsdVolume tier = SsdVolume.open(to, capacity);
                Progress progress = progress("populate", 1, "B")) {
            result = CacheTransfers.populate(
                    source, tier, TransferOptions.defaults().withListener(bytes(progress)));
        }
        if (json) {
            printJson(Transfer.json(result));
        } else {
            Transfer.print(out(), result);
        }
        return Transfer.exit(err(), result);
    }
}
