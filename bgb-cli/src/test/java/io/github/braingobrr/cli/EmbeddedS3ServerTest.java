package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import io.github.braingobrr.storage.WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded S3 server, reached through bgb-storage's S3 store (AWS SDK v2). */
class EmbeddedS3ServerTest {
    @TempDir
    Path dir;

    static StoreOptions options(EmbeddedS3Server s3) {
        return StoreOptions.defaults()
                .withEndpoint(s3.endpoint())
                .withRegion(EmbeddedS3Server.REGION)
                .withCredentials(s3.accessKey(), s3.secretKey())
                .withMaxAttempts(1);
    }

    @Test
    void objectsAreFilesUnderTheDirectoryAndSurviveARestart() throws IOException {
        byte[] content = "window bytes".getBytes(StandardCharsets.UTF_8);
        int port;
        try (EmbeddedS3Server s3 = EmbeddedS3Server.builder(dir).bucket("cache").start();
                BlobStore store = BlobStores.open(Location.parse("s3://cache/tusz"), options(s3))) {
            port = s3.port();
            assertEquals("http://127.0.0.1:" + port, s3.endpoint().toString());
            assertEquals(List.of("cache"), s3.buckets());
            store.write("train/a_windows.npz", content, WriteOptions.defaults());
            assertEquals(
                    List.of("train/a_windows.npz"),
                    store.list("").stream().map(BlobInfo::key).toList());
            try (var in = store.openStream("train/a_windows.npz")) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertEquals(
                    Map.of(
                            "AWS_ENDPOINT_URL",
                            s3.endpoint().toString(),
                            "AWS_ACCESS_KEY_ID",
                            EmbeddedS3Server.DEFAULT_ACCESS_KEY,
                            "AWS_SECRET_ACCESS_KEY",
                            EmbeddedS3Server.DEFAULT_SECRET_KEY,
                            "AWS_REGION",
                            "us-east-1"),
                    s3.environment());
        }
        assertTrue(Files.isDirectory(dir.resolve("cache")), "a bucket is a folder");
        assertTrue(
                Cli.files(dir.resolve("cache")).stream()
                        .anyMatch(p -> p.toString().contains("a_windows.npz")),
                "objects are files under the bucket's folder: " + Cli.files(dir));
        try (EmbeddedS3Server again = EmbeddedS3Server.builder(dir).port(port).start();
                BlobStore store = BlobStores.open(Location.parse("s3://cache/tusz"), options(again))) {
            try (var in = store.openStream("train/a_windows.npz")) {
                assertArrayEquals(content, in.readAllBytes(), "still there after a restart");
            }
        }
    }

    @Test
    void latencyDelaysEveryRequest() throws IOException {
        try (EmbeddedS3Server s3 = EmbeddedS3Server.builder(dir)
                        .bucket("bkt")
                        .latency(Duration.ofMillis(150))
                        .start();
                BlobStore store = BlobStores.open(Location.parse("s3://bkt"), options(s3))) {
            store.write("k", new byte[10], WriteOptions.defaults());
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                store.find("k");
                assertTrue(System.nanoTime() - t0 >= 150_000_000L, "a HEAD takes at least the added latency");
            }
        }
    }

    @Test
    void clientsWithOtherCredentialsAreRefused() throws IOException {
        try (EmbeddedS3Server s3 = EmbeddedS3Server.builder(dir)
                        .bucket("bkt")
                        .credentials("someone", "their-secret")
                        .start();
                BlobStore wrong = BlobStores.open(
                        Location.parse("s3://bkt"), options(s3).withCredentials("bgb-dev", "bgb-dev-secret"))) {
            assertThrows(IOException.class, () -> wrong.write("k", new byte[1], WriteOptions.defaults()));
        }
    }

    @Test
    void aBusyPortOrAFileAsDirectoryIsAClearError() throws IOException {
        try (EmbeddedS3Server first =
                EmbeddedS3Server.builder(dir.resolve("one")).start()) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> EmbeddedS3Server.builder(dir.resolve("two"))
                            .port(first.port())
                            .start());
            assertTrue(
                    e.getMessage().contains("cannot start the S3 server on 127.0.0.1:" + first.port()), e.getMessage());
            assertTrue(e.getMessage().contains("choose another with --port"), e.getMessage());
        }
        Path file = Files.writeString(dir.resolve("file"), "x");
        IOException e = assertThrows(
                IOException.class, () -> EmbeddedS3Server.builder(file).start());
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> EmbeddedS3Server.builder(dir).port(70000));
        assertThrows(
                IllegalArgumentException.class,
                () -> EmbeddedS3Server.builder(dir).latency(Duration.ofMillis(-1)));
    }
}
