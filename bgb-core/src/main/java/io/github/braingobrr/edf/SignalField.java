package io.github.braingobrr.edf;

/**
 * The per-signal header fields. Each field is stored for all signals in turn, so the field of signal {@code i}
 * among {@code ns} signals starts at {@code 256 + ns·before + i·width}.
 */
enum SignalField {
    LABEL(0, 16, "label"),
    TRANSDUCER(16, 80, "transducer type"),
    UNIT(96, 8, "physical dimension"),
    PHYSICAL_MIN(104, 8, "physical minimum"),
    PHYSICAL_MAX(112, 8, "physical maximum"),
    DIGITAL_MIN(120, 8, "digital minimum"),
    DIGITAL_MAX(128, 8, "digital maximum"),
    PREFILTER(136, 80, "prefiltering"),
    SAMPLES_PER_RECORD(216, 8, "number of samples in each data record"),
    RESERVED(224, 32, "signal reserved");

    final int before;
    final int width;
    final String label;

    SignalField(int before, int width, String label) {
        this.before = before;
        this.width = width;
        this.label = label;
    }

    /** Offset in the file of this field for {@code signal} among {@code signalCount} signals. */
    long offset(int signalCount, int signal) {
        return HeaderField.BLOCK + (long) signalCount * before + (long) signal * width;
    }

    /** The field's name in messages, for example {@code signal 3 physical minimum}. */
    String describe(int signal) {
        return "signal " + signal + " " + label;
    }
}
