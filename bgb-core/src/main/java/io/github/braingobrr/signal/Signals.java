package io.github.braingobrr.signal;

/**
 * Element-wise normalisation steps of the preprocessing recipe, in place on {@code double[]} channels:
 * z-scoring with the population standard deviation, clipping, replacing non-finite values, rounding to
 * float32.
 */
public final class Signals {
    private Signals() {}

    /** Arithmetic mean (0 for an empty array). */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return 0.0;
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Population standard deviation ({@code ddof = 0}) around {@code mean}. */
    public static double populationStd(double[] x, double mean) {
        if (x.length == 0) {
            return 0.0;
        }
        double sum = 0;
        for (double v : x) {
            double d = v - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / x.length);
    }

    /** {@code x = (x − mean)/(std + epsilon)} with the population standard deviation, as NumPy computes it. */
    public static void zScoreInPlace(double[] x, double epsilon) {
        double mean = mean(x);
        double denominator = populationStd(x, mean) + epsilon;
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - mean) / denominator;
        }
    }

    /** Limits every value to {@code [-limit, limit]}; NaN stays NaN (as {@code numpy.clip}). */
    public static void clipInPlace(double[] x, double limit) {
        if (!(limit >= 0)) {
            throw new IllegalArgumentException("clip limit must be >= 0, got " + limit);
        }
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (v > limit) {
                x[i] = limit;
            } else if (v < -limit) {
                x[i] = -limit;
            }
        }
    }

    /** Replaces NaN and ±infinity by 0 (as {@code numpy.nan_to_num(x, nan=0, posinf=0, neginf=0)}). */
    public static void nonFiniteToZeroInPlace(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                x[i] = 0.0;
            }
        }
    }

    /**
     * The final steps of the recipe in one pass, as a float32 copy: optional z-score {@code (x − mean)/(std + ε)},
     * clipping to {@code ±clip} (infinity for none), and non-finite values to 0; equal to applying
     * {@link #zScoreInPlace}, {@link #clipInPlace}, {@link #nonFiniteToZeroInPlace} and {@link #toFloat32} in turn.
     */
    public static float[] normalizeToFloat32(
            double[] x, boolean zScore, double epsilon, double clip, boolean nonFiniteToZero) {
        double mean = 0;
        double denominator = 1;
        if (zScore) {
            mean = mean(x);
            denominator = populationStd(x, mean) + epsilon;
        }
        boolean clipping = !Double.isInfinite(clip);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = zScore ? (x[i] - mean) / denominator : x[i];
            if (clipping) {
                if (v > clip) {
                    v = clip;
                } else if (v < -clip) {
                    v = -clip;
                }
            }
            if (nonFiniteToZero && !Double.isFinite(v)) {
                v = 0.0;
            }
            out[i] = (float) v;
        }
        return out;
    }

    /** Rounds every value to the nearest float32 (kept as double). */
    public static void roundToFloat32InPlace(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) x[i];
        }
    }

    /** A float32 copy. */
    public static float[] toFloat32(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
