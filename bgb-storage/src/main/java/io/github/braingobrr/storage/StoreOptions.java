package io.github.braingobrr.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a store. Only S3 uses these; local stores ignore them. Anything left empty comes from the
 * standard AWS chain when the store is opened (not when this class is loaded): region from
 * {@code AWS_REGION} / profile / instance metadata, credentials from the default provider chain, and the
 * endpoint from {@code AWS_ENDPOINT_URL_S3}, then {@code AWS_ENDPOINT_URL}. A custom endpoint implies
 * path-style addressing unless {@link #pathStyle} says otherwise.
 *
 * @param endpoint an S3-compatible endpoint such as {@code http://127.0.0.1:9000}
 * @param region the signing region ({@code us-east-1} when a custom endpoint is set and none is found)
 * @param accessKeyId static credentials (with {@code secretAccessKey}); empty uses the default chain
 * @param secretAccessKey the secret for {@code accessKeyId}
 * @param pathStyle force path-style ({@code true}) or virtual-host ({@code false}) addressing
 * @param maxAttempts attempts per request, including the first, for the SDK's adaptive retry strategy
 * @param multipartThreshold uploads at least this large use multipart upload
 * @param partSize multipart part size (at least 5 MiB, S3's minimum)
 * @param maxConnections the HTTP connection pool size
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long a response may be silent before the attempt fails (and is retried)
 */
public record StoreOptions(
        Optional<URI> endpoint,
        Optional<String> region,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        Optional<Boolean> pathStyle,
        int maxAttempts,
        long multipartThreshold,
        long partSize,
        int maxConnections,
        Duration connectTimeout,
        Duration readTimeout) {
    private static final long MIB = 1024 * 1024;

    /** Validates the fields. */
    public StoreOptions {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(pathStyle, "pathStyle");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("give both accessKeyId and secretAccessKey, or neither");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (partSize < 5 * MIB) {
            throw new IllegalArgumentException("partSize must be at least 5 MiB (S3's minimum), got " + partSize);
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException(
                    "multipartThreshold (" + multipartThreshold + ") must be at least partSize (" + partSize + ")");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
    }

    /** Everything from the environment; 6 attempts; multipart from 16 MiB in 8 MiB parts; 64 connections. */
    public static StoreOptions defaults() {
        return new StoreOptions(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                6,
                16 * MIB,
                8 * MIB,
                64,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /** With an S3-compatible endpoint. */
    public StoreOptions withEndpoint(URI value) {
        return new StoreOptions(
                Optional.of(value),
                region,
                accessKeyId,
                secretAccessKey,
                pathStyle,
                maxAttempts,
                multipartThreshold,
                partSize,
                maxConnections,
                connectTimeout,
                readTimeout);
    }

    /** With a region. */
    public StoreOptions withRegion(String value) {
        return new StoreOptions(
                endpoint,
                Optional.of(value),
                accessKeyId,
                secretAccessKey,
                pathStyle,
                maxAttempts,
                multipartThreshold,
                partSize,
                maxConnections,
                connectTimeout,
                readTimeout);
    }

    /** With static credentials instead of the default chain. */
    public StoreOptions withCredentials(String keyId, String secret) {
        return new StoreOptions(
                endpoint,
                region,
                Optional.of(keyId),
                Optional.of(secret),
                pathStyle,
                maxAttempts,
                multipartThreshold,
                partSize,
                maxConnections,
                connectTimeout,
                readTimeout);
    }

    /** With path-style addressing forced on or off. */
    public StoreOptions withPathStyle(boolean value) {
        return new StoreOptions(
                endpoint,
                region,
                accessKeyId,
                secretAccessKey,
                Optional.of(value),
                maxAttempts,
                multipartThreshold,
                partSize,
                maxConnections,
                connectTimeout,
                readTimeout);
    }

    /** With this many attempts per request. */
    public StoreOptions withMaxAttempts(int value) {
        return new StoreOptions(
                endpoint,
                region,
                accessKeyId,
                secretAccessKey,
                pathStyle,
                value,
                multipartThreshold,
                partSize,
                maxConnections,
                connectTimeout,
                readTimeout);
    }

    /** With multipart uploads from {@code threshold} bytes in parts of {@code part} bytes. */
    public StoreOptions withMultipart(long threshold, long part) {
        return new StoreOptions(
                endpoint,
                region,
                accessKeyId,
                secretAccessKey,
                pathStyle,
                maxAttempts,
                threshold,
                part,
                maxConnections,
                connectTimeout,
                readTimeout);
    }

    /** With a connection pool of this size. */
    public StoreOptions withMaxConnections(int value) {
        return new StoreOptions(
                endpoint,
                region,
                accessKeyId,
                secretAccessKey,
                pathStyle,
                maxAttempts,
                multipartThreshold,
                partSize,
                value,
                connectTimeout,
                readTimeout);
    }

    /** With these timeouts. */
    public StoreOptions withTimeouts(Duration connect, Duration read) {
        return new StoreOptions(
                endpoint,
                region,
                accessKeyId,
                secretAccessKey,
                pathStyle,
                maxAttempts,
                multipartThreshold,
                partSize,
                maxConnections,
                connect,
                read);
    }

    /** Shows everything but the secret. */
    @Override
    public String toString() {
        return "StoreOptions[endpoint=" + endpoint.map(URI::toString).orElse("(environment)") + ", region="
                + region.orElse("(chain)") + ", credentials="
                + accessKeyId.map(k -> "static " + k + " / ****").orElse("(default chain)") + ", pathStyle="
                + pathStyle.map(String::valueOf).orElse("(auto)") + ", maxAttempts=" + maxAttempts
                + ", multipartThreshold=" + multipartThreshold + ", partSize=" + partSize + ", maxConnections="
                + maxConnections + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
