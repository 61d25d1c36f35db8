package io.github.braingobrr.storage.s3;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.testing.BlobStoreContract;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract against S3Proxy's filesystem backend, at the bucket root (no key prefix). */
class S3FilesystemContractTest extends BlobStoreContract {
    private static S3ProxyServer server;
    private static Path root;
    private static int buckets;

    @BeforeAll
    static void startServer() throws Exception {
        root = Files.createTempDirectory("bgb-s3proxy-fs");
        server = S3ProxyServer.builder().filesystem(root).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected BlobStore createStore() throws Exception {
        String bucket = "fs-contract-" + (++buckets);
        server.createBucket(bucket);
        return BlobStores.open(Location.parse("s3://" + bucket), server.options());
    }
}
