package io.github.braingobrr.synthetic;

import java.util.Objects;

/**
 * The EDF header fields of one synthetic signal, plus what it carries ({@link Source}) and, for EEG
 * signals, the electrode (TUH upper-case name such as {@code FP1}, {@code FZ}, {@code T3}).
 *
 * <p>Every value the generator produces for this signal lies in {@code [physicalMin, physicalMax]}, so
 * it maps onto {@code [digitalMin, digitalMax]} without clipping. The data-record duration is one second,
 * so {@link #samplesPerRecord()} is also the sampling rate in Hz.
 *
 * @param label EDF label, e.g. {@code EEG FP1-REF}
 * @param transducer EDF transducer type, e.g. {@code Unknown}
 * @param unit physical dimension, e.g. {@code uV}
 * @param physicalMin physical minimum (may be given with TUH's truncated asymmetric values)
 * @param physicalMax physical maximum
 * @param digitalMin digital minimum
 * @param digitalMax digital maximum
 * @param prefilter EDF prefiltering field, e.g. {@code HP:0.000 Hz LP:0.0 Hz N:0.0}
 * @param samplesPerRecord samples in each one-second data record
 * @param source what the signal carries
 * @param electrode the electrode of an {@link Source#EEG} signal, empty for other sources
 */
public record SyntheticSignal(
        String label,
        String transducer,
        String unit,
        double physicalMin,
        double physicalMax,
        int digitalMin,
        int digitalMax,
        String prefilter,
        int samplesPerRecord,
        Source source,
        String electrode) {

    /** What a synthetic signal carries. */
    public enum Source {
        /** Scalp (or eye) electrode: 1/f background, alpha, line noise and any planted seizures. */
        EEG,
        /** An ECG lead: QRS complexes at a steady heart rate over a little noise. */
        ECG,
        /** A flat channel: photic stimulator or a derived 1 Hz trend channel; all zeros. */
        FLAT
    }

    /** Validates the fields: ranges must be non-empty, digital values must fit 16 bits. */
    public SyntheticSignal {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(transducer, "transducer");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(prefilter, "prefilter");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(electrode, "electrode");
        if (!(physicalMin < physicalMax)) {
            throw new IllegalArgumentException(
                    "signal '" + label + "': physicalMin " + physicalMin + " must be below physicalMax " + physicalMax);
        }
        if (digitalMin >= digitalMax || digitalMin < Short.MIN_VALUE || digitalMax > Short.MAX_VALUE) {
            throw new IllegalArgumentException("signal '" + label + "': digital range " + digitalMin + ".." + digitalMax
                    + " must be increasing and within -32768..32767");
        }
        if (samplesPerRecord < 1) {
            throw new IllegalArgumentException(
                    "signal '" + label + "': samplesPerRecord " + samplesPerRecord + " must be at least 1");
        }
        if ((source == Source.EEG) == electrode.isEmpty()) {
            throw new IllegalArgumentException("signal '" + label + "': an EEG signal needs an electrode and"
                    + " other sources must not name one (source " + source + ", electrode '" + electrode + "')");
        }
    }

    /** The sampling rate in Hz (one-second data records). */
    public int samplingRate() {
        return samplesPerRecord;
    }
}
