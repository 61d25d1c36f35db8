package io.github.braingobrr.edf;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One EDF+ annotation from a time-stamped annotation list (TAL).
 *
 * <p>The onset is exactly as written in the file: seconds relative to the header start date and time. To get
 * seconds from the first sample, subtract {@link EdfHeader#startOffset()}.
 *
 * @param onset seconds after the header start date/time
 * @param duration the duration in seconds, when the TAL gives one
 * @param text the annotation text (UTF-8 decoded)
 * @param record the index of the data record that holds the annotation
 */
public record EdfAnnotation(double onset, OptionalDouble duration, String text, int record) {
    public EdfAnnotation {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(text, "text");
    }
}
