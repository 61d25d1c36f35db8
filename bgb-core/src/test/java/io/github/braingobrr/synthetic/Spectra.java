package io.github.braingobrr.synthetic;

import org.jtransforms.fft.DoubleFFT_1D;

/** Welch power spectra (Hann window, 50 % overlap, mean removed per segment) for the spectral tests. */
final class Spectra {
    private Spectra() {}

    /** A power spectrum: {@code power[k]} at {@code k · rate / segment} Hz. */
    record Psd(double[] power, double binHz) {
        double band(double lowHz, double highHz) {
            double sum = 0;
            for (int k = 1; k < power.length; k++) {
                double f = k * binHz;
                if (f >= lowHz && f <= highHz) {
                    sum += power[k];
                }
            }
            return sum;
        }

        double fraction(double lowHz, double highHz, double totalLowHz, double totalHighHz) {
            return band(lowHz, highHz) / band(totalLowHz, totalHighHz);
        }

        double peakHz(double lowHz, double highHz) {
            int best = -1;
            for (int k = 1; k < power.length; k++) {
                double f = k * binHz;
                if (f >= lowHz && f <= highHz && (best < 0 || power[k] > power[best])) {
                    best = k;
                }
            }
            return best * binHz;
        }
    }

    static Psd welch(double[] x, int rate, int segment) {
        if (x.length < segment) {
            throw new IllegalArgumentException("need at least " + segment + " samples, got " + x.length);
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(segment);
        double[] power = new double[segment / 2];
        double[] b = new double[segment];
        for (int start = 0; start + segment <= x.length; start += segment / 2) {
            double mean = 0;
            for (int i = 0; i < segment; i++) {
                mean += x[start + i];
            }
            mean /= segment;
            for (int i = 0; i < segment; i++) {
                b[i] = (x[start + i] - mean) * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / segment));
            }
            fft.realForward(b);
            for (int k = 1; k < segment / 2; k++) {
                power[k] += b[2 * k] * b[2 * k] + b[2 * k + 1] * b[2 * k + 1];
            }
        }
        return new Psd(power, (double) rate / segment);
    }
}
