package io.github.braingobrr.preprocess;

import io.github.braingobrr.labels.LabelEvent;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * A preprocessed recording: float32 channels {@code [channel][sample]} at one sampling rate, the per-sample
 * seizure mask (float32 0/1, as the cache stores labels), the label events, and provenance. Immutable: the
 * accessors return read-only views or copies.
 */
public final class Recording {
    private final double samplingRate;
    private final List<String> channelNames;
    private final float[][] data;
    private final float[] mask;
    private final List<LabelEvent> events;
    private final Provenance provenance;

    Recording(
            double samplingRate,
            List<String> channelNames,
            float[][] data,
            float[] mask,
            List<LabelEvent> events,
            Provenance provenance) {
        this.samplingRate = samplingRate;
        this.channelNames = List.copyOf(channelNames);
        this.data = data;
        this.mask = mask;
        this.events = List.copyOf(events);
        this.provenance = provenance;
    }

    /** Sampling rate, hertz. */
    public double samplingRate() {
        return samplingRate;
    }

    /** Channel names in order. */
    public List<String> channelNames() {
        return channelNames;
    }

    /** Number of channels. */
    public int channelCount() {
        return data.length;
    }

    /** Samples per channel. */
    public int sampleCount() {
        return mask.length;
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return mask.length / samplingRate;
    }

    /** A read-only view of channel {@code c}. */
    public FloatBuffer channel(int c) {
        return FloatBuffer.wrap(data[c]).asReadOnlyBuffer();
    }

    /** One sample. */
    public float sample(int c, int i) {
        return data[c][i];
    }

    /** A copy of channel {@code c}. */
    public float[] copyChannel(int c) {
        return data[c].clone();
    }

    /** A read-only view of the seizure mask. */
    public FloatBuffer mask() {
        return FloatBuffer.wrap(mask).asReadOnlyBuffer();
    }

    float[] maskArray() {
        return mask;
    }

    /** The label file's events (all labels, not only seizures), empty without a label file. */
    public List<LabelEvent> events() {
        return events;
    }

    /** Where it came from and what was done. */
    public Provenance provenance() {
        return provenance;
    }

    /** Its windows under {@code windower}, as views. */
    public List<Window> windows(Windower windower) {
        return windower.windows(this);
    }

    @Override
    public String toString() {
        return "Recording[" + provenance.source() + ", " + data.length + " x " + mask.length + " @ " + samplingRate
                + " Hz]";
    }
}
