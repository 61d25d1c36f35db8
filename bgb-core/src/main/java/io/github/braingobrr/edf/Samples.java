package io.github.braingobrr.edf;

/**
 * The inner loops that turn raw little-endian samples into digital or physical values. Kept free of calls and
 * branches so that the JIT vectorizes them.
 */
final class Samples {
    private Samples() {}

    static void int16ToInt(short[] src, int n, int[] dst, int off) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = src[i];
        }
    }

    static void int16ToDouble(short[] src, int n, double[] dst, int off, double gain, double offset) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = src[i] * gain + offset;
        }
    }

    static void int16ToFloat(short[] src, int n, float[] dst, int off, double gain, double offset) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = (float) (src[i] * gain + offset);
        }
    }

    /** Decodes {@code n} little-endian 24-bit two's-complement samples. */
    static void int24ToInt(byte[] src, int n, int[] dst, int off) {
        for (int i = 0, b = 0; i < n; i++, b += 3) {
            dst[off + i] = (src[b] & 0xff) | (src[b + 1] & 0xff) << 8 | src[b + 2] << 16;
        }
    }

    static void intToDouble(int[] src, int n, double[] dst, int off, double gain, double offset) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = src[i] * gain + offset;
        }
    }

    static void intToFloat(int[] src, int n, float[] dst, int off, double gain, double offset) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = (float) (src[i] * gain + offset);
        }
    }
}
