package io.github.braingobrr.preprocess;

import java.nio.FloatBuffer;

/**
 * One window of a {@link Recording}: its position, seizure fraction and category, and read-only views of its
 * samples and labels (no copy until {@link #copyTo} / {@link #copyLabelsTo}).
 */
public final class Window {
    private final Recording recording;
    private final int index;
    private final int start;
    private final int length;
    private final double seizureFraction;
    private final WindowCategory category;

    Window(Recording recording, int index, int start, int length, double seizureFraction, WindowCategory category) {
        this.recording = recording;
        this.index = index;
        this.start = start;
        this.length = length;
        this.seizureFraction = seizureFraction;
        this.category = category;
    }

    /** Position in the recording's window list (the manifest's {@code window_idx}). */
    public int index() {
        return index;
    }

    /** First sample. */
    public int start() {
        return start;
    }

    /** Length in samples. */
    public int length() {
        return length;
    }

    /** Fraction of samples labelled seizure. */
    public double seizureFraction() {
        return seizureFraction;
    }

    /** Category by seizure fraction. */
    public WindowCategory category() {
        return category;
    }

    /** Number of channels. */
    public int channelCount() {
        return recording.channelCount();
    }

    /** A read-only view of channel {@code c} over this window. */
    public FloatBuffer channel(int c) {
        return recording.channel(c).position(start).limit(start + length).slice();
    }

    /** A read-only view of the labels (the mask) over this window. */
    public FloatBuffer labels() {
        return recording.mask().position(start).limit(start + length).slice();
    }

    /** Copies the samples into {@code dest[channel][0..length)}. */
    public void copyTo(float[][] dest) {
        if (dest.length != recording.channelCount()) {
            throw new IllegalArgumentException("need " + recording.channelCount() + " rows, got " + dest.length);
        }
        for (int c = 0; c < dest.length; c++) {
            channel(c).get(dest[c], 0, length);
        }
    }

    /** Copies the labels into {@code dest[0..length)}. */
    public void copyLabelsTo(float[] dest) {
        labels().get(dest, 0, length);
    }

    @Override
    public String toString() {
        return "Window[" + index + " @" + start + "+" + length + ", " + category + "]";
    }
}
