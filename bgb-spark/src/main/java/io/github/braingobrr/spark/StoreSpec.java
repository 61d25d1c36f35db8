package io.github.braingobrr.spark;

import io.github.braingobrr.storage.StoreOptions;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@link StoreOptions} as plain serializable fields, so that every executor opens the cache the driver planned. */
record StoreSpec(
        String endpoint,
        String region,
        String accessKeyId,
        String secretAccessKey,
        Boolean pathStyle,
        int maxAttempts,
        long multipartThreshold,
        long partSize,
        int maxConnections,
        long connectTimeoutMillis,
        long readTimeoutMillis)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static StoreSpec of(StoreOptions o) {
        return new StoreSpec(
                o.endpoint().map(URI::toString).orElse(null),
                o.region().orElse(null),
                o.accessKeyId().orElse(null),
                o.secretAccessKey().orElse(null),
                o.pathStyle().orElse(null),
                o.maxAttempts(),
                o.multipartThreshold(),
                o.partSize(),
                o.maxConnections(),
                o.connectTimeout().toMillis(),
                o.readTimeout().toMillis());
    }

    StoreOptions toOptions() {
        return new StoreOptions(
                Optional.ofNullable(endpoint).map(URI::create),
                Optional.ofNullable(region),
                Optional.ofNullable(accessKeyId),
                Optional.ofNullable(secretAccessKey),
                Optional.ofNullable(pathStyle),
                maxAttempts,
                multipartThreshold,
                partSize,
                maxConnections,
                Duration.ofMillis(connectTimeoutMillis),
                Duration.ofMillis(readTimeoutMillis));
    }
}
