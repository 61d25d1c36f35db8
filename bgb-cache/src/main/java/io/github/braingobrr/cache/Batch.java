package io.github.braingobrr.cache;

import java.util.List;
import java.util.Objects;

/**
 * A batch of windows read by a {@link BatchIterator}: for window {@code b} of the batch, its signals at {@code
 * signals[(b·channels + c)·length + t]} (a C-order {@code float[size][channels][length]}, flat, ready for a tensor)
 * and its labels at {@code labels[b·length + t]}. The arrays belong to the caller; they are not reused.
 *
 * @param windows which windows, in batch order
 * @param channels channels per window
 * @param length samples per window
 * @param signals {@code windows.size() × channels × length} floats
 * @param labels {@code windows.size() × length} floats, 0 or 1
 */
public record Batch(List<WindowRef> windows, int channels, int length, float[] signals, float[] labels) {
    /** Validates the sizes. */
    public Batch {
        windows = List.copyOf(windows);
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(labels, "labels");
        if (signals.length != (long) windows.size() * channels * length || labels.length != windows.size() * length) {
            throw new IllegalArgumentException("a batch of " + windows.size() + " windows of " + channels + " x "
                    + length + " needs " + (long) windows.size() * channels * length + " signal and "
                    + windows.size() * length + " label floats");
        }
    }

    /** Windows in the batch. */
    public int size() {
        return windows.size();
    }

    /** One sample of window {@code b}, channel {@code c}. */
    public float signal(int b, int c, int t) {
        return signals[(b * channels + c) * length + t];
    }

    /** Window {@code b}'s signals as {@code [channel][sample]} (a copy). */
    public float[][] window(int b) {
        float[][] out = new float[channels][length];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(signals, (b * channels + c) * length, out[c], 0, length);
        }
        return out;
    }

    /** Window {@code b}'s labels (a copy). */
    public float[] labels(int b) {
        float[] out = new float[length];
        System.arraycopy(labels, b * length, out, 0, length);
        return out;
    }
}
