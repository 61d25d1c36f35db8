package io.github.braingobrr.edf;

/**
 * How {@link EdfFile} treats files that bend the specification.
 *
 * <p>Lenient (the default) opens readable files that deviate from the spec (a wrong record count, {@code :}
 * in the date, trailing bytes, a truncated last record, odd reserved text, non-ASCII header bytes, malformed
 * annotations) and reports each deviation as an {@link EdfWarning}. Strict turns every such warning into an
 * {@link EdfFormatException}. Input that cannot be read at all fails in both modes.
 *
 * @param strict whether deviations from the specification are errors
 */
public record EdfOptions(boolean strict) {
    /** Deviations become warnings (the default). */
    public static final EdfOptions LENIENT = new EdfOptions(false);

    /** Deviations become errors. */
    public static final EdfOptions STRICT = new EdfOptions(true);
}
