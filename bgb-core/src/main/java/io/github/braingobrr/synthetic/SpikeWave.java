package io.github.braingobrr.synthetic;

/**
 * The seizure discharge: a train of spike-and-wave complexes whose frequency glides linearly from the
 * onset to the offset frequency, under an envelope that rises over the first seconds, grows while the
 * seizure evolves and fades at the end. Each cycle is a sharp surface-negative spike followed by a broad
 * positive slow wave, scaled to unit peak-to-peak with zero mean.
 */
final class SpikeWave {
    private SpikeWave() {}

    private static final double SPIKE_AT = 0.15;
    private static final double SPIKE_WIDTH = 0.035;
    private static final double WAVE_AT = 0.55;
    private static final double WAVE_WIDTH = 0.16;
    private static final double WAVE_HEIGHT = 0.9;
    private static final double MEAN;
    private static final double PEAK_TO_PEAK;

    static {
        int n = 20_000;
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double v = raw((i + 0.5) / n);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        MEAN = sum / n;
        PEAK_TO_PEAK = max - min;
    }

    private static double raw(double phase) {
        double ds = wrap(phase - SPIKE_AT) / SPIKE_WIDTH;
        double dw = wrap(phase - WAVE_AT) / WAVE_WIDTH;
        return -Math.exp(-0.5 * ds * ds) + WAVE_HEIGHT * Math.exp(-0.5 * dw * dw);
    }

    private static double wrap(double x) {
        return x - Math.floor(x + 0.5);
    }

    /** One cycle at a phase in cycles (any real; only the fraction matters): zero mean, unit peak-to-peak. */
    static double cycle(double phase) {
        return (raw(phase - Math.floor(phase)) - MEAN) / PEAK_TO_PEAK;
    }

    /** Amplitude envelope in {@code [0, 1]} at {@code t} seconds after onset of a seizure lasting {@code d}. */
    static double envelope(double t, double d) {
        if (t <= 0 || t >= d) {
            return 0;
        }
        double rise = Math.min(5.0, d / 4);
        double fall = Math.min(3.0, d / 5);
        double e = 0.6 + 0.4 * t / d;
        if (t < rise) {
            e *= 0.5 * (1 - Math.cos(Math.PI * t / rise));
        } else if (t > d - fall) {
            e *= 0.5 * (1 - Math.cos(Math.PI * (d - t) / fall));
        }
        return e;
    }

    /**
     * Adds the discharge of {@code s} as seen by one electrode (weight, lag) to samples
     * {@code [first, first + count)} at {@code rate} Hz.
     */
    static void add(
            PlantedSeizure s,
            double weight,
            double lagSeconds,
            int rate,
            long first,
            double[] dst,
            int offset,
            int count) {
        double onset = s.startSeconds() + lagSeconds;
        double d = s.durationSeconds();
        long from = Math.max(first, (long) Math.floor(onset * rate));
        long to = Math.min(first + count - 1, (long) Math.ceil((onset + d) * rate));
        double f0 = s.startFrequencyHz();
        double glide = (s.endFrequencyHz() - f0) / (2 * d);
        double gain = weight * s.amplitudeMicrovolts();
        for (long n = from; n <= to; n++) {
            double t = (double) n / rate - onset;
            double e = envelope(t, d);
            if (e > 0) {
                dst[offset + (int) (n - first)] += gain * e * cycle(t * (f0 + glide * t));
            }
        }
    }
}
