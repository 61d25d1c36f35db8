package io.github.braingobrr.edf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** The decimal and integer texts EDF uses in header fields and TALs: recognising, parsing and formatting them. */
final class Decimals {
    /** A plain decimal number; Java's own parsers would also accept {@code NaN}, hex and type suffixes. */
    static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");

    static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private Decimals() {}

    /** The shortest plain text of {@code value} (no exponent, no trailing zeros). */
    static String plain(BigDecimal value) {
        BigDecimal v = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        return v.toPlainString();
    }

    /** The shortest plain text of a double that reads back as the same double. */
    static String plain(double value) {
        return plain(BigDecimal.valueOf(value));
    }

    /**
     * The text of {@code value} in at most {@code width} characters, rounded with {@code mode} when the exact
     * text is too long, or {@code null} when even the integer part does not fit.
     */
    static String fit(double value, int width, RoundingMode mode) {
        BigDecimal v = BigDecimal.valueOf(value);
        String exact = plain(v);
        if (exact.length() <= width) {
            return exact;
        }
        for (int scale = width; scale >= 0; scale--) {
            String s = plain(v.setScale(scale, mode));
            if (s.length() <= width) {
                return s;
            }
        }
        return null;
    }
}
