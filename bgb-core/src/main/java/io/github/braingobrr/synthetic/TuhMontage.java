package io.github.braingobrr.synthetic;

import io.github.braingobrr.montage.Montage;
import java.util.List;

/**
 * The two TUH EEG recording configurations the generator writes: the montage folder name used by TUSZ v2
 * ({@code 01_tcp_ar}, {@code 02_tcp_le}) and the channel-label suffix of the referential signals
 * ({@code EEG FP1-REF}, {@code EEG FP1-LE}). Both are annotated on the 22 bipolar channels of
 * {@link Montage#TCP_22}.
 */
public enum TuhMontage {
    /** Averaged reference: folder {@code 01_tcp_ar}, labels such as {@code EEG FP1-REF}. */
    TCP_AR("01_tcp_ar", "-REF"),
    /** Linked ears: folder {@code 02_tcp_le}, labels such as {@code EEG FP1-LE}. */
    TCP_LE("02_tcp_le", "-LE");

    private static final List<String> TCP_CHANNELS = Montage.TCP_22.channelNames();

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

    /**
     * The 22 TCP bipolar channels the label files annotate, {@code FP1-F7 … P4-O2}: the channel names of
     * {@link Montage#TCP_22} (the same for both configurations).
     */
    public List<String> tcpChannels() {
        return TCP_CHANNELS;
    }
}
