package io.github.braingobrr.montage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The channel layouts bgb produces from referential 10-20 recordings: the seed's 19 referential channels,
 * or the 22-channel temporal central parasagittal (TCP) bipolar montage of TUH's {@code 01_tcp_ar} /
 * {@code 02_tcp_le} montage files, each channel the difference of two referential electrodes.
 */
public enum Montage {
    /** {@code Fp1, F3, C3, P3, F7, T3, T5, O1, Fz, Cz, Pz, Fp2, F4, C4, P4, F8, T4, T6, O2}, as recorded. */
    REFERENTIAL_19(seedPairs()),
    /** {@code FP1-F7, F7-T3, …, P4-O2}: 22 bipolar channels over 19 electrodes (A1 and A2 included, Fz and Pz not used). */
    TCP_22(List.of(
            pair("Fp1", "F7"),
            pair("F7", "T3"),
            pair("T3", "T5"),
            pair("T5", "O1"),
            pair("Fp2", "F8"),
            pair("F8", "T4"),
            pair("T4", "T6"),
            pair("T6", "O2"),
            pair("A1", "T3"),
            pair("T3", "C3"),
            pair("C3", "Cz"),
            pair("Cz", "C4"),
            pair("C4", "T4"),
            pair("T4", "A2"),
            pair("Fp1", "F3"),
            pair("F3", "C3"),
            pair("C3", "P3"),
            pair("P3", "O1"),
            pair("Fp2", "F4"),
            pair("F4", "C4"),
            pair("C4", "P4"),
            pair("P4", "O2")));

    private final List<String[]> pairs;

    Montage(List<String[]> pairs) {
        this.pairs = pairs;
    }

    /** Output channel names: electrode names for the referential montage, {@code "FP1-F7"} style for TCP. */
    public List<String> channelNames() {
        List<String> names = new ArrayList<>();
        for (String[] p : pairs) {
            names.add(
                    p[1] == null
                            ? p[0]
                            : p[0].toUpperCase(java.util.Locale.ROOT) + "-" + p[1].toUpperCase(java.util.Locale.ROOT));
        }
        return List.copyOf(names);
    }

    /** The referential electrodes the montage needs, in order of first use. */
    public List<String> electrodes() {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String[] p : pairs) {
            set.add(p[0]);
            if (p[1] != null) {
                set.add(p[1]);
            }
        }
        return List.copyOf(set);
    }

    /** Number of output channels. */
    public int size() {
        return pairs.size();
    }

    /** For output channel {@code k}: the electrode, and the subtracted reference electrode or null. */
    String[] pair(int k) {
        return pairs.get(k).clone();
    }

    private static List<String[]> seedPairs() {
        List<String[]> list = new ArrayList<>();
        for (String e : ChannelNames.SEED_19) {
            list.add(new String[] {e, null});
        }
        return List.copyOf(list);
    }

    private static String[] pair(String a, String b) {
        return new String[] {a, b};
    }
}
