package io.github.braingobrr.synthetic;

import java.util.List;

/**
 * The two TUH EEG recording configurations the generator writes: the montage folder name used by TUSZ v2
 * ({@code 01_tcp_ar}, {@code 02_tcp_le}), the channel-label suffix of the referential signals
 * ({@code EEG FP1-REF}, {@code EEG FP1-LE}) and the 22 bipolar TCP channels that the per-channel label
 * files annotate.
 */
public enum TuhMontage {
    /** Averaged reference: folder {@code 01_tcp_ar}, labels such as {@code EEG FP1-REF}. */
    TCP_AR("01_tcp_ar", "-REF"),
    /** Linked ears: folder {@code 02_tcp_le}, labels such as {@code EEG FP1-LE}. */
    TCP_LE("02_tcp_le", "-LE");

    private static final List<String> TCP_CHANNELS = List.of(
            "FP1-F7", "F7-T3", "T3-T5", "T5-O1", "FP2-F8", "F8-T4", "T4-T6", "T6-O2", "A1-T3", "T3-C3", "C3-CZ",
            "CZ-C4", "C4-T4", "T4-A2", "FP1-F3", "F3-C3", "C3-P3", "P3-O1", "FP2-F4", "F4-C4", "C4-P4", "P4-O2");

    private final String directory;
    private final String suffix;

    TuhMontage(String directory, String suffix) {
        this.directory = directory;
        this.suffix = suffix;
    }

    /** The montage folder of the TUSZ v2 layout, e.g. {@code 01_tcp_ar}. */
    public String directory() {
        return directory;
    }

    /** The suffix of referential EEG labels, {@code -REF} or {@code -LE}. */
    public String labelSuffix() {
        return suffix;
    }

    /** The EDF label of a referential EEG electrode, e.g. {@code eegLabel("FP1")} is {@code EEG FP1-REF}. */
    public String eegLabel(String electrode) {
        return "EEG " + electrode + suffix;
    }

    /** The 22 TCP bipolar channels, {@code FP1-F7 … P4-O2}, in TUH montage order (the same for both). */
    public List<String> tcpChannels() {
        return TCP_CHANNELS;
    }
}
