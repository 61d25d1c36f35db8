package io.github.braingobrr.npy;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The element type of a NumPy array, as NumPy spells it in a {@code .npy} header ({@code '<f4'},
 * {@code '>i2'}, {@code '|b1'}, {@code '<U6'}, {@code '|S3'}).
 *
 * <p>{@code itemSize} is in bytes (a {@code '<U6'} item is 24 bytes: six UTF-32 code units). Types whose
 * items are single bytes ({@code b1}, {@code i1}, {@code u1}, {@code S n}) have no byte order; they are
 * normalized to little-endian so that equal types compare equal. Object ({@code '|O'}), structured,
 * datetime, void and long-double types are not representable and are refused by {@link #parse}.
 *
 * @param kind the kind of element
 * @param itemSize bytes per element
 * @param byteOrder the order of the bytes of one element (or of each UTF-32 code unit)
 */
public record NpyDtype(Kind kind, int itemSize, ByteOrder byteOrder) {

    /** The kinds of element NumPy files may hold that bgb reads and writes. */
    public enum Kind {
        /** {@code b1}: one byte, 0 or 1. */
        BOOL('b'),
        /** {@code i1}, {@code i2}, {@code i4}, {@code i8}: two's complement. */
        INT('i'),
        /** {@code u1}, {@code u2}, {@code u4}, {@code u8}. */
        UINT('u'),
        /** {@code f2}, {@code f4}, {@code f8}: IEEE 754 half, single and double. */
        FLOAT('f'),
        /** {@code c8}, {@code c16}: a pair of floats (real, imaginary). */
        COMPLEX('c'),
        /** {@code U n}: n UTF-32 code units, zero-padded. */
        UNICODE('U'),
        /** {@code S n}: n bytes, zero-padded. */
        BYTES('S');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        /** The NumPy type character ({@code 'f'} for FLOAT). */
        public char code() {
            return code;
        }
    }

    /** {@code |b1}. */
    public static final NpyDtype BOOL = new NpyDtype(Kind.BOOL, 1, ByteOrder.LITTLE_ENDIAN);
    /** {@code |i1}. */
    public static final NpyDtype INT8 = new NpyDtype(Kind.INT, 1, ByteOrder.LITTLE_ENDIAN);
    /** {@code <i2}. */
    public static final NpyDtype INT16 = new NpyDtype(Kind.INT, 2, ByteOrder.LITTLE_ENDIAN);
    /** {@code <i4}. */
    public static final NpyDtype INT32 = new NpyDtype(Kind.INT, 4, ByteOrder.LITTLE_ENDIAN);
    /** {@code <i8}. */
    public static final NpyDtype INT64 = new NpyDtype(Kind.INT, 8, ByteOrder.LITTLE_ENDIAN);
    /** {@code |u1}. */
    public static final NpyDtype UINT8 = new NpyDtype(Kind.UINT, 1, ByteOrder.LITTLE_ENDIAN);
    /** {@code <u2}. */
    public static final NpyDtype UINT16 = new NpyDtype(Kind.UINT, 2, ByteOrder.LITTLE_ENDIAN);
    /** {@code <u4}. */
    public static final NpyDtype UINT32 = new NpyDtype(Kind.UINT, 4, ByteOrder.LITTLE_ENDIAN);
    /** {@code <u8}. */
    public static final NpyDtype UINT64 = new NpyDtype(Kind.UINT, 8, ByteOrder.LITTLE_ENDIAN);
    /** {@code <f2}. */
    public static final NpyDtype FLOAT16 = new NpyDtype(Kind.FLOAT, 2, ByteOrder.LITTLE_ENDIAN);
    /** {@code <f4}. */
    public static final NpyDtype FLOAT32 = new NpyDtype(Kind.FLOAT, 4, ByteOrder.LITTLE_ENDIAN);
    /** {@code <f8}. */
    public static final NpyDtype FLOAT64 = new NpyDtype(Kind.FLOAT, 8, ByteOrder.LITTLE_ENDIAN);
    /** {@code <c8}. */
    public static final NpyDtype COMPLEX64 = new NpyDtype(Kind.COMPLEX, 8, ByteOrder.LITTLE_ENDIAN);
    /** {@code <c16}. */
    public static final NpyDtype COMPLEX128 = new NpyDtype(Kind.COMPLEX, 16, ByteOrder.LITTLE_ENDIAN);

    /** Validates the combination and normalizes the byte order of single-byte types. */
    public NpyDtype {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(byteOrder, "byteOrder");
        boolean valid = switch (kind) {
            case BOOL -> itemSize == 1;
            case INT, UINT -> itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8;
            case FLOAT -> itemSize == 2 || itemSize == 4 || itemSize == 8;
            case COMPLEX -> itemSize == 8 || itemSize == 16;
            case UNICODE -> itemSize >= 4 && itemSize % 4 == 0;
            case BYTES -> itemSize >= 1;
        };
        if (!valid) {
            throw new IllegalArgumentException("no NumPy dtype of kind " + kind + " has " + itemSize + "-byte items");
        }
        if (itemSize == 1 || kind == Kind.BYTES) {
            byteOrder = ByteOrder.LITTLE_ENDIAN;
        }
    }

    /** {@code <U n}: strings of up to {@code chars} code points, little-endian UTF-32. */
    public static NpyDtype unicode(int chars) {
        if (chars < 1 || chars > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException(
                    "a unicode dtype needs 1.." + Integer.MAX_VALUE / 4 + " characters, not " + chars);
        }
        return new NpyDtype(Kind.UNICODE, chars * 4, ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code |S n}: byte strings of up to {@code length} bytes. */
    public static NpyDtype bytes(int length) {
        return new NpyDtype(Kind.BYTES, length, ByteOrder.LITTLE_ENDIAN);
    }

    /** The same type with the given byte order (unchanged for single-byte types). */
    public NpyDtype withByteOrder(ByteOrder order) {
        return new NpyDtype(kind, itemSize, order);
    }

    /** Whether items have a byte order at all ({@code '|'} in the descr when not). */
    public boolean hasByteOrder() {
        return itemSize > 1 && kind != Kind.BYTES;
    }

    /** The descr string NumPy writes for this type, for example {@code <f4}, {@code |b1}, {@code <U6}. */
    public String descr() {
        char order = !hasByteOrder() ? '|' : byteOrder == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        int count = kind == Kind.UNICODE ? itemSize / 4 : itemSize;
        return "" + order + kind.code + count;
    }

    @Override
    public String toString() {
        return descr();
    }

    /**
     * Parses a NumPy type string such as {@code '<f4'}, {@code '>i2'}, {@code '|b1'}, {@code '<U6'},
     * {@code '|S3'} (also {@code '='} for native order and {@code '?'} for bool).
     *
     * @throws IllegalArgumentException when the string is not a supported simple dtype; the message says why
     *     (object arrays, datetimes and other unsupported kinds get a specific explanation)
     */
    public static NpyDtype parse(String descr) {
        Objects.requireNonNull(descr, "descr");
        String s = descr;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        boolean explicitOrder = false;
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            char c = s.charAt(0);
            order = c == '>' ? ByteOrder.BIG_ENDIAN : c == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder();
            explicitOrder = c != '|';
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty dtype descr '" + descr + "'");
        }
        char type = s.charAt(0);
        String digits = s.substring(1);
        if (type == 'O') {
            throw new IllegalArgumentException("dtype '" + descr + "' is an object array: its items are pickled Python"
                    + " objects, which bgb never unpickles; save the data with a numeric or string dtype instead");
        }
        if (type == 'M' || type == 'm') {
            throw new IllegalArgumentException("dtype '" + descr + "' (datetime64/timedelta64) is not supported;"
                    + " save it as integers with arr.astype('<i8')");
        }
        if (type == 'V') {
            throw new IllegalArgumentException("dtype '" + descr + "' (raw void records) is not supported");
        }
        if (type == '?') {
            if (!digits.isEmpty()) {
                throw new IllegalArgumentException("malformed bool dtype '" + descr + "'");
            }
            return BOOL;
        }
        Kind kind = switch (type) {
            case 'b' -> Kind.BOOL;
            case 'i' -> Kind.INT;
            case 'u' -> Kind.UINT;
            case 'f' -> Kind.FLOAT;
            case 'c' -> Kind.COMPLEX;
            case 'U' -> Kind.UNICODE;
            case 'S' -> Kind.BYTES;
            default ->
                throw new IllegalArgumentException("unknown dtype '" + descr + "': bgb reads bool,"
                        + " int8..int64, uint8..uint64, float16/32/64, complex64/128, <U n and |S n");
        };
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("malformed dtype '" + descr + "': expected a size after '" + type + "'");
        }
        long count = Long.parseLong(digits);
        long size = kind == Kind.UNICODE ? count * 4 : count;
        if (kind == Kind.FLOAT && (size == 12 || size == 16)) {
            throw new IllegalArgumentException("dtype '" + descr + "' (long double) is not supported: its layout"
                    + " depends on the platform; save it as float64");
        }
        if (kind == Kind.COMPLEX && (size == 24 || size == 32)) {
            throw new IllegalArgumentException(
                    "dtype '" + descr + "' (complex long double) is not supported;" + " save it as complex128");
        }
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dtype '" + descr + "' has an invalid item size " + count);
        }
        if (!explicitOrder) {
            order = ByteOrder.nativeOrder();
        }
        return new NpyDtype(kind, (int) size, order);
    }
}
