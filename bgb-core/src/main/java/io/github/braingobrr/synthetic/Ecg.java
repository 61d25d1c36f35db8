package io.github.braingobrr.synthetic;

/**
 * An ECG lead as EEG amplifiers record it: P, QRS and T waves (Gaussian bumps) at a steady heart rate with
 * a little beat-to-beat jitter. Beat {@code i} falls at {@code (i + jitter_i) · RR}, the jitter drawn from
 * the beat's own seed, so any sample range can be produced on its own.
 */
final class Ecg {
    private Ecg() {}

    /** {center seconds relative to R, width seconds, relative height} of the P, Q, R, S, T waves. */
    private static final double[][] WAVES = {
        {-0.20, 0.025, 0.10}, {-0.03, 0.010, -0.10}, {0.0, 0.012, 1.0}, {0.03, 0.010, -0.25}, {0.30, 0.050, 0.30}
    };

    private static final double MAX_JITTER = 0.04;

    static void add(
            long seed, double rrSeconds, double amplitude, int rate, long first, double[] dst, int offset, int count) {
        double t0 = (double) first / rate;
        double t1 = (double) (first + count - 1) / rate;
        long firstBeat = (long) Math.floor(t0 / rrSeconds) - 1;
        long lastBeat = (long) Math.ceil(t1 / rrSeconds) + 1;
        for (long beat = Math.max(0, firstBeat); beat <= lastBeat; beat++) {
            double jitter = MAX_JITTER * (2 * (Seeds.mix(seed ^ beat) >>> 11) * 0x1.0p-53 - 1);
            double r = (beat + jitter) * rrSeconds;
            long from = Math.max(first, (long) Math.ceil((r - 0.35) * rate));
            long to = Math.min(first + count - 1, (long) Math.floor((r + 0.5) * rate));
            for (long n = from; n <= to; n++) {
                double tau = (double) n / rate - r;
                double v = 0;
                for (double[] w : WAVES) {
                    double z = (tau - w[0]) / w[1];
                    v += w[2] * Math.exp(-0.5 * z * z);
                }
                dst[offset + (int) (n - first)] += amplitude * v;
            }
        }
    }
}
