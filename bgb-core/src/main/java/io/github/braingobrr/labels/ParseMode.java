package io.github.braingobrr.labels;

/** How {@link LabelReader} treats malformed rows. */
public enum ParseMode {
    /** Fail on the first malformed line with a {@link LabelFormatException} naming file and line. */
    STRICT,
    /** Skip malformed lines and record a warning for each in {@link LabelFile#warnings()}. */
    LENIENT
}
