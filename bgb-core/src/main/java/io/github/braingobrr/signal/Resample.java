package io.github.braingobrr.signal;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Sampling-rate conversion: Fourier-domain resampling equal to {@code scipy.signal.resample} (periodic: the
 * signal is treated as one period, so edges wrap), and polyphase FIR resampling equal to
 * {@code scipy.signal.resample_poly} with its default Kaiser (β = 5) anti-aliasing filter and zero padding.
 * The FFTs are JTransforms'.
 */
public final class Resample {
    private static final double KAISER_BETA = 5.0;

    private Resample() {}

    /**
     * Output length when resampling {@code n} samples from {@code fromHz} to {@code toHz} with the FFT method:
     * {@code round(n·to/from)}, halves rounded to even as Python's {@code round} does.
     */
    public static int fftLength(long n, double fromHz, double toHz) {
        checkRate(fromHz);
        checkRate(toHz);
        double exact = Math.rint(n * toHz / fromHz);
        if (exact > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "resampled length " + exact + " exceeds the largest Java array; split the recording");
        }
        return (int) exact;
    }

    /** Output length of {@link #poly}: {@code ceil(n·up/down)} after reducing {@code up/down}. */
    public static int polyLength(long n, int up, int down) {
        checkFactors(up, down);
        int g = gcd(up, down);
        long u = up / g;
        long d = down / g;
        long out = (n * u + d - 1) / d;
        if (out > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "resampled length " + out + " exceeds the largest Java array; split the recording");
        }
        return (int) out;
    }

    /** FFT resampling of {@code x} to {@code num} samples ({@code num ≥ 1}); returns a new array. */
    public static double[] fft(double[] x, int num) {
        return new FftResampler(x.length, num).apply(x);
    }

    /**
     * A reusable FFT resampler for one input and output length: the FFT plans are built once and reused for
     * every channel of a recording. Not thread-safe.
     */
    public static final class FftResampler {
        private final int nx;
        private final int num;
        private final DoubleFFT_1D forward;
        private final DoubleFFT_1D inverse;

        /** A resampler from {@code nx} to {@code num} samples (both ≥ 1). */
        public FftResampler(int nx, int num) {
            if (nx < 1 || num < 1) {
                throw new IllegalArgumentException(
                        "FFT resampling needs at least one input and one output sample, got " + nx + " -> " + num);
            }
            this.nx = nx;
            this.num = num;
            this.forward = nx > 1 ? new DoubleFFT_1D(nx) : null;
            this.inverse = num > 1 ? (num == nx ? forward : new DoubleFFT_1D(num)) : null;
        }

        /** Resamples {@code x} (length {@code nx}); returns a new array of length {@code num}. */
        public double[] apply(double[] x) {
            return applyInPlace(x.clone());
        }

        /**
         * Resamples {@code x} (length {@code nx}) using it as scratch space: its contents are destroyed. Returns a
         * new array of length {@code num}.
         */
        public double[] applyInPlace(double[] x) {
            if (x.length != nx) {
                throw new IllegalArgumentException("expected " + nx + " samples, got " + x.length);
            }
            double[] spectrum = x;
            if (forward != null) {
                forward.realForward(spectrum);
            }
            double[] out = new double[num];
            int m = Math.min(num, nx);
            int bins = m / 2 + 1;
            double unpairedScale = 1.0;
            if (m % 2 == 0 && num != nx) {
                unpairedScale = num < nx ? 2.0 : 0.5;
            }
            double scale = (double) num / nx;
            for (int k = 0; k < bins; k++) {
                double re = re(spectrum, nx, k);
                double im = im(spectrum, nx, k);
                if (m % 2 == 0 && k == m / 2) {
                    re *= unpairedScale;
                    im *= unpairedScale;
                }
                put(out, num, k, re * scale, im * scale);
            }
            if (inverse != null) {
                inverse.realInverse(out, true);
            }
            return out;
        }

        // JTransforms packs a real FFT of length n as [Re0, Re(n/2) | Im((n-1)/2), Re1, Im1, Re2, Im2, ...]
        private static double re(double[] a, int n, int k) {
            if (k == 0) {
                return a[0];
            }
            if (n % 2 == 0 && k == n / 2) {
                return a[1];
            }
            return a[2 * k];
        }

        private static double im(double[] a, int n, int k) {
            if (k == 0 || (n % 2 == 0 && k == n / 2)) {
                return 0.0;
            }
            if (n % 2 == 1 && k == (n - 1) / 2) {
                return a[1];
            }
            return a[2 * k + 1];
        }

        private static void put(double[] a, int n, int k, double re, double im) {
            if (k == 0) {
                a[0] = re;
            } else if (n % 2 == 0 && k == n / 2) {
                a[1] = re; // the Nyquist bin of a real signal is real: its imaginary part is dropped, as irfft does
            } else if (k <= (n - 1) / 2) {
                a[2 * k] = re;
                if (n % 2 == 1 && k == (n - 1) / 2) {
                    a[1] = im;
                } else {
                    a[2 * k + 1] = im;
                }
            }
        }
    }

    /**
     * Polyphase resampling by {@code up/down}: upsample, FIR low-pass ({@code firwin(20·max+1, 1/max,
     * ('kaiser', 5))·up}), downsample, with the output aligned and trimmed to {@link #polyLength} samples.
     */
    public static double[] poly(double[] x, int up, int down) {
        checkFactors(up, down);
        int g = gcd(up, down);
        int u = up / g;
        int d = down / g;
        if (u == 1 && d == 1) {
            return x.clone();
        }
        int nIn = x.length;
        int nOut = polyLength(nIn, u, d);
        int maxRate = Math.max(u, d);
        int halfLen = 10 * maxRate;
        double[] h = Fir.kaiserLowpass(2 * halfLen + 1, 1.0 / maxRate, KAISER_BETA);
        for (int i = 0; i < h.length; i++) {
            h[i] *= u;
        }
        int prePad = d - halfLen % d;
        long preRemove = (halfLen + prePad) / d;
        // polyphase: output j needs filter taps t - i·u for t = (j + preRemove)·d − prePad, i.e. one phase t mod u
        int hl = h.length;
        double[][] phases = new double[u][];
        for (int p = 0; p < u; p++) {
            int taps = p < hl ? (hl - 1 - p) / u + 1 : 0;
            phases[p] = new double[taps];
            for (int k = 0; k < taps; k++) {
                phases[p][k] = h[p + k * u];
            }
        }
        double[] y = new double[nOut];
        for (int j = 0; j < nOut; j++) {
            long t = (j + preRemove) * d - prePad;
            int phase = (int) Math.floorMod(t, (long) u);
            long i0 = Math.floorDiv(t, (long) u); // input index paired with tap k = 0
            double[] taps = phases[phase];
            int kMin = (int) Math.max(0, i0 - (nIn - 1));
            int kMax = (int) Math.min(taps.length - 1, i0);
            double acc = 0;
            for (int k = kMin; k <= kMax; k++) {
                acc += x[(int) (i0 - k)] * taps[k];
            }
            y[j] = acc;
        }
        return y;
    }

    private static void checkFactors(int up, int down) {
        if (up < 1 || down < 1) {
            throw new IllegalArgumentException("up and down must be >= 1, got " + up + " and " + down);
        }
    }

    private static void checkRate(double hz) {
        if (!(hz > 0) || !Double.isFinite(hz)) {
            throw new IllegalArgumentException("sampling rate must be positive and finite, got " + hz);
        }
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
