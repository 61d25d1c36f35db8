package io.github.braingobrr.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Element-wise comparison with a message naming the first offending index. */
public final class Assertions2 {
    private Assertions2() {}

    /** |actual − expected| ≤ tol·max(1, |expected|) at every index. */
    public static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double limit = tol * Math.max(1.0, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= limit)) {
                throw new AssertionError(what + ": index " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (|diff| " + Math.abs(expected[i] - actual[i]) + " > " + limit + ")");
            }
        }
    }

    /** Largest absolute difference. */
    public static double maxAbsDiff(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }
}
