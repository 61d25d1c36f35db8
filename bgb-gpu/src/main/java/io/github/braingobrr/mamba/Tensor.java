package io.github.braingobrr.mamba;

import java.util.Arrays;

/**
 * A dense, row-major float32 array with a shape: the currency of the Mamba layers (inputs, outputs and
 * weights).
 *
 * <p>The data array is shared, not copied: whoever builds a tensor hands its array over and must not
 * change it afterwards. Layers and backends never modify the tensors they are given (backends may keep
 * device copies of weights keyed by tensor identity). Equality compares shapes and contents.
 *
 * @param shape the dimensions, outermost first; {@code ()} is a scalar
 * @param data the elements in row-major (C) order; its length is the product of the dimensions
 */
public record Tensor(int[] shape, float[] data) {

    /** Checks that the data fits the shape. */
    public Tensor {
        if (shape == null || data == null) {
            throw new IllegalArgumentException(
                    "a tensor needs a shape and a data array, got " + (shape == null ? "no shape" : "no data"));
        }
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + format(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + format(shape) + " has more than 2^31-1 elements");
            }
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + format(shape) + " needs " + n + " elements but the data has " + data.length);
        }
    }

    /** A tensor over {@code data} with the given dimensions. */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(shape, data);
    }

    /** A zero-filled tensor of the given dimensions. */
    public static Tensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= Math.max(d, 0);
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + format(shape) + " has more than 2^31-1 elements");
        }
        return new Tensor(shape, new float[(int) n]);
    }

    /** The dimensions (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Whether this tensor has exactly the given dimensions. */
    public boolean hasShape(int... dims) {
        return Arrays.equals(shape, dims);
    }

    /** The shape as NumPy prints it, e.g. {@code (304, 64)} or {@code (16,)}. */
    public String shapeString() {
        return format(shape);
    }

    /** Formats a shape as NumPy prints it, e.g. {@code (304, 64)} or {@code (16,)}. */
    public static String format(int... shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + format(shape);
    }
}
