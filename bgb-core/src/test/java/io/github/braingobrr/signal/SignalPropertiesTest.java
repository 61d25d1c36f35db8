package io.github.braingobrr.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the filters and resamplers that hold for every input. */
class SignalPropertiesTest {
    private static final TransferFunction BANDPASS = Butterworth.bandpass(3, 0.5, 120, 256);
    private static final SosFilter BANDPASS_SOS = Butterworth.bandpassSos(3, 0.5, 120, 256);

    @Property(tries = 60)
    void lfilterIsLinear(
            @ForAll @Size(min = 1, max = 300) double[] xs,
            @ForAll @DoubleRange(min = -5, max = 5) double alpha,
            @ForAll @DoubleRange(min = -5, max = 5) double beta) {
        double[] x = bounded(xs);
        double[] y = shifted(x);
        double[] combo = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            combo[i] = alpha * x[i] + beta * y[i];
        }
        double[] fx = BANDPASS.filter(x);
        double[] fy = BANDPASS.filter(y);
        double[] fc = BANDPASS.filter(combo);
        // rounding in the recursion grows with the input's magnitude, not the output's
        double tol = 1e-11 * (1 + Math.abs(alpha) * max(x) + Math.abs(beta) * max(y));
        for (int i = 0; i < x.length; i++) {
            assertEquals(alpha * fx[i] + beta * fy[i], fc[i], tol, "sample " + i);
        }
    }

    @Property(tries = 60)
    void sosFiltfiltIsLinear(
            @ForAll @Size(min = 30, max = 300) double[] xs, @ForAll @DoubleRange(min = -5, max = 5) double alpha) {
        double[] x = bounded(xs);
        double[] scaled = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            scaled[i] = alpha * x[i];
        }
        double[] fx = BANDPASS_SOS.filtfilt(x);
        double[] fs = BANDPASS_SOS.filtfilt(scaled);
        double tol = 1e-11 * (1 + Math.abs(alpha) * max(x));
        for (int i = 0; i < x.length; i++) {
            assertEquals(alpha * fx[i], fs[i], tol, "sample " + i);
        }
    }

    @Property(tries = 80)
    void lfilterIsCausal(
            @ForAll @Size(min = 2, max = 300) double[] xs,
            @ForAll @IntRange(min = 0, max = 299) int cut,
            @ForAll @DoubleRange(min = -1e3, max = 1e3) double change) {
        double[] x = bounded(xs);
        int t = Math.min(cut, x.length - 1);
        double[] changed = x.clone();
        for (int i = t; i < x.length; i++) {
            changed[i] += change;
        }
        double[] before = BANDPASS.filter(x);
        double[] after = BANDPASS.filter(changed);
        double[] sosBefore = BANDPASS_SOS.filter(x);
        double[] sosAfter = BANDPASS_SOS.filter(changed);
        for (int i = 0; i < t; i++) {
            assertEquals(before[i], after[i], 0.0, "output before t = " + t + " moved at " + i);
            assertEquals(sosBefore[i], sosAfter[i], 0.0, "sos output before t = " + t + " moved at " + i);
        }
    }

    @Property(tries = 80)
    void fftResamplingHasTheRequestedLengthAndKeepsTheMean(
            @ForAll @Size(min = 1, max = 400) double[] xs, @ForAll @IntRange(min = 1, max = 900) int num) {
        double[] x = bounded(xs);
        double[] y = Resample.fft(x, num);
        assertEquals(num, y.length);
        assertEquals(Signals.mean(x), Signals.mean(y), 1e-9 * (1 + max(x)));
    }

    @Property(tries = 80)
    void polyResamplingLengthIsCeilOfNTimesUpOverDown(
            @ForAll @IntRange(min = 1, max = 2000) int n,
            @ForAll @IntRange(min = 1, max = 64) int up,
            @ForAll @IntRange(min = 1, max = 64) int down) {
        int g = Resample.gcd(up, down);
        long u = up / g;
        long d = down / g;
        int expected = (int) ((n * u + d - 1) / d);
        assertEquals(expected, Resample.polyLength(n, up, down));
        assertEquals(expected, Resample.poly(new double[n], up, down).length);
    }

    @Property(tries = 80)
    void fftLengthIsTheRoundedRatio(
            @ForAll @IntRange(min = 0, max = 10_000_000) int n,
            @ForAll("rates") double from,
            @ForAll("rates") double to) {
        int len = Resample.fftLength(n, from, to);
        double exact = n * to / from;
        assertEquals(true, Math.abs(len - exact) <= 0.5, len + " vs " + exact);
    }

    @Property(tries = 100)
    void fusedNormalisationEqualsTheStepsInTurn(
            @ForAll @Size(min = 0, max = 200) double[] xs,
            @ForAll boolean zScore,
            @ForAll @DoubleRange(min = 0.1, max = 20) double clip) {
        double[] x = xs.clone();
        if (x.length > 2) {
            x[1] = Double.NaN;
            x[2] = Double.NEGATIVE_INFINITY;
        }
        double[] stepwise = x.clone();
        if (zScore) {
            Signals.zScoreInPlace(stepwise, 1e-8);
        }
        Signals.clipInPlace(stepwise, clip);
        Signals.nonFiniteToZeroInPlace(stepwise);
        float[] expected = Signals.toFloat32(stepwise);
        float[] fused = Signals.normalizeToFloat32(x, zScore, 1e-8, clip, true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, fused);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Double> rates() {
        return net.jqwik.api.Arbitraries.of(100.0, 200.0, 250.0, 256.0, 400.0, 500.0, 512.0, 1000.0);
    }

    private static double[] bounded(double[] xs) {
        double[] x = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            x[i] = Double.isFinite(xs[i]) ? Math.max(-1e4, Math.min(1e4, xs[i])) : 0.0;
        }
        return x;
    }

    private static double[] shifted(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[(i + 1) % x.length] - 0.5 * x[i];
        }
        return y;
    }

    private static double max(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
