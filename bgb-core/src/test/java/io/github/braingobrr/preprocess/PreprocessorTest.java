package io.github.braingobrr.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.labels.LabelEvent;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.MissingLabels;
import io.github.braingobrr.labels.ParseMode;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.montage.MissingChannelsException;
import io.github.braingobrr.montage.Montage;
import io.github.braingobrr.preprocess.PreprocessingConfig.LabelOptions;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorTest {
    private static final RawRecording EXAMPLE = SeedReferenceTest.realRecording("example");

    @Test
    void seizureMaskFollowsTheLabelsAtTheOutputRate() throws Exception {
        LabelFile labels = LabelFile.of(
                LabelFormat.CSV,
                "example",
                5,
                "",
                List.of(
                        new LabelEvent("FP1-F7", 1.0, 2.0, "cpsz", 1),
                        new LabelEvent("F7-T3", 3.0, 3.5, "cnsz", 1),
                        new LabelEvent("F7-T3", 3.5, 5.0, "bckg", 1)));
        Recording seed = new Preprocessor(PreprocessingConfig.seed()).process(EXAMPLE, labels);
        assertEquals(1280, seed.sampleCount());
        assertEquals(256f, sum(seed.mask())); // cnsz is background in the seed's set
        assertEquals(0f, seed.mask().get(255));
        assertEquals(1f, seed.mask().get(256));
        assertEquals(0f, seed.mask().get(512));
        Recording fixed = new Preprocessor(PreprocessingConfig.zeroPhase()).process(EXAMPLE, labels);
        assertEquals(256f + 128f, sum(fixed.mask()));
        assertEquals(3, fixed.events().size());
        PreprocessingConfig oneChannel = PreprocessingConfig.zeroPhase().toBuilder()
                .labels(new LabelOptions(
                        LabelFormat.CSV,
                        SeizureType.epileptic(),
                        MissingLabels.FAIL,
                        ParseMode.STRICT,
                        Optional.of("F7-T3")))
                .build();
        assertEquals(
                128f, sum(new Preprocessor(oneChannel).process(EXAMPLE, labels).mask()));
    }

    @Test
    void missingLabelFileIsBackgroundOrFailureAsConfigured(@TempDir Path dir) throws Exception {
        Path absent = dir.resolve("example.csv");
        Recording bg = new Preprocessor(PreprocessingConfig.seed()).process(EXAMPLE, absent);
        assertTrue(bg.provenance().labelsMissing());
        assertEquals(0f, sum(bg.mask()));
        assertTrue(
                bg.provenance().warnings().get(0).startsWith("no label file (" + absent),
                bg.provenance().warnings().toString());
        PreprocessingConfig fail = PreprocessingConfig.seed().toBuilder()
                .labels(new LabelOptions(
                        LabelFormat.CSV, SeizureType.seed(), MissingLabels.FAIL, ParseMode.LENIENT, Optional.empty()))
                .build();
        PreprocessingException e =
                assertThrows(PreprocessingException.class, () -> new Preprocessor(fail).process(EXAMPLE, absent));
        assertTrue(e.getMessage().contains("MissingLabels.FAIL"), e.getMessage());
        Files.writeString(
                absent,
                "# version = csv_v1.0.0\n# duration = 5.00 secs\n#\n"
                        + "channel,start_time,stop_time,label,confidence\nFP1-F7,0.5,1.0,fnsz,1.0\nbad row\n");
        Recording labelled = new Preprocessor(PreprocessingConfig.seed()).process(EXAMPLE, absent);
        assertEquals(128f, sum(labelled.mask()));
        assertEquals(1, labelled.provenance().warnings().size()); // the malformed row, skipped leniently
        assertEquals(absent.toString(), labelled.provenance().labelSource());
    }

    @Test
    void provenanceNamesSourcesRatesAndConfig() throws Exception {
        Recording rec = new Preprocessor(PreprocessingConfig.seed()).process(EXAMPLE);
        Provenance p = rec.provenance();
        assertEquals("edf/nedc_pystream_example/example.edf", p.source());
        assertEquals(250.0, p.sourceRate());
        assertEquals(1250, p.sourceSamples());
        assertEquals("EEG FP1-REF", p.sourceLabels().get("Fp1"));
        assertEquals(PreprocessingConfig.seed().hash(), p.configHash());
        assertEquals(5.0, rec.durationSeconds(), 1e-12);
    }

    @Test
    void tcpMontageIsTheDifferenceOfReferentialChannelsBeforeFiltering() throws Exception {
        PreprocessingConfig noNorm = PreprocessingConfig.seed().toBuilder()
                .zScore(false, 0)
                .clip(Double.POSITIVE_INFINITY)
                .float32Input(false)
                .build();
        Recording ref = new Preprocessor(noNorm).process(EXAMPLE);
        Recording tcp =
                new Preprocessor(noNorm.toBuilder().montage(Montage.TCP_22).build()).process(EXAMPLE);
        assertEquals(Montage.TCP_22.channelNames(), tcp.channelNames());
        // FP1-F7 = Fp1 − F7 (seed indices 0 and 4): the chain is linear
        for (int i = 0; i < tcp.sampleCount(); i++) {
            float expected = ref.sample(0, i) - ref.sample(4, i);
            assertEquals(expected, tcp.sample(0, i), 1e-3 * (1 + Math.abs(expected)), "sample " + i);
        }
    }

    @Test
    void unitsAreScaledToMicrovolts() throws Exception {
        double[][] volts = new double[EXAMPLE.labels().size()][];
        for (int s = 0; s < volts.length; s++) {
            volts[s] = EXAMPLE.readPhysical(s);
            for (int i = 0; i < volts[s].length; i++) {
                volts[s][i] *= 1e-6;
            }
        }
        PreprocessingConfig raw = PreprocessingConfig.seed().toBuilder()
                .noBandpass()
                .noNotch()
                .zScore(false, 0)
                .clip(Double.POSITIVE_INFINITY)
                .targetRate(250)
                .build();
        Recording uv = new Preprocessor(raw).process(EXAMPLE);
        Recording v = new Preprocessor(raw).process(RawRecording.of("v", EXAMPLE.labels(), 250, "V", volts));
        assertEquals(4497.9858f, uv.sample(0, 0), 1e-4f); // NEDC's README: FP1 sample 0
        for (int i = 0; i < 10; i++) {
            assertEquals(uv.sample(0, i), v.sample(0, i), 1e-3f);
        }
        PreprocessingException e = assertThrows(
                PreprocessingException.class,
                () -> new Preprocessor(raw).process(RawRecording.of("odd", EXAMPLE.labels(), 250, "furlong", volts)));
        assertTrue(e.getMessage().startsWith("odd: signal 'EEG FP1-REF' has physical unit 'furlong'"), e.getMessage());
    }

    @Test
    void mixedRatesAndMissingChannelsAreReportedNotCrashed() throws Exception {
        double[] rates = new double[EXAMPLE.labels().size()];
        java.util.Arrays.fill(rates, 250);
        rates[2] = 500;
        double[][] sig = EXAMPLE.signals();
        RawRecording mixed = new RawRecording(
                "mixed", EXAMPLE.labels(), rates, java.util.Collections.nCopies(rates.length, "uV"), sig);
        PreprocessingException e = assertThrows(
                PreprocessingException.class, () -> new Preprocessor(PreprocessingConfig.seed()).process(mixed));
        assertTrue(e.getMessage().contains("differ in rate or length"), e.getMessage());
        List<String> labels = new ArrayList<>(EXAMPLE.labels());
        labels.set(labels.indexOf("EEG O1-REF"), "EEG XX-REF");
        assertThrows(
                MissingChannelsException.class,
                () -> new Preprocessor(PreprocessingConfig.seed())
                        .process(RawRecording.of("noO1", labels, 250, "uV", sig)));
    }

    @Test
    void shortAndEmptyRecordingsGiveNoWindowsAndNoCrash() throws Exception {
        double[][] tiny = new double[EXAMPLE.labels().size()][3];
        for (PreprocessingConfig c : List.of(PreprocessingConfig.seed(), PreprocessingConfig.zeroPhase())) {
            Recording r = new Preprocessor(c).process(RawRecording.of("tiny", EXAMPLE.labels(), 250, "uV", tiny));
            // round(3·256/250) = 3 for the FFT, ceil(3·128/125) = 4 for polyphase
            assertEquals(c.resampler() == PreprocessingConfig.Resampler.FFT ? 3 : 4, r.sampleCount());
            assertEquals(0, r.windows(Windower.seed()).size());
        }
        Recording empty = new Preprocessor(PreprocessingConfig.seed())
                .process(RawRecording.of(
                        "empty",
                        EXAMPLE.labels(),
                        250,
                        "uV",
                        new double[EXAMPLE.labels().size()][0]));
        assertEquals(0, empty.sampleCount());
    }

    /** The signals of {@code r} without their samples: reading one fails the test. */
    private static SignalSource headersOnly(RawRecording r) {
        return new SignalSource() {
            @Override
            public String name() {
                return r.name();
            }

            @Override
            public List<String> labels() {
                return r.labels();
            }

            @Override
            public double samplingRate(int index) {
                return r.samplingRate(index);
            }

            @Override
            public String unit(int index) {
                return r.unit(index);
            }

            @Override
            public int sampleCount(int index) {
                return r.sampleCount(index);
            }

            @Override
            public double[] readPhysical(int index) {
                throw new AssertionError("plan() read the samples of signal " + index);
            }
        };
    }

    @Test
    void planChecksWhatProcessChecksWithoutReadingASample() throws Exception {
        for (PreprocessingConfig c : List.of(PreprocessingConfig.seed(), PreprocessingConfig.zeroPhase())) {
            Preprocessor p = new Preprocessor(c);
            Preprocessor.Plan plan = p.plan(headersOnly(EXAMPLE));
            Recording rec = p.process(EXAMPLE);
            assertEquals(rec.sampleCount(), plan.outputSamples());
            assertEquals(250.0, plan.sourceRate());
            assertEquals(1250, plan.sourceSamples());
            assertEquals(rec.provenance().sourceLabels(), plan.montage().sourceLabels());
        }
        List<String> labels = new ArrayList<>(EXAMPLE.labels());
        labels.set(labels.indexOf("EEG O1-REF"), "EEG XX-REF");
        RawRecording noO1 = RawRecording.of("noO1", labels, 250, "uV", EXAMPLE.signals());
        Preprocessor seed = new Preprocessor(PreprocessingConfig.seed());
        MissingChannelsException fromPlan =
                assertThrows(MissingChannelsException.class, () -> seed.plan(headersOnly(noO1)));
        MissingChannelsException fromProcess = assertThrows(MissingChannelsException.class, () -> seed.process(noO1));
        assertEquals(fromProcess.getMessage(), fromPlan.getMessage());
    }

    @Test
    void readLabelsReadsAsProcessDoes(@TempDir Path dir) throws Exception {
        Path absent = dir.resolve("example.csv");
        assertTrue(new Preprocessor(PreprocessingConfig.seed())
                .readLabels("example", absent)
                .isEmpty());
        PreprocessingConfig fail = PreprocessingConfig.seed().toBuilder()
                .labels(new LabelOptions(
                        LabelFormat.CSV, SeizureType.seed(), MissingLabels.FAIL, ParseMode.LENIENT, Optional.empty()))
                .build();
        PreprocessingException fromRead = assertThrows(
                PreprocessingException.class, () -> new Preprocessor(fail).readLabels(EXAMPLE.name(), absent));
        PreprocessingException fromProcess =
                assertThrows(PreprocessingException.class, () -> new Preprocessor(fail).process(EXAMPLE, absent));
        assertEquals(fromProcess.getMessage(), fromRead.getMessage());
        Files.writeString(
                absent,
                "# version = csv_v1.0.0\n# duration = 5.00 secs\n#\n"
                        + "channel,start_time,stop_time,label,confidence\nFP1-F7,0.5,1.0,fnsz,1.0\nbad row\n");
        LabelFile read = new Preprocessor(PreprocessingConfig.seed())
                .readLabels("example", absent)
                .orElseThrow();
        assertEquals(1, read.events().size());
        assertEquals(1, read.warnings().size());
    }

    @Test
    void recordingViewsAreReadOnly() throws Exception {
        Recording rec = new Preprocessor(PreprocessingConfig.seed()).process(EXAMPLE);
        FloatBuffer ch = rec.channel(0);
        assertThrows(ReadOnlyBufferException.class, () -> ch.put(0, 1f));
        float[] copy = rec.copyChannel(0);
        copy[0] = 1234f;
        assertArrayEquals(
                new float[] {rec.sample(0, 0)}, new float[] {rec.channel(0).get(0)});
    }

    static float sum(FloatBuffer b) {
        float s = 0;
        while (b.hasRemaining()) {
            s += b.get();
        }
        return s;
    }
}
