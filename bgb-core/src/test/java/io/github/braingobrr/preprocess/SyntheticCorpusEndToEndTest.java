package io.github.braingobrr.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfFormat;
import io.github.braingobrr.edf.EdfHeader;
import io.github.braingobrr.edf.EdfOptions;
import io.github.braingobrr.edf.EdfSignal;
import io.github.braingobrr.edf.EdfSignalSpec;
import io.github.braingobrr.labels.LabelEvent;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelReader;
import io.github.braingobrr.montage.ChannelNames;
import io.github.braingobrr.montage.MissingChannelPolicy;
import io.github.braingobrr.montage.MissingChannelsException;
import io.github.braingobrr.montage.Montage;
import io.github.braingobrr.synthetic.PlantedSeizure;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecording;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import io.github.braingobrr.synthetic.SyntheticSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product as a user runs it: a small synthetic TUSZ-like corpus written as real EDF and label files,
 * read back by {@link EdfFile} and {@link LabelReader}, then preprocessed from the files with the seed and
 * zero-phase presets. Every expectation is computed here from the generator's plan (planted events, rates,
 * durations), not from the code under test.
 */
class SyntheticCorpusEndToEndTest {
    /** The seed's seizure labels as SEED-PIPELINE.md §3 lists them ({@code cnsz} and {@code atsz} are not among them). */
    private static final Set<String> SEED_SEIZURES =
            Set.of("seiz", "gnsz", "fnsz", "cpsz", "absz", "spsz", "tcsz", "tnsz", "mysz");

    private static final int FS = 256;
    private static final int WINDOW = 15_360;
    private static final int STRIDE = 2_560;

    @TempDir
    static Path dir;

    private static SyntheticCorpus corpus;

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = SyntheticCorpus.builder()
                .patients(4)
                .recordingsPerPatient(2)
                .minutesPerRecording(1.5)
                .durationJitter(0.3)
                .shortFraction(0.2)
                .missingFzPzFraction(0.3)
                .seizureFraction(0.7)
                .seed(1)
                .writeTo(dir.resolve("edf"));
    }

    /** The corpus has what the tests below need; if the planner changes, pick another seed rather than test less. */
    @Test
    void theCorpusMixesRatesLengthsMontagesMissingElectrodesAndSeizureTypes() {
        Set<Integer> rates = new HashSet<>();
        Set<Object> montages = new HashSet<>();
        boolean shortOne = false;
        boolean missing = false;
        boolean notInSeedSet = false;
        for (SyntheticRecordingSpec s : corpus.recordings()) {
            rates.add(s.samplingRate());
            montages.add(s.montage());
            shortOne |= s.durationSeconds() < 60;
            missing |= !s.missingElectrodes().isEmpty();
            for (PlantedSeizure z : s.seizures()) {
                notInSeedSet |= !SEED_SEIZURES.contains(z.type().code());
            }
            assertTrue(s.durationSeconds() <= 120, s.stem() + " is at most 2 minutes");
        }
        assertEquals(Set.of(250, 256, 400, 512), rates);
        assertEquals(2, montages.size(), "both -REF and -LE recordings");
        assertTrue(shortOne, "a recording shorter than one window");
        assertTrue(missing, "a recording without Fz and/or Pz");
        assertTrue(notInSeedSet, "a seizure type the seed preset counts as background");
    }

    @Test
    void edfFilesReadBackWithTheirHeadersRatesAndValuesWithinHalfAQuantizationStep() throws IOException {
        for (SyntheticRecordingSpec spec : corpus.recordings()) {
            try (EdfFile edf = EdfFile.open(corpus.edfPath(spec), EdfOptions.STRICT)) {
                String where = spec.stem();
                EdfHeader h = edf.header();
                assertEquals(EdfFormat.EDF, h.format(), where);
                assertEquals(spec.patientField(), h.patientField(), where);
                assertEquals(spec.recordingField(), h.recordingField(), where);
                assertEquals(spec.startDateTime(), h.startDateTime().orElseThrow(), where);
                assertEquals(spec.durationSeconds(), h.recordCount(), where);
                assertEquals(1.0, h.recordDuration(), where);
                assertEquals(spec.signals().size(), edf.signals().size(), where);
                SyntheticRecording generator = SyntheticRecording.of(spec);
                for (int i = 0; i < spec.signals().size(); i++) {
                    SyntheticSignal planned = spec.signals().get(i);
                    EdfSignalSpec want = planned.edf();
                    EdfSignal got = edf.signal(i);
                    String what = where + " " + want.label();
                    assertEquals(want.label(), got.label(), what);
                    assertEquals(want.unit(), got.unit(), what);
                    assertEquals(want.transducer(), got.transducer(), what);
                    assertEquals(want.prefilter(), got.prefilter(), what);
                    assertEquals(want.physicalMin(), got.physicalMin(), what);
                    assertEquals(want.physicalMax(), got.physicalMax(), what);
                    assertEquals(want.digitalMin(), got.digitalMin(), what);
                    assertEquals(want.digitalMax(), got.digitalMax(), what);
                    double rate = planned.samplingRate(); // the recording's rate; 1 Hz for the IBI trend channel
                    assertEquals(rate, got.samplingRate(), what);
                    assertEquals((long) (rate * spec.durationSeconds()), got.sampleCount(), what);
                    double[] values = edf.readPhysical(got);
                    double[] generated = generator.readSignal(i);
                    double halfStep = (want.physicalMax() - want.physicalMin())
                            / ((double) want.digitalMax() - want.digitalMin())
                            / 2;
                    double worst = 0;
                    for (int k = 0; k < values.length; k++) {
                        worst = Math.max(worst, Math.abs(values[k] - generated[k]));
                    }
                    assertTrue(worst <= halfStep * (1 + 1e-9), what + ": off by " + worst + " > " + halfStep);
                }
            }
        }
    }

    @Test
    void labelFilesReadBackAsThePlantedSeizures() throws IOException {
        for (SyntheticRecordingSpec spec : corpus.recordings()) {
            LabelFile csv = LabelReader.read(corpus.csvPath(spec));
            assertEquals(spec.durationSeconds(), csv.duration().orElseThrow(), spec.stem());
            assertEquals(spec.stem(), csv.bname());
            List<double[]> seizureRows = new ArrayList<>();
            for (LabelEvent e : csv.events()) {
                if (!e.label().equals("bckg")) {
                    seizureRows.add(new double[] {e.start(), e.stop()});
                }
            }
            int expectedRows = 0;
            for (PlantedSeizure z : spec.seizures()) {
                expectedRows += z.channels().size();
                for (String channel : z.channels()) {
                    assertTrue(
                            csv.events()
                                    .contains(new LabelEvent(
                                            channel,
                                            z.startSeconds(),
                                            z.stopSeconds(),
                                            z.type().code(),
                                            1)),
                            spec.stem() + " " + channel + " " + z.type().code());
                }
            }
            assertEquals(expectedRows, seizureRows.size(), spec.stem());

            LabelFile bi = LabelReader.read(corpus.csvBiPath(spec));
            List<LabelEvent> expected = new ArrayList<>();
            for (PlantedSeizure z : spec.seizures()) {
                expected.add(new LabelEvent("TERM", z.startSeconds(), z.stopSeconds(), "seiz", 1));
            }
            if (expected.isEmpty()) {
                expected.add(new LabelEvent("TERM", 0, spec.durationSeconds(), "bckg", 1));
            }
            assertEquals(expected, bi.events(), spec.stem());
        }
    }

    /** {@code mask[floor(start·256) : floor(stop·256)] = 1} for every planted seizure of a counted type. */
    private static float[] expectedMask(SyntheticRecordingSpec spec, boolean seedSet) {
        float[] mask = new float[FS * spec.durationSeconds()];
        for (PlantedSeizure z : spec.seizures()) {
            if (seedSet && !SEED_SEIZURES.contains(z.type().code())) {
                continue;
            }
            int from = (int) Math.floor(z.startSeconds() * FS);
            int to = Math.min(mask.length, (int) Math.floor(z.stopSeconds() * FS));
            for (int i = from; i < to; i++) {
                mask[i] = 1;
            }
        }
        return mask;
    }

    private static WindowCategory category(float[] mask, int start) {
        int positive = 0;
        for (int i = start; i < start + WINDOW; i++) {
            positive += mask[i] > 0 ? 1 : 0;
        }
        double fraction = (double) positive / WINDOW;
        return fraction == 0
                ? WindowCategory.NO_SEIZURE
                : fraction >= 0.99 ? WindowCategory.FULL_SEIZURE : WindowCategory.PARTIAL_SEIZURE;
    }

    @Test
    void seedAndZeroPhaseFromTheFilesGiveTheWindowsAndCategoriesOfThePlantedEvents() throws IOException {
        Map<WindowCategory, Integer> seen = new EnumMap<>(WindowCategory.class);
        boolean presetsDisagree = false;
        for (boolean seed : new boolean[] {true, false}) {
            Preprocessor preprocessor =
                    new Preprocessor(seed ? PreprocessingConfig.seed() : PreprocessingConfig.zeroPhase());
            for (SyntheticRecordingSpec spec : corpus.recordings()) {
                String where = spec.stem() + (seed ? " seed" : " zeroPhase");
                Recording rec = preprocessor.process(corpus.edfPath(spec));
                assertEquals(ChannelNames.SEED_19, rec.channelNames(), where);
                assertEquals(FS, rec.samplingRate(), where);
                assertEquals(corpus.csvPath(spec).toString(), rec.provenance().labelSource(), where);
                assertEquals(spec.samplingRate(), rec.provenance().sourceRate(), where);
                int n = FS * spec.durationSeconds(); // round(n_in · 256 / fs) with n_in = fs · seconds
                assertEquals(n, rec.sampleCount(), where);

                float[] mask = expectedMask(spec, seed);
                float[] got = new float[n];
                rec.mask().get(got);
                assertTrue(java.util.Arrays.equals(mask, got), where + ": mask differs from the planted events");
                presetsDisagree |= !java.util.Arrays.equals(mask, expectedMask(spec, !seed));

                List<Window> windows = rec.windows(Windower.seed());
                int expectedCount = n < WINDOW ? 0 : (n - WINDOW) / STRIDE + 1;
                assertEquals(expectedCount, windows.size(), where);
                if (spec.durationSeconds() < 60) {
                    assertEquals(0, windows.size(), where + ": shorter than one window");
                }
                for (int w = 0; w < windows.size(); w++) {
                    assertEquals(w * STRIDE, windows.get(w).start(), where);
                    assertEquals(WINDOW, windows.get(w).length(), where);
                    WindowCategory c = category(mask, w * STRIDE);
                    assertEquals(c, windows.get(w).category(), where + " window " + w);
                    seen.merge(c, 1, Integer::sum);
                }
                for (int c = 0; c < rec.channelCount(); c++) {
                    assertZScored(
                            rec.copyChannel(c), where + " " + rec.channelNames().get(c));
                }
            }
        }
        assertEquals(Set.of(WindowCategory.values()), seen.keySet(), "every category occurs: " + seen);
        assertTrue(presetsDisagree, "the seed's narrower seizure set changes some mask");
    }

    private static void assertZScored(float[] x, String where) {
        double sum = 0;
        double sq = 0;
        for (float v : x) {
            assertTrue(Float.isFinite(v) && Math.abs(v) <= 10, where + ": " + v);
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / x.length;
        double std = Math.sqrt(sq / x.length - mean * mean);
        assertTrue(Math.abs(mean) < 1e-3 && Math.abs(std - 1) < 1e-2, where + ": mean " + mean + ", std " + std);
    }

    @Test
    void missingFzPzAreInterpolatedBySeedPolicyZeroFilledOrRejectedOnRequest() throws IOException {
        PreprocessingConfig zero = PreprocessingConfig.seed().toBuilder()
                .missingChannels(MissingChannelPolicy.zero())
                .build();
        PreprocessingConfig reject = PreprocessingConfig.seed().toBuilder()
                .missingChannels(MissingChannelPolicy.reject())
                .build();
        int checked = 0;
        for (SyntheticRecordingSpec spec : corpus.recordings()) {
            Path edf = corpus.edfPath(spec);
            List<String> missing = new ArrayList<>();
            for (String e : spec.missingElectrodes()) {
                missing.add(ChannelNames.canonical(e).orElseThrow());
            }
            Recording seed = new Preprocessor(PreprocessingConfig.seed()).process(edf);
            assertEquals(missing, seed.provenance().interpolated(), spec.stem());
            if (missing.isEmpty()) {
                new Preprocessor(reject).process(edf); // nothing to reject
                continue;
            }
            checked++;
            for (String e : missing) {
                int c = ChannelNames.SEED_19.indexOf(e);
                assertZScored(seed.copyChannel(c), spec.stem() + " interpolated " + e);
            }
            Recording zeroed = new Preprocessor(zero).process(edf);
            assertEquals(missing, zeroed.provenance().zeroed());
            for (String e : missing) {
                for (float v : zeroed.copyChannel(ChannelNames.SEED_19.indexOf(e))) {
                    assertEquals(0f, v, spec.stem() + " zero-filled " + e);
                }
            }
            MissingChannelsException rejected =
                    assertThrows(MissingChannelsException.class, () -> new Preprocessor(reject).process(edf));
            assertEquals(missing, rejected.missing());
            assertTrue(rejected.getMessage().contains(edf.toString()), rejected.getMessage());
        }
        assertTrue(checked > 0);
    }

    @Test
    void theTcpMontageOfACorpusRecordingHasTheLabelFilesChannels() throws IOException {
        SyntheticRecordingSpec spec = corpus.recordings().get(0);
        PreprocessingConfig tcp =
                PreprocessingConfig.seed().toBuilder().montage(Montage.TCP_22).build();
        Recording rec = new Preprocessor(tcp).process(corpus.edfPath(spec));
        assertEquals(spec.montage().tcpChannels(), rec.channelNames());
        Set<String> annotated = new HashSet<>();
        for (LabelEvent e : LabelReader.read(corpus.csvPath(spec)).events()) {
            annotated.add(e.channel().toUpperCase(Locale.ROOT));
        }
        assertEquals(annotated, Set.copyOf(rec.channelNames()), "the .csv annotates exactly the TCP channels");
    }
}
