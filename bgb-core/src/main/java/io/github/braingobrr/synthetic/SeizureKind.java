package io.github.braingobrr.synthetic;

import io.github.braingobrr.labels.SeizureType;

/**
 * The shape the generator gives each {@link SeizureType} it plants: every epileptic type of the TUSZ taxonomy;
 * {@code nesz} (non-epileptic) and the generic {@code seiz} are not planted.
 */
enum SeizureKind {
    FNSZ(SeizureType.FNSZ, false, 15, 120, 5.5, 8.0, 3.0, 4.5, 100, 300),
    CPSZ(SeizureType.CPSZ, false, 20, 120, 5.5, 8.0, 3.0, 4.5, 100, 300),
    SPSZ(SeizureType.SPSZ, false, 10, 60, 5.5, 8.0, 3.5, 5.0, 100, 200),
    GNSZ(SeizureType.GNSZ, true, 15, 120, 5.0, 7.5, 3.0, 4.0, 150, 350),
    ABSZ(SeizureType.ABSZ, true, 10, 20, 3.2, 4.0, 3.0, 3.2, 200, 400),
    TNSZ(SeizureType.TNSZ, true, 10, 40, 6.0, 8.0, 4.5, 6.0, 100, 200),
    CNSZ(SeizureType.CNSZ, true, 20, 90, 4.5, 7.0, 3.0, 4.0, 150, 350),
    TCSZ(SeizureType.TCSZ, true, 40, 120, 6.0, 8.0, 3.0, 4.0, 150, 400),
    ATSZ(SeizureType.ATSZ, true, 10, 20, 3.5, 5.0, 3.0, 3.5, 100, 250),
    MYSZ(SeizureType.MYSZ, true, 10, 20, 4.0, 6.0, 3.5, 4.5, 150, 300);

    /** Shortest planted seizure, seconds (the longest is 120 s). */
    static final int MIN_SECONDS = 10;

    final SeizureType type;
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
            SeizureType type,
            boolean generalized,
            int minSeconds,
            int maxSeconds,
            double startHzLow,
            double startHzHigh,
            double endHzLow,
            double endHzHigh,
            double amplitudeLow,
            double amplitudeHigh) {
        this.type = type;
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

    /** The kind that plants {@code type}, or {@code null} for a type that is not planted. */
    static SeizureKind of(SeizureType type) {
        for (SeizureKind k : values()) {
            if (k.type == type) {
                return k;
            }
        }
        return null;
    }
}
