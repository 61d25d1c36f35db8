package io.github.braingobrr.cache.sampling;

import java.util.Arrays;
import java.util.List;

/**
 * The random stream of NumPy's {@code numpy.random.default_rng(seed)} — SeedSequence seeding of a PCG64 (XSL-RR
 * 128/64) generator — and the three draws the Python system's balanced sampler makes with it:
 * {@code Generator.choice(n, k, replace=False)} (Floyd's algorithm with a hash set, or a partial Fisher–Yates "tail
 * shuffle" for large populations), and {@code Generator.shuffle} of a sequence. Reimplemented from the published
 * algorithms so that a seed gives the same windows, in the same order, as the Python system; the test suite checks
 * it against values NumPy produced. Only populations below 2^31 are supported (the 32-bit paths of NumPy's bounded
 * integer generators).
 */
final class NumpyRandom {
    private static final int INIT_A = 0x43b0d7e5;
    private static final int MULT_A = 0x931e8875;
    private static final int INIT_B = 0x8b51f9dd;
    private static final int MULT_B = 0x58f38ded;
    private static final int MIX_MULT_L = 0xca01f9dd;
    private static final int MIX_MULT_R = 0x4973f715;
    private static final int XSHIFT = 16;
    private static final int POOL = 4;
    private static final long MULT_HI = 0x2360ED051FC65DA4L;
    private static final long MULT_LO = 0x4385DF649FCCF645L;
    private static final long MASK32 = 0xFFFFFFFFL;

    private long stateHi;
    private long stateLo;
    private final long incHi;
    private final long incLo;
    private boolean hasUint32;
    private int uint32;

    private NumpyRandom(long[] seedWords) {
        long initStateHi = seedWords[0];
        long initStateLo = seedWords[1];
        long initSeqHi = seedWords[2];
        long initSeqLo = seedWords[3];
        // inc = (initseq << 1) | 1
        incHi = (initSeqHi << 1) | (initSeqLo >>> 63);
        incLo = (initSeqLo << 1) | 1;
        stateHi = 0;
        stateLo = 0;
        step();
        long lo = stateLo + initStateLo;
        long carry = Long.compareUnsigned(lo, stateLo) < 0 ? 1 : 0;
        stateHi = stateHi + initStateHi + carry;
        stateLo = lo;
        step();
    }

    /** {@code numpy.random.default_rng(seed)} for a non-negative seed. */
    static NumpyRandom defaultRng(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be non-negative (as NumPy requires), got " + seed);
        }
        int[] entropy =
                seed == 0 || (seed >>> 32) == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
        int[] state = seedSequenceState(entropy, 8);
        long[] words = new long[4];
        for (int i = 0; i < 4; i++) {
            words[i] = (state[2 * i] & MASK32) | ((long) state[2 * i + 1] << 32);
        }
        return new NumpyRandom(words);
    }

    /** {@code SeedSequence(entropy).generate_state(n, uint32)} with the default pool size of 4. */
    static int[] seedSequenceState(int[] entropy, int n) {
        int[] pool = new int[POOL];
        int[] hashConst = {INIT_A};
        for (int i = 0; i < POOL; i++) {
            pool[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
        }
        for (int src = 0; src < POOL; src++) {
            for (int dst = 0; dst < POOL; dst++) {
                if (src != dst) {
                    pool[dst] = mix(pool[dst], hashmix(pool[src], hashConst));
                }
            }
        }
        for (int src = POOL; src < entropy.length; src++) {
            for (int dst = 0; dst < POOL; dst++) {
                pool[dst] = mix(pool[dst], hashmix(entropy[src], hashConst));
            }
        }
        int[] out = new int[n];
        int hc = INIT_B;
        for (int i = 0; i < n; i++) {
            int v = pool[i % POOL];
            v ^= hc;
            hc *= MULT_B;
            v *= hc;
            v ^= v >>> XSHIFT;
            out[i] = v;
        }
        return out;
    }

    private static int hashmix(int value, int[] hashConst) {
        int v = value ^ hashConst[0];
        hashConst[0] *= MULT_A;
        v *= hashConst[0];
        v ^= v >>> XSHIFT;
        return v;
    }

    private static int mix(int x, int y) {
        int r = MIX_MULT_L * x - MIX_MULT_R * y;
        r ^= r >>> XSHIFT;
        return r;
    }

    /** state = state · MULT + inc (mod 2^128). */
    private void step() {
        long lo = stateLo * MULT_LO;
        long hi = unsignedMultiplyHigh(stateLo, MULT_LO) + stateHi * MULT_LO + stateLo * MULT_HI;
        long newLo = lo + incLo;
        long carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
        stateHi = hi + incHi + carry;
        stateLo = newLo;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** The next 64 random bits (PCG64's XSL-RR output of the advanced state). */
    long next64() {
        step();
        long x = stateHi ^ stateLo;
        int rot = (int) (stateHi >>> 58);
        return Long.rotateRight(x, rot);
    }

    /** The next 32 random bits: the low half of a 64-bit output, then its high half. */
    int next32() {
        if (hasUint32) {
            hasUint32 = false;
            return uint32;
        }
        long n = next64();
        hasUint32 = true;
        uint32 = (int) (n >>> 32);
        return (int) n;
    }

    /** NumPy's {@code random_interval(max)}: masked rejection sampling in {@code [0, max]}. */
    int interval(int max) {
        if (max == 0) {
            return 0;
        }
        int mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        while (true) {
            int v = next32() & mask;
            if (v <= max) {
                return v;
            }
        }
    }

    /** NumPy's {@code random_bounded_uint64(0, rng)} for {@code rng < 2^31}: Lemire's method on 32-bit draws. */
    int bounded(int rng) {
        if (rng == 0) {
            return 0;
        }
        long exclusive = (long) rng + 1;
        long m = (next32() & MASK32) * exclusive;
        long leftover = m & MASK32;
        if (leftover < exclusive) {
            long threshold = (MASK32 - rng) % exclusive;
            while (leftover < threshold) {
                m = (next32() & MASK32) * exclusive;
                leftover = m & MASK32;
            }
        }
        return (int) (m >>> 32);
    }

    /** {@code Generator.choice(population, size, replace=False)} (with its default {@code shuffle=True}). */
    int[] choiceWithoutReplacement(int population, int size) {
        if (size < 0 || size > population) {
            throw new IllegalArgumentException("cannot take " + size + " of " + population + " without replacement");
        }
        if (size == 0) {
            return new int[0];
        }
        if (population > 10000 && size > population / 50) {
            // tail shuffle: a partial Fisher-Yates over arange(population), keeping the last `size`
            int[] idx = new int[population];
            for (int i = 0; i < population; i++) {
                idx[i] = i;
            }
            shuffleInt(idx, population, Math.max(population - size, 1));
            return Arrays.copyOfRange(idx, population - size, population);
        }
        // Floyd's algorithm with an open-addressing hash set of at least 1.2 x size slots
        long setSize = (long) (1.2 * size);
        long mask = setSize;
        for (int s = 1; s <= 32; s <<= 1) {
            mask |= mask >>> s;
        }
        long[] set = new long[(int) (mask + 1)];
        Arrays.fill(set, -1L);
        int[] idx = new int[size];
        for (int j = population - size; j < population; j++) {
            long val = bounded(j);
            int loc = (int) (val & mask);
            while (set[loc] != -1L && set[loc] != val) {
                loc = (int) ((loc + 1) & mask);
            }
            if (set[loc] == -1L) {
                set[loc] = val;
                idx[j - population + size] = (int) val;
            } else {
                loc = (int) (j & mask);
                while (set[loc] != -1L) {
                    loc = (int) ((loc + 1) & mask);
                }
                set[loc] = j;
                idx[j - population + size] = j;
            }
        }
        shuffleInt(idx, size, 1);
        return idx;
    }

    /** NumPy's {@code _shuffle_int}: Fisher–Yates from the end down to {@code first}, with bounded draws. */
    private void shuffleInt(int[] data, int n, int first) {
        for (int i = n - 1; i >= first; i--) {
            int j = bounded(i);
            int t = data[i];
            data[i] = data[j];
            data[j] = t;
        }
    }

    /** {@code Generator.shuffle(x)} of a sequence (or an array along its first axis), in place. */
    <T> void shuffle(List<T> x) {
        for (int i = x.size() - 1; i >= 1; i--) {
            int j = interval(i);
            T t = x.get(i);
            x.set(i, x.get(j));
            x.set(j, t);
        }
    }
}
