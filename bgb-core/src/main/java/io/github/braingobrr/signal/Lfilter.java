package io.github.braingobrr.signal;

/** The transposed direct form II recurrence of {@code scipy.signal.lfilter}, with the same operation order. */
final class Lfilter {
    private Lfilter() {}

    /** Filters {@code x} in place; {@code b}, {@code a} normalised ({@code a[0] = 1}), same length; {@code z} state. */
    static void run(double[] b, double[] a, double[] z, double[] x) {
        int k = b.length - 1;
        if (k == 0) {
            double b0 = b[0];
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] * b0;
            }
            return;
        }
        if (k == 2) {
            biquad(b, a, z, x);
            return;
        }
        if (k == 6) {
            sixth(b, a, z, x);
            return;
        }
        double b0 = b[0];
        for (int i = 0; i < x.length; i++) {
            double xn = x[i];
            double yn = z[0] + b0 * xn;
            for (int j = 0; j < k - 1; j++) {
                z[j] = z[j + 1] + xn * b[j + 1] - yn * a[j + 1];
            }
            z[k - 1] = xn * b[k] - yn * a[k];
            x[i] = yn;
        }
    }

    private static void biquad(double[] b, double[] a, double[] z, double[] x) {
        double b0 = b[0], b1 = b[1], b2 = b[2], a1 = a[1], a2 = a[2];
        double z0 = z[0], z1 = z[1];
        for (int i = 0; i < x.length; i++) {
            double xn = x[i];
            double yn = z0 + b0 * xn;
            z0 = z1 + xn * b1 - yn * a1;
            z1 = xn * b2 - yn * a2;
            x[i] = yn;
        }
        z[0] = z0;
        z[1] = z1;
    }

    /** Degree 6: the seed's order-3 Butterworth band-pass. */
    private static void sixth(double[] b, double[] a, double[] z, double[] x) {
        double b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5], b6 = b[6];
        double a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6];
        double z0 = z[0], z1 = z[1], z2 = z[2], z3 = z[3], z4 = z[4], z5 = z[5];
        for (int i = 0; i < x.length; i++) {
            double xn = x[i];
            double yn = z0 + b0 * xn;
            z0 = z1 + xn * b1 - yn * a1;
            z1 = z2 + xn * b2 - yn * a2;
            z2 = z3 + xn * b3 - yn * a3;
            z3 = z4 + xn * b4 - yn * a4;
            z4 = z5 + xn * b5 - yn * a5;
            z5 = xn * b6 - yn * a6;
            x[i] = yn;
        }
        z[0] = z0;
        z[1] = z1;
        z[2] = z2;
        z[3] = z3;
        z[4] = z4;
        z[5] = z5;
    }

    /**
     * Two filters in cascade from zero state, one pass: the degree-6 / degree-2 pair (the seed's band-pass and
     * notch) interleaved per sample; other degrees one after the other. Same operations as two {@link #run} calls.
     */
    static void cascade(double[] b, double[] a, double[] b2, double[] a2, double[] x) {
        if (b.length != 7 || b2.length != 3) {
            run(b, a, new double[b.length - 1], x);
            run(b2, a2, new double[b2.length - 1], x);
            return;
        }
        double b0 = b[0], b1 = b[1], bb2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5], b6 = b[6];
        double a1 = a[1], aa2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6];
        double c0 = b2[0], c1 = b2[1], c2 = b2[2], d1 = a2[1], d2 = a2[2];
        double z0 = 0, z1 = 0, z2 = 0, z3 = 0, z4 = 0, z5 = 0, w0 = 0, w1 = 0;
        for (int i = 0; i < x.length; i++) {
            double xn = x[i];
            double yn = z0 + b0 * xn;
            z0 = z1 + xn * b1 - yn * a1;
            z1 = z2 + xn * bb2 - yn * aa2;
            z2 = z3 + xn * b3 - yn * a3;
            z3 = z4 + xn * b4 - yn * a4;
            z4 = z5 + xn * b5 - yn * a5;
            z5 = xn * b6 - yn * a6;
            double vn = w0 + c0 * yn;
            w0 = w1 + yn * c1 - vn * d1;
            w1 = yn * c2 - vn * d2;
            x[i] = vn;
        }
    }
}
