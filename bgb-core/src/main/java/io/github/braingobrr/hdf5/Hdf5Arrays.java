package io.github.braingobrr.hdf5;

import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;

/** Conversions between jhdf's Java arrays and {@link NpyArray}s. */
final class Hdf5Arrays {
    private Hdf5Arrays() {}

    /** The dtype a dataset of type {@code t} reads as, or null when it has none. */
    static NpyDtype dtypeOf(DataType t) {
        if (t instanceof FloatingPoint) {
            return t.getSize() == 8 ? NpyDtype.FLOAT64 : t.getSize() <= 4 ? NpyDtype.FLOAT32 : null;
        }
        if (t instanceof FixedPoint f) {
            return switch (f.getSize()) {
                case 1 -> f.isSigned() ? NpyDtype.INT8 : NpyDtype.UINT8;
                case 2 -> f.isSigned() ? NpyDtype.INT16 : NpyDtype.UINT16;
                case 4 -> f.isSigned() ? NpyDtype.INT32 : NpyDtype.UINT32;
                case 8 -> f.isSigned() ? NpyDtype.INT64 : NpyDtype.UINT64;
                default -> null;
            };
        }
        if (t instanceof StringData) {
            return NpyDtype.bytes(t.getSize());
        }
        if (t instanceof BitField && t.getSize() == 1) {
            return NpyDtype.BOOL;
        }
        return null;
    }

    /** Total elements of a shape. */
    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Packs jhdf's flat (C-order) data into an array of the dataset's dtype.
     *
     * @param flat a primitive array, a {@code String[]} or a {@code BigInteger[]} as jhdf returns them
     */
    static NpyArray toArray(Object flat, DataType type, long[] shape, String what) throws Hdf5Exception {
        int n = Array.getLength(flat);
        if (n != count(shape)) {
            throw new Hdf5Exception(
                    what + ": jhdf returned " + n + " values for shape " + java.util.Arrays.toString(shape));
        }
        if (type instanceof VariableLength v && flat instanceof String[] s) {
            if (!v.isVariableLengthString()) {
                throw new Hdf5Exception(what + " holds variable-length sequences, which have no NumPy dtype");
            }
            return reshape(NpyArray.ofStrings(s.length == 0 ? new String[0] : s, n), shape);
        }
        NpyDtype dtype = dtypeOf(type);
        if (dtype == null) {
            throw new Hdf5Exception(what + " has HDF5 type " + type.getClass().getSimpleName() + " (" + type.getSize()
                    + " bytes), which has no NumPy equivalent here; numeric, boolean and string datasets convert");
        }
        ByteBuffer b =
                ByteBuffer.allocate(Math.multiplyExact(n, dtype.itemSize())).order(ByteOrder.LITTLE_ENDIAN);
        if (flat instanceof float[] f) {
            b.asFloatBuffer().put(f);
        } else if (flat instanceof double[] d) {
            b.asDoubleBuffer().put(d);
        } else if (flat instanceof boolean[] z) {
            for (boolean v : z) {
                b.put(v ? (byte) 1 : 0);
            }
        } else if (flat instanceof String[] s) {
            Charset cs = ((StringData) type).getCharset();
            for (String v : s) {
                byte[] e = v.getBytes(cs);
                int len = Math.min(e.length, dtype.itemSize());
                b.put(e, 0, len);
                b.position(b.position() + dtype.itemSize() - len);
            }
        } else {
            for (int i = 0; i < n; i++) {
                long v = integer(Array.get(flat, i));
                switch (dtype.itemSize()) {
                    case 1 -> b.put((byte) v);
                    case 2 -> b.putShort((short) v);
                    case 4 -> b.putInt((int) v);
                    default -> b.putLong(v);
                }
            }
        }
        return NpyArray.wrap(NpyHeader.of(dtype, shape), b.clear());
    }

    private static long integer(Object boxed) {
        return boxed instanceof BigInteger big ? big.longValue() : ((Number) boxed).longValue();
    }

    private static NpyArray reshape(NpyArray a, long[] shape) {
        return NpyArray.wrap(new NpyHeader(a.dtype(), shape, a.order()), a.buffer());
    }

    /** A C-order flat copy of a (possibly multi-dimensional) Java array, or the boxed scalar wrapped. */
    static Object flatten(Object data) {
        if (data == null) {
            throw new IllegalArgumentException("no data");
        }
        if (!data.getClass().isArray()) {
            Object one = Array.newInstance(primitive(data.getClass()), 1);
            Array.set(one, 0, data);
            return one;
        }
        Class<?> leaf = data.getClass();
        while (leaf.getComponentType().isArray()) {
            leaf = leaf.getComponentType();
        }
        int n = leafCount(data);
        Object out = Array.newInstance(leaf.getComponentType(), n);
        copyLeaves(data, out, 0);
        return out;
    }

    private static Class<?> primitive(Class<?> boxed) {
        if (boxed == Double.class) {
            return double.class;
        }
        if (boxed == Float.class) {
            return float.class;
        }
        if (boxed == Long.class) {
            return long.class;
        }
        if (boxed == Integer.class) {
            return int.class;
        }
        if (boxed == Short.class) {
            return short.class;
        }
        if (boxed == Byte.class) {
            return byte.class;
        }
        if (boxed == Boolean.class) {
            return boolean.class;
        }
        return boxed;
    }

    private static int leafCount(Object a) {
        int len = Array.getLength(a);
        if (!a.getClass().getComponentType().isArray()) {
            return len;
        }
        int n = 0;
        for (int i = 0; i < len; i++) {
            n = Math.addExact(n, leafCount(Array.get(a, i)));
        }
        return n;
    }

    private static int copyLeaves(Object a, Object out, int at) {
        int len = Array.getLength(a);
        if (!a.getClass().getComponentType().isArray()) {
            System.arraycopy(a, 0, out, at, len);
            return at + len;
        }
        for (int i = 0; i < len; i++) {
            at = copyLeaves(Array.get(a, i), out, at);
        }
        return at;
    }

    /**
     * The Java value jhdf's writer takes for {@code a}: a nested primitive array ({@code float[4][1000]}),
     * a {@code String} array, or a boxed scalar for a 0-d array.
     */
    static Object toJava(NpyArray a, String what) {
        NpyDtype t = a.dtype();
        Object flat = switch (t.kind()) {
            case FLOAT -> {
                if (t.itemSize() == 2) {
                    throw new IllegalArgumentException(
                            what + ": jhdf cannot write float16; convert the data to" + " float32 first");
                }
                yield t.itemSize() == 4 ? a.toFloatArray() : a.toDoubleArray();
            }
            case INT, UINT ->
                switch (t.itemSize()) {
                    case 1 -> a.toByteArray();
                    case 2 -> t.kind() == NpyDtype.Kind.UINT ? unsignedShorts(a) : a.toShortArray();
                    case 4 -> t.kind() == NpyDtype.Kind.UINT ? unsignedInts(a) : a.toIntArray();
                    default -> a.toLongArray();
                };
            case BOOL -> a.toBooleanArray();
            case UNICODE, BYTES -> a.toStringArray();
            case COMPLEX ->
                throw new IllegalArgumentException(what + ": HDF5 has no standard complex type and jhdf"
                        + " cannot write one; store the real and imaginary parts as two datasets");
        };
        long[] shape = a.shape();
        for (long d : shape) {
            if (d == 0) {
                throw new IllegalArgumentException(what + ": jhdf 0.13 cannot write empty datasets (shape "
                        + a.header().shapeString() + ")");
            }
        }
        if (shape.length == 0) {
            return Array.get(flat, 0);
        }
        if (shape.length == 1) {
            return flat;
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = Math.toIntExact(shape[i]);
        }
        Object nested = Array.newInstance(flat.getClass().getComponentType(), dims);
        fillLeaves(nested, flat, 0);
        return nested;
    }

    private static short[] unsignedShorts(NpyArray a) {
        int[] v = a.toIntArray();
        short[] s = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = (short) v[i];
        }
        return s;
    }

    private static int[] unsignedInts(NpyArray a) {
        long[] v = a.toLongArray();
        int[] s = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = (int) v[i];
        }
        return s;
    }

    private static int fillLeaves(Object nested, Object flat, int at) {
        int len = Array.getLength(nested);
        if (!nested.getClass().getComponentType().isArray()) {
            System.arraycopy(flat, at, nested, 0, len);
            return at + len;
        }
        for (int i = 0; i < len; i++) {
            at = fillLeaves(Array.get(nested, i), flat, at);
        }
        return at;
    }
}
