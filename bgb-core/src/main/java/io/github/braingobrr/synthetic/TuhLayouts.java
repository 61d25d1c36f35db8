package io.github.braingobrr.synthetic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The signal lists of the two TUH recording configurations, modelled on real TUSZ v2 headers: the EEG
 * electrodes in TUH's order with TUH's physical ranges, transducer and prefilter strings, followed by a few
 * non-EEG channels (ECG, photic stimulator and, for {@code -REF} files, a 1 Hz trend channel).
 */
final class TuhLayouts {
    private TuhLayouts() {}

    private static final List<String> AR_EEG = List.of(
            "FP1", "FP2", "F3", "F4", "C3", "C4", "P3", "P4", "O1", "O2", "F7", "F8", "T3", "T4", "T5", "T6", "A1",
            "A2", "FZ", "CZ", "PZ", "ROC", "LOC");

    private static final List<String> LE_EEG = List.of(
            "FP1", "FP2", "F3", "F4", "C3", "C4", "A1", "A2", "P3", "P4", "O1", "O2", "F7", "F8", "T3", "T4", "T5",
            "T6", "FZ", "CZ", "PZ", "OZ");

    /** The signals of a recording in this configuration at this rate, without the {@code missing} electrodes. */
    static List<SyntheticSignal> signals(TuhMontage montage, int rate, Collection<String> missing) {
        List<SyntheticSignal> out = new ArrayList<>();
        if (montage == TuhMontage.TCP_AR) {
            String hp = "HP:0.000 Hz LP:0.0 Hz N:0.0";
            for (String e : AR_EEG) {
                if (!missing.contains(e)) {
                    out.add(eeg(montage, e, "Unknown", -4999.84, 4999.847, hp, rate));
                }
            }
            out.add(new SyntheticSignal(
                    "EEG EKG1-REF",
                    "Unknown",
                    "uV",
                    -4999.84,
                    4999.847,
                    -32767,
                    32767,
                    hp,
                    rate,
                    SyntheticSignal.Source.ECG,
                    ""));
            for (String e : List.of("T1", "T2")) {
                out.add(eeg(montage, e, "Unknown", -4999.84, 4999.847, hp, rate));
            }
            out.add(new SyntheticSignal(
                    "PHOTIC-REF",
                    "Unknown",
                    "uV",
                    -32767,
                    32767,
                    -32767,
                    32767,
                    hp,
                    rate,
                    SyntheticSignal.Source.FLAT,
                    ""));
            out.add(new SyntheticSignal(
                    "IBI", "", "sec", -3276.7, 3276.7, -32767, 32767, hp, 1, SyntheticSignal.Source.FLAT, ""));
        } else {
            String hp = "HP:-1.000 Hz LP:-2.0 Hz N:0.0";
            for (String e : LE_EEG) {
                if (!missing.contains(e)) {
                    out.add(eeg(montage, e, "", -4999.85, 4999.85, hp, rate));
                }
            }
            out.add(new SyntheticSignal(
                    "EEG EKG-LE",
                    "",
                    "uV",
                    -4999.85,
                    4999.85,
                    -32767,
                    32767,
                    hp,
                    rate,
                    SyntheticSignal.Source.ECG,
                    ""));
            out.add(new SyntheticSignal(
                    "PHOTIC PH", "EEG", "mm", -32767, 32767, -32767, 32767, hp, rate, SyntheticSignal.Source.FLAT, ""));
        }
        return out;
    }

    private static SyntheticSignal eeg(
            TuhMontage montage,
            String electrode,
            String transducer,
            double min,
            double max,
            String prefilter,
            int rate) {
        return new SyntheticSignal(
                montage.eegLabel(electrode),
                transducer,
                "uV",
                min,
                max,
                -32767,
                32767,
                prefilter,
                rate,
                SyntheticSignal.Source.EEG,
                electrode);
    }
}
