package io.github.braingobrr.cache;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.storage.transfer.Transfers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An in-process S3 server with a bucket {@code bgb} for data trees: it records every GET of an EDF object with its
 * range, so tests can prove what was downloaded, and uploads local trees to it.
 */
final class S3DataServer implements AutoCloseable {
    private final List<String> edfGets = new CopyOnWriteArrayList<>();
    private final S3ProxyServer server;

    private S3DataServer() {
        server = S3ProxyServer.builder()
                .middleware(store -> new ForwardingBlobStore(store) {
                    @Override
                    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
                        if (request.key().endsWith(".edf")) {
                            edfGets.add(request.key() + " " + (request.range() == null ? "" : request.range()));
                        }
                        return super.getBlob(request);
                    }
                })
                .start();
        server.createBucket("bgb");
    }

    static S3DataServer start() {
        return new S3DataServer();
    }

    /** Every GET of an EDF object that reached the server: key, a space and the range ("" for the whole object). */
    List<String> edfGets() {
        return edfGets;
    }

    StoreOptions options() {
        return server.options();
    }

    /** Copies the local tree to {@code location} ({@code s3://bgb/…}). */
    void upload(Path tree, String location) throws IOException {
        try (BlobStore s3 = BlobStores.open(Location.parse(location), server.options())) {
            Transfers.upload(tree, s3, TransferOptions.defaults());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
