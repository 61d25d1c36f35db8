package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.cache.PreflightReport.Check;
import io.github.braingobrr.cache.PreflightReport.Finding;
import io.github.braingobrr.cache.PreflightReport.Severity;
import io.github.braingobrr.storage.StoreOptions;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** {@link Preflight} of {@code s3://} cache locations on a real S3 API server in-process (S3Proxy). */
class PreflightS3Test {
    @TempDir
    static Path dir;

    private static S3ProxyServer server;
    private static SyntheticCorpus corpus;

    @BeforeAll
    static void start() throws IOException {
        // a bucket policy that allows reading but not writing under "readonly/"
        server = S3ProxyServer.builder()
                .middleware(store -> new ForwardingBlobStore(store) {
                    @Override
                    public PutObjectResponse putBlob(PutObjectRequest request, java.io.InputStream input) {
                        if (request.key().startsWith("readonly/")) {
                            throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED);
                        }
                        return super.putBlob(request, input);
                    }
                })
                .start();
        server.createBucket("bgb");
        corpus = TestCorpus.write(dir.resolve("edf"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static PreflightReport check(String location, StoreOptions options) throws IOException {
        return Preflight.check(PreflightRequest.of(corpus.root())
                .withWorkers(2)
                .withCache(io.github.braingobrr.storage.Location.parse(location))
                .withStoreOptions(options));
    }

    private static List<Finding> storage(PreflightReport r, Severity severity) {
        return r.findings().stream()
                .filter(f -> f.check() == Check.STORAGE && f.severity() == severity)
                .toList();
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "'" + part + "' not in: " + text);
    }

    @Test
    void aWritableBucketIsReadyAndTheProbeIsGone() throws IOException {
        server.resetCounts();
        PreflightReport r = check("s3://bgb/cache/ok", server.options());
        assertTrue(r.ready(), () -> "problems: " + r.problems());
        assertTrue(storage(r, Severity.WARNING).isEmpty(), () -> r.findings().toString());
        assertContains(storage(r, Severity.INFO).get(0).message(), "credentials resolve");
        assertEquals(1, server.puts(), "one probe object written");
        try (var store = io.github.braingobrr.storage.BlobStores.open(
                io.github.braingobrr.storage.Location.parse("s3://bgb/cache/ok"), server.options())) {
            assertTrue(store.list("").isEmpty(), "and deleted: nothing left at the location");
        }
        assertTrue(r.freeBytes().isEmpty());
        assertTrue(r.existingCache().isEmpty());
    }

    @Test
    void aBucketThatDoesNotExistIsAnErrorSayingHowToCreateIt() throws IOException {
        PreflightReport r = check("s3://no-such-bucket/cache", server.options());
        assertFalse(r.ready());
        List<Finding> errors = storage(r, Severity.ERROR);
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("s3://no-such-bucket/cache", errors.get(0).location());
        assertContains(errors.get(0).message(), "does not exist");
        assertContains(errors.get(0).fix(), "aws s3 mb s3://no-such-bucket");
    }

    @Test
    void aBucketThatRefusesWritesIsAnErrorNamingThePermission() throws IOException {
        PreflightReport r = check("s3://bgb/readonly/cache", server.options());
        assertFalse(r.ready());
        List<Finding> errors = storage(r, Severity.ERROR);
        assertEquals(1, errors.size(), errors::toString);
        assertContains(errors.get(0).location(), "s3://bgb/readonly/cache/.bgb-preflight-probe-");
        assertContains(errors.get(0).message(), "not writable");
        assertContains(errors.get(0).fix(), "s3:PutObject");
        assertContains(errors.get(0).fix(), "arn:aws:s3:::bgb/readonly/cache/*");
    }

    @Test
    void wrongCredentialsAreAnError() throws IOException {
        PreflightReport r = check("s3://bgb/cache/creds", server.options().withCredentials("AKIAWRONG", "nope"));
        List<Finding> errors = storage(r, Severity.ERROR);
        assertEquals(1, errors.size(), errors::toString);
        assertContains(errors.get(0).message(), "InvalidAccessKeyId");
        assertContains(errors.get(0).fix(), "AWS_ACCESS_KEY_ID");
    }

    @Test
    void aClientInAnotherRegionThanTheBucketIsWarnedAbout() throws IOException {
        PreflightReport r = check("s3://bgb/cache/region", server.options().withRegion("eu-central-1"));
        List<Finding> warnings = storage(r, Severity.WARNING);
        assertEquals(1, warnings.size(), () -> r.findings().toString());
        assertContains(warnings.get(0).message(), "us-east-1");
        assertContains(warnings.get(0).message(), "eu-central-1");
        assertContains(warnings.get(0).fix(), "AWS_REGION=us-east-1");
    }
}
