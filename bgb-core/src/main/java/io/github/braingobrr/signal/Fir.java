package io.github.braingobrr.signal;

/** Window-method FIR design: {@code scipy.signal.firwin(numtaps, cutoff, window=('kaiser', beta))}, low-pass. */
final class Fir {
    private Fir() {}

    /** Low-pass with cut-off {@code cutoff} relative to Nyquist (0 < cutoff < 1), scaled to unit DC gain. */
    static double[] kaiserLowpass(int numtaps, double cutoff, double beta) {
        double alpha = 0.5 * (numtaps - 1);
        double[] h = new double[numtaps];
        double[] win = kaiser(numtaps, beta);
        double sum = 0;
        for (int i = 0; i < numtaps; i++) {
            double m = i - alpha;
            h[i] = cutoff * sinc(cutoff * m) * win[i];
            sum += h[i];
        }
        for (int i = 0; i < numtaps; i++) {
            h[i] /= sum;
        }
        return h;
    }

    /** Symmetric Kaiser window of length {@code m}. */
    static double[] kaiser(int m, double beta) {
        double[] w = new double[m];
        if (m == 1) {
            w[0] = 1.0;
            return w;
        }
        double alpha = (m - 1) / 2.0;
        double denominator = besselI0(beta);
        for (int n = 0; n < m; n++) {
            double r = (n - alpha) / alpha;
            w[n] = besselI0(beta * Math.sqrt(1 - r * r)) / denominator;
        }
        return w;
    }

    /** sin(πx)/(πx), 1 at 0. */
    static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double y = Math.PI * x;
        return Math.sin(y) / y;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
    static double besselI0(double x) {
        double q = x * x / 4.0;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
