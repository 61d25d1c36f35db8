package io.github.braingobrr.labels;

import java.util.Optional;

/**
 * One annotated interval: a channel ({@code "FP1-F7"}, or {@code "TERM"} for term-based files), start and stop in
 * seconds from the start of the recording, the label as written (lower-cased: {@code "cpsz"}, {@code "bckg"}),
 * and the annotator's confidence.
 *
 * @param channel the channel, or {@code "TERM"}
 * @param start seconds, ≥ 0
 * @param stop seconds, ≥ start
 * @param label the label, lower case
 * @param confidence the confidence or probability, usually 1.0
 */
public record LabelEvent(String channel, double start, double stop, String label, double confidence) {
    /** The channel name of term-based (whole-recording) events. */
    public static final String TERM = "TERM";

    public LabelEvent {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("channel is required");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label is required");
        }
        if (!Double.isFinite(start) || !Double.isFinite(stop) || start < 0 || stop < start) {
            throw new IllegalArgumentException("need 0 <= start <= stop (finite), got " + start + " .. " + stop);
        }
        if (!Double.isFinite(confidence)) {
            throw new IllegalArgumentException("confidence must be finite, got " + confidence);
        }
        label = label.trim().toLowerCase(java.util.Locale.ROOT);
        channel = channel.trim();
    }

    /** The seizure type of the label, or empty for background and other labels. */
    public Optional<SeizureType> seizureType() {
        return SeizureType.fromCode(label);
    }

    /** Stop minus start, in seconds. */
    public double duration() {
        return stop - start;
    }
}
