package io.github.braingobrr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An S3-compatible server for trying the S3 tier without AWS: S3Proxy in this JVM, on {@code 127.0.0.1}, keeping
 * each bucket as a folder of files under one directory (so objects survive a restart), with optional added
 * latency per request to imitate a remote store. It speaks AWS Signature V2 and V4 with fixed credentials.
 *
 * <pre>{@code
 * try (var s3 = EmbeddedS3Server.builder(Path.of("s3-data")).bucket("demo").start()) {
 *     s3.environment().forEach((k, v) -> System.out.println("export " + k + "=" + v));
 *     // point any S3 client at s3.endpoint() with s3.accessKey() / s3.secretKey()
 * }
 * }</pre>
 */
public final class EmbeddedS3Server implements AutoCloseable {
    /** The access key the server accepts unless the builder sets another. */
    public static final String DEFAULT_ACCESS_KEY = "bgb-dev";
    /** The secret key the server accepts unless the builder sets another. */
    public static final String DEFAULT_SECRET_KEY = "bgb-dev-secret";
    /** The region clients should sign for (the server accepts any). */
    public static final String REGION = "us-east-1";

    private final Path directory;
    private final BlobStore backend;
    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;
    private final Duration latency;

    private EmbeddedS3Server(Builder b, BlobStore backend, S3Proxy proxy) {
        this.directory = b.directory;
        this.backend = backend;
        this.proxy = proxy;
        this.accessKey = b.accessKey;
        this.secretKey = b.secretKey;
        this.latency = b.latency;
    }

    /** A builder for a server keeping its buckets under {@code directory} (created if missing). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Options of the server; {@link #start()} starts it. */
    public static final class Builder {
        private final Path directory;
        private int port;
        private Duration latency = Duration.ZERO;
        private String accessKey = DEFAULT_ACCESS_KEY;
        private String secretKey = DEFAULT_SECRET_KEY;
        private final List<String> buckets = new ArrayList<>();

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** Listen on this port of 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (any free port) to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Delay each request by this long before answering it (default none). */
        public Builder latency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, got " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** The credentials clients must sign with. */
        public Builder credentials(String accessKey, String secretKey) {
            if (accessKey.isBlank() || secretKey.isBlank()) {
                throw new IllegalArgumentException("access key and secret key must not be blank");
            }
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            return this;
        }

        /** Create this bucket at start unless it exists (a folder under the directory). */
        public Builder bucket(String name) {
            buckets.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IOException when the directory cannot be created or the port cannot be bound (the message
         *     names them)
         */
        public EmbeddedS3Server start() throws IOException {
            Path dir = directory.toAbsolutePath();
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IOException(directory + " is not a folder; the S3 server keeps its buckets in a folder");
            }
            Files.createDirectories(dir);
            BlobStore store = new FilesystemNio2BlobStore(dir.toString());
            if (!latency.isZero()) {
                store = new Delayed(store, latency);
            }
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    .ignoreUnknownHeaders(true)
                    .build();
            try {
                proxy.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!"STARTED".equals(proxy.getState())) {
                    if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                        throw new IOException("the S3 server did not start (state " + proxy.getState() + ")");
                    }
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                stopQuietly(proxy);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the S3 server", e);
            } catch (Exception e) {
                stopQuietly(proxy);
                throw new IOException(
                        "cannot start the S3 server on 127.0.0.1:" + (port == 0 ? "(any port)" : port) + ": " + e
                                + (port == 0 ? "" : "; is the port in use? choose another with --port"),
                        e);
            }
            EmbeddedS3Server server = new EmbeddedS3Server(this, store, proxy);
            for (String bucket : buckets) {
                server.createBucket(bucket);
            }
            return server;
        }
    }

    /** The endpoint URL, {@code http://127.0.0.1:port}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The port the server listens on. */
    public int port() {
        return proxy.getPort();
    }

    /** The folder that holds the buckets. */
    public Path directory() {
        return directory;
    }

    /** The access key clients sign with. */
    public String accessKey() {
        return accessKey;
    }

    /** The secret key clients sign with. */
    public String secretKey() {
        return secretKey;
    }

    /** The delay added to each request. */
    public Duration latency() {
        return latency;
    }

    /**
     * The environment variables that point the AWS SDKs and CLI (and bgb) at this server: {@code
     * AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        env.put("AWS_REGION", REGION);
        return env;
    }

    /** Creates a bucket unless it exists. */
    public void createBucket(String name) {
        if (!backend.containerExists(name)) {
            backend.createContainer(name);
        }
    }

    /** The buckets, by name. */
    public List<String> buckets() {
        return backend.list().buckets().stream()
                .map(software.amazon.awssdk.services.s3.model.Bucket::name)
                .toList();
    }

    /** Stops the server; the buckets stay on disk. */
    @Override
    public void close() {
        stopQuietly(proxy);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(EmbeddedS3Server.class).warn("stopping the S3 server: {}", e.toString());
        }
    }

    /** Sleeps before every request that reaches the backend. */
    private static final class Delayed extends ForwardingBlobStore {
        private final long millis;

        Delayed(BlobStore delegate, Duration latency) {
            super(delegate);
            this.millis = latency.toMillis();
        }

        private void pause() {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public ListBucketsResponse list() {
            pause();
            return super.list();
        }

        @Override
        public ListObjectsV2Response list(ListObjectsV2Request request) {
            pause();
            return super.list(request);
        }

        @Override
        public HeadBucketResponse headBucket(HeadBucketRequest request) {
            pause();
            return super.headBucket(request);
        }

        @Override
        public CreateBucketResponse createContainer(CreateBucketRequest request) {
            pause();
            return super.createContainer(request);
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
            pause();
            return super.putBlob(request, input);
        }

        @Override
        public CopyObjectResponse copyBlob(CopyObjectRequest request) {
            pause();
            return super.copyBlob(request);
        }

        @Override
        public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
            pause();
            return super.blobMetadata(request);
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
            pause();
            return super.getBlob(request);
        }

        @Override
        public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
            pause();
            return super.removeBlob(request);
        }

        @Override
        public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
            pause();
            return super.initiateMultipartUpload(request);
        }

        @Override
        public UploadPartResponse uploadMultipartPart(
                MultipartUpload upload, UploadPartRequest request, InputStream input) {
            pause();
            return super.uploadMultipartPart(upload, request, input);
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(
                MultipartUpload upload, CompleteMultipartUploadRequest request) {
            pause();
            return super.completeMultipartUpload(upload, request);
        }
    }
}
