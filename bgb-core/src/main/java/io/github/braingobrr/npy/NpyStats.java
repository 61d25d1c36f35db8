package io.github.braingobrr.npy;

import java.io.IOException;

/**
 * Summary statistics of a stored array of a real numeric or bool dtype, computed by {@link #of(NpyReader)} in
 * slices of the first axis, so a {@code (N, 19, 15360)} cache member is summarised without holding it in memory.
 * Values are taken as doubles ({@link NpyArray#toDoubleArray()}: bool as 0/1, 64-bit integers rounded).
 *
 * @param count the number of elements
 * @param nanCount elements that are NaN (0 for integer and bool arrays)
 * @param min the smallest element that is not NaN; NaN when there is none
 * @param max the largest element that is not NaN; NaN when there is none
 * @param mean the mean of the elements that are not NaN (compensated summation); NaN when there are none or
 *     when both infinities occur
 */
public record NpyStats(long count, long nanCount, double min, double max, double mean) {
    private static final long SLICE_BYTES = 8L << 20;

    /**
     * The statistics of the array {@code reader} holds, read slice by slice (a Fortran-order array is read
     * whole).
     *
     * @throws UnsupportedOperationException for complex and string dtypes
     * @throws IOException when the data cannot be read
     */
    public static NpyStats of(NpyReader reader) throws IOException {
        NpyHeader h = reader.header();
        NpyDtype.Kind kind = h.dtype().kind();
        if (kind == NpyDtype.Kind.COMPLEX || kind == NpyDtype.Kind.UNICODE || kind == NpyDtype.Kind.BYTES) {
            throw new UnsupportedOperationException("statistics need a real numeric or bool array, not "
                    + h.dtype().descr());
        }
        Accumulator acc = new Accumulator();
        if (h.elementCount() == 0) {
            return acc.result();
        }
        if (h.rank() == 0 || !h.isCContiguous()) {
            acc.add(reader.read().toDoubleArray());
            return acc.result();
        }
        long rows = h.dim(0);
        long rowBytes = h.dataBytes() / rows;
        long step = Math.max(1, SLICE_BYTES / rowBytes);
        for (long first = 0; first < rows; first += step) {
            acc.add(reader.readSlice(first, Math.min(step, rows - first)).toDoubleArray());
        }
        return acc.result();
    }

    private static final class Accumulator {
        long count;
        long nans;
        long finite;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        double compensation;
        boolean posInf;
        boolean negInf;

        void add(double[] values) {
            count += values.length;
            for (double v : values) {
                if (Double.isNaN(v)) {
                    nans++;
                    continue;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v == Double.POSITIVE_INFINITY) {
                    posInf = true;
                } else if (v == Double.NEGATIVE_INFINITY) {
                    negInf = true;
                } else {
                    finite++;
                    // Neumaier's compensated summation
                    double t = sum + v;
                    compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
                    sum = t;
                }
            }
        }

        NpyStats result() {
            long numbers = count - nans;
            if (numbers == 0) {
                return new NpyStats(count, nans, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean;
            if (posInf && negInf) {
                mean = Double.NaN;
            } else if (posInf) {
                mean = Double.POSITIVE_INFINITY;
            } else if (negInf) {
                mean = Double.NEGATIVE_INFINITY;
            } else {
                mean = (sum + compensation) / finite;
            }
            return new NpyStats(count, nans, min, max, mean);
        }
    }
}
