package io.github.braingobrr.storage.s3;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.testing.BlobStoreContract;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract against S3Proxy's in-memory backend, under a key prefix. */
class S3TransientContractTest extends BlobStoreContract {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.startTransient();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected BlobStore createStore() throws Exception {
        String bucket = "contract-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
        return BlobStores.open(server.location(bucket, "cache/tusz"), server.options());
    }
}
