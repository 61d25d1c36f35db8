package io.github.braingobrr.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Writes, instead of an EDF file, the header facts and a checksum of every signal. */
    static final class DigestWriter implements CorpusWriter {
        final List<SyntheticRecordingSpec> written = new ArrayList<>();

        @Override
        public void writeEdf(Path edf, SyntheticRecording recording) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < recording.signalCount(); i++) {
                double[] x = recording.readSignal(i);
                double sum = 0;
                for (double v : x) {
                    sum += v;
                }
                b.append(recording.signals().get(i).label())
                        .append(' ')
                        .append(x.length)
                        .append(' ');
                b.append(sum).append('\n');
            }
            Files.writeString(edf, b);
            written.add(recording.spec());
        }
    }

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
    void writesEveryRecordingWithItsLabelsInTheTuszLayout(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("edf");
        DigestWriter writer = new DigestWriter();
        SyntheticCorpus corpus = SMALL.toBuilder().writeTo(root, writer);
        assertEquals(SMALL, corpus.config());
        assertEquals(root, corpus.root());
        assertEquals(SMALL.plan(), corpus.recordings());
        assertEquals(corpus.recordings(), writer.written);
        List<Path> expected = new ArrayList<>();
        for (SyntheticRecordingSpec s : corpus.recordings()) {
            assertEquals(root.resolve(s.relativeEdfPath()), corpus.edfPath(s));
            assertEquals(5, root.relativize(corpus.edfPath(s)).getNameCount(), "split/patient/session/montage/file");
            expected.add(corpus.edfPath(s));
            expected.add(corpus.csvPath(s));
            expected.add(corpus.csvBiPath(s));
            assertEquals(s.csvText(), Files.readString(corpus.csvPath(s), StandardCharsets.US_ASCII));
            assertEquals(s.csvBiText(), Files.readString(corpus.csvBiPath(s), StandardCharsets.US_ASCII));
            assertTrue(Files.readString(corpus.edfPath(s))
                    .startsWith(s.signals().get(0).label() + " "));
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
    void writingAgainReplacesTheFilesWithIdenticalOnes(@TempDir Path root) throws IOException {
        SyntheticCorpus first = SyntheticCorpus.write(SMALL, root, new DigestWriter());
        List<String> before = new ArrayList<>();
        for (Path p : files(root)) {
            before.add(p + "\n" + Files.readString(p));
        }
        SyntheticCorpus.write(SMALL, root, new DigestWriter());
        List<String> after = new ArrayList<>();
        for (Path p : files(root)) {
            after.add(p + "\n" + Files.readString(p));
        }
        assertEquals(before, after);
        assertEquals(3 * first.recordings().size(), after.size());
    }

    @Test
    void aFailingWriterLeavesOnlyCompleteFilesAndNamesTheFile(@TempDir Path root) {
        List<SyntheticRecordingSpec> plan = SMALL.plan();
        SyntheticRecordingSpec victim = plan.get(2);
        CorpusWriter writer = (edf, rec) -> {
            if (rec.spec().equals(victim)) {
                Files.writeString(edf, "half");
                throw new IOException("disk full");
            }
            Files.writeString(edf, "ok");
        };
        IOException e = assertThrows(IOException.class, () -> SyntheticCorpus.write(SMALL, root, writer));
        Path edf = root.resolve(victim.relativeEdfPath());
        assertTrue(e.getMessage().contains(edf.toString()) && e.getMessage().contains("disk full"), e.getMessage());
        assertFalse(Files.exists(edf));
        assertFalse(Files.exists(edf.resolveSibling("." + edf.getFileName() + ".part")));
        for (int i = 0; i < 2; i++) {
            assertTrue(Files.isRegularFile(root.resolve(plan.get(i).relativeEdfPath())));
        }
    }

    @Test
    void aWriterThatWritesNothingIsReported(@TempDir Path root) {
        IOException e = assertThrows(IOException.class, () -> SyntheticCorpus.write(SMALL, root, (edf, rec) -> {}));
        assertTrue(e.getMessage().contains("did not create"), e.getMessage());
    }

    @Test
    void aRootThatIsAFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("edf"), "x");
        IOException e = assertThrows(IOException.class, () -> SyntheticCorpus.write(SMALL, file, new DigestWriter()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
