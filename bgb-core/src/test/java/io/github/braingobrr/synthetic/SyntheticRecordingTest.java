package io.github.braingobrr.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.edf.EdfSignalSpec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SyntheticRecordingTest {

    /** Eight 150-s recordings, every one with seizures, all electrodes present. */
    private static final List<SyntheticRecordingSpec> SEIZURES = SyntheticCorpus.builder()
            .patients(8)
            .recordingsPerPatient(1)
            .minutesPerRecording(2.5)
            .durationJitter(0)
            .seizureFraction(1)
            .shortFraction(0)
            .missingFzPzFraction(0)
            .seed(7)
            .plan();

    private static final SyntheticRecordingSpec PIECES = SEIZURES.get(0);
    private static final double[][] PIECES_WHOLE = readAll(SyntheticRecording.of(PIECES));

    static double[][] readAll(SyntheticRecording r) {
        double[][] out = new double[r.signalCount()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.readSignal(i);
        }
        return out;
    }

    static SyntheticRecordingSpec withoutSeizures(SyntheticRecordingSpec s) {
        return with(s, List.of(), s.seed());
    }

    /** {@code s} with other seizures and another seed. */
    static SyntheticRecordingSpec with(SyntheticRecordingSpec s, List<PlantedSeizure> seizures, long seed) {
        return new SyntheticRecordingSpec(
                s.split(),
                s.patient(),
                s.session(),
                s.sessionYear(),
                s.token(),
                s.montage(),
                s.samplingRate(),
                s.durationSeconds(),
                s.signals(),
                seizures,
                s.alphaFrequencyHz(),
                seed);
    }

    @Example
    void theSameSeedGivesBitIdenticalSamples() {
        var config = SyntheticCorpus.builder()
                .patients(3)
                .minutesPerRecording(0.5)
                .seed(99)
                .build();
        List<SyntheticRecordingSpec> a = config.plan();
        List<SyntheticRecordingSpec> b = config.toBuilder().build().plan();
        assertEquals(a, b);
        for (int i = 0; i < a.size(); i++) {
            double[][] x = readAll(SyntheticRecording.of(a.get(i)));
            double[][] y = readAll(SyntheticRecording.of(b.get(i)));
            for (int s = 0; s < x.length; s++) {
                assertArrayEquals(x[s], y[s], a.get(i).stem() + " signal " + s);
            }
        }
    }

    @Example
    void anotherSeedGivesOtherSamples() {
        SyntheticRecordingSpec s = PIECES;
        SyntheticRecordingSpec t = with(s, s.seizures(), s.seed() + 1);
        double[] x = SyntheticRecording.of(s).read(0, 0, 1000);
        double[] y = SyntheticRecording.of(t).read(0, 0, 1000);
        assertFalse(Arrays.equals(x, y));
    }

    @Property(tries = 80)
    void anySplitIntoReadsGivesTheSameSamples(
            @ForAll @IntRange(min = 0, max = 1000) int signalPick,
            @ForAll @IntRange(min = 0, max = 1_000_000) int fromPick,
            @ForAll @IntRange(min = 0, max = 1_000_000) int lengthPick,
            @ForAll @IntRange(min = 0, max = 1_000_000) int cutPick) {
        SyntheticRecording r = SyntheticRecording.of(PIECES);
        int signal = signalPick % r.signalCount();
        int total = (int) r.sampleCount(signal);
        int from = fromPick % total;
        int length = lengthPick % (total - from + 1);
        int cut = length == 0 ? 0 : cutPick % (length + 1);
        double[] expected = Arrays.copyOfRange(PIECES_WHOLE[signal], from, from + length);
        assertArrayEquals(expected, r.read(signal, from, length));
        double[] pieces = new double[length + 3];
        r.read(signal, from, pieces, 1, cut);
        r.read(signal, from + cut, pieces, 1 + cut, length - cut);
        assertArrayEquals(expected, Arrays.copyOfRange(pieces, 1, 1 + length));
    }

    @Example
    void readsOutsideTheRecordingAreRejected() {
        SyntheticRecording r = SyntheticRecording.of(PIECES);
        long n = r.sampleCount(0);
        assertEquals((long) PIECES.samplingRate() * PIECES.durationSeconds(), n);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.read(0, n - 5, 6));
        assertTrue(e.getMessage().contains(PIECES.stem()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.read(0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> r.read(r.signalCount(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> r.read(0, 0, new double[4], 2, 3));
        assertEquals(0, r.read(0, n, 0).length);
    }

    @Example
    void valuesFitThePhysicalAndDigitalRangesAndUseThem() {
        var plan = SyntheticCorpus.builder()
                .patients(4)
                .minutesPerRecording(1)
                .seed(3)
                .plan();
        for (SyntheticRecordingSpec spec : plan) {
            double[][] x = readAll(SyntheticRecording.of(spec));
            for (int i = 0; i < x.length; i++) {
                SyntheticSignal signal = spec.signals().get(i);
                EdfSignalSpec s = signal.edf();
                String where = spec.stem() + " " + s.label();
                double lsb = (s.physicalMax() - s.physicalMin()) / (s.digitalMax() - s.digitalMin());
                double sum = 0;
                double sq = 0;
                double max = 0;
                for (double v : x[i]) {
                    long d = Math.round((v - s.physicalMin()) / lsb + s.digitalMin());
                    assertTrue(d >= s.digitalMin() && d <= s.digitalMax(), where + ": " + v + " -> " + d);
                    sum += v;
                    sq += v * v;
                    max = Math.max(max, Math.abs(v));
                }
                double mean = sum / x[i].length;
                double std = Math.sqrt(sq / x[i].length - mean * mean);
                switch (signal.source()) {
                    case EEG:
                        assertTrue(std > 5 && std < 150, where + " std " + std);
                        assertTrue(lsb < std / 30, where + ": digital step " + lsb + " is too coarse");
                        assertTrue(max < 0.2 * s.physicalMax(), where + " max " + max);
                        break;
                    case ECG:
                        assertTrue(max > 250 && max < 0.3 * s.physicalMax(), where + " max " + max);
                        break;
                    case FLAT:
                        assertEquals(0, max, where);
                        break;
                }
            }
        }
    }

    @Example
    void blockCrossFadesKeepTheVarianceSteadyAndTheSamplesGaussian() {
        BlockSynthesis b = new BlockSynthesis(256);
        int length = b.blockLength();
        int overlap = length / 4;
        int hop = length - overlap;
        int bins = b.bins();
        int blocks = 120;
        double[] x = new double[blocks * hop];
        double[] deviates = new double[2 * bins];
        b.add(0, x, 0, x.length, (block, packed) -> {
            Seeds.deviates(new SplittableRandom(block), deviates, 2 * (bins - 1));
            for (int k = 1; k < bins; k++) {
                packed[2 * k] = deviates[2 * (k - 1)];
                packed[2 * k + 1] = deviates[2 * (k - 1) + 1];
            }
        });
        double fade = 0;
        double middle = 0;
        int nFade = 0;
        int nMiddle = 0;
        for (int n = 0; n < x.length; n++) {
            long local = Math.floorMod(n + overlap, hop);
            if (n >= hop - overlap && local < overlap) {
                fade += x[n] * x[n];
                nFade++;
            } else {
                middle += x[n] * x[n];
                nMiddle++;
            }
        }
        double expected = bins - 1;
        assertEquals(1.0, middle / nMiddle / expected, 0.05);
        assertEquals(1.0, fade / nFade / expected, 0.05);
        double variance = (fade + middle) / x.length;
        double third = 0;
        double fourth = 0;
        for (double v : x) {
            third += v * v * v;
            fourth += v * v * v * v;
        }
        double skew = third / x.length / Math.pow(variance, 1.5);
        double excessKurtosis = fourth / x.length / (variance * variance) - 3;
        assertEquals(0, skew, 0.05, "samples are not Gaussian: skewness");
        assertEquals(0, excessKurtosis, 0.1, "samples are not Gaussian: excess kurtosis");
    }

    @Example
    void theBackgroundHasAPosteriorAlphaPeakOverA1OverFSpectrum() {
        var plan = SyntheticCorpus.builder()
                .patients(6)
                .recordingsPerPatient(1)
                .minutesPerRecording(1.5)
                .seizureFraction(0)
                .shortFraction(0)
                .seed(11)
                .plan();
        for (SyntheticRecordingSpec spec : plan) {
            SyntheticRecording r = SyntheticRecording.of(spec);
            int fs = spec.samplingRate();
            Spectra.Psd fp1 =
                    Spectra.welch(r.readSignal(spec.signalIndex(spec.montage().eegLabel("FP1"))), fs, 4 * fs);
            double fa = spec.alphaFrequencyHz();
            for (String e : List.of("O1", "O2")) {
                Spectra.Psd o = Spectra.welch(
                        r.readSignal(spec.signalIndex(spec.montage().eegLabel(e))), fs, 4 * fs);
                double peak = o.peakHz(4, 20);
                String where = spec.stem() + " " + e + " (alpha " + fa + " Hz)";
                assertTrue(peak >= 8 && peak <= 12, where + ": peak at " + peak);
                assertEquals(fa, peak, 0.6, where);
                double ratio = o.band(fa - 1.5, fa + 1.5) / fp1.band(fa - 1.5, fa + 1.5);
                assertTrue(ratio > 5, where + ": alpha only " + ratio + "x stronger than at FP1");
            }
            double low = fp1.band(1, 4) / 3;
            double high = fp1.band(15, 30) / 15;
            assertTrue(low > 5 * high, spec.stem() + ": FP1 spectrum does not fall with frequency");
        }
    }

    private static int pad(double seconds, int fs) {
        return (int) Math.ceil(seconds * fs);
    }

    @Example
    void seizuresTouchOnlyTheirElectrodesAndTheirInterval() {
        for (SyntheticRecordingSpec spec : SEIZURES) {
            assertTrue(spec.hasSeizures());
            SyntheticRecording r = SyntheticRecording.of(spec);
            SyntheticRecording twin = SyntheticRecording.of(withoutSeizures(spec));
            int fs = spec.samplingRate();
            for (int i = 0; i < r.signalCount(); i++) {
                SyntheticSignal s = spec.signals().get(i);
                double[] a = r.readSignal(i);
                double[] b = twin.readSignal(i);
                boolean[] allowed = new boolean[a.length];
                boolean involved = false;
                for (PlantedSeizure z : spec.seizures()) {
                    if (s.source() == SyntheticSignal.Source.EEG
                            && z.electrodes().contains(s.electrode())) {
                        involved = true;
                        int from = (int) Math.floor(z.startSeconds() * fs);
                        int to = Math.min(a.length, pad(z.stopSeconds() + 0.05, fs));
                        Arrays.fill(allowed, from, to, true);
                    }
                }
                String where = spec.stem() + " " + s.label();
                if (!involved) {
                    assertArrayEquals(b, a, where + " is not involved but changed");
                    continue;
                }
                int changed = 0;
                for (int n = 0; n < a.length; n++) {
                    if (a[n] != b[n]) {
                        assertTrue(allowed[n], where + " changed at " + (double) n / fs + " s, outside its seizures");
                        changed++;
                    }
                }
                assertTrue(changed > 5 * fs, where + " carries almost no discharge");
            }
        }
    }

    private static String peakElectrode(PlantedSeizure z) {
        String best = z.electrodes().get(0);
        for (String e : z.electrodes()) {
            if (Electrodes.seizureWeight(z.focus(), e) > Electrodes.seizureWeight(z.focus(), best)) {
                best = e;
            }
        }
        return best;
    }

    @Example
    void seizurePowerIsConcentratedAtThreeToEightHertz() {
        int seizures = 0;
        for (SyntheticRecordingSpec spec : SEIZURES) {
            SyntheticRecording r = SyntheticRecording.of(spec);
            SyntheticRecording twin = SyntheticRecording.of(withoutSeizures(spec));
            int fs = spec.samplingRate();
            for (PlantedSeizure z : spec.seizures()) {
                int signal = spec.signalIndex(spec.montage().eegLabel(peakElectrode(z)));
                long from = (long) ((z.startSeconds() + z.durationSeconds() / 4) * fs);
                int length = (int) (z.durationSeconds() * (1 - 0.25 - 0.2) * fs);
                double[] withSeizure = r.read(signal, from, length);
                double[] background = twin.read(signal, from, length);
                double[] discharge = new double[length];
                for (int n = 0; n < length; n++) {
                    discharge[n] = withSeizure[n] - background[n];
                }
                String where = spec.stem() + " " + z.type() + " at " + z.startSeconds() + " s on " + peakElectrode(z);
                double concentrated = Spectra.welch(discharge, fs, 2 * fs).fraction(3, 8, 0.5, 40);
                assertTrue(concentrated > 0.7, where + ": only " + concentrated + " of the discharge in 3-8 Hz");
                double rise = Spectra.welch(withSeizure, fs, 2 * fs).band(3, 8)
                        / Spectra.welch(background, fs, 2 * fs).band(3, 8);
                assertTrue(rise > 2, where + ": 3-8 Hz power rises only " + rise + "x over the background");
                seizures++;
            }
        }
        assertTrue(seizures >= 8, "only " + seizures + " seizures planted");
    }

    @Example
    void theDischargeFrequencyGlidesFromOnsetToOffset() {
        int checked = 0;
        for (SyntheticRecordingSpec spec : SEIZURES) {
            SyntheticRecording r = SyntheticRecording.of(spec);
            SyntheticRecording twin = SyntheticRecording.of(withoutSeizures(spec));
            int fs = spec.samplingRate();
            for (PlantedSeizure z : spec.seizures()) {
                double d = z.durationSeconds();
                if (d < 30) {
                    continue;
                }
                int signal = spec.signalIndex(spec.montage().eegLabel(peakElectrode(z)));
                for (double at : new double[] {0.3, 0.8}) {
                    double t = at * d;
                    long from = (long) ((z.startSeconds() + t - 2) * fs);
                    double[] a = r.read(signal, from, 4 * fs);
                    double[] b = twin.read(signal, from, 4 * fs);
                    for (int n = 0; n < a.length; n++) {
                        a[n] -= b[n];
                    }
                    double expected = z.startFrequencyHz() + (z.endFrequencyHz() - z.startFrequencyHz()) * t / d;
                    double peak = Spectra.welch(a, fs, 4 * fs).peakHz(2, 10);
                    assertEquals(expected, peak, 0.5, spec.stem() + " " + z.type() + " at " + at + " of its length");
                }
                checked++;
            }
        }
        assertTrue(checked >= 3, "only " + checked + " long seizures");
    }
}
