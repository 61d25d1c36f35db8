package io.github.braingobrr.signal;

import java.util.Arrays;

/**
 * An IIR/FIR filter as numerator {@code b} and denominator {@code a} polynomials (highest power first,
 * {@code a[0] ≠ 0}), with causal filtering equal to {@code scipy.signal.lfilter} (transposed direct form II)
 * and zero-phase filtering equal to {@code scipy.signal.filtfilt} with its default odd padding.
 *
 * <p>The arrays are copied on the way in and out; the record is immutable.
 */
public record TransferFunction(double[] b, double[] a) {
    public TransferFunction {
        if (b == null || a == null || b.length == 0 || a.length == 0) {
            throw new IllegalArgumentException("b and a must be non-empty");
        }
        if (a[0] == 0.0) {
            throw new IllegalArgumentException("a[0] must be non-zero");
        }
        for (double v : b) {
            requireFinite(v);
        }
        for (double v : a) {
            requireFinite(v);
        }
        b = b.clone();
        a = a.clone();
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    @Override
    public double[] a() {
        return a.clone();
    }

    /** Number of taps: {@code max(len(a), len(b))}. */
    public int taps() {
        return Math.max(a.length, b.length);
    }

    /** Causal filtering from zero initial state; returns a new array. */
    public double[] filter(double[] x) {
        double[] y = x.clone();
        filterInPlace(y, null);
        return y;
    }

    /**
     * Causal filtering of {@code x} in place, starting from state {@code zi} (length {@code taps()-1}, or null for
     * zero state). Returns the final state.
     */
    public double[] filterInPlace(double[] x, double[] zi) {
        int n = taps();
        double[][] norm = normalized();
        double[] bn = norm[0];
        double[] an = norm[1];
        double[] z = new double[n - 1];
        if (zi != null) {
            if (zi.length != n - 1) {
                throw new IllegalArgumentException("initial state must have length " + (n - 1) + ", got " + zi.length);
            }
            System.arraycopy(zi, 0, z, 0, n - 1);
        }
        Lfilter.run(bn, an, z, x);
        return z;
    }

    /**
     * Two causal filters in cascade, in place, from zero state, in one pass over {@code x}: the same values as
     * {@code first.filterInPlace(x, null)} followed by {@code second.filterInPlace(x, null)}.
     */
    public static void cascadeInPlace(double[] x, TransferFunction first, TransferFunction second) {
        double[][] f = first.normalized();
        double[][] g = second.normalized();
        Lfilter.cascade(f[0], f[1], g[0], g[1], x);
    }

    /** {@code {b, a}} padded to {@link #taps()} and divided by {@code a[0]}. */
    private double[][] normalized() {
        int n = taps();
        double[] bn = padded(b, n);
        double[] an = padded(a, n);
        double a0 = a[0];
        if (a0 != 1.0) {
            for (int i = 0; i < n; i++) {
                bn[i] /= a0;
                an[i] /= a0;
            }
        }
        return new double[][] {bn, an};
    }

    /**
     * Initial state for a unit step, as {@code scipy.signal.lfilter_zi}: the state in which filtering a constant
     * input {@code c} from {@code c·zi} gives the constant steady-state output at once.
     */
    public double[] initialState() {
        int n = taps();
        double[][] norm = normalized();
        double[] bn = norm[0];
        double[] an = norm[1];
        double sumB = 0;
        double sumA = 0;
        for (int i = 0; i < n; i++) {
            sumB += bn[i];
            sumA += an[i];
        }
        if (sumA == 0.0) {
            throw new IllegalArgumentException("filter has a pole at z = 1; it has no steady state");
        }
        double yss = sumB / sumA;
        double[] zi = new double[n - 1];
        double acc = 0;
        for (int i = n - 2; i >= 0; i--) {
            acc += bn[i + 1] - an[i + 1] * yss;
            zi[i] = acc;
        }
        return zi;
    }

    /** Zero-phase forward-backward filtering with SciPy's default padding, {@code 3·taps()} samples. */
    public double[] filtfilt(double[] x) {
        return filtfilt(x, 3 * taps());
    }

    /**
     * Zero-phase forward-backward filtering, odd extension of {@code padlen} samples at each end, initial
     * states scaled from {@link #initialState()} — {@code scipy.signal.filtfilt(b, a, x, padlen=padlen)}.
     *
     * @throws IllegalArgumentException when {@code x.length <= padlen}
     */
    public double[] filtfilt(double[] x, int padlen) {
        double[] zi = initialState();
        return ZeroPhase.run(x, padlen, (ext, scale) -> filterInPlace(ext, scaled(zi, scale)));
    }

    private static double[] scaled(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }

    private static double[] padded(double[] v, int n) {
        return v.length == n ? v.clone() : Arrays.copyOf(v, n);
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("filter coefficients must be finite, got " + v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferFunction t && Arrays.equals(b, t.b) && Arrays.equals(a, t.a);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(b) + Arrays.hashCode(a);
    }

    @Override
    public String toString() {
        return "TransferFunction[b=" + Arrays.toString(b) + ", a=" + Arrays.toString(a) + "]";
    }
}
