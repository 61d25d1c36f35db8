package io.github.braingobrr.labels;

/** What a recording without a label file means: an explicit choice, never a silent default. */
public enum MissingLabels {
    /** Treat the recording as all background (the seed's behaviour), and say so in the provenance. */
    BACKGROUND,
    /** Fail: the recording cannot be labelled. */
    FAIL
}
