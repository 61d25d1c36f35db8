package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official TUSZ split policy: folders, the dev/val naming, disjoint patients. Nothing is built when it fails. */
class SplitPolicyTest {
    @TempDir
    static Path shared;

    private static SyntheticCorpus corpus;

    @TempDir
    Path dir;

    private Path data;

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = TestCorpus.write(shared.resolve("edf"));
    }

    @BeforeEach
    void copy() throws IOException {
        data = Trees.copy(corpus.root(), dir.resolve("edf"));
    }

    private CacheBuilder builder() {
        return CacheBuilder.from(data).to(dir.resolve("cache")).environment(name -> null);
    }

    @Test
    void patientsInTwoSplitsAreRefusedAndNamed() throws IOException {
        SyntheticRecordingSpec t = corpus.recordings(CorpusSplit.TRAIN).get(0);
        Path into =
                data.resolve("dev").resolve(t.patient()).resolve("s009_2020").resolve("01_tcp_ar");
        Files.createDirectories(into);
        Files.copy(data.resolve(t.relativeEdfPath()), into.resolve(t.patient() + "_s009_t000.edf"));
        SplitPolicyException e =
                assertThrows(SplitPolicyException.class, () -> builder().build());
        assertTrue(e.getMessage().contains(t.patient() + " (dev, train)"), e.getMessage());
        assertTrue(e.getMessage().contains("before the first '_'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("cache")), "nothing is written");
    }

    @Test
    void aValFolderIsRefusedPointingToDev() throws IOException {
        Files.move(data.resolve("dev"), data.resolve("val"));
        SplitPolicyException e =
                assertThrows(SplitPolicyException.class, () -> builder().build());
        assertTrue(e.getMessage().contains("'dev'"), e.getMessage());
        assertTrue(
                e.getMessage().contains(data.resolve("dev").toString()), "says where to rename it: " + e.getMessage());
    }

    @Test
    void askingForValIsRefusedPointingToDev() throws IOException {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> builder().split("val"));
        assertTrue(e.getMessage().contains("'dev'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder().split("validation"));
        assertThrows(IllegalArgumentException.class, () -> builder().split("test"));
        try (Cache c = Cache.open(dir)) {
            assertThrows(IllegalArgumentException.class, () -> c.split("val"));
        }
    }

    @Test
    void edfFilesOutsideTheSplitFoldersAreRefusedWithAHint() throws IOException {
        SyntheticRecordingSpec t = corpus.recordings(CorpusSplit.TRAIN).get(0);
        Files.copy(data.resolve(t.relativeEdfPath()), data.resolve("stray.edf"));
        SplitPolicyException e =
                assertThrows(SplitPolicyException.class, () -> builder().build());
        assertTrue(e.getMessage().contains("stray.edf"), e.getMessage());
        SplitPolicyException inner = assertThrows(
                SplitPolicyException.class,
                () -> CacheBuilder.from(data.resolve("train"))
                        .to(dir.resolve("cache"))
                        .environment(name -> null)
                        .build());
        assertTrue(inner.getMessage().contains("itself a split folder"), inner.getMessage());
    }

    @Test
    void twoRecordingsWithOneStemInASplitAreRefused() throws IOException {
        SyntheticRecordingSpec t = corpus.recordings(CorpusSplit.TRAIN).get(0);
        Path other = data.resolve("train").resolve(t.patient()).resolve("copy");
        Files.createDirectories(other);
        Files.copy(data.resolve(t.relativeEdfPath()), other.resolve(t.stem() + ".edf"));
        SplitPolicyException e =
                assertThrows(SplitPolicyException.class, () -> builder().build());
        assertTrue(e.getMessage().contains("share one cache file"), e.getMessage());
    }

    @Test
    void anAbsentSplitOrDataDirectoryIsReported() throws IOException {
        try (var files = Files.walk(data.resolve("eval"))) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        SplitPolicyException noEval = assertThrows(
                SplitPolicyException.class, () -> builder().split("eval").build());
        assertTrue(noEval.getMessage().contains(data.resolve("eval").toString()), noEval.getMessage());
        IOException missing = assertThrows(
                IOException.class,
                () -> CacheBuilder.from(dir.resolve("absent"))
                        .to(dir.resolve("c"))
                        .build());
        assertTrue(missing.getMessage().contains("absent"), missing.getMessage());
    }

    @Test
    void noCacheLocationIsAClearError() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> CacheBuilder.from(data).build());
        assertTrue(e.getMessage().contains("to("), e.getMessage());
    }
}
