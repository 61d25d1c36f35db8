package io.github.braingobrr.edf;

/** The file variants this package reads and writes: EDF (16-bit) or BDF (24-bit), plain or "+" (with TALs). */
public enum EdfFormat {
    /** European Data Format, 16-bit samples, no EDF+ structure required. */
    EDF(2, false, false),
    /** EDF+ continuous: 16-bit samples, an {@code EDF Annotations} signal, records back to back in time. */
    EDF_PLUS_C(2, true, false),
    /** EDF+ discontinuous: like EDF+C, but each record's onset comes from its time-keeping annotation. */
    EDF_PLUS_D(2, true, true),
    /** BioSemi Data Format, 24-bit samples. */
    BDF(3, false, false),
    /** BDF+ continuous. */
    BDF_PLUS_C(3, true, false),
    /** BDF+ discontinuous. */
    BDF_PLUS_D(3, true, true);

    private final int bytesPerSample;
    private final boolean plus;
    private final boolean discontinuous;

    EdfFormat(int bytesPerSample, boolean plus, boolean discontinuous) {
        this.bytesPerSample = bytesPerSample;
        this.plus = plus;
        this.discontinuous = discontinuous;
    }

    /** 2 for EDF variants, 3 for BDF variants. */
    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** Whether this is an EDF+/BDF+ variant (with an annotation signal and structured header subfields). */
    public boolean isPlus() {
        return plus;
    }

    /** Whether records may have gaps between them (EDF+D, BDF+D). */
    public boolean isDiscontinuous() {
        return discontinuous;
    }

    /** Whether samples are 24-bit (BDF variants). */
    public boolean isBdf() {
        return bytesPerSample == 3;
    }

    /** The smallest digital value a sample of this format can hold. */
    public int digitalLimitMin() {
        return isBdf() ? -(1 << 23) : Short.MIN_VALUE;
    }

    /** The largest digital value a sample of this format can hold. */
    public int digitalLimitMax() {
        return isBdf() ? (1 << 23) - 1 : Short.MAX_VALUE;
    }

    /** The label of this format's annotation signal: {@code EDF Annotations} or {@code BDF Annotations}. */
    public String annotationLabel() {
        return isBdf() ? "BDF Annotations" : "EDF Annotations";
    }

    /** The text a writer puts in the 44-byte reserved header field. */
    String reservedText() {
        return switch (this) {
            case EDF -> "";
            case EDF_PLUS_C -> "EDF+C";
            case EDF_PLUS_D -> "EDF+D";
            case BDF -> "24BIT";
            case BDF_PLUS_C -> "BDF+C";
            case BDF_PLUS_D -> "BDF+D";
        };
    }
}
