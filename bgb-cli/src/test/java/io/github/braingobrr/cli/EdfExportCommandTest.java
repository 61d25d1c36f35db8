package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bgb edf export}; expected sample values are NEDC's and the testdata README's (computed there
 * independently of bgb).
 */
class EdfExportCommandTest {
    private static final String EXAMPLE = EdfInfoCommandTest.file("edf/nedc_pystream_example/example.edf");
    private static final String UNEVEN = EdfInfoCommandTest.file("edf/mne-python/test_uneven_samp.edf");

    @TempDir
    Path dir;

    @Test
    void physicalValuesAsFloat64PerSignalWithLabelsUnitsAndRates() throws IOException {
        Path out = dir.resolve("x.npz");
        Cli.run("edf", "export", EXAMPLE, "--out", out.toString(), "--signals", "Fp1,EEG T3-REF,2")
                .ok();
        try (NpzReader z = NpzReader.open(out)) {
            assertEquals(List.of("sig0", "sig12", "sig2", "labels", "units", "rates"), z.names());
            NpyArray fp1 = z.read("sig0");
            assertEquals("<f8", fp1.dtype().descr());
            assertArrayEquals(new long[] {1250}, fp1.shape());
            double[] v = fp1.toDoubleArray();
            // NEDC's _AAREADME_v00.txt: FP1 samples 0..4 and T3 sample 0, 1 (to 4 decimals)
            assertArrayEquals(
                    new double[] {4497.9858, 4490.8142, 4485.0159, 4479.6753, 4472.8088}, Arrays.copyOf(v, 5), 5e-5);
            double[] t3 = z.read("sig12").toDoubleArray();
            assertEquals(4414.6729, t3[0], 5e-5);
            assertEquals(4409.0271, t3[1], 5e-5);
            assertArrayEquals(
                    new String[] {"EEG FP1-REF", "EEG T3-REF", "EEG F3-REF"},
                    z.read("labels").toStringArray());
            assertArrayEquals(new String[] {"uV", "uV", "uV"}, z.read("units").toStringArray());
            assertArrayEquals(new double[] {250, 250, 250}, z.read("rates").toDoubleArray());
            assertEquals(NpzCompression.STORED, z.entry("sig0").compression());
        }
    }

    @Test
    void digitalValuesAsInt32WithGainsAndOffsets() throws IOException {
        Path out = dir.resolve("d.npz");
        Cli.run("edf", "export", EXAMPLE, "--out", out.toString(), "--signals", "0", "--digital", "--deflate")
                .ok();
        try (NpzReader z = NpzReader.open(out)) {
            NpyArray d = z.read("sig0");
            assertEquals("<i4", d.dtype().descr());
            assertArrayEquals(new int[] {29478, 29431, 29393}, Arrays.copyOf(d.toIntArray(), 3)); // README
            double gain = z.read("gains").toDoubleArray()[0];
            double offset = z.read("offsets").toDoubleArray()[0];
            assertEquals(4497.985820414, 29478 * gain + offset, 1e-8); // README's first physical value
            assertEquals(NpzCompression.DEFLATED, z.entry("sig0").compression());
        }
    }

    @Test
    void aTimeSpanTakesEachSignalsSamplesAtItsOwnRate() throws IOException {
        Path out = dir.resolve("span.npz");
        JsonNode j = Cli.run(
                        "edf", "export", UNEVEN, "--out", out.toString(), "--from", "1", "--seconds", "0.5", "--json")
                .ok()
                .json();
        // 100 Hz: samples 100..149; 12.8 Hz: the samples at k/12.8 s in [1, 1.5) are k = 13..19
        assertEquals(100, j.get("signals").get(0).get("firstSample").asLong());
        assertEquals(50, j.get("signals").get(0).get("samples").asLong());
        assertEquals(13, j.get("signals").get(1).get("firstSample").asLong());
        assertEquals(7, j.get("signals").get(1).get("samples").asLong());
        assertEquals(out.toString(), j.get("file").asText());
        assertEquals("float64", j.get("dtype").asText());
        Path whole = dir.resolve("whole.npz");
        Cli.run("edf", "export", UNEVEN, "--out", whole.toString()).ok();
        try (NpzReader part = NpzReader.open(out);
                NpzReader all = NpzReader.open(whole)) {
            assertArrayEquals(
                    Arrays.copyOfRange(all.read("sig1").toDoubleArray(), 13, 20),
                    part.read("sig1").toDoubleArray());
            assertArrayEquals(
                    Arrays.copyOfRange(all.read("sig0").toDoubleArray(), 100, 150),
                    part.read("sig0").toDoubleArray());
            assertEquals(11000, all.entry("sig0").header().dim(0));
            assertEquals(1408, all.entry("sig1").header().dim(0));
            assertArrayEquals(new double[] {100, 12.8}, all.read("rates").toDoubleArray());
            // README: ch0 '3Hz +5/-5 V', first physical values 0, 0.9375, 1.840820312 V
            assertArrayEquals(
                    new double[] {0, 0.9375, 1.840820312},
                    Arrays.copyOf(all.read("sig0").toDoubleArray(), 3),
                    1e-9);
        }
    }

    @Test
    void badSelectionsAndSpansAreUsageErrorsAndWriteNothing() {
        String out = dir.resolve("bad.npz").toString();
        Cli.run("edf", "export", EXAMPLE, "--out", out, "--signals", "Fp9")
                .usage("no signal of " + EXAMPLE + " is labelled 'Fp9'");
        Cli.run("edf", "export", EXAMPLE, "--out", out, "--signals", "30").usage("has signals 0 to 29, not 30");
        Cli.run("edf", "export", EXAMPLE, "--out", out, "--signals", "Fp1,0")
                .usage("names signal 0 'EEG FP1-REF' twice");
        Cli.run("edf", "export", EXAMPLE, "--out", out, "--from", "-1").usage("--from must be a number of seconds");
        Cli.run("edf", "export", EXAMPLE, "--out", out, "--from", "4", "--seconds", "2")
                .usage("reaches past the end of signal 'EEG FP1-REF'");
        Cli.run("edf", "export", EXAMPLE, "--out", out, "--from", "6").usage("is past the end");
        Cli.run(
                        "edf",
                        "export",
                        EdfInfoCommandTest.file("edf/pyedflib/test_subsecond.edf"),
                        "--out",
                        out,
                        "--signals",
                        "1")
                .usage("is an annotation signal");
        Cli.run("edf", "export", EXAMPLE).usage("Missing required option: '--out=OUT.npz'");
        assertEquals(List.of(), Cli.files(dir), "nothing is written, not even a temporary file");
    }

    @Test
    void anUnwritableTargetFailsNamingItAndLeavesNothing() {
        Path out = dir.resolve("no-such-folder").resolve("x.npz");
        Cli.run("edf", "export", EXAMPLE, "--out", out.toString()).fails("no-such-folder");
        assertFalse(Files.exists(out.getParent()));
        assertEquals(List.of(), Cli.files(dir));
    }

    @Test
    void anExistingArchiveIsReplacedWholeOrNotAtAll() throws IOException {
        Path out = dir.resolve("keep.npz");
        Files.writeString(out, "previous content");
        Cli.run("edf", "export", EXAMPLE, "--out", out.toString(), "--signals", "Fp9")
                .usage("Fp9");
        assertEquals("previous content", Files.readString(out), "a failed export leaves the old file untouched");
        Cli.run("edf", "export", EXAMPLE, "--out", out.toString(), "--signals", "Fp1")
                .ok();
        try (NpzReader z = NpzReader.open(out)) {
            assertTrue(z.contains("sig0"));
        }
        assertEquals(List.of(out), Cli.files(dir));
    }
}
