package io.github.braingobrr.synthetic;

import java.util.SplittableRandom;

/**
 * Seed derivation and random deviates for the generator. Every random quantity is drawn from a
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

    private static final double SQRT3 = Math.sqrt(3);

    /**
     * Fills {@code out[0..n)} with independent zero-mean, unit-variance deviates (uniform on
     * {@code [-√3, √3)}). They weight the spectral bins of {@link BlockSynthesis}; each synthesised sample
     * sums hundreds of bins, so the samples are Gaussian to a very good approximation, at a fraction of the
     * cost of normal deviates. Only {@link SplittableRandom#nextDouble()} is used, so the values are the same
     * on every platform.
     */
    static void deviates(SplittableRandom r, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = SQRT3 * (2 * r.nextDouble() - 1);
        }
    }
}
