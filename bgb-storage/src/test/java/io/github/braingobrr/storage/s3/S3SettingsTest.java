package io.github.braingobrr.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.storage.StoreOptions;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void awsItselfUsesVirtualHostsAndTheRegionChain() {
        S3Settings s = S3Settings.resolve(StoreOptions.defaults(), NO_ENV, () -> Optional.of("eu-west-1"));
        assertEquals(Optional.empty(), s.endpoint());
        assertEquals("eu-west-1", s.region());
        assertFalse(s.pathStyle());
        assertFalse(s.regionGuessed());
    }

    @Test
    void theServiceSpecificEndpointVariableWinsAndImpliesPathStyle() {
        Map<String, String> env = Map.of(
                "AWS_ENDPOINT_URL", "http://general:1",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000");
        S3Settings s = S3Settings.resolve(StoreOptions.defaults(), env, Optional::empty);
        assertEquals(URI.create("http://127.0.0.1:9000"), s.endpoint().orElseThrow());
        assertTrue(s.pathStyle());
        assertEquals("us-east-1", s.region(), "a custom endpoint with no region signs for us-east-1");
        assertTrue(s.regionGuessed());

        S3Settings general = S3Settings.resolve(
                StoreOptions.defaults(), Map.of("AWS_ENDPOINT_URL", "https://minio.local"), Optional::empty);
        assertEquals(URI.create("https://minio.local"), general.endpoint().orElseThrow());
    }

    @Test
    void optionsOverrideTheEnvironment() {
        StoreOptions o = StoreOptions.defaults()
                .withEndpoint(URI.create("http://127.0.0.1:1234"))
                .withRegion("ap-south-1")
                .withPathStyle(false);
        S3Settings s = S3Settings.resolve(o, Map.of("AWS_ENDPOINT_URL_S3", "http://other:1"), Optional::empty);
        assertEquals(URI.create("http://127.0.0.1:1234"), s.endpoint().orElseThrow());
        assertEquals("ap-south-1", s.region());
        assertFalse(s.pathStyle());
    }

    @Test
    void malformedEndpointsNameTheVariable() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> S3Settings.resolve(
                        StoreOptions.defaults(), Map.of("AWS_ENDPOINT_URL_S3", "localhost:9000"), Optional::empty));
        assertTrue(
                e.getMessage().contains("AWS_ENDPOINT_URL_S3") && e.getMessage().contains("http://"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> S3Settings.resolve(
                        StoreOptions.defaults(), Map.of("AWS_ENDPOINT_URL", "http://bad host"), Optional::empty));
    }

    @Test
    void optionsAreCheckedAndDoNotPrintTheSecret() {
        assertThrows(
                IllegalArgumentException.class, () -> StoreOptions.defaults().withMultipart(1 << 20, 1 << 20));
        assertThrows(
                IllegalArgumentException.class, () -> StoreOptions.defaults().withMaxAttempts(0));
        String shown = StoreOptions.defaults()
                .withCredentials("AKIAEXAMPLE", "s3cr3t-value")
                .toString();
        assertTrue(shown.contains("AKIAEXAMPLE"));
        assertFalse(shown.contains("s3cr3t-value"), shown);
    }
}
