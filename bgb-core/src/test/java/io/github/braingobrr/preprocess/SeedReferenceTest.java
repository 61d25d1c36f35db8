package io.github.braingobrr.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.montage.ChannelNames;
import io.github.braingobrr.montage.MissingChannelPolicy;
import io.github.braingobrr.testdata.ReferenceArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole {@code seed()} and {@code zeroPhase()} chains against the SciPy recipe (make_dsp_references.py) on real
 * TUH recordings and on synthetic ones, absolute difference after z-scoring.
 */
class SeedReferenceTest {
    /** Observed: ≤ 6e-8 (one or two float32 ulps) for the seed chain, ≤ 3e-11 for zeroPhase. */
    private static final double TOL = 1e-6;
    /** MNE stops its sphere fit at 1e-6·radius; the interpolated channels then differ by about 3e-6. */
    private static final double TOL_INTERPOLATED = 1e-5;

    private static final String DIR = "/io/github/braingobrr/preprocess/";

    /** The 250 Hz signals of a real recording, rebuilt from its digital samples and header scaling. */
    static RawRecording realRecording(String name) {
        ReferenceArrays r = ReferenceArrays.load(DIR + "recording_" + name + ".txt.gz");
        List<String> labels = r.list("labels");
        List<String> units = r.list("units");
        double[] pmin = r.vector("pmin");
        double[] pmax = r.vector("pmax");
        double[] dmin = r.vector("dmin");
        double[] dmax = r.vector("dmax");
        double[][] digital = r.matrix("digital");
        double[][] physical = new double[labels.size()][];
        for (int s = 0; s < labels.size(); s++) {
            physical[s] = new double[digital[s].length];
            double gain = (pmax[s] - pmin[s]) / (dmax[s] - dmin[s]);
            for (int i = 0; i < digital[s].length; i++) {
                physical[s][i] = (digital[s][i] - dmin[s]) * gain + pmin[s];
            }
        }
        double[] rates = new double[labels.size()];
        Arrays.fill(rates, r.vector("rate")[0]);
        return new RawRecording(r.text("source"), labels, rates, units, physical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example", "aaaaapks_s012_t001", "aaaaahln_s001_t000"})
    void seedPresetMatchesScipyOnRealRecordings(String name) throws Exception {
        ReferenceArrays r = ReferenceArrays.load(DIR + "recording_" + name + ".txt.gz");
        Recording rec = new Preprocessor(PreprocessingConfig.seed()).process(realRecording(name));
        assertEquals(ChannelNames.SEED_19, rec.channelNames());
        assertEquals(256.0, rec.samplingRate());
        assertMatches(r.matrix("seed"), rec, 19, name);
        assertTrue(rec.provenance().labelsMissing());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example", "aaaaapks_s012_t001", "aaaaahln_s001_t000"})
    void zeroPhasePresetMatchesScipyOnRealRecordings(String name) throws Exception {
        ReferenceArrays r = ReferenceArrays.load(DIR + "recording_" + name + ".txt.gz");
        Recording rec = new Preprocessor(PreprocessingConfig.zeroPhase()).process(realRecording(name));
        assertMatches(r.matrix("zero_phase"), rec, 19, name);
    }

    @ParameterizedTest
    @CsvSource({"250,true", "256,false", "400,true", "512,true"})
    void seedAndZeroPhaseMatchScipyOnSyntheticRecordings(int fs, boolean zeroPhaseToo) throws Exception {
        ReferenceArrays r = ReferenceArrays.load(DIR + "synthetic.txt.gz");
        double[][] input = r.matrix("fs" + fs + ".input");
        List<String> labels = List.of("Fp1", "F3", "C3", "P3");
        RawRecording raw = RawRecording.of("synthetic-" + fs, labels, fs, "uV", input);
        // the other 15 seed channels are absent: zero-fill them, the DSP chain is the seed's
        PreprocessingConfig seed = PreprocessingConfig.seed().toBuilder()
                .missingChannels(MissingChannelPolicy.zero())
                .build();
        Recording rec = new Preprocessor(seed).process(raw);
        assertMatches(r.matrix("fs" + fs + ".seed"), rec, 4, "seed @" + fs);
        for (int c = 4; c < 19; c++) {
            assertEquals(0f, maxAbs(rec.copyChannel(c)), "zero-filled channel " + c);
        }
        if (zeroPhaseToo) {
            PreprocessingConfig zp = PreprocessingConfig.zeroPhase().toBuilder()
                    .missingChannels(MissingChannelPolicy.zero())
                    .build();
            assertMatches(r.matrix("fs" + fs + ".zero_phase"), new Preprocessor(zp).process(raw), 4, "zp @" + fs);
        }
    }

    @Test
    void missingFzPzAreInterpolatedLikeMne() throws Exception {
        ReferenceArrays mne = ReferenceArrays.load(DIR + "interpolated_example.txt.gz");
        RawRecording full = realRecording("example");
        List<String> labels = new ArrayList<>();
        List<double[]> signals = new ArrayList<>();
        for (int s = 0; s < full.labels().size(); s++) {
            String l = full.labels().get(s);
            if (!l.equals("EEG FZ-REF") && !l.equals("EEG PZ-REF")) {
                labels.add(l);
                signals.add(full.readPhysical(s));
            }
        }
        RawRecording without = RawRecording.of(full.name(), labels, 250, "uV", signals.toArray(new double[0][]));
        Recording rec = new Preprocessor(PreprocessingConfig.seed()).process(without);
        assertEquals(List.of("Fz", "Pz"), rec.provenance().interpolated());
        assertMatches(mne.matrix("seed"), rec, 19, "interpolated", TOL_INTERPOLATED);
    }

    static void assertMatches(double[][] expected, Recording rec, int channels, String what) {
        assertMatches(expected, rec, channels, what, TOL);
    }

    static void assertMatches(double[][] expected, Recording rec, int channels, String what, double tol) {
        for (int c = 0; c < channels; c++) {
            float[] got = rec.copyChannel(c);
            assertEquals(expected[c].length, got.length, what + " channel " + c + " length");
            double max = 0;
            int at = -1;
            for (int i = 0; i < got.length; i++) {
                double d = Math.abs(expected[c][i] - got[i]);
                if (d > max) {
                    max = d;
                    at = i;
                }
            }
            assertTrue(max <= tol, what + " channel " + c + " differs by " + max + " at sample " + at);
        }
    }

    static float maxAbs(float[] x) {
        float m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
