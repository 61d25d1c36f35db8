package io.github.braingobrr.synthetic;

import io.github.braingobrr.edf.EdfSignalSpec;
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
        boolean ar = montage == TuhMontage.TCP_AR;
        String transducer = ar ? "Unknown" : "";
        String prefilter = ar ? "HP:0.000 Hz LP:0.0 Hz N:0.0" : "HP:-1.000 Hz LP:-2.0 Hz N:0.0";
        double min = ar ? -4999.84 : -4999.85;
        double max = ar ? 4999.847 : 4999.85;
        List<SyntheticSignal> out = new ArrayList<>();
        for (String e : ar ? AR_EEG : LE_EEG) {
            if (!missing.contains(e)) {
                out.add(eeg(montage, e, transducer, min, max, prefilter, rate));
            }
        }
        String ecg = ar ? "EEG EKG1-REF" : "EEG EKG-LE";
        out.add(signal(ecg, transducer, "uV", min, max, prefilter, rate, SyntheticSignal.Source.ECG));
        if (ar) {
            for (String e : List.of("T1", "T2")) {
                out.add(eeg(montage, e, transducer, min, max, prefilter, rate));
            }
            out.add(signal(
                    "PHOTIC-REF", transducer, "uV", -32767, 32767, prefilter, rate, SyntheticSignal.Source.FLAT));
            out.add(signal("IBI", "", "sec", -3276.7, 3276.7, prefilter, 1, SyntheticSignal.Source.FLAT));
        } else {
            out.add(signal("PHOTIC PH", "EEG", "mm", -32767, 32767, prefilter, rate, SyntheticSignal.Source.FLAT));
        }
        return out;
    }

    private static SyntheticSignal signal(
            String label,
            String transducer,
            String unit,
            double min,
            double max,
            String prefilter,
            int rate,
            SyntheticSignal.Source source) {
        return new SyntheticSignal(
                new EdfSignalSpec(label, transducer, unit, min, max, -32767, 32767, prefilter, rate), source, "");
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
                new EdfSignalSpec(
                        montage.eegLabel(electrode), transducer, "uV", min, max, -32767, 32767, prefilter, rate),
                SyntheticSignal.Source.EEG,
                electrode);
    }
}
