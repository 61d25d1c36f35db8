package io.github.braingobrr.npy;

import io.github.braingobrr.testdata.Python;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code numpy_crosscheck.py} with the machine's {@code python3}. Tests that need it are skipped with
 * a message when python3 or NumPy is missing: the build never requires Python.
 */
final class PythonNumpy {

    private PythonNumpy() {}

    /** Skips the calling test unless {@code python3 -c "import numpy"} works. */
    static void assumeAvailable() {
        Assumptions.assumeTrue(Python.has("numpy"), "python3 with NumPy not found: NumPy cross-check skipped");
    }

    /** The output lines of a run, and its exit status. */
    record Result(int status, List<String> lines) {
        List<String> failures() {
            return lines.stream()
                    .filter(l -> !l.startsWith("OK ") && !l.startsWith("INFO "))
                    .toList();
        }

        long oks() {
            return lines.stream().filter(l -> l.startsWith("OK ")).count();
        }
    }

    /** Runs the script with {@code args} (copied next to {@code workDir}), waiting at most {@code timeoutS}. */
    static Result run(Path workDir, long timeoutS, String... args) throws IOException, InterruptedException {
        Path script = workDir.resolve("numpy_crosscheck.py");
        if (!Files.exists(script)) {
            try (InputStream in = PythonNumpy.class.getResourceAsStream("numpy_crosscheck.py")) {
                Files.copy(in, script);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "reading python output failed: " + e;
            }
        });
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python3 did not finish in " + timeoutS + " s");
        }
        return new Result(p.exitValue(), out.join().lines().toList());
    }
}
