package io.github.braingobrr.edf;

/**
 * The inner loops that turn raw little-endian samples into digital or physical values: plain counted loops free
 * of calls and branches, so that the JIT can vectorize them. (C2 of JDK 25 vectorizes the int16 loops; that of
 * JDK 17 vectorizes none of the int-to-floating-point conversions, so there they run as scalar code.)
 */
final class Samples {
    private Samples() {}

    static void int16ToInt(short[] src, int from, int n, int[] dst, int off) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = src[from + i];
        }
    }

    static void int16ToDouble(short[] src, int from, int n, double[] dst, int off, double gain, double offset) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = src[from + i] * gain + offset;
        }
    }

    static void int16ToFloat(short[] src, int from, int n, float[] dst, int off, double gain, double offset) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = (float) (src[from + i] * gain + offset);
        }
    }

    /** One little-endian 24-bit two's-complement sample starting at byte {@code b}. */
    private static int int24(byte[] src, int b) {
        return (src[b] & 0xff) | (src[b + 1] & 0xff) << 8 | src[b + 2] << 16;
    }

    /** Decodes {@code n} 24-bit samples starting at byte {@code from}. */
    static void int24ToInt(byte[] src, int from, int n, int[] dst, int off) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = int24(src, from + 3 * i);
        }
    }

    static void int24ToDouble(byte[] src, int from, int n, double[] dst, int off, double gain, double offset) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = int24(src, from + 3 * i) * gain + offset;
        }
    }

    static void int24ToFloat(byte[] src, int from, int n, float[] dst, int off, double gain, double offset) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = (float) (int24(src, from + 3 * i) * gain + offset);
        }
    }
}
