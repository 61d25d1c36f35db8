package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import io.github.braingobrr.testdata.Python;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional: archives written by {@code bgb edf export} and {@code bgb preprocess} checked by {@code
 * cli_crosscheck.py} with NumPy and SciPy (an EDF reader from the specification and the seed recipe of
 * SEED-PIPELINE.md). Skipped with a message where python3, NumPy or SciPy is missing.
 */
class NumpyCrossCheckTest {

    @TempDir
    Path dir;

    @Test
    void exportedPhysicalAndDigitalValuesMatchAnIndependentReader() throws Exception {
        assumePython("numpy");
        String uneven = EdfInfoCommandTest.file("edf/mne-python/test_uneven_samp.edf");
        String bdf = EdfInfoCommandTest.file("edf/pyedflib/test_generator_datarec_generator_2.bdf");
        String merged = EdfInfoCommandTest.file("edf/EDF.jl/test_merged.edf");
        check("export", uneven, export(uneven, "--from", "1.3", "--seconds", "7.7"), "1.3", "7.7", "0");
        check("export", uneven, export(uneven, "--digital"), "0", "-", "1");
        check("export", bdf, export(bdf, "--from", "0.3"), "0.3", "-", "0");
        check("export", merged, export(merged, "--signals", "0,5,138", "--from", "2", "--seconds", "8"), "2", "8", "0");
    }

    @Test
    void preprocessedSignalsAndLabelsMatchTheSeedRecipeInScipy() throws Exception {
        assumePython("scipy");
        SyntheticCorpus corpus = TestCorpus.get();
        SyntheticRecordingSpec spec = TestCorpus.find(s -> s.missingElectrodes().isEmpty()
                && s.samplingRate() != 256
                && s.seizures().stream()
                        .anyMatch(z ->
                                TestCorpus.SEED_SEIZURE_LABELS.contains(z.type().code())));
        Path out = dir.resolve("p.npz");
        Cli.run("preprocess", corpus.edfPath(spec).toString(), "--out", out.toString())
                .ok();
        List<String> lines = check(
                "preprocess",
                corpus.edfPath(spec).toString(),
                out.toString(),
                corpus.csvPath(spec).toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("OK signals match the seed recipe")), lines.toString());
    }

    private String export(String edf, String... options) {
        Path out = dir.resolve("e" + Cli.files(dir).size() + ".npz");
        List<String> args = new ArrayList<>(List.of("edf", "export", edf, "--out", out.toString()));
        args.addAll(List.of(options));
        Cli.run(args.toArray(String[]::new)).ok();
        return out.toString();
    }

    /** Runs the script; every line must be OK. For preprocess the arguments are EDF, NPZ, CSV. */
    private List<String> check(String mode, String edf, String npz, String... rest) throws Exception {
        Path script = dir.resolve("cli_crosscheck.py");
        if (!Files.exists(script)) {
            try (InputStream in = NumpyCrossCheckTest.class.getResourceAsStream("cli_crosscheck.py")) {
                Files.copy(in, script);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), mode, edf));
        if (mode.equals("preprocess")) {
            cmd.add(rest[0]);
            cmd.add(npz);
        } else {
            cmd.add(npz);
            cmd.addAll(List.of(rest));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertTrue(lines.size() >= 3, output);
        for (String line : lines) {
            assertTrue(line.startsWith("OK "), () -> "NumPy disagrees: " + line + "\n" + output);
        }
        return lines;
    }

    private static void assumePython(String module) {
        Assumptions.assumeTrue(
                Python.has("numpy", module), "python3 with " + module + " not found: NumPy cross-check skipped");
    }
}
