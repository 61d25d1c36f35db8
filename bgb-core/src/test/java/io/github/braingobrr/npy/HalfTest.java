package io.github.braingobrr.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** float16 conversions, checked exhaustively against the IEEE 754 definition. */
class HalfTest {

    /** The value of half bits {@code h} from the definition: (-1)^s * 2^(e-15) * (1 + m/1024), or subnormal. */
    private static double definition(int h) {
        int s = (h >> 15) & 1;
        int e = (h >> 10) & 0x1f;
        int m = h & 0x3ff;
        double sign = s == 1 ? -1 : 1;
        if (e == 0x1f) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (e == 0) {
            return sign * m / 1024.0 * Math.pow(2, -14);
        }
        return sign * (1 + m / 1024.0) * Math.pow(2, e - 15);
    }

    @Test
    void everyHalfConvertsExactlyAndBack() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Half.toFloat((short) h);
            double want = definition(h);
            if (Double.isNaN(want)) {
                assertTrue(Float.isNaN(f), Integer.toHexString(h));
            } else {
                assertEquals(want, f, 0.0, Integer.toHexString(h));
                assertEquals(Double.doubleToRawLongBits(want) >>> 63, Float.floatToRawIntBits(f) >>> 31, "sign");
            }
            assertEquals((short) h, Half.fromFloat(f), "round trip of 0x" + Integer.toHexString(h));
        }
    }

    @Test
    void fromFloatRoundsToNearestEven() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(f))));
                continue;
            }
            short h = Half.fromFloat(f);
            double got = Half.toFloat(h);
            if (Math.abs(f) >= 65520f) { // halfway between the largest half (65504) and 2^16 rounds to infinity
                assertEquals(Math.copySign(Double.POSITIVE_INFINITY, f), got, "" + f);
                continue;
            }
            double err = Math.abs(got - f);
            for (int d = -1; d <= 1; d += 2) {
                int n = (h & 0xffff) + d;
                if ((n & 0x7c00) == 0x7c00 || n < 0 || n > 0xffff || ((n ^ h) & 0x8000) != 0) {
                    continue; // neighbour is infinity/NaN or of the other sign
                }
                double other = Math.abs(Half.toFloat((short) n) - f);
                assertTrue(err <= other, f + " -> " + got + " but " + Half.toFloat((short) n) + " is nearer");
                if (err == other) {
                    assertEquals(0, h & 1, "ties go to the even half for " + f);
                }
            }
        }
    }
}
