package io.github.braingobrr.mamba.cpu;

import io.github.braingobrr.mamba.Tensor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Layouts of weight tensors that the CPU loops prefer, computed once per tensor (by identity) and kept
 * until the backend closes.
 */
final class DerivedWeights {
    private final Map<Tensor, float[]> transposed = new IdentityHashMap<>();
    private final Map<Tensor, float[]> negExp = new IdentityHashMap<>();
    private final Map<Tensor, float[]> negExpTransposed = new IdentityHashMap<>();

    /** A {@code (rows, cols)} tensor (trailing dimensions flattened into columns) as {@code (cols, rows)}. */
    synchronized float[] transposed(Tensor t) {
        return transposed.computeIfAbsent(t, DerivedWeights::transpose);
    }

    /** {@code -exp(t)} element-wise. */
    synchronized float[] negExp(Tensor t) {
        return negExp.computeIfAbsent(t, k -> {
            float[] src = k.data();
            float[] out = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                out[i] = (float) -Math.exp(src[i]);
            }
            return out;
        });
    }

    /** {@code -exp(t)ᵀ} for a 2-D tensor. */
    synchronized float[] negExpTransposed(Tensor t) {
        return negExpTransposed.computeIfAbsent(t, k -> {
            float[] out = transpose(k);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) -Math.exp(out[i]);
            }
            return out;
        });
    }

    synchronized void clear() {
        transposed.clear();
        negExp.clear();
        negExpTransposed.clear();
    }

    private static float[] transpose(Tensor t) {
        int rows = t.dim(0);
        int cols = rows == 0 ? 0 : t.data().length / rows;
        float[] src = t.data();
        float[] out = new float[src.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = src[r * cols + c];
            }
        }
        return out;
    }
}
