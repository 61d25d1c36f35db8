package io.github.braingobrr.edf;

/** The fields of the fixed 256-byte EDF header: byte offset, width and the name used in messages. */
enum HeaderField {
    VERSION(0, 8, "version"),
    PATIENT(8, 80, "local patient identification"),
    RECORDING(88, 80, "local recording identification"),
    START_DATE(168, 8, "start date"),
    START_TIME(176, 8, "start time"),
    HEADER_BYTES(184, 8, "number of header bytes"),
    RESERVED(192, 44, "reserved"),
    RECORD_COUNT(236, 8, "number of data records"),
    RECORD_DURATION(244, 8, "duration of a data record"),
    SIGNAL_COUNT(252, 4, "number of signals");

    /** Size of the fixed part of the header, and of each signal's share of the signal header. */
    static final int BLOCK = 256;

    final int offset;
    final int width;
    final String label;

    HeaderField(int offset, int width, String label) {
        this.offset = offset;
        this.width = width;
        this.label = label;
    }
}
