package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.montage.ChannelNames;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpzReader;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb preprocess} on recordings of the synthetic corpus. */
class PreprocessCommandTest {
    @TempDir
    Path dir;

    private final SyntheticCorpus corpus = TestCorpus.get();

    @Test
    void theSeedPresetWritesSignalsLabelsChannelsSfreqAndConfig() throws IOException {
        SyntheticRecordingSpec spec = TestCorpus.find(s -> s.hasSeizures()
                && s.missingElectrodes().isEmpty()
                && s.seizures().stream()
                        .anyMatch(z ->
                                TestCorpus.SEED_SEIZURE_LABELS.contains(z.type().code())));
        Path out = dir.resolve("p.npz");
        JsonNode j = Cli.run("preprocess", corpus.edfPath(spec).toString(), "--out", out.toString(), "--json")
                .ok()
                .json();
        int n = spec.durationSeconds() * 256; // resampled to round(n * 256 / fs)
        try (NpzReader z = NpzReader.open(out)) {
            assertEquals(List.of("signals", "labels", "channels", "sfreq", "config"), z.names());
            NpyArray signals = z.read("signals");
            assertEquals("<f4", signals.dtype().descr());
            assertArrayEquals(new long[] {19, n}, signals.shape());
            for (float v : signals.toFloatArray()) {
                assertTrue(Math.abs(v) <= 10, "z-scored and clipped to 10");
            }
            NpyArray labels = z.read("labels");
            assertEquals("<f4", labels.dtype().descr());
            float[] expected = TestCorpus.seedMask(corpus.csvPath(spec), 256, n);
            assertArrayEquals(expected, labels.toFloatArray());
            assertArrayEquals(
                    TestCorpus.SEED_CHANNELS.toArray(), z.read("channels").toStringArray());
            assertEquals(0, z.read("sfreq").rank());
            assertEquals(256.0, z.read("sfreq").getDouble());
            NpyArray config = z.read("config");
            assertEquals(0, config.rank());
            assertEquals(PreprocessingConfig.seed().toCanonicalJson(), config.getString());
        }
        int seizure = 0;
        for (float v : TestCorpus.seedMask(corpus.csvPath(spec), 256, n)) {
            seizure += v != 0 ? 1 : 0;
        }
        assertTrue(seizure > 0, "the recording has seed-labelled seizure samples");
        assertEquals(seizure, j.get("seizureSamples").asInt());
        assertEquals(n, j.get("samples").asInt());
        assertEquals(spec.samplingRate(), j.get("sourceRate").asDouble());
        assertEquals(corpus.csvPath(spec).toString(), j.get("labelFile").asText());
        assertEquals(PreprocessingConfig.seed().hash(), j.get("configHash").asText());
        assertEquals(19, j.get("sourceLabels").size());
    }

    @Test
    void aPresetAndJsonSettingsChangeTheRecipe() throws IOException {
        SyntheticRecordingSpec spec = TestCorpus.find(s -> s.missingElectrodes().isEmpty());
        Path settings = dir.resolve("settings.json");
        Files.writeString(settings, "{ \"resample\": {\"target_hz\": 200}, \"bandpass\": {\"high_hz\": 90} }");
        Path out = dir.resolve("zp.npz");
        Cli.run(
                        "preprocess",
                        corpus.edfPath(spec).toString(),
                        "--out",
                        out.toString(),
                        "--preset",
                        "zero-phase",
                        "--config",
                        settings.toString())
                .ok();
        PreprocessingConfig expected = PreprocessingConfig.zeroPhase().toBuilder()
                .targetRate(200)
                .bandpass(new PreprocessingConfig.Bandpass(3, 0.5, 90, PreprocessingConfig.FilterMode.ZERO_PHASE))
                .build();
        try (NpzReader z = NpzReader.open(out)) {
            assertEquals(expected.toCanonicalJson(), z.read("config").getString());
            assertEquals(200.0, z.read("sfreq").getDouble());
            assertEquals(
                    spec.durationSeconds() * 200L, z.entry("signals").header().dim(1));
        }
        Path inline = dir.resolve("inline.npz");
        Cli.run(
                        "preprocess",
                        corpus.edfPath(spec).toString(),
                        "--out",
                        inline.toString(),
                        "--preset",
                        "zero_phase",
                        "--config",
                        "{\"resample\":{\"target_hz\":200},\"bandpass\":{\"high_hz\":90}}")
                .ok();
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(inline), "same settings, same bytes");
    }

    @Test
    void missingFzPzAreInterpolatedAndSaidSo() {
        SyntheticRecordingSpec spec = TestCorpus.find(
                s -> !s.missingElectrodes().isEmpty() && List.of("FZ", "PZ").containsAll(s.missingElectrodes()));
        List<String> missing = spec.missingElectrodes().stream()
                .map(e -> ChannelNames.canonical(e).orElseThrow())
                .toList();
        Cli.Result r = Cli.run(
                        "preprocess",
                        corpus.edfPath(spec).toString(),
                        "--out",
                        dir.resolve("i.npz").toString())
                .ok();
        assertTrue(r.out().contains("interpolated " + missing), r.out());
    }

    @Test
    void anExplicitLabelFileIsUsedAndMustExist() throws IOException {
        SyntheticRecordingSpec spec =
                TestCorpus.find(s -> s.hasSeizures() && s.missingElectrodes().isEmpty());
        Path out = dir.resolve("bi.npz");
        JsonNode j = Cli.run(
                        "preprocess",
                        corpus.edfPath(spec).toString(),
                        "--labels",
                        corpus.csvBiPath(spec).toString(),
                        "--out",
                        out.toString(),
                        "--json")
                .ok()
                .json();
        assertEquals(corpus.csvBiPath(spec).toString(), j.get("labelFile").asText());
        assertTrue(j.get("seizureSamples").asInt() > 0, "csv_bi 'seiz' rows count under the seed preset");
        Path missing = dir.resolve("none.csv");
        Cli.run(
                        "preprocess",
                        corpus.edfPath(spec).toString(),
                        "--labels",
                        missing.toString(),
                        "--out",
                        dir.resolve("m.npz").toString())
                .fails(missing + ": the --labels file does not exist");
    }

    @Test
    void badInputFailsOrIsAUsageErrorAndWritesNothing() {
        String edf = corpus.edfPath(corpus.recordings().get(0)).toString();
        String out = dir.resolve("x.npz").toString();
        Cli.run("preprocess", edf, "--out", out, "--preset", "fast")
                .usage("'fast' is not a preset; use seed or zero-phase");
        Cli.run("preprocess", edf, "--out", out, "--config", "{\"clip\":0}").usage("--config: preprocessing config:");
        Cli.run("preprocess", edf, "--out", out, "--config", "nonsense").usage("is neither");
        String fp1Only = EdfInfoCommandTest.file("edf/pyedflib/test_subsecond.edf");
        Cli.run("preprocess", fp1Only, "--out", out).fails(fp1Only);
        assertFalse(Files.exists(Path.of(out)));
        assertEquals(List.of(), Cli.files(dir));
    }
}
