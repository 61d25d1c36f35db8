package io.github.braingobrr.npy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable NumPy array: a {@link NpyHeader} (dtype, shape, order) and the element bytes exactly as they
 * are stored in the file (its byte order, its C or Fortran layout). The bytes may live on the heap or be
 * memory-mapped from a file, and may be larger than 2 GiB (then they span several buffers).
 *
 * <p>The typed accessors convert as needed: {@link #toFloatArray()} and friends return the elements in C
 * (row-major) order and native Java values whatever the file's byte order and layout; {@link #getFloat}
 * and friends take a logical index. Integer accessors accept the integer types whose values fit the Java
 * type (unsigned values are widened), except that {@code uint64} in {@link #toLongArray()} and {@code uint8}
 * in {@link #toByteArray()} come back as their two's-complement bits.
 */
public final class NpyArray {
    private enum Code {
        BOOL,
        I1,
        I2,
        I4,
        I8,
        U1,
        U2,
        U4,
        U8,
        F2,
        F4,
        F8,
        C8,
        C16,
        STR_U,
        STR_S
    }

    private final NpyHeader header;
    private final DataBlocks data;
    private final Code code;
    private final long[] strides; // in elements, for logical indices

    NpyArray(NpyHeader header, DataBlocks data) {
        if (data.size() != header.dataBytes()) {
            throw new IllegalArgumentException(
                    "header " + header + " needs " + header.dataBytes() + " bytes, data has " + data.size());
        }
        this.header = header;
        this.data = data;
        this.code = codeOf(header.dtype());
        int rank = header.rank();
        this.strides = new long[rank];
        long s = 1;
        if (header.order() == NpyOrder.C) {
            for (int k = rank - 1; k >= 0; k--) {
                strides[k] = s;
                s *= Math.max(1, header.dim(k));
            }
        } else {
            for (int k = 0; k < rank; k++) {
                strides[k] = s;
                s *= Math.max(1, header.dim(k));
            }
        }
    }

    private static Code codeOf(NpyDtype t) {
        return switch (t.kind()) {
            case BOOL -> Code.BOOL;
            case INT ->
                switch (t.itemSize()) {
                    case 1 -> Code.I1;
                    case 2 -> Code.I2;
                    case 4 -> Code.I4;
                    default -> Code.I8;
                };
            case UINT ->
                switch (t.itemSize()) {
                    case 1 -> Code.U1;
                    case 2 -> Code.U2;
                    case 4 -> Code.U4;
                    default -> Code.U8;
                };
            case FLOAT ->
                switch (t.itemSize()) {
                    case 2 -> Code.F2;
                    case 4 -> Code.F4;
                    default -> Code.F8;
                };
            case COMPLEX -> t.itemSize() == 8 ? Code.C8 : Code.C16;
            case UNICODE -> Code.STR_U;
            case BYTES -> Code.STR_S;
        };
    }

    // ---------------------------------------------------------------- factories

    /** A float32 array of {@code values} in C order; {@code shape} defaults to {@code (values.length,)}. */
    public static NpyArray of(float[] values, long... shape) {
        return build(
                NpyDtype.FLOAT32,
                shape,
                values.length,
                (b, from, n) -> b.asFloatBuffer().put(values, from, n));
    }

    /** A float64 array of {@code values} in C order; {@code shape} defaults to {@code (values.length,)}. */
    public static NpyArray of(double[] values, long... shape) {
        return build(
                NpyDtype.FLOAT64,
                shape,
                values.length,
                (b, from, n) -> b.asDoubleBuffer().put(values, from, n));
    }

    /** An int64 array of {@code values} in C order; {@code shape} defaults to {@code (values.length,)}. */
    public static NpyArray of(long[] values, long... shape) {
        return build(
                NpyDtype.INT64,
                shape,
                values.length,
                (b, from, n) -> b.asLongBuffer().put(values, from, n));
    }

    /** An int32 array of {@code values} in C order; {@code shape} defaults to {@code (values.length,)}. */
    public static NpyArray of(int[] values, long... shape) {
        return build(
                NpyDtype.INT32,
                shape,
                values.length,
                (b, from, n) -> b.asIntBuffer().put(values, from, n));
    }

    /** An int16 array of {@code values} in C order; {@code shape} defaults to {@code (values.length,)}. */
    public static NpyArray of(short[] values, long... shape) {
        return build(
                NpyDtype.INT16,
                shape,
                values.length,
                (b, from, n) -> b.asShortBuffer().put(values, from, n));
    }

    /** An int8 array of {@code values} in C order; {@code shape} defaults to {@code (values.length,)}. */
    public static NpyArray of(byte[] values, long... shape) {
        return build(NpyDtype.INT8, shape, values.length, (b, from, n) -> b.put(values, from, n));
    }

    /** A bool array of {@code values} in C order; {@code shape} defaults to {@code (values.length,)}. */
    public static NpyArray of(boolean[] values, long... shape) {
        return build(NpyDtype.BOOL, shape, values.length, (b, from, n) -> {
            for (int i = 0; i < n; i++) {
                b.put(values[from + i] ? (byte) 1 : (byte) 0);
            }
        });
    }

    /**
     * A {@code <U n} array of {@code values} in C order, {@code n} being the longest value's length in code
     * points (at least 1); {@code shape} defaults to {@code (values.length,)}.
     */
    public static NpyArray ofStrings(String[] values, long... shape) {
        int chars = 1;
        for (String v : values) {
            chars = Math.max(chars, Objects.requireNonNull(v, "null string").codePointCount(0, v.length()));
        }
        int width = chars;
        return build(NpyDtype.unicode(chars), shape, values.length, (b, from, n) -> {
            for (int i = 0; i < n; i++) {
                int written = 0;
                String v = values[from + i];
                for (int off = 0; off < v.length(); ) {
                    int cp = v.codePointAt(off);
                    b.putInt(cp);
                    off += Character.charCount(cp);
                    written++;
                }
                for (; written < width; written++) {
                    b.putInt(0);
                }
            }
        });
    }

    /** A 0-d float64 array. */
    public static NpyArray scalar(double value) {
        return of(new double[] {value}, new long[0]).reshapeToScalar();
    }

    /** A 0-d int64 array. */
    public static NpyArray scalar(long value) {
        return of(new long[] {value}, new long[0]).reshapeToScalar();
    }

    /**
     * An array of any dtype, order and byte order over a copy of the remaining bytes of {@code data}, which
     * must be exactly {@code header.dataBytes()} long and laid out as the header says.
     */
    public static NpyArray wrap(NpyHeader header, ByteBuffer data) {
        if (data.remaining() != header.dataBytes()) {
            throw new IllegalArgumentException(
                    header + " needs " + header.dataBytes() + " bytes, the buffer has " + data.remaining());
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return new NpyArray(header, DataBlocks.wrap(copy, header.dtype().byteOrder()));
    }

    private NpyArray reshapeToScalar() {
        return new NpyArray(new NpyHeader(header.dtype(), new long[0], NpyOrder.C), data);
    }

    private interface Filler {
        void fill(ByteBuffer block, int fromElement, int count);
    }

    private static NpyArray build(NpyDtype dtype, long[] shape, int length, Filler filler) {
        long[] s = shape.length == 0 ? new long[] {length} : shape;
        NpyHeader h = NpyHeader.of(dtype, s);
        if (h.elementCount() != length) {
            throw new IllegalArgumentException(
                    "shape " + h.shapeString() + " holds " + h.elementCount() + " elements, not " + length);
        }
        DataBlocks blocks =
                DataBlocks.allocate(h.dataBytes(), dtype.itemSize(), dtype.byteOrder(), DataBlocks.DEFAULT_BLOCK);
        int from = 0;
        for (int i = 0; i < blocks.blockCount(); i++) {
            ByteBuffer b = blocks.writableBlock(i);
            int count = b.capacity() / dtype.itemSize();
            filler.fill(b, from, count);
            from += count;
        }
        return new NpyArray(h, blocks);
    }

    // ---------------------------------------------------------------- description

    /** The header: dtype, shape and order. */
    public NpyHeader header() {
        return header;
    }

    /** The element type. */
    public NpyDtype dtype() {
        return header.dtype();
    }

    /** The dimensions (a copy). */
    public long[] shape() {
        return header.shape();
    }

    /** The number of dimensions. */
    public int rank() {
        return header.rank();
    }

    /** C or Fortran layout of {@link #buffer()}. */
    public NpyOrder order() {
        return header.order();
    }

    /** The number of elements. */
    public long elementCount() {
        return header.elementCount();
    }

    /** The size of the element bytes. */
    public long byteSize() {
        return data.size();
    }

    DataBlocks data() {
        return data;
    }

    /**
     * A read-only view of the element bytes as stored (the dtype's byte order, the header's layout).
     *
     * @throws IllegalStateException if the array spans more than one buffer (over 1 GiB); use
     *     {@link #buffers()}
     */
    public ByteBuffer buffer() {
        if (data.blockCount() != 1) {
            throw new IllegalStateException(
                    "the array holds " + data.size() + " bytes in " + data.blockCount() + " buffers; use buffers()");
        }
        return data.block(0);
    }

    /** Read-only views of the element bytes as stored, in order; together they hold {@link #byteSize()}. */
    public List<ByteBuffer> buffers() {
        List<ByteBuffer> out = new ArrayList<>(data.blockCount());
        for (int i = 0; i < data.blockCount(); i++) {
            out.add(data.block(i));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- element access

    private long offsetOf(long[] index) {
        if (index.length != strides.length) {
            throw new IllegalArgumentException("array of shape " + header.shapeString() + " needs " + strides.length
                    + " indices, got " + index.length);
        }
        long e = 0;
        for (int k = 0; k < index.length; k++) {
            if (index[k] < 0 || index[k] >= header.dim(k)) {
                throw new IndexOutOfBoundsException(
                        "index " + Arrays.toString(index) + " is outside shape " + header.shapeString());
            }
            e += index[k] * strides[k];
        }
        return e * header.dtype().itemSize();
    }

    /** The element at {@code index} as a float (real numeric dtypes). */
    public float getFloat(long... index) {
        requireReal("float");
        return readFloat(offsetOf(index));
    }

    /** The element at {@code index} as a double (real numeric dtypes). */
    public double getDouble(long... index) {
        requireReal("double");
        return readDouble(offsetOf(index));
    }

    /** The element at {@code index} as a long (bool and integer dtypes). */
    public long getLong(long... index) {
        require("long", Code.BOOL, Code.I1, Code.I2, Code.I4, Code.I8, Code.U1, Code.U2, Code.U4, Code.U8);
        return readLong(offsetOf(index));
    }

    /** The element at {@code index} as an int (bool, int8..int32, uint8, uint16). */
    public int getInt(long... index) {
        require("int", Code.BOOL, Code.I1, Code.I2, Code.I4, Code.U1, Code.U2);
        return (int) readLong(offsetOf(index));
    }

    /** The element at {@code index} of a bool array. */
    public boolean getBoolean(long... index) {
        require("boolean", Code.BOOL);
        return data.get(offsetOf(index)) != 0;
    }

    /** The element at {@code index} of a {@code U} or {@code S} array, trailing NULs removed. */
    public String getString(long... index) {
        require("String", Code.STR_U, Code.STR_S);
        return readString(offsetOf(index));
    }

    /** All elements in C order as floats (real numeric dtypes; float64 and 64-bit integers are rounded). */
    public float[] toFloatArray() {
        requireReal("float");
        float[] out = new float[javaLength()];
        if (code == Code.F4 && header.isCContiguous()) {
            data.copyFloats(0, out, 0, out.length);
            return out;
        }
        Cursor c = new Cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = readFloat(c.next());
        }
        return out;
    }

    /** All elements in C order as doubles (real numeric dtypes). */
    public double[] toDoubleArray() {
        requireReal("double");
        double[] out = new double[javaLength()];
        if (code == Code.F8 && header.isCContiguous()) {
            data.copyDoubles(0, out, 0, out.length);
            return out;
        }
        Cursor c = new Cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = readDouble(c.next());
        }
        return out;
    }

    /** All elements in C order as longs (bool and integer dtypes; uint64 as two's-complement bits). */
    public long[] toLongArray() {
        require("long", Code.BOOL, Code.I1, Code.I2, Code.I4, Code.I8, Code.U1, Code.U2, Code.U4, Code.U8);
        long[] out = new long[javaLength()];
        Cursor c = new Cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = readLong(c.next());
        }
        return out;
    }

    /** All elements in C order as ints (bool, int8..int32, uint8, uint16). */
    public int[] toIntArray() {
        require("int", Code.BOOL, Code.I1, Code.I2, Code.I4, Code.U1, Code.U2);
        int[] out = new int[javaLength()];
        Cursor c = new Cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) readLong(c.next());
        }
        return out;
    }

    /** All elements in C order as shorts (bool, int8, int16, uint8). */
    public short[] toShortArray() {
        require("short", Code.BOOL, Code.I1, Code.I2, Code.U1);
        short[] out = new short[javaLength()];
        Cursor c = new Cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) readLong(c.next());
        }
        return out;
    }

    /** All elements in C order as bytes (bool, int8, and uint8 as two's-complement bits). */
    public byte[] toByteArray() {
        require("byte", Code.BOOL, Code.I1, Code.U1);
        byte[] out = new byte[javaLength()];
        Cursor c = new Cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(c.next());
        }
        return out;
    }

    /** All elements in C order of a bool array. */
    public boolean[] toBooleanArray() {
        require("boolean", Code.BOOL);
        boolean[] out = new boolean[javaLength()];
        Cursor c = new Cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(c.next()) != 0;
        }
        return out;
    }

    /**
     * All elements in C order of a {@code U} or {@code S} array, trailing NULs removed ({@code S} bytes are
     * decoded as ISO-8859-1, one char per byte; invalid UTF-32 code units become U+FFFD).
     */
    public String[] toStringArray() {
        require("String", Code.STR_U, Code.STR_S);
        String[] out = new String[javaLength()];
        Cursor c = new Cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = readString(c.next());
        }
        return out;
    }

    /** All elements in C order of a complex array, as interleaved (real, imaginary) pairs. */
    public double[] toComplexArray() {
        require("complex", Code.C8, Code.C16);
        int n = javaLength();
        if (n > (Integer.MAX_VALUE - 8) / 2) {
            throw new IllegalStateException(tooLarge());
        }
        double[] out = new double[2 * n];
        Cursor c = new Cursor();
        for (int i = 0; i < n; i++) {
            long off = c.next();
            if (code == Code.C8) {
                out[2 * i] = data.getFloat(off);
                out[2 * i + 1] = data.getFloat(off + 4);
            } else {
                out[2 * i] = data.getDouble(off);
                out[2 * i + 1] = data.getDouble(off + 8);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- element decoding

    private float readFloat(long off) {
        return switch (code) {
            case F4 -> data.getFloat(off);
            case F8 -> (float) data.getDouble(off);
            case F2 -> Half.toFloat(data.getShort(off));
            case I8 -> (float) data.getLong(off);
            case U8 -> unsignedToFloat(data.getLong(off));
            default -> (float) readLong(off);
        };
    }

    private double readDouble(long off) {
        return switch (code) {
            case F8 -> data.getDouble(off);
            case F4 -> data.getFloat(off);
            case F2 -> Half.toFloat(data.getShort(off));
            case U8 -> unsignedToDouble(data.getLong(off));
            default -> readLong(off);
        };
    }

    private long readLong(long off) {
        return switch (code) {
            case BOOL -> data.get(off) != 0 ? 1 : 0;
            case I1 -> data.get(off);
            case I2 -> data.getShort(off);
            case I4 -> data.getInt(off);
            case I8, U8 -> data.getLong(off);
            case U1 -> data.get(off) & 0xffL;
            case U2 -> data.getShort(off) & 0xffffL;
            case U4 -> data.getInt(off) & 0xffffffffL;
            default -> throw new AssertionError(code);
        };
    }

    private static float unsignedToFloat(long v) {
        return v >= 0 ? (float) v : ((float) ((v >>> 1) | (v & 1))) * 2f;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }

    private String readString(long off) {
        int size = header.dtype().itemSize();
        if (code == Code.STR_S) {
            int len = size;
            while (len > 0 && data.get(off + len - 1) == 0) {
                len--;
            }
            byte[] b = new byte[len];
            for (int i = 0; i < len; i++) {
                b[i] = data.get(off + i);
            }
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        int units = size / 4;
        while (units > 0 && data.getInt(off + 4L * (units - 1)) == 0) {
            units--;
        }
        StringBuilder s = new StringBuilder(units);
        for (int i = 0; i < units; i++) {
            int cp = data.getInt(off + 4L * i);
            boolean valid = cp >= 0 && cp <= Character.MAX_CODE_POINT && (cp < 0xd800 || cp > 0xdfff);
            s.appendCodePoint(valid ? cp : 0xfffd);
        }
        return s.toString();
    }

    /** Byte offsets of the elements in C (logical) order, whatever the storage order. */
    private final class Cursor {
        private final long[] index = new long[strides.length];
        private final long item = header.dtype().itemSize();
        private final boolean linear = header.isCContiguous();
        private long linearOff = -item;
        private long elem; // storage element index of the current logical index

        long next() {
            if (linear) {
                linearOff += item;
                return linearOff;
            }
            if (linearOff < 0) {
                linearOff = 0;
                return 0;
            }
            for (int k = index.length - 1; k >= 0; k--) {
                index[k]++;
                elem += strides[k];
                if (index[k] < header.dim(k)) {
                    break;
                }
                elem -= strides[k] * index[k];
                index[k] = 0;
            }
            return elem * item;
        }
    }

    private int javaLength() {
        long n = header.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(tooLarge());
        }
        return (int) n;
    }

    private String tooLarge() {
        return "the array has " + header.elementCount() + " elements, more than one Java array holds; read slices"
                + " with NpyReader.readSlice or use the indexed getters";
    }

    private void requireReal(String target) {
        require(
                target, Code.BOOL, Code.I1, Code.I2, Code.I4, Code.I8, Code.U1, Code.U2, Code.U4, Code.U8, Code.F2,
                Code.F4, Code.F8);
    }

    private void require(String target, Code... allowed) {
        for (Code c : allowed) {
            if (c == code) {
                return;
            }
        }
        throw new UnsupportedOperationException(
                "elements of dtype " + header.dtype().descr() + " cannot be read as " + target + hint());
    }

    private String hint() {
        return switch (code) {
            case C8, C16 -> "; use toComplexArray()";
            case STR_U, STR_S -> "; use toStringArray() or getString()";
            case F2, F4, F8 -> "; use toFloatArray() or toDoubleArray()";
            default -> "; use a wider accessor such as toLongArray() or toDoubleArray()";
        };
    }

    // ---------------------------------------------------------------- value semantics

    /** Equal when the headers are equal and the stored bytes are identical. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && header.equals(a.header) && data.contentEquals(a.data);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Long.hashCode(data.size());
    }

    @Override
    public String toString() {
        return "NpyArray[" + header + ", " + data.size() + " bytes]";
    }
}
