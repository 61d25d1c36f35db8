package io.github.braingobrr.labels;

import java.util.Collection;
import java.util.Set;

/**
 * Per-sample seizure masks: {@code mask[floor(start·fs) : floor(stop·fs)] = 1} for every event whose label is in
 * the seizure set, clamped to the mask, as the union over channels (or for one chosen channel).
 */
public final class LabelMask {
    private LabelMask() {}

    /**
     * A float32 0/1 mask of {@code samples} samples at {@code fs} hertz.
     *
     * @param channel only events of this channel (case-insensitive), or null for the union over all channels
     */
    public static float[] of(
            Collection<LabelEvent> events, Set<SeizureType> seizureTypes, double fs, int samples, String channel) {
        if (!(fs > 0) || !Double.isFinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be positive and finite, got " + fs);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        }
        float[] mask = new float[samples];
        for (LabelEvent e : events) {
            if (channel != null && !channel.equalsIgnoreCase(e.channel())) {
                continue;
            }
            if (e.seizureType().filter(seizureTypes::contains).isEmpty()) {
                continue;
            }
            int from = clamp(Math.floor(e.start() * fs), samples);
            int to = clamp(Math.floor(e.stop() * fs), samples);
            for (int i = from; i < to; i++) {
                mask[i] = 1f;
            }
        }
        return mask;
    }

    private static int clamp(double index, int samples) {
        if (index <= 0) {
            return 0;
        }
        return index >= samples ? samples : (int) index;
    }
}
