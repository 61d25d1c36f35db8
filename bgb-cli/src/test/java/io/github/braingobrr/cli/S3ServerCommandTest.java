package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import io.github.braingobrr.storage.WriteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb s3-server}: serves until its thread is interrupted (what Ctrl-C does, see Main). */
class S3ServerCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesTheDirectoryUntilInterruptedAndPrintsTheEnvironment() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread command = new Thread(() -> code.set(BgbCommand.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "s3-server",
                "--dir",
                dir.toString(),
                "--port",
                "0",
                "--bucket",
                "demo",
                "--json")));
        command.start();
        JsonNode j = awaitJson(out, command);
        URI endpoint = URI.create(j.get("endpoint").asText());
        assertEquals("127.0.0.1", endpoint.getHost());
        JsonNode env = j.get("environment");
        assertEquals(endpoint.toString(), env.get("AWS_ENDPOINT_URL").asText());
        assertEquals("[\"demo\"]", j.get("buckets").toString());
        StoreOptions options = StoreOptions.defaults()
                .withEndpoint(endpoint)
                .withRegion(env.get("AWS_REGION").asText())
                .withCredentials(
                        env.get("AWS_ACCESS_KEY_ID").asText(),
                        env.get("AWS_SECRET_ACCESS_KEY").asText())
                .withMaxAttempts(1);
        try (BlobStore store = BlobStores.open(Location.parse("s3://demo/x"), options)) {
            store.write("hello.txt", new byte[] {1, 2, 3}, WriteOptions.defaults());
            try (var in = store.openStream("hello.txt")) {
                assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
            }
        }
        assertTrue(Files.isDirectory(dir.resolve("demo")));
        command.interrupt();
        command.join(20_000);
        assertFalse(command.isAlive());
        assertEquals(0, code.get(), err.toString());
        assertTrue(err.toString().contains("bgb: S3 server stopped"), err.toString());
        assertThrows(ConnectException.class, () -> new Socket(endpoint.getHost(), endpoint.getPort()).close());
    }

    @Test
    void textOutputSaysWhatToExport() throws Exception {
        StringWriter out = new StringWriter();
        Thread command = new Thread(() -> BgbCommand.run(
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                "s3-server",
                "--dir",
                dir.toString(),
                "--port",
                "0",
                "--latency-ms",
                "5"));
        command.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!out.toString().contains("Ctrl-C stops it.") && System.nanoTime() < deadline && command.isAlive()) {
            Thread.sleep(20);
        }
        String text = out.toString();
        command.interrupt();
        command.join(20_000);
        assertTrue(
                text.matches(
                        "(?s)S3 server on http://127\\.0\\.0\\.1:\\d+, buckets in .*, 5 ms added per request\\n.*"),
                text);
        assertTrue(text.contains("  export AWS_ENDPOINT_URL=http://127.0.0.1:"), text);
        assertTrue(text.contains("  export AWS_ACCESS_KEY_ID=bgb-dev\n"), text);
        assertTrue(text.contains("buckets: (none yet)"), text);
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.run("s3-server", "--dir", dir.toString(), "--latency-ms", "-5").usage("--latency-ms must be 0 to 60000");
        Cli.run("s3-server", "--dir", dir.toString(), "--port", "99999").usage("--port must be 0 to 65535");
        Cli.run("s3-server").usage("Missing required option: '--dir=DIR'");
    }

    private static JsonNode awaitJson(StringWriter out, Thread command) throws InterruptedException {
        ObjectMapper mapper = new ObjectMapper();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && command.isAlive()) {
            String text = out.toString();
            if (text.endsWith("}\n")) {
                try {
                    return mapper.readTree(text);
                } catch (IOException notYet) {
                    // still being written
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server printed no JSON within 30 s: " + out);
    }
}
