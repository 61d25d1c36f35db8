package io.github.braingobrr.signal;

/**
 * Second-order IIR notch design, as {@code scipy.signal.iirnotch(w0, Q, fs)}: a zero pair on the unit circle at
 * {@code f0} and a pole pair just inside it, with the −3 dB bandwidth {@code f0/Q}.
 */
public final class Notch {
    private Notch() {}

    /** Notch at {@code f0} hertz with quality factor {@code q}, for sampling rate {@code fs}. */
    public static TransferFunction iirnotch(double f0, double q, double fs) {
        if (!(fs > 0) || !Double.isFinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be positive and finite, got " + fs);
        }
        if (!(q > 0) || !Double.isFinite(q)) {
            throw new IllegalArgumentException("quality factor must be positive and finite, got " + q);
        }
        double w0 = 2 * f0 / fs;
        if (!(w0 > 0.0 && w0 < 1.0)) {
            throw new IllegalArgumentException(
                    "notch frequency must lie strictly between 0 and fs/2 = " + fs / 2 + " Hz, got " + f0 + " Hz");
        }
        double bw = w0 / q * Math.PI;
        double w = w0 * Math.PI;
        double gb = 1 / Math.sqrt(2);
        double beta = (Math.sqrt(1.0 - gb * gb) / gb) * Math.tan(bw / 2.0);
        double gain = 1.0 / (1.0 + beta);
        double c = Math.cos(w);
        return new TransferFunction(
                new double[] {gain * 1.0, gain * (-2.0 * c), gain * 1.0},
                new double[] {1.0, -2.0 * gain * c, 2.0 * gain - 1.0});
    }
}
