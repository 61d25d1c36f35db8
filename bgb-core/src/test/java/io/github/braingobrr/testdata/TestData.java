package io.github.braingobrr.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared third-party test files ({@code ../shared/testdata} beside the project).
 *
 * <p>The folder is the system property {@code bgb.testdata} when set, else {@code ../shared/testdata}
 * resolved from the reactor root (system property {@code bgb.rootdir}, set by the build, else the working
 * directory and its parents). When the folder is missing, tests that need it are skipped with a message;
 * when the environment variable {@code CI} is {@code true}, a missing folder fails them instead.
 */
public final class TestData {
    private TestData() {}

    /** The test-data root, skipping (or, on CI, failing) the calling test when it is absent. */
    public static Path root() {
        return root(System.getProperty("bgb.testdata"), System.getProperty("bgb.rootdir"), System.getenv("CI"));
    }

    /** A file or folder under the test-data root, for example {@code file("edf/mne-python/test.edf")}. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new AssertionError("test data file " + p + " is missing: is ../shared/testdata complete?");
        }
        return p;
    }

    static Path root(String explicit, String rootDir, String ci) {
        Path candidate = locate(explicit, rootDir);
        if (candidate != null && Files.isDirectory(candidate)) {
            return candidate;
        }
        String message = "shared test data not found (looked for "
                + (candidate == null ? "../shared/testdata above " + Path.of("").toAbsolutePath() : candidate)
                + "); set -Dbgb.testdata=DIR to point at it";
        if ("true".equalsIgnoreCase(ci)) {
            throw new AssertionError(message + " (CI=true: missing test data is a failure)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    static Path locate(String explicit, String rootDir) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path start = rootDir != null && !rootDir.isBlank() ? Path.of(rootDir) : Path.of("");
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path shared = dir.resolveSibling("shared").resolve("testdata");
            if (dir.getParent() != null && Files.isDirectory(shared)) {
                return shared;
            }
        }
        return start.toAbsolutePath().normalize().resolveSibling("shared").resolve("testdata");
    }
}
