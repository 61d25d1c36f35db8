package io.github.braingobrr.synthetic;

import java.util.Locale;

/**
 * The epileptic seizure types of the TUSZ taxonomy that the generator plants, with the shape each is given
 * here. {@code nesz} (non-epileptic) and the generic {@code seiz} are not planted.
 */
enum SeizureKind {
    FNSZ(false, 15, 120, 5.5, 8.0, 3.0, 4.5, 100, 300),
    CPSZ(false, 20, 120, 5.5, 8.0, 3.0, 4.5, 100, 300),
    SPSZ(false, 10, 60, 5.5, 8.0, 3.5, 5.0, 100, 200),
    GNSZ(true, 15, 120, 5.0, 7.5, 3.0, 4.0, 150, 350),
    ABSZ(true, 10, 20, 3.2, 4.0, 3.0, 3.2, 200, 400),
    TNSZ(true, 10, 40, 6.0, 8.0, 4.5, 6.0, 100, 200),
    CNSZ(true, 20, 90, 4.5, 7.0, 3.0, 4.0, 150, 350),
    TCSZ(true, 40, 120, 6.0, 8.0, 3.0, 4.0, 150, 400),
    ATSZ(true, 10, 20, 3.5, 5.0, 3.0, 3.5, 100, 250),
    MYSZ(true, 10, 20, 4.0, 6.0, 3.5, 4.5, 150, 300);

    /** Shortest planted seizure, seconds (the longest is 120 s). */
    static final int MIN_SECONDS = 10;

    final boolean generalized;
    final int minSeconds;
    final int maxSeconds;
    final double startHzLow;
    final double startHzHigh;
    final double endHzLow;
    final double endHzHigh;
    final double amplitudeLow;
    final double amplitudeHigh;

    SeizureKind(
            boolean generalized,
            int minSeconds,
            int maxSeconds,
            double startHzLow,
            double startHzHigh,
            double endHzLow,
            double endHzHigh,
            double amplitudeLow,
            double amplitudeHigh) {
        this.generalized = generalized;
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
        this.startHzLow = startHzLow;
        this.startHzHigh = startHzHigh;
        this.endHzLow = endHzLow;
        this.endHzHigh = endHzHigh;
        this.amplitudeLow = amplitudeLow;
        this.amplitudeHigh = amplitudeHigh;
    }

    /** The TUSZ label, e.g. {@code fnsz}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this TUSZ label, or {@code null}. */
    static SeizureKind ofCode(String code) {
        for (SeizureKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        return null;
    }
}
