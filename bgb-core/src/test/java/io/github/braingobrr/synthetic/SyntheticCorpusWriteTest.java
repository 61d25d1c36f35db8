package io.github.braingobrr.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfOptions;
import io.github.braingobrr.edf.EdfSignal;
import io.github.braingobrr.labels.LabelWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCorpusWriteTest {

    private static final SyntheticCorpusConfig SMALL = SyntheticCorpus.builder()
            .patients(4)
            .minutesPerRecording(0.4)
            .seed(21)
            .build();

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void writesEveryRecordingAsEdfWithItsLabelsInTheTuszLayout(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("edf");
        SyntheticCorpus corpus = SMALL.toBuilder().writeTo(root);
        assertEquals(SMALL, corpus.config());
        assertEquals(root, corpus.root());
        assertEquals(SMALL.plan(), corpus.recordings());
        List<Path> expected = new ArrayList<>();
        for (SyntheticRecordingSpec s : corpus.recordings()) {
            assertEquals(root.resolve(s.relativeEdfPath()), corpus.edfPath(s));
            assertEquals(5, root.relativize(corpus.edfPath(s)).getNameCount(), "split/patient/session/montage/file");
            expected.add(corpus.edfPath(s));
            expected.add(corpus.csvPath(s));
            expected.add(corpus.csvBiPath(s));
            assertEquals(
                    LabelWriter.format(s.labels()), Files.readString(corpus.csvPath(s), StandardCharsets.US_ASCII));
            assertEquals(
                    LabelWriter.format(s.binaryLabels()),
                    Files.readString(corpus.csvBiPath(s), StandardCharsets.US_ASCII));
            try (EdfFile edf = EdfFile.open(corpus.edfPath(s), EdfOptions.STRICT)) {
                assertEquals(
                        s.signals().stream().map(SyntheticSignal::label).toList(),
                        edf.signals().stream().map(EdfSignal::label).toList());
                assertEquals(s.durationSeconds(), edf.header().recordCount());
            }
        }
        assertEquals(expected.stream().sorted().toList(), files(root), "exactly the planned files, no temporaries");
        for (CorpusSplit split : CorpusSplit.values()) {
            for (String p : corpus.patients(split)) {
                assertTrue(Files.isDirectory(root.resolve(split.directory()).resolve(p)));
            }
        }
        assertEquals(
                corpus.recordings().stream()
                        .mapToLong(SyntheticRecordingSpec::durationSeconds)
                        .sum(),
                corpus.totalSeconds());
    }

    @Test
    void theListenerHearsOfEachRecordingOnceItsFilesAreInPlace(@TempDir Path root) throws IOException {
        List<SyntheticRecordingSpec> heard = new ArrayList<>();
        SyntheticCorpus corpus = SyntheticCorpus.write(SMALL, root, spec -> {
            assertTrue(Files.isRegularFile(root.resolve(spec.relativeEdfPath())));
            assertTrue(Files.isRegularFile(root.resolve(spec.relativeCsvPath())));
            assertTrue(Files.isRegularFile(root.resolve(spec.relativeCsvBiPath())));
            heard.add(spec);
        });
        assertEquals(corpus.recordings(), heard);
    }

    @Test
    void writingAgainReplacesTheFilesWithIdenticalOnes(@TempDir Path root) throws IOException {
        SyntheticCorpus first = SyntheticCorpus.write(SMALL, root);
        List<Path> paths = files(root);
        List<byte[]> before = new ArrayList<>();
        for (Path p : paths) {
            before.add(Files.readAllBytes(p));
        }
        SyntheticCorpus.write(SMALL, root);
        assertEquals(paths, files(root));
        for (int i = 0; i < paths.size(); i++) {
            assertArrayEquals(
                    before.get(i),
                    Files.readAllBytes(paths.get(i)),
                    paths.get(i).toString());
        }
        assertEquals(3 * first.recordings().size(), paths.size());
    }

    @Test
    void aFailedWriteLeavesOnlyCompleteFilesAndNamesTheFile(@TempDir Path root) throws IOException {
        List<SyntheticRecordingSpec> plan = SMALL.plan();
        SyntheticRecordingSpec victim = plan.get(2);
        Path edf = root.resolve(victim.relativeEdfPath());
        // a non-empty folder where the EDF file should go: the rename into place fails
        Files.createDirectories(edf);
        Files.writeString(edf.resolve("keep.txt"), "data");
        IOException e = assertThrows(IOException.class, () -> SyntheticCorpus.write(SMALL, root));
        assertTrue(e.getMessage().contains(edf.toString()), e.getMessage());
        assertEquals("data", Files.readString(edf.resolve("keep.txt")));
        for (int i = 0; i < 2; i++) {
            try (EdfFile complete = EdfFile.open(root.resolve(plan.get(i).relativeEdfPath()), EdfOptions.STRICT)) {
                assertEquals(plan.get(i).durationSeconds(), complete.header().recordCount());
            }
        }
        assertFalse(Files.exists(root.resolve(plan.get(3).relativeEdfPath())), "stopped at the failure");
        for (Path p : files(root)) {
            assertFalse(p.getFileName().toString().startsWith("."), "temporary file left behind: " + p);
        }
    }

    @Test
    void aRootThatIsAFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("edf"), "x");
        IOException e = assertThrows(IOException.class, () -> SyntheticCorpus.write(SMALL, file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
