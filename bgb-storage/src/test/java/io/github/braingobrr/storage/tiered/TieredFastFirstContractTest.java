package io.github.braingobrr.storage.tiered;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.testing.BlobStoreContract;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract for an SSD tier read-through over S3, fast tier first. */
class TieredFastFirstContractTest extends BlobStoreContract {
    private static S3ProxyServer server;
    private static int buckets;
    private BlobStore s3;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.startTransient();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    protected TierPolicy policy() {
        return TierPolicy.FAST_FIRST;
    }

    @Override
    protected BlobStore createStore() throws Exception {
        String bucket = "tiered-" + policy().name().toLowerCase().replace('_', '-') + "-" + (++buckets);
        server.createBucket(bucket);
        s3 = BlobStores.open(server.location(bucket, "cache"), server.options());
        return new TieredBlobStore(SsdVolume.open(scratch.resolve("ssd"), 64L << 20), s3, policy());
    }

    @Override
    protected void destroy() throws Exception {
        s3.close();
    }
}
