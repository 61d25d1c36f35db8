package io.github.braingobrr.synthetic;

import java.util.SplittableRandom;

/**
 * Seed derivation and normal deviates for the generator. Every random quantity is drawn from a
 * {@link SplittableRandom} whose seed is derived from the corpus seed and the quantity's identity, so any
 * part of any recording can be regenerated on its own.
 */
final class Seeds {
    private Seeds() {}

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** The SplitMix64 finaliser: a bijective, well-mixing map of 64-bit values. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed derived from {@code seed} and a path of identifiers. */
    static long derive(long seed, long... path) {
        long h = mix(seed + GOLDEN);
        for (long p : path) {
            h = mix(h ^ mix(p * GOLDEN + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    /** A uniform value in {@code [low, high)}. */
    static double uniform(SplittableRandom r, double low, double high) {
        return low + (high - low) * r.nextDouble();
    }

    /**
     * Fills {@code out[0..n)} with independent standard normal deviates (Marsaglia's polar method; the
     * logarithm is {@link StrictMath#log}, so the values do not depend on the platform).
     */
    static void normals(SplittableRandom r, double[] out, int n) {
        int i = 0;
        while (i < n) {
            double u;
            double v;
            double s;
            do {
                u = 2 * r.nextDouble() - 1;
                v = 2 * r.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double m = Math.sqrt(-2 * StrictMath.log(s) / s);
            out[i++] = u * m;
            if (i < n) {
                out[i++] = v * m;
            }
        }
    }
}
