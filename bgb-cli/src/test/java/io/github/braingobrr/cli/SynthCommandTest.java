package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfOptions;
import io.github.braingobrr.synthetic.SyntheticCorpusConfig;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb synth}. */
class SynthCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesThePlannedCorpusAndSummarisesIt() throws IOException {
        Path root = dir.resolve("corpus");
        JsonNode j = Cli.run(
                        "synth",
                        "--out",
                        root.toString(),
                        "--patients",
                        "3",
                        "--minutes",
                        "0.5",
                        "--seed",
                        "9",
                        "--json")
                .ok()
                .json();
        List<SyntheticRecordingSpec> plan = SyntheticCorpusConfig.builder()
                .patients(3)
                .minutesPerRecording(0.5)
                .seed(9)
                .plan();
        assertEquals(plan.size(), j.get("recordings").asInt());
        assertEquals(3L * plan.size(), Cli.files(root).size(), "an EDF, a .csv and a .csv_bi per recording");
        for (SyntheticRecordingSpec s : plan) {
            try (EdfFile edf = EdfFile.open(root.resolve(s.relativeEdfPath()), EdfOptions.STRICT)) {
                assertEquals(s.durationSeconds(), edf.header().recordedDuration());
            }
            assertTrue(Files.isRegularFile(root.resolve(s.relativeCsvPath())));
            assertTrue(Files.isRegularFile(root.resolve(s.relativeCsvBiPath())));
        }
        Set<String> patients = new HashSet<>();
        int recordings = 0;
        for (String split : List.of("train", "dev", "eval")) {
            JsonNode s = j.get("splits").get(split);
            recordings += s.get("recordings").asInt();
            s.get("patients").forEach(p -> assertTrue(patients.add(p.asText()), "splits share no patient"));
        }
        assertEquals(plan.size(), recordings);
        assertEquals(3, patients.size());
        assertEquals(
                plan.stream().mapToLong(SyntheticRecordingSpec::durationSeconds).sum(),
                j.get("totalSeconds").asLong());
    }

    @Test
    void theSameOptionsGiveTheSameBytes() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Cli.run("synth", "--out", a.toString(), "--patients", "1", "--recordings", "1", "--minutes", "0.3")
                .ok();
        String text = Cli.run(
                        "synth", "--out", b.toString(), "--patients", "1", "--recordings", "1", "--minutes", "0.3")
                .ok()
                .out();
        assertTrue(text.startsWith("wrote 1 recordings"), text);
        List<Path> fa = Cli.files(a);
        List<Path> fb = Cli.files(b);
        assertEquals(fa.size(), fb.size());
        for (int i = 0; i < fa.size(); i++) {
            assertEquals(a.relativize(fa.get(i)), b.relativize(fb.get(i)));
            assertArrayEquals(Files.readAllBytes(fa.get(i)), Files.readAllBytes(fb.get(i)));
        }
    }

    @Test
    void progressBarsAreDrawnWhenAskedAndOnlyThen() {
        Cli.Result on = Cli.run(
                        "--progress",
                        "always",
                        "synth",
                        "--out",
                        dir.resolve("p").toString(),
                        "--patients",
                        "1",
                        "--recordings",
                        "2",
                        "--minutes",
                        "0.3")
                .ok();
        assertTrue(on.err().contains("synth 100%"), on.err());
        assertTrue(on.err().contains("2/2 files"), on.err());
        Cli.Result off = Cli.run(
                        "synth",
                        "--progress",
                        "never",
                        "--out",
                        dir.resolve("q").toString(),
                        "--patients",
                        "1",
                        "--recordings",
                        "1",
                        "--minutes",
                        "0.3")
                .ok();
        assertEquals("", off.err());
    }

    @Test
    void invalidSizesAreUsageErrors() throws IOException {
        Cli.run("synth", "--out", dir.toString(), "--patients", "0")
                .usage("patients must be in [1.0, 456976.0], got 0");
        Cli.run("synth", "--out", dir.toString(), "--minutes", "-1").usage("minutesPerRecording must be in (0, 1440]");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Cli.run("synth", "--out", file.toString(), "--patients", "1").fails(file + " is not a folder");
    }
}
