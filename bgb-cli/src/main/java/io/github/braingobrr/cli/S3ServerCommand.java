package io.github.braingobrr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb s3-server}: an S3-compatible dev server until Ctrl-C. */
@Command(
        name = "s3-server",
        mixinStandardHelpOptions = true,
        description = {
            "Run an S3-compatible server (S3Proxy, filesystem backend) on 127.0.0.1 for trying the S3 tier without"
                    + " AWS. Each bucket is a folder under DIR, so objects survive restarts. Prints the endpoint and"
                    + " the environment variables to export, then serves until Ctrl-C."
        })
final class S3ServerCommand extends CommandBase {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The folder that holds the buckets.")
    Path dir;

    @Option(
            names = "--port",
            paramLabel = "P",
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 9000;

    @Option(
            names = "--latency-ms",
            paramLabel = "L",
            description = "Delay every request by L milliseconds, to imitate a remote store (default: 0).")
    long latencyMs;

    @Option(names = "--bucket", paramLabel = "NAME", description = "Create this bucket at start (repeatable).")
    List<String> buckets = new ArrayList<>();

    @Option(
            names = "--access-key",
            paramLabel = "KEY",
            description = "The access key clients sign with (default: ${DEFAULT-VALUE}).")
    String accessKey = EmbeddedS3Server.DEFAULT_ACCESS_KEY;

    @Option(
            names = "--secret-key",
            paramLabel = "KEY",
            description = "The secret key clients sign with (default: ${DEFAULT-VALUE}).")
    String secretKey = EmbeddedS3Server.DEFAULT_SECRET_KEY;

    @Option(names = "--json", description = "Print the endpoint and environment as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (latencyMs < 0 || latencyMs > 60_000) {
            throw usage("--latency-ms must be 0 to 60000, got " + latencyMs);
        }
        if (port < 0 || port > 65535) {
            throw usage("--port must be 0 to 65535, got " + port);
        }
        EmbeddedS3Server.Builder b = EmbeddedS3Server.builder(dir)
                .port(port)
                .latency(Duration.ofMillis(latencyMs))
                .credentials(accessKey, secretKey);
        buckets.forEach(b::bucket);
        try (EmbeddedS3Server server = b.start()) {
            var out = out();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("endpoint", server.endpoint().toString());
                m.put("directory", dir.toAbsolutePath().toString());
                m.put("latencyMs", latencyMs);
                m.put("buckets", server.buckets());
                m.put("environment", server.environment());
                printJson(m);
            } else {
                out.println("S3 server on " + server.endpoint() + ", buckets in " + dir.toAbsolutePath()
                        + (latencyMs > 0 ? ", " + latencyMs + " ms added per request" : ""));
                out.println("buckets: "
                        + (server.buckets().isEmpty() ? "(none yet)" : String.join(", ", server.buckets())));
                out.println("export these to use it:");
                server.environment().forEach((k, v) -> out.println("  export " + k + "=" + v));
                out.println("Ctrl-C stops it.");
                out.flush();
            }
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                // Ctrl-C (see Main) interrupts this thread: the way this command ends, so it returns normally
            }
        }
        err().println("bgb: S3 server stopped");
        err().flush();
        return 0;
    }
}
