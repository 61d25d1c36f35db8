package io.github.braingobrr.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfFormat;
import io.github.braingobrr.edf.EdfFormatException;
import io.github.braingobrr.edf.EdfSignalSpec;
import io.github.braingobrr.edf.EdfWriter;
import io.github.braingobrr.labels.LabelEvent;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.LabelWriter;
import io.github.braingobrr.labels.MissingLabels;
import io.github.braingobrr.labels.ParseMode;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.montage.ChannelNames;
import io.github.braingobrr.montage.MissingChannelsException;
import io.github.braingobrr.preprocess.PreprocessingConfig.LabelOptions;
import io.github.braingobrr.testdata.ReferenceArrays;
import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The preprocessor on EDF files through {@link SignalSource#of(EdfFile)} and {@link Preprocessor#process(Path)}. */
class EdfPreprocessingTest {
    private static final String DIR = "/io/github/braingobrr/preprocess/";

    /**
     * The reference arrays were computed by SciPy from these files' digital samples and header scaling
     * (make_dsp_references.py); reading the files through the EDF adapter must give the same output as the
     * in-memory reference tests, to the same tolerance.
     */
    @ParameterizedTest
    @CsvSource({
        "example, edf/nedc_pystream_example/example.edf",
        "aaaaapks_s012_t001, edf/epilepsy2bids_tuh_sample/aaaaapks_s012_t001.edf",
        "aaaaahln_s001_t000, edf/epilepsy2bids_tuh_sample/aaaaahln_s001_t000.edf"
    })
    void seedAndZeroPhaseOnRealTuhFilesMatchScipyAndTheInMemoryPath(String name, String file) throws Exception {
        ReferenceArrays r = ReferenceArrays.load(DIR + "recording_" + name + ".txt.gz");
        Path edf = TestData.file(file);
        Recording seed = new Preprocessor(PreprocessingConfig.seed()).process(edf);
        assertEquals(ChannelNames.SEED_19, seed.channelNames());
        assertEquals(256.0, seed.samplingRate());
        SeedReferenceTest.assertMatches(r.matrix("seed"), seed, 19, name + " via EDF");
        Recording inMemory =
                new Preprocessor(PreprocessingConfig.seed()).process(SeedReferenceTest.realRecording(name));
        for (int c = 0; c < 19; c++) {
            float[] a = seed.copyChannel(c);
            float[] b = inMemory.copyChannel(c);
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-6, name + " channel " + c + " sample " + i);
            }
        }
        assertEquals(inMemory.provenance().sourceLabels(), seed.provenance().sourceLabels());
        assertEquals(250.0, seed.provenance().sourceRate());
        assertEquals(edf.toString(), seed.provenance().source());
        assertTrue(seed.provenance().labelsMissing(), "no .csv beside the shared test files");
        assertTrue(
                seed.provenance().warnings().stream()
                        .anyMatch(w -> w.contains(LabelFormat.CSV.siblingOf(edf).toString())),
                seed.provenance().warnings().toString());
        Recording zp = new Preprocessor(PreprocessingConfig.zeroPhase()).process(edf);
        SeedReferenceTest.assertMatches(r.matrix("zero_phase"), zp, 19, name + " zero-phase via EDF");
    }

    @Test
    void theSourceListsDataSignalsOnlyWithTheirRatesAndUnits() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/epilepsy2bids_tuh_sample/aaaaapks_s012_t001.edf"))) {
            SignalSource s = SignalSource.of(edf);
            assertEquals(edf.dataSignals().size(), s.labels().size());
            assertTrue(edf.signals().size() > s.labels().size(), "the file has an annotation signal");
            assertFalse(s.labels().contains("EDF Annotations"));
            for (int i = 0; i < s.labels().size(); i++) {
                var signal = edf.dataSignals().get(i);
                assertEquals(signal.label(), s.labels().get(i));
                assertEquals(signal.samplingRate(), s.samplingRate(i));
                assertEquals(signal.unit(), s.unit(i));
                assertEquals(signal.sampleCount(), s.sampleCount(i));
                assertEquals(s.sampleCount(i), s.readPhysical(i).length);
            }
            assertTrue(s.labels().contains("EEG FP1-REF"));
            assertEquals(edf.name(), s.name());
        }
    }

    /** A 19-channel EDF+C recording (with its annotation signal) of random microvolt-scale noise. */
    private static Path writeRecording(Path file, List<String> electrodes, String unit, double unitsPerMicrovolt)
            throws IOException {
        return writeRecording(file, electrodes, unit, unitsPerMicrovolt, 250, 20);
    }

    private static Path writeRecording(
            Path file, List<String> electrodes, String unit, double unitsPerMicrovolt, int rate, int seconds)
            throws IOException {
        SplittableRandom random =
                new SplittableRandom(file.getFileName().toString().hashCode());
        EdfWriter.Builder b = EdfWriter.builder(EdfFormat.EDF_PLUS_C);
        for (String e : electrodes) {
            int[] d = new int[rate * seconds];
            for (int i = 0; i < d.length; i++) {
                d[i] = random.nextInt(-3000, 3000);
            }
            double range = 5000 * unitsPerMicrovolt;
            b.digitalSignal(
                    EdfSignalSpec.of(
                            "EEG " + e.toUpperCase(java.util.Locale.ROOT) + "-REF",
                            unit,
                            -range,
                            range,
                            -32767,
                            32767,
                            rate),
                    d);
        }
        b.annotation(1, "start");
        b.build().write(file);
        return file;
    }

    /** Physical values are scaled to microvolts from each signal's unit field. */
    @ParameterizedTest
    @CsvSource({"uV, 1", "mV, 1e-3", "V, 1e-6", "nV, 1e3"})
    void unitsComeFromTheEdfUnitField(String unit, double unitsPerMicrovolt, @TempDir Path dir) throws IOException {
        Path file = writeRecording(dir.resolve("a.edf"), ChannelNames.SEED_19, unit, unitsPerMicrovolt);
        // no filters, no z-score: the output is the input in microvolts
        PreprocessingConfig raw = PreprocessingConfig.seed().toBuilder()
                .float32Input(false)
                .targetRate(250)
                .noBandpass()
                .noNotch()
                .zScore(false, 0)
                .clip(Double.POSITIVE_INFINITY)
                .build();
        try (EdfFile edf = EdfFile.open(file)) {
            assertEquals(unit, edf.signal("EEG FP1-REF").unit());
            double[] physical = edf.readPhysical(edf.signal("EEG FP1-REF"));
            Recording r = new Preprocessor(raw).process(SignalSource.of(edf), dir.resolve("none.csv"));
            assertEquals(physical.length, r.sampleCount());
            for (int i = 0; i < physical.length; i++) {
                assertEquals(physical[i] / unitsPerMicrovolt, r.sample(0, i), 1e-3, "sample " + i);
            }
            assertTrue(SeedReferenceTest.maxAbs(r.copyChannel(0)) > 100, "microvolt scale");
        }
    }

    @Test
    void aMontageSignalInAnUnknownUnitIsRefusedNamingFileAndSignal(@TempDir Path dir) throws IOException {
        Path file = writeRecording(dir.resolve("mm.edf"), ChannelNames.SEED_19, "mm", 1);
        PreprocessingException e = assertThrows(
                PreprocessingException.class, () -> new Preprocessor(PreprocessingConfig.seed()).process(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'mm'"), e.getMessage());
    }

    @Test
    void badEdfFilesRaiseTheEdfExceptionNamingTheFile(@TempDir Path dir) throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.edf"), "this is not an EDF file at all".repeat(20));
        Preprocessor p = new Preprocessor(PreprocessingConfig.seed());
        EdfFormatException e = assertThrows(EdfFormatException.class, () -> p.process(garbage));
        assertEquals(garbage.toString(), e.file());
        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());

        Path good = writeRecording(dir.resolve("good.edf"), ChannelNames.SEED_19, "uV", 1);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.edf"), java.util.Arrays.copyOf(bytes, 700));
        EdfFormatException t = assertThrows(EdfFormatException.class, () -> p.process(truncated));
        assertTrue(t.getMessage().contains(truncated.toString()), t.getMessage());

        Path absent = dir.resolve("absent.edf");
        IOException a = assertThrows(IOException.class, () -> p.process(absent));
        assertTrue(a.getMessage().contains(absent.toString()), a.getMessage());
    }

    @Test
    void missingChannelsAreRejectedNamingTheFileOrFilledAsThePolicySays(@TempDir Path dir) throws IOException {
        List<String> noC3 = new ArrayList<>(ChannelNames.SEED_19);
        noC3.remove("C3");
        Path file = writeRecording(dir.resolve("no_c3.edf"), noC3, "uV", 1);
        MissingChannelsException e = assertThrows(
                MissingChannelsException.class, () -> new Preprocessor(PreprocessingConfig.seed()).process(file));
        assertEquals(file.toString(), e.source());
        assertEquals(List.of("C3"), e.missing());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

        List<String> noFzPz = new ArrayList<>(ChannelNames.SEED_19);
        noFzPz.removeAll(List.of("Fz", "Pz"));
        Path fzpz = writeRecording(dir.resolve("no_fz_pz.edf"), noFzPz, "uV", 1);
        Recording r = new Preprocessor(PreprocessingConfig.seed()).process(fzpz);
        assertEquals(List.of("Fz", "Pz"), r.provenance().interpolated());
        assertTrue(
                SeedReferenceTest.maxAbs(r.copyChannel(ChannelNames.SEED_19.indexOf("Fz"))) > 0,
                "interpolated, not zero");
    }

    private static LabelFile labels(LabelFormat format, double start, double stop, String type) {
        String channel = format == LabelFormat.CSV_BI ? LabelEvent.TERM : "FP1-F7";
        return LabelFile.of(format, "rec", 20, "", List.of(new LabelEvent(channel, start, stop, type, 1)));
    }

    @Test
    void theLabelFileBesideTheEdfIsReadInTheConfiguredFormat(@TempDir Path dir) throws IOException {
        Path edf = writeRecording(dir.resolve("rec.edf"), ChannelNames.SEED_19, "uV", 1);
        LabelWriter.write(dir.resolve("rec.csv"), labels(LabelFormat.CSV, 2, 4, "fnsz"));
        LabelWriter.write(dir.resolve("rec.csv_bi"), labels(LabelFormat.CSV_BI, 10, 15, "seiz"));
        Recording seed = new Preprocessor(PreprocessingConfig.seed()).process(edf);
        assertEquals(dir.resolve("rec.csv").toString(), seed.provenance().labelSource());
        assertEquals(2 * 256f, PreprocessorTest.sum(seed.mask()), "fnsz 2-4 s from the .csv");
        assertEquals(1f, seed.mask().get(2 * 256));
        PreprocessingConfig bi = PreprocessingConfig.seed().toBuilder()
                .labels(new LabelOptions(
                        LabelFormat.CSV_BI, SeizureType.seed(), MissingLabels.FAIL, ParseMode.STRICT, Optional.empty()))
                .build();
        Recording binary = new Preprocessor(bi).process(edf);
        assertEquals(dir.resolve("rec.csv_bi").toString(), binary.provenance().labelSource());
        assertEquals(5 * 256f, PreprocessorTest.sum(binary.mask()), "seiz 10-15 s from the .csv_bi");
        assertEquals(1f, binary.mask().get(10 * 256));
        Recording explicit = new Preprocessor(PreprocessingConfig.seed()).process(edf, dir.resolve("rec.csv_bi"));
        assertEquals(
                5 * 256f, PreprocessorTest.sum(explicit.mask()), "an explicit label file's extension picks its format");

        Files.delete(dir.resolve("rec.csv_bi"));
        PreprocessingException e = assertThrows(PreprocessingException.class, () -> new Preprocessor(bi).process(edf));
        assertTrue(e.getMessage().contains("rec.csv_bi") && e.getMessage().contains(edf.toString()), e.getMessage());
    }

    @Test
    void toleratedHeaderDeviationsAreKeptInTheProvenance(@TempDir Path dir) throws IOException {
        Path edf = writeRecording(dir.resolve("colon.edf"), ChannelNames.SEED_19, "uV", 1);
        byte[] bytes = Files.readAllBytes(edf);
        bytes[170] = ':'; // start date dd.mm.yy -> dd:mm.yy, as some TUSZ files have it
        Files.write(edf, bytes);
        Recording r = new Preprocessor(PreprocessingConfig.seed()).process(edf);
        assertTrue(
                r.provenance().warnings().stream().anyMatch(w -> w.contains(edf.toString()) && w.contains("date")),
                r.provenance().warnings().toString());
    }

    @Test
    void discontinuousFilesWithGapsAreRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gaps.edf");
        EdfWriter.Builder b = EdfWriter.builder(EdfFormat.EDF_PLUS_D).recordOnsets(0, 1, 5, 6);
        for (String e : ChannelNames.SEED_19) {
            b.signal(EdfSignalSpec.of("EEG " + e + "-REF", "uV", -100, 100, -32767, 32767, 256), new double[4 * 256]);
        }
        b.build().write(file);
        PreprocessingException e = assertThrows(
                PreprocessingException.class, () -> new Preprocessor(PreprocessingConfig.seed()).process(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("1 gap"), e.getMessage());
    }
}
