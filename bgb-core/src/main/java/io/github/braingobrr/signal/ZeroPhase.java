package io.github.braingobrr.signal;

/** Odd extension and the forward-backward pass shared by {@code filtfilt} and {@code sosfiltfilt}. */
final class ZeroPhase {
    private ZeroPhase() {}

    /** A causal pass over {@code x} in place, from the unit-step initial state scaled by {@code scale}. */
    interface Pass {
        void apply(double[] x, double scale);
    }

    static double[] run(double[] x, int padlen, Pass pass) {
        if (padlen < 0) {
            throw new IllegalArgumentException("padlen must be >= 0, got " + padlen);
        }
        if (x.length <= padlen) {
            throw new IllegalArgumentException("zero-phase filtering needs more than padlen = " + padlen
                    + " samples, got " + x.length + "; pass a smaller padlen");
        }
        int n = x.length;
        double[] ext = new double[n + 2 * padlen];
        double left = x[0];
        double right = x[n - 1];
        for (int i = 0; i < padlen; i++) {
            ext[i] = 2 * left - x[padlen - i];
            ext[padlen + n + i] = 2 * right - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, padlen, n);
        pass.apply(ext, ext[0]);
        reverse(ext);
        pass.apply(ext, ext[0]);
        reverse(ext);
        double[] y = new double[n];
        System.arraycopy(ext, padlen, y, 0, n);
        return y;
    }

    private static void reverse(double[] v) {
        for (int i = 0, j = v.length - 1; i < j; i++, j--) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
    }
}
