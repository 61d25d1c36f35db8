package io.github.braingobrr.storage.s3;

import io.github.braingobrr.storage.StoreOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The endpoint, region and addressing style an S3 store uses, resolved from {@link StoreOptions} and the
 * environment when the store opens.
 *
 * @param endpoint the endpoint override, empty for AWS itself
 * @param region the signing region
 * @param pathStyle whether to address buckets as {@code endpoint/bucket/key}
 * @param regionGuessed whether no region was configured anywhere (cross-region access is then enabled on AWS)
 */
record S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, boolean regionGuessed) {
    static final String ENDPOINT_S3 = "AWS_ENDPOINT_URL_S3";
    static final String ENDPOINT = "AWS_ENDPOINT_URL";
    private static final String FALLBACK_REGION = "us-east-1";

    /**
     * Resolves settings: options first, then {@code AWS_ENDPOINT_URL_S3}, then {@code AWS_ENDPOINT_URL} for
     * the endpoint; options, then the AWS region chain ({@code chainRegion}), then {@code us-east-1} for the
     * region. A custom endpoint means path-style unless the options say otherwise.
     */
    static S3Settings resolve(StoreOptions options, Map<String, String> env, Supplier<Optional<String>> chainRegion) {
        Optional<URI> endpoint = options.endpoint();
        if (endpoint.isEmpty()) {
            endpoint = fromEnv(env, ENDPOINT_S3).or(() -> fromEnv(env, ENDPOINT));
        }
        endpoint.ifPresent(S3Settings::checkEndpoint);
        Optional<String> region = options.region().or(chainRegion);
        boolean pathStyle = options.pathStyle().orElse(endpoint.isPresent());
        return new S3Settings(endpoint, region.orElse(FALLBACK_REGION), pathStyle, region.isEmpty());
    }

    private static Optional<URI> fromEnv(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(v.strip());
            checkEndpoint(uri, name);
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    name + "='" + v + "' is not a URL (" + e.getReason()
                            + "); expected for example http://127.0.0.1:9000",
                    e);
        }
    }

    private static void checkEndpoint(URI uri) {
        checkEndpoint(uri, "the S3 endpoint");
    }

    private static void checkEndpoint(URI uri, String source) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(source + " '" + uri
                    + "' must be an http:// or https:// URL with a host, for example http://127.0.0.1:9000");
        }
    }

    /** Describes the endpoint for messages. */
    String describeEndpoint() {
        return endpoint.map(URI::toString).orElse("AWS S3 (" + region + ")");
    }
}
