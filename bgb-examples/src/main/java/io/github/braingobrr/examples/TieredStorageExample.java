package io.github.braingobrr.examples;

import io.github.braingobrr.cache.Batch;
import io.github.braingobrr.cache.BatchIterator;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CacheSplit;
import io.github.braingobrr.cache.CacheTransfers;
import io.github.braingobrr.cache.ValidationReport;
import io.github.braingobrr.cache.WindowRef;
import io.github.braingobrr.cache.sampling.BalancedSampler;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import io.github.braingobrr.storage.tiered.SsdVolume;
import io.github.braingobrr.storage.tiered.TieredBlobStore;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.storage.transfer.TransferResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The tiered read of a training job: a local cache is uploaded to S3 (the authoritative copy), populated once into an
 * SSD-tier folder (every file checked by size and CRC32C), verified there, and one balanced batch of the train split
 * is read straight from S3 and through a {@link TieredBlobStore} (served by the SSD tier, S3 only on a miss), printing
 * windows/s for both and whether the two batches hold the same samples.
 *
 * <p>The S3 endpoint may be given as the fourth argument; it, the credentials and the region otherwise come from the
 * standard AWS chain ({@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code
 * AWS_REGION}, which {@code bgb s3-server} prints for its embedded server).
 *
 * <pre>
 * ./bgb s3-server --dir demo/s3 --bucket bgb-demo &amp;    # then export the variables it prints
 * java -cp bgb-cli/target/bgb.jar:bgb-examples/target/classes io.github.braingobrr.examples.TieredStorageExample \
 *     demo/cache s3://bgb-demo/cache demo/ssd
 * </pre>
 */
public final class TieredStorageExample {
    private static final int BATCH_SIZE = 16;

    private TieredStorageExample() {}

    /**
     * {@code args[0]}: a local cache folder; {@code args[1]}: the S3 location to upload it to; {@code args[2]}: the
     * SSD-tier folder; {@code args[3]} (optional): the S3 endpoint URL.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: TieredStorageExample CACHE_DIR s3://BUCKET/PREFIX SSD_DIR [ENDPOINT_URL]");
            return;
        }
        StoreOptions options = StoreOptions.defaults();
        if (args.length == 4) {
            options = options.withEndpoint(URI.create(args[3]));
        }
        Path ssdDir = Files.createDirectories(Path.of(args[2]));
        long ssdBudget = Files.getFileStore(ssdDir).getUsableSpace();
        try (BlobStore s3 = BlobStores.open(Location.parse(args[1]), options)) {
            print("upload", CacheTransfers.upload(Path.of(args[0]), s3, TransferOptions.defaults()));
            try (SsdVolume ssd = SsdVolume.open(ssdDir, ssdBudget)) {
                print("populate", CacheTransfers.populate(s3, ssd, TransferOptions.defaults()));
                ValidationReport report = CacheTransfers.verify(ssd, true);
                System.out.println("verify (every checksum): " + report.summary());
                if (!report.isValid()) {
                    throw new IOException("the SSD tier's copy failed verification: " + report.summary());
                }
            }

            try (TieredBlobStore tiered = TieredBlobStore.over(s3, ssdDir, ssdBudget);
                    Cache fromS3 = Cache.open(s3);
                    Cache fromTier = Cache.open(tiered)) {
                List<WindowRef> windows = BalancedSampler.defaults()
                        .sample(fromTier.split("train").manifest())
                        .windows();
                windows = windows.subList(0, Math.min(BATCH_SIZE, windows.size()));
                Batch a = read("s3", fromS3.split("train"), windows);
                Batch b = read("ssd tier", fromTier.split("train"), windows);
                System.out.println("same samples from both tiers: "
                        + (Arrays.equals(a.signals(), b.signals()) && Arrays.equals(a.labels(), b.labels())));
            }
        }
    }

    private static void print(String step, CacheTransfers.Result result) throws IOException {
        TransferResult data = result.data();
        System.out.printf(
                Locale.ROOT,
                "%s to %s: %d cache files copied (%d already there), %.1f MB in %.2f s%n",
                step,
                data.target(),
                data.transferred(),
                data.skipped(),
                data.bytesTransferred() / 1e6,
                data.elapsed().toMillis() / 1e3);
        if (!result.succeeded()) {
            throw new IOException(step + " to " + data.target() + " failed: " + data.failures());
        }
    }

    /** Reads {@code windows} from {@code split} as one batch; prints its shape, the sum of its samples and the rate. */
    private static Batch read(String tier, CacheSplit split, List<WindowRef> windows) throws IOException {
        try (BatchIterator it = split.batches(windows).batchSize(windows.size()).open()) {
            Batch batch = it.nextBatch();
            double sum = 0;
            for (float v : batch.signals()) {
                sum += v;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d x %d x %d, sum of samples %.6f, %.1f windows/s%n",
                    tier,
                    batch.size(),
                    batch.channels(),
                    batch.length(),
                    sum,
                    it.stats().windowsPerSecond());
            return batch;
        }
    }
}
