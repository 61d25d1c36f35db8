package io.github.braingobrr.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class TestDataTest {
    @Test
    void findsTheSharedFolderBesideTheReactorRoot() {
        Path root = TestData.root();
        assertTrue(Files.isRegularFile(root.resolve("README.md")), "README.md in " + root);
        assertEquals("testdata", root.getFileName().toString());
    }

    @Test
    void resolvesFilesUnderTheRoot() {
        assertEquals(896256L, sizeOf(TestData.file("edf/mne-python/test.edf")));
    }

    @Test
    void missingFileIsAClearFailure() {
        AssertionError e = assertThrows(AssertionError.class, () -> TestData.file("edf/no-such.edf"));
        assertTrue(e.getMessage().contains("no-such.edf"), e.getMessage());
    }

    @Test
    void explicitPropertyWins(@TempDir Path dir) {
        assertEquals(dir.toAbsolutePath().normalize(), TestData.root(dir.toString(), "/nowhere", null));
    }

    @Test
    void findsSharedFromANestedModuleDirectory(@TempDir Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project/module/sub"));
        Path shared = Files.createDirectories(dir.resolve("shared/testdata"));
        assertEquals(shared, TestData.locate(null, project.toString()));
    }

    @Test
    void missingFolderSkipsLocallyAndFailsOnCi(@TempDir Path dir) {
        String absent = dir.resolve("absent").toString();
        TestAbortedException skipped =
                assertThrows(TestAbortedException.class, () -> TestData.root(absent, null, null));
        assertTrue(skipped.getMessage().contains("-Dbgb.testdata"), skipped.getMessage());
        AssertionError failed = assertThrows(AssertionError.class, () -> TestData.root(absent, null, "true"));
        assertTrue(failed.getMessage().contains("CI=true"), failed.getMessage());
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
