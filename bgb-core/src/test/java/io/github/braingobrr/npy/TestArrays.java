package io.github.braingobrr.npy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Test oracle: arrays whose element with C-order (logical) index {@code k} has a value given by a fixed
 * formula, encoded here with plain {@link ByteBuffer} puts and an index computation of its own, so tests
 * of the library's decoding do not depend on the library's encoding. {@code numpy_crosscheck.py}
 * implements the same formula in NumPy.
 */
final class TestArrays {
    private TestArrays() {}

    /** The integer the formula gives for index {@code k} (before scaling to the type). */
    static long base(long k) {
        return (k * 37 + 11) % 200;
    }

    static long intValue(NpyDtype t, long k) {
        long v = t.kind() == NpyDtype.Kind.INT ? base(k) - 100 : base(k);
        return switch (t.itemSize()) {
            case 1 -> v;
            case 2 -> v * 300;
            case 4 -> v * 20_000_000L;
            default -> v * 90_000_000_000_000_000L; // for uint64 this wraps: the bits of the unsigned product
        };
    }

    static double floatValue(long k) {
        return k * 0.5 - 3.25;
    }

    static double imagValue(long k) {
        return -(k * 0.25);
    }

    static boolean boolValue(long k) {
        return k % 3 == 0;
    }

    static String stringValue(NpyDtype t, long k) {
        String s = t.kind() == NpyDtype.Kind.UNICODE ? "\uD834\uDD1E\u00e9" + k : "b" + k;
        int n = t.kind() == NpyDtype.Kind.UNICODE ? t.itemSize() / 4 : t.itemSize();
        return s.codePointCount(0, s.length()) <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
    }

    /** Storage element index of C-order index {@code k} under the header's order. */
    static long storageIndex(NpyHeader h, long k) {
        if (h.order() == NpyOrder.C) {
            return k;
        }
        long[] shape = h.shape();
        long[] idx = new long[shape.length];
        long rest = k;
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = rest % shape[i];
            rest /= shape[i];
        }
        long off = 0;
        long stride = 1;
        for (int i = 0; i < shape.length; i++) {
            off += idx[i] * stride;
            stride *= shape[i];
        }
        return off;
    }

    /** The formula array for {@code h}, in h's order and byte order. */
    static NpyArray formula(NpyHeader h) {
        NpyDtype t = h.dtype();
        ByteBuffer b = ByteBuffer.allocate((int) h.dataBytes()).order(t.byteOrder());
        for (long k = 0; k < h.elementCount(); k++) {
            b.position((int) (storageIndex(h, k) * t.itemSize()));
            put(b, t, k);
        }
        return NpyArray.wrap(h, b.clear());
    }

    static void put(ByteBuffer b, NpyDtype t, long k) {
        switch (t.kind()) {
            case BOOL -> b.put(boolValue(k) ? (byte) 1 : 0);
            case INT, UINT -> {
                long v = intValue(t, k);
                switch (t.itemSize()) {
                    case 1 -> b.put((byte) v);
                    case 2 -> b.putShort((short) v);
                    case 4 -> b.putInt((int) v);
                    default -> b.putLong(v);
                }
            }
            case FLOAT -> {
                double v = floatValue(k);
                switch (t.itemSize()) {
                    case 2 -> b.putShort(Half.fromFloat((float) v));
                    case 4 -> b.putFloat((float) v);
                    default -> b.putDouble(v);
                }
            }
            case COMPLEX -> {
                if (t.itemSize() == 8) {
                    b.putFloat((float) floatValue(k)).putFloat((float) imagValue(k));
                } else {
                    b.putDouble(floatValue(k)).putDouble(imagValue(k));
                }
            }
            case UNICODE -> {
                String s = stringValue(t, k);
                int n = 0;
                for (int i = 0; i < s.length(); i = s.offsetByCodePoints(i, 1)) {
                    b.putInt(s.codePointAt(i));
                    n++;
                }
                for (; n < t.itemSize() / 4; n++) {
                    b.putInt(0);
                }
            }
            case BYTES -> {
                byte[] s = stringValue(t, k).getBytes(StandardCharsets.US_ASCII);
                b.put(s);
                for (int i = s.length; i < t.itemSize(); i++) {
                    b.put((byte) 0);
                }
            }
        }
    }
}
