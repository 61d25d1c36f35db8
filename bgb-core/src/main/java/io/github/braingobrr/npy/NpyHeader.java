package io.github.braingobrr.npy;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@code .npy} header says about an array: its dtype, shape and memory order. The shape may be
 * empty (a 0-d scalar) and may contain zeros (an empty array).
 *
 * @param dtype element type
 * @param shape dimensions, outermost first (copied; never negative)
 * @param order C (row-major) or Fortran (column-major) layout of the data
 */
public record NpyHeader(NpyDtype dtype, long[] shape, NpyOrder order) {

    /** Validates the shape: no negative dimension, and the byte size must fit in a {@code long}. */
    public NpyHeader {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(order, "order");
        shape = Objects.requireNonNull(shape, "shape").clone();
        long bytes = dtype.itemSize();
        boolean empty = false;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            empty |= d == 0;
        }
        if (!empty) {
            for (long d : shape) {
                if (bytes > Long.MAX_VALUE / d) {
                    throw new IllegalArgumentException(
                            "shape " + Arrays.toString(shape) + " of " + dtype.descr() + " holds more than 2^63 bytes");
                }
                bytes *= d;
            }
        }
    }

    /** A C-order header. */
    public static NpyHeader of(NpyDtype dtype, long... shape) {
        return new NpyHeader(dtype, shape, NpyOrder.C);
    }

    /** The dimensions (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** The length of one axis. */
    public long dim(int axis) {
        return shape[axis];
    }

    /** The number of elements (1 for a scalar, 0 when any dimension is 0). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The size of the data in bytes. */
    public long dataBytes() {
        return elementCount() * dtype.itemSize();
    }

    /** The same header with the first axis resized to {@code length} (rank must be at least 1). */
    public NpyHeader withFirstDimension(long length) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("a 0-d array has no first axis");
        }
        long[] s = shape.clone();
        s[0] = length;
        return new NpyHeader(dtype, s, order);
    }

    /**
     * Whether the C-order and Fortran-order layouts of this shape coincide (at most one dimension larger
     * than 1), so that the stored bytes are in C order whatever {@link #order()} says.
     */
    public boolean isCContiguous() {
        if (order == NpyOrder.C) {
            return true;
        }
        int big = 0;
        for (long d : shape) {
            if (d > 1) {
                big++;
            }
        }
        return big <= 1 || elementCount() == 0;
    }

    /** The shape as NumPy prints it, for example {@code (4, 1000)}, {@code (5,)} or {@code ()}. */
    public String shapeString() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(shape[i]);
        }
        if (shape.length == 1) {
            b.append(',');
        }
        return b.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && dtype.equals(h.dtype) && order == h.order && Arrays.equals(shape, h.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, order, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return dtype.descr() + " " + shapeString() + (order == NpyOrder.FORTRAN ? " Fortran-order" : "");
    }
}
