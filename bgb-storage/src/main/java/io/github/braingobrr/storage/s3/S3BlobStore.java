package io.github.braingobrr.storage.s3;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobNotFoundException;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BucketNotFoundException;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.InvalidLocationException;
import io.github.braingobrr.storage.Keys;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageException;
import io.github.braingobrr.storage.StoreOptions;
import io.github.braingobrr.storage.VerifyingInputStream;
import io.github.braingobrr.storage.WriteOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A store on an S3 bucket and key prefix, over the AWS SDK v2 asynchronous client (Netty).
 *
 * <ul>
 *   <li>Positional reads are ranged GETs ({@code Range: bytes=a-b}, with {@code If-Match} on the ETag seen
 *       at open, so an object replaced mid-read fails instead of mixing versions), on a client without
 *       multipart support: nothing is downloaded ahead and no part-number GETs are sent.
 *   <li>Uploads of at least {@link StoreOptions#multipartThreshold()} bytes go through the SDK's multipart
 *       client (parts sent in parallel; a failed upload is aborted, so no partial object appears).
 *   <li>Every object bgb writes carries its whole-content CRC32C in the user metadata
 *       {@code x-amz-meta-bgb-crc32c}; single-part PUTs also send {@code x-amz-checksum-crc32c}, which S3
 *       checks on arrival, and multipart parts carry per-part CRC32C checksums. Whole-object reads verify the
 *       recorded CRC32C and length at the end of the stream.
 *   <li>Requests are retried by the SDK itself with its adaptive retry strategy (client-side rate limiting
 *       on throttling), {@link StoreOptions#maxAttempts()} attempts in all; bgb adds no retry loop.
 * </ul>
 */
public final class S3BlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    /** The user-metadata name (without {@code x-amz-meta-}) that holds the whole-object CRC32C in hex. */
    public static final String CRC_METADATA = "bgb-crc32c";

    private static final int DELETE_BATCH = 1000;

    private final Location root;
    private final String bucket;
    private final String prefix;
    private final S3Settings settings;
    private final StoreOptions options;
    private final SdkEventLoopGroup eventLoops;
    private final SdkAsyncHttpClient http;
    private final S3AsyncClient client;
    private final S3AsyncClient uploads;
    private final S3Errors errors;
    private volatile boolean bucketSeen;

    private S3BlobStore(Location root, StoreOptions options, S3Settings settings) {
        this.root = root;
        this.bucket = root.bucket();
        this.prefix = root.path().isEmpty() ? "" : root.path() + "/";
        this.settings = settings;
        this.options = options;
        // our own event loops, so close() can skip Netty's default two-second quiet period
        this.eventLoops = SdkEventLoopGroup.builder().build();
        this.http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(eventLoops)
                .maxConcurrency(options.maxConnections())
                .connectionTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .build();
        this.client = builder(b -> b.multipartEnabled(false));
        this.uploads = builder(b -> b.multipartEnabled(true)
                .multipartConfiguration(m ->
                        m.thresholdInBytes(options.multipartThreshold()).minimumPartSizeInBytes(options.partSize())));
        this.errors = new S3Errors(settings.describeEndpoint(), options.maxAttempts());
    }

    /**
     * Opens {@code s3://bucket/prefix} with {@code options}; what they leave empty comes from the AWS chain
     * and {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}, read now. No request is sent until the
     * store is used.
     */
    public static S3BlobStore open(Location root, StoreOptions options) {
        if (!root.scheme().equals("s3")) {
            throw new InvalidLocationException(root.toString(), "an S3 store needs an s3://bucket/prefix location");
        }
        S3Settings settings = S3Settings.resolve(options, System.getenv(), S3BlobStore::regionFromChain);
        LOG.debug(
                "opening {} at {} (region {}, path-style {})",
                root,
                settings.describeEndpoint(),
                settings.region(),
                settings.pathStyle());
        return new S3BlobStore(root, options, settings);
    }

    private static Optional<String> regionFromChain() {
        try {
            return Optional.of(new DefaultAwsRegionProviderChain().getRegion().id());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    private S3AsyncClient builder(Consumer<S3AsyncClientBuilder> multipart) {
        AwsCredentialsProvider credentials = options.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        options.accessKeyId().get(), options.secretAccessKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        S3AsyncClientBuilder b = S3AsyncClient.builder()
                .httpClient(http)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                        .maxAttempts(options.maxAttempts())
                        .build()));
        settings.endpoint().ifPresent(b::endpointOverride);
        if (settings.endpoint().isEmpty() && settings.regionGuessed()) {
            b.crossRegionAccessEnabled(true);
        }
        multipart.accept(b);
        return b.build();
    }

    /** The region requests are signed for (from the options, the AWS chain, or {@code us-east-1}). */
    public String region() {
        return settings.region();
    }

    /**
     * The bucket's region as S3 reports it: the {@code x-amz-bucket-region} of a HeadBucket, else GetBucketLocation
     * (an empty location constraint is {@code us-east-1}, the legacy {@code EU} is {@code eu-west-1}). It also proves
     * that the credentials resolve and the bucket exists.
     *
     * @throws BucketNotFoundException when the bucket does not exist
     * @throws io.github.braingobrr.storage.StorageAccessDeniedException when there are no credentials, they are
     *     wrong, or they may not see the bucket
     */
    public String bucketRegion() throws IOException {
        String region;
        try {
            region =
                    errors.await(client.headBucket(b -> b.bucket(bucket)), root).bucketRegion();
        } catch (BlobNotFoundException e) {
            throw new BucketNotFoundException(root, bucket, settings.describeEndpoint(), e);
        }
        bucketSeen = true;
        if (region != null && !region.isEmpty()) {
            return region;
        }
        String constraint = errors.await(client.getBucketLocation(b -> b.bucket(bucket)), root)
                .locationConstraintAsString();
        if (constraint == null || constraint.isEmpty()) {
            return "us-east-1";
        }
        return constraint.equals("EU") ? "eu-west-1" : constraint;
    }

    @Override
    public Location root() {
        return root;
    }

    private String objectKey(String key) {
        return prefix + Keys.checkKey(key);
    }

    @Override
    public List<BlobInfo> list(String listPrefix) throws IOException {
        Keys.checkPrefix(listPrefix);
        Location where = listPrefix.isEmpty() ? root : root.resolve(stripSlash(listPrefix));
        List<BlobInfo> out = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder req =
                    ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + listPrefix);
            if (token != null) {
                req.continuationToken(token);
            }
            ListObjectsV2Response page = errors.await(client.listObjectsV2(req.build()), where);
            bucketSeen = true;
            for (S3Object o : page.contents()) {
                String key = o.key().substring(prefix.length());
                if (key.isEmpty() || key.endsWith("/")) {
                    continue; // a "folder" marker written by consoles and other tools
                }
                try {
                    Keys.checkKey(key);
                } catch (InvalidLocationException e) {
                    LOG.debug("skipping s3://{}/{}: {}", bucket, o.key(), e.getMessage());
                    continue;
                }
                out.add(new BlobInfo(key, o.size(), o.lastModified(), Optional.empty()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        out.sort(Comparator.comparing(BlobInfo::key));
        return out;
    }

    private static String stripSlash(String p) {
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Override
    public Optional<BlobInfo> find(String key) throws IOException {
        return head(key)
                .map(h -> info(
                        key, h.contentLength(), h.lastModified(), h.metadata(), h.checksumCRC32C(), h.checksumType()));
    }

    /** HEAD of {@code key}, empty when absent (a missing bucket is an error, not an absent key). */
    Optional<HeadObjectResponse> head(String key) throws IOException {
        Location loc = root.resolve(key);
        try {
            return Optional.of(errors.await(
                    client.headObject(b -> b.bucket(bucket).key(objectKey(key)).checksumMode(ChecksumMode.ENABLED)),
                    loc));
        } catch (BlobNotFoundException e) {
            checkBucket(loc);
            return Optional.empty();
        }
    }

    /** A 404 on HEAD has no body, so it cannot say whether the key or the bucket is missing: ask once. */
    private void checkBucket(Location loc) throws IOException {
        if (bucketSeen) {
            return;
        }
        try {
            errors.await(client.headBucket(b -> b.bucket(bucket)), loc);
            bucketSeen = true;
        } catch (BlobNotFoundException e) {
            throw new BucketNotFoundException(loc, bucket, settings.describeEndpoint(), e);
        }
    }

    private static BlobInfo info(
            String key,
            Long size,
            Instant modified,
            Map<String, String> metadata,
            String serverCrc,
            ChecksumType type) {
        return new BlobInfo(
                key,
                size == null ? 0 : size,
                modified == null ? Instant.EPOCH : modified,
                recordedCrc(metadata, serverCrc, type));
    }

    /** The whole-object CRC32C: bgb's metadata, else S3's own full-object checksum (not a composite one). */
    static Optional<Crc32c> recordedCrc(Map<String, String> metadata, String serverCrc, ChecksumType type) {
        String hex = metadata == null ? null : metadata.get(CRC_METADATA);
        if (hex != null) {
            try {
                return Optional.of(Crc32c.parseHex(hex));
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring malformed {} metadata '{}'", CRC_METADATA, hex);
            }
        }
        if (serverCrc != null && !serverCrc.contains("-") && type != ChecksumType.COMPOSITE) {
            try {
                return Optional.of(Crc32c.parseBase64(serverCrc));
            } catch (IllegalArgumentException e) {
                LOG.debug("ignoring server CRC32C '{}'", serverCrc);
            }
        }
        return Optional.empty();
    }

    @Override
    public InputFile open(String key) throws IOException {
        Optional<HeadObjectResponse> h = head(key);
        if (h.isEmpty()) {
            throw new BlobNotFoundException(root.resolve(key), "NoSuchKey", null);
        }
        HeadObjectResponse r = h.get();
        return new S3InputFile(
                this,
                key,
                r.contentLength(),
                r.eTag(),
                recordedCrc(r.metadata(), r.checksumCRC32C(), r.checksumType()));
    }

    @Override
    public InputStream openStream(String key) throws IOException {
        ResponseInputStream<GetObjectResponse> in = get(key, null, null);
        GetObjectResponse r = in.response();
        return new VerifyingInputStream(
                new SdkErrorMappingStream(in, root.resolve(key), errors),
                root.resolve(key),
                OptionalLong.of(r.contentLength()),
                recordedCrc(r.metadata(), r.checksumCRC32C(), r.checksumType()));
    }

    /** A GET as a blocking stream; {@code range} and {@code ifMatch} may be null. */
    ResponseInputStream<GetObjectResponse> get(String key, String range, String ifMatch) throws IOException {
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(objectKey(key));
        if (range != null) {
            req.range(range);
        } else {
            req.checksumMode(ChecksumMode.ENABLED);
        }
        if (ifMatch != null) {
            req.ifMatch(ifMatch);
        }
        return errors.await(
                client.getObject(req.build(), AsyncResponseTransformer.toBlockingInputStream()), root.resolve(key));
    }

    /** A ranged GET into memory; the If-Match guard fails it if the object was replaced. */
    byte[] getRange(String key, long first, long last, String ifMatch) throws IOException {
        GetObjectRequest.Builder req =
                GetObjectRequest.builder().bucket(bucket).key(objectKey(key)).range("bytes=" + first + "-" + last);
        if (ifMatch != null) {
            req.ifMatch(ifMatch);
        }
        ResponseBytes<GetObjectResponse> bytes =
                errors.await(client.getObject(req.build(), AsyncResponseTransformer.toBytes()), root.resolve(key));
        return bytes.asByteArrayUnsafe();
    }

    @Override
    public Crc32c checksum(String key) throws IOException {
        try (InputStream in = new SdkErrorMappingStream(get(key, null, null), root.resolve(key), errors)) {
            return Crc32c.of(in);
        }
    }

    @Override
    public BlobInfo write(String key, Path source, WriteOptions options) throws IOException {
        Location loc = root.resolve(key);
        long size;
        try {
            size = Files.size(source);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(Location.of(source), "the source file to upload", e);
        }
        // a given checksum is trusted (transfers compute it just before); single-part PUTs have S3 verify it
        Crc32c crc = options.expectedCrc32c().orElse(null);
        if (crc == null) {
            crc = Crc32c.of(source);
        }
        options.check(loc, size, crc);
        put(key, size, crc, options, AsyncRequestBody.fromFile(source));
        return new BlobInfo(key, size, Instant.now(), Optional.of(crc));
    }

    @Override
    public BlobInfo write(String key, InputStream source, WriteOptions options) throws IOException {
        Path spool = Files.createTempFile("bgb-s3-upload-", ".tmp");
        try {
            CRC32C crc = new CRC32C();
            long size = 0;
            try (FileChannel out = FileChannel.open(spool, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = source.read(buf)) >= 0; ) {
                    crc.update(buf, 0, n);
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                    size += n;
                }
            }
            Crc32c actual = Crc32c.of(crc);
            options.check(root.resolve(key), size, actual);
            return write(key, spool, options.withExpectedCrc32c(actual).withExpectedSize(size));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public BlobInfo write(String key, byte[] content, WriteOptions options) throws IOException {
        Crc32c actual = Crc32c.of(content);
        options.check(root.resolve(key), content.length, actual);
        put(key, content.length, actual, options, AsyncRequestBody.fromBytes(content));
        return new BlobInfo(key, content.length, Instant.now(), Optional.of(actual));
    }

    private void put(String key, long size, Crc32c crc, WriteOptions options, AsyncRequestBody body)
            throws IOException {
        PutObjectRequest.Builder req = PutObjectRequest.builder()
                .bucket(bucket)
                .key(objectKey(key))
                .contentLength(size)
                .metadata(Map.of(CRC_METADATA, crc.hex()));
        if (size < this.options.multipartThreshold()) {
            req.checksumCRC32C(crc.base64()); // S3 verifies the body against it
        } else {
            req.checksumAlgorithm(ChecksumAlgorithm.CRC32_C); // per-part checksums computed by the SDK
        }
        options.storageClass().ifPresent(sc -> req.storageClass(sc.name()));
        errors.await(uploads.putObject(req.build(), body), root.resolve(key));
        bucketSeen = true;
    }

    @Override
    public void delete(String key) throws IOException {
        errors.await(client.deleteObject(b -> b.bucket(bucket).key(objectKey(key))), root.resolve(key));
    }

    @Override
    public int deleteByPrefix(String deletePrefix) throws IOException {
        List<BlobInfo> all = list(deletePrefix);
        int deleted = 0;
        for (int i = 0; i < all.size(); i += DELETE_BATCH) {
            List<ObjectIdentifier> ids = new ArrayList<>();
            for (BlobInfo b : all.subList(i, Math.min(all.size(), i + DELETE_BATCH))) {
                ids.add(ObjectIdentifier.builder().key(objectKey(b.key())).build());
            }
            Location where = deletePrefix.isEmpty() ? root : root.resolve(stripSlash(deletePrefix));
            DeleteObjectsResponse r = errors.await(
                    client.deleteObjects(b -> b.bucket(bucket)
                            .delete(Delete.builder().objects(ids).quiet(true).build())),
                    where);
            if (r.hasErrors() && !r.errors().isEmpty()) {
                var first = r.errors().get(0);
                throw new StorageException(
                        where,
                        r.errors().size() + " of " + ids.size()
                                + " deletes failed, first s3://" + bucket + "/" + first.key() + ": " + first.code()
                                + " "
                                + first.message() + "; "
                                + (deleted + ids.size() - r.errors().size())
                                + " were deleted, run again to retry the rest");
            }
            deleted += ids.size();
        }
        return deleted;
    }

    S3Errors errors() {
        return errors;
    }

    @Override
    public void close() {
        client.close();
        uploads.close();
        http.close();
        eventLoops.eventLoopGroup().shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + root + " at " + settings.describeEndpoint() + "]";
    }

    /** Surfaces unchecked SDK failures during a body read as storage exceptions. */
    static final class SdkErrorMappingStream extends FilterInputStream {
        private final Location location;
        private final S3Errors errors;
        private boolean atEnd;

        SdkErrorMappingStream(InputStream in, Location location, S3Errors errors) {
            super(in);
            this.location = location;
            this.errors = errors;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n < 0) {
                    atEnd = true;
                }
                return n;
            } catch (RuntimeException | IOException e) {
                throw errors.map(e, location);
            }
        }

        @Override
        public void close() throws IOException {
            if (!atEnd && in instanceof ResponseInputStream<?> r) {
                r.abort(); // do not drain the rest of a large body just to close it
            }
            in.close();
        }
    }

    static StorageException shortRead(Location loc, long first, int expected, int got) {
        return new StorageException(
                loc,
                "ranged GET at offset " + first + " returned " + got + " bytes instead of " + expected
                        + "; the server ignored or truncated the range, retry");
    }
}
