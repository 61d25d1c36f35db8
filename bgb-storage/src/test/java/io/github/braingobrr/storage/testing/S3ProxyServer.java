package io.github.braingobrr.storage.testing;

import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real S3 API server (S3Proxy) running in-process on a random 127.0.0.1 port, for tests in this and
 * other modules (it ships in the bgb-storage test-jar).
 *
 * <p>The backend is S3Proxy's transient (in-memory) store or its filesystem store under a directory; the
 * filesystem backend survives {@link #stop()} and {@link #start()} on the same port, which is how tests kill
 * the server in the middle of a transfer. Every GET, HEAD, PUT and LIST that reaches the backend is counted
 * ({@link #gets()}, …), so tests can prove that a read was (or was not) served by S3. An optional
 * {@link Builder#middleware middleware} wraps the backend, for example to answer AccessDenied for some keys.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** The access key the server accepts. */
    public static final String ACCESS_KEY = "bgb-test-access";
    /** The secret key the server accepts. */
    public static final String SECRET_KEY = "bgb-test-secret-key";

    private final BlobStore backend;
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final java.util.List<String> storageClasses = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile S3Proxy proxy;
    private volatile int port;

    private S3ProxyServer(BlobStore raw, UnaryOperator<BlobStore> middleware, int port) {
        this.backend = new Counting(middleware.apply(raw), counts, storageClasses);
        this.port = port;
    }

    /** A started server with an in-memory backend. */
    public static S3ProxyServer startTransient() {
        return builder().start();
    }

    /** A builder: transient backend, random port, no middleware. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for S3Proxy server fixtures. */
    public static final class Builder {
        private Path filesystemRoot;
        private UnaryOperator<BlobStore> middleware = UnaryOperator.identity();
        private int port;

        private Builder() {}

        /** Keep objects in files under {@code root} (S3Proxy's filesystem backend) instead of in memory. */
        public Builder filesystem(Path root) {
            this.filesystemRoot = Objects.requireNonNull(root);
            return this;
        }

        /** Wrap the backend, for example in a {@link ForwardingBlobStore} that injects errors. */
        public Builder middleware(UnaryOperator<BlobStore> middleware) {
            this.middleware = Objects.requireNonNull(middleware);
            return this;
        }

        /** Listen on this port (0, the default, picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Builds and starts the server. */
        public S3ProxyServer start() {
            BlobStore raw = filesystemRoot == null
                    ? new TransientNio2BlobStore()
                    : new FilesystemNio2BlobStore(
                            filesystemRoot.toAbsolutePath().toString());
            S3ProxyServer server = new S3ProxyServer(raw, middleware, port);
            server.start();
            return server;
        }
    }

    /** Starts (or restarts, on the same port) the server. */
    public synchronized void start() {
        if (proxy != null) {
            return;
        }
        S3Proxy p = S3Proxy.builder()
                .blobStore(backend)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            p.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(p.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 10 s: " + p.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy on 127.0.0.1:" + port, e);
        }
        port = p.getPort();
        proxy = p;
    }

    /** Stops the server; open connections are cut. The backend (and, for filesystem, its files) stays. */
    public synchronized void stop() {
        S3Proxy p = proxy;
        proxy = null;
        if (p != null) {
            try {
                p.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop S3Proxy", e);
            }
        }
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The endpoint URL, {@code http://127.0.0.1:port}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Store options that reach this server with the right credentials and no environment. */
    public StoreOptions options() {
        return options(endpoint());
    }

    /** Store options that reach this server through another endpoint (a shaping or faulting proxy). */
    public static StoreOptions options(URI endpoint) {
        return StoreOptions.defaults()
                .withEndpoint(endpoint)
                .withRegion("us-east-1")
                .withCredentials(ACCESS_KEY, SECRET_KEY)
                .withMaxAttempts(3);
    }

    /** Creates a bucket (idempotent). */
    public void createBucket(String bucket) {
        if (!backend.containerExists(bucket)) {
            backend.createContainer(bucket);
        }
    }

    /** {@code s3://bucket/prefix} on this server. */
    public Location location(String bucket, String prefix) {
        return Location.parse("s3://" + bucket + "/" + prefix);
    }

    /** The backend (for direct inspection and setup that bypasses HTTP). */
    public BlobStore backend() {
        return backend;
    }

    /** GET requests that reached the backend. */
    public int gets() {
        return count("get");
    }

    /** HEAD requests that reached the backend. */
    public int heads() {
        return count("head");
    }

    /** Objects stored through the backend's put call (single-part PUTs, and S3Proxy's multipart completions). */
    public int puts() {
        return count("put");
    }

    /** Multipart uploads completed. */
    public int multipartCompletions() {
        return count("complete");
    }

    /** Parts of multipart uploads that reached the backend. */
    public int partUploads() {
        return count("part");
    }

    /** Listing requests that reached the backend. */
    public int lists() {
        return count("list");
    }

    /**
     * The storage class each PUT and multipart initiation asked for, in order (S3Proxy 4.1's own backends
     * keep it for single-part objects but not for completed multipart uploads, so tests check the request).
     */
    public java.util.List<String> requestedStorageClasses() {
        return java.util.List.copyOf(storageClasses);
    }

    /** Sets all request counters to zero and forgets the requested storage classes. */
    public void resetCounts() {
        counts.clear();
        storageClasses.clear();
    }

    private int count(String op) {
        AtomicInteger c = counts.get(op);
        return c == null ? 0 : c.get();
    }

    @Override
    public void close() {
        stop();
    }

    /** Counts the calls that reach the real backend. */
    private static final class Counting extends ForwardingBlobStore {
        private final ConcurrentHashMap<String, AtomicInteger> counts;
        private final java.util.List<String> storageClasses;

        Counting(
                BlobStore delegate,
                ConcurrentHashMap<String, AtomicInteger> counts,
                java.util.List<String> storageClasses) {
            super(delegate);
            this.counts = counts;
            this.storageClasses = storageClasses;
        }

        @Override
        public org.gaul.s3proxy.blobstore.domain.MultipartUpload initiateMultipartUpload(
                software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest request) {
            hit("initiate");
            storageClasses.add(String.valueOf(request.storageClassAsString()));
            return super.initiateMultipartUpload(request);
        }

        private void hit(String op) {
            counts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
            hit("get");
            return super.getBlob(request);
        }

        @Override
        public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
            hit("head");
            return super.blobMetadata(request);
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, java.io.InputStream input) {
            hit("put");
            storageClasses.add(String.valueOf(request.storageClassAsString()));
            return super.putBlob(request, input);
        }

        @Override
        public software.amazon.awssdk.services.s3.model.UploadPartResponse uploadMultipartPart(
                org.gaul.s3proxy.blobstore.domain.MultipartUpload upload,
                software.amazon.awssdk.services.s3.model.UploadPartRequest request,
                java.io.InputStream input) {
            hit("part");
            return super.uploadMultipartPart(upload, request, input);
        }

        @Override
        public software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse completeMultipartUpload(
                org.gaul.s3proxy.blobstore.domain.MultipartUpload upload,
                software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest request) {
            hit("complete");
            return super.completeMultipartUpload(upload, request);
        }

        @Override
        public ListObjectsV2Response list(ListObjectsV2Request request) {
            hit("list");
            return super.list(request);
        }
    }
}
