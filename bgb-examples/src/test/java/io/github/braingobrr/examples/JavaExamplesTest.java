package io.github.braingobrr.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpzReader;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import io.github.braingobrr.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each Java example's main method and checks what it prints and writes. */
class JavaExamplesTest {
    /** The seed's seizure labels (SEED-PIPELINE.md §3). */
    private static final Set<String> SEED_SEIZURES =
            Set.of("seiz", "gnsz", "fnsz", "cpsz", "absz", "spsz", "tcsz", "tnsz", "mysz");

    @TempDir
    Path dir;

    @Test
    void readEdfExamplePrintsTheHeaderSignalsAnnotationsAndSamples() throws IOException {
        // facts from shared/testdata/README.md
        String out = capture(() -> ReadEdfExample.main(
                new String[] {TestData.file("edf/pyedflib/test_subsecond.edf").toString()}));
        assertTrue(
                out.contains(": EDF_PLUS_C, 2 signals, 698 records of 1 s, starts 2020-01-24T04:05:56.394531200"), out);
        assertTrue(out.contains("  signal 0 'Fp1' (Fp1) 128.0 Hz, uV"), out);
        assertTrue(out.contains("  annotation at 2.3457031 s: XLSpike"), out);
        assertTrue(out.contains("  annotation at 583.9667968 s: XLSpike"), out);
        assertTrue(out.contains("  first 2.0 s of 'Fp1': 256 samples, first 6.247303 uV"), out);
    }

    @Test
    void buildCacheExamplePrintsTheManifestCountsAndReadsABalancedBatch() throws IOException {
        SyntheticCorpus corpus = SyntheticCorpus.builder()
                .patients(4)
                .minutesPerRecording(1.5)
                .seed(2026)
                .writeTo(dir.resolve("edf"));
        Path cache = dir.resolve("cache");
        String printed =
                capture(() -> BuildCacheExample.main(new String[] {corpus.root().toString(), cache.toString()}));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String split : List.of("train", "dev")) {
            com.fasterxml.jackson.databind.JsonNode m =
                    json.readTree(cache.resolve(split).resolve("manifest.json").toFile());
            String line = split + ": partial " + m.get("partial_seizure").size() + ", full "
                    + m.get("full_seizure").size() + ", none "
                    + m.get("no_seizure").size();
            assertTrue(printed.contains(line), "expected '" + line + "' in:\n" + printed);
        }
        com.fasterxml.jackson.databind.JsonNode train =
                json.readTree(cache.resolve("train").resolve("manifest.json").toFile());
        int partial = train.get("partial_seizure").size();
        int sample = partial
                + Math.min((int) (0.3 * partial), train.get("full_seizure").size())
                + Math.min((int) (2.5 * partial), train.get("no_seizure").size());
        assertTrue(
                printed.contains("balanced sample: " + sample + " windows; first batch: " + Math.min(4, sample)
                        + " windows of 19 x 15360"),
                printed);
    }

    @Test
    void preprocessExampleWritesTheSeedCacheLayoutForOneRecording() throws IOException {
        SyntheticCorpus corpus = SyntheticCorpus.builder()
                .patients(1)
                .recordingsPerPatient(3)
                .minutesPerRecording(1.6)
                .seed(3)
                .writeTo(dir.resolve("edf"));
        SyntheticRecordingSpec spec = corpus.recordings().stream()
                .filter(s -> s.hasSeizures() && s.durationSeconds() >= 70)
                .findFirst()
                .orElseThrow();
        Path out = dir.resolve(spec.stem() + "_windows.npz");
        String printed = capture(
                () -> PreprocessExample.main(new String[] {corpus.edfPath(spec).toString(), out.toString()}));
        int n = spec.durationSeconds() * 256;
        int windows = (n - 15360) / 2560 + 1; // SEED-PIPELINE.md §2
        float[] mask = seedMask(corpus.csvPath(spec), n);
        int none = 0;
        int full = 0;
        try (NpzReader z = NpzReader.open(out)) {
            assertArrayEquals(
                    new long[] {windows, 19, 15360}, z.entry("windows").header().shape());
            NpyArray labels = z.read("labels");
            assertArrayEquals(new long[] {windows, 15360}, labels.shape());
            float[] all = labels.toFloatArray();
            for (int w = 0; w < windows; w++) {
                float[] expected = Arrays.copyOfRange(mask, w * 2560, w * 2560 + 15360);
                float[] got = Arrays.copyOfRange(all, w * 15360, (w + 1) * 15360);
                assertArrayEquals(expected, got, "labels of window " + w);
                double fraction = 0;
                for (float v : got) {
                    fraction += v;
                }
                fraction /= 15360;
                none += fraction == 0 ? 1 : 0;
                full += fraction >= 0.99 ? 1 : 0;
            }
        }
        assertTrue(printed.contains("-> " + windows + " windows of 15360 samples"), printed);
        assertTrue(printed.contains("  NO_SEIZURE: " + none + "\n"), printed);
        assertTrue(printed.contains("  FULL_SEIZURE: " + full + "\n"), printed);
        assertTrue(printed.contains("  PARTIAL_SEIZURE: " + (windows - none - full) + "\n"), printed);
    }

    private static float[] seedMask(Path csv, int samples) throws IOException {
        float[] mask = new float[samples];
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (!line.startsWith("#") && f.length >= 4 && SEED_SEIZURES.contains(f[3])) {
                int from = (int) Math.min(samples, Double.parseDouble(f[1]) * 256);
                int to = (int) Math.min(samples, Double.parseDouble(f[2]) * 256);
                Arrays.fill(mask, from, to, 1f);
            }
        }
        return mask;
    }

    interface Main {
        void run() throws IOException;
    }

    private static String capture(Main main) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(), out.lines().filter(l -> l.contains("Exception")).toList(), out);
        return out;
    }
}
