package io.github.braingobrr.synthetic;

import io.github.braingobrr.edf.EdfSignalSpec;
import java.util.Objects;

/**
 * One synthetic signal: the EDF header fields it is written with ({@link #edf()}), what it carries
 * ({@link Source}) and, for EEG signals, the electrode (TUH upper-case name such as {@code FP1}, {@code FZ},
 * {@code T3}).
 *
 * <p>Every value the generator produces for this signal lies in the header's physical range, so it maps onto
 * the digital range without clipping. The data-record duration is one second, so the header's samples per
 * record is also the sampling rate in Hz.
 *
 * @param edf the EDF header fields: label (e.g. {@code EEG FP1-REF}), transducer, unit, physical and digital
 *     ranges (TUH's truncated asymmetric physical values included), prefilter, samples per one-second record
 * @param source what the signal carries
 * @param electrode the electrode of an {@link Source#EEG} signal, empty for other sources
 */
public record SyntheticSignal(EdfSignalSpec edf, Source source, String electrode) {

    /** What a synthetic signal carries. */
    public enum Source {
        /** Scalp (or eye) electrode: 1/f background, alpha, line noise and any planted seizures. */
        EEG,
        /** An ECG lead: QRS complexes at a steady heart rate over a little noise. */
        ECG,
        /** A flat channel: photic stimulator or a derived 1 Hz trend channel; all zeros. */
        FLAT
    }

    /**
     * Validates the fields: the physical range must be increasing, the digital range must be increasing and fit
     * 16 bits, and only EEG signals name an electrode.
     */
    public SyntheticSignal {
        Objects.requireNonNull(edf, "edf");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(electrode, "electrode");
        String label = edf.label();
        if (!(edf.physicalMin() < edf.physicalMax())) {
            throw new IllegalArgumentException("signal '" + label + "': physicalMin " + edf.physicalMin()
                    + " must be below physicalMax " + edf.physicalMax());
        }
        if (edf.digitalMin() >= edf.digitalMax()
                || edf.digitalMin() < Short.MIN_VALUE
                || edf.digitalMax() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("signal '" + label + "': digital range " + edf.digitalMin() + ".."
                    + edf.digitalMax() + " must be increasing and within -32768..32767");
        }
        if (edf.samplesPerRecord() < 1) {
            throw new IllegalArgumentException(
                    "signal '" + label + "': samplesPerRecord " + edf.samplesPerRecord() + " must be at least 1");
        }
        if ((source == Source.EEG) == electrode.isEmpty()) {
            throw new IllegalArgumentException("signal '" + label + "': an EEG signal needs an electrode and"
                    + " other sources must not name one (source " + source + ", electrode '" + electrode + "')");
        }
    }

    /** The EDF label, e.g. {@code EEG FP1-REF}. */
    public String label() {
        return edf.label();
    }

    /** The sampling rate in Hz (one-second data records): the header's samples per record. */
    public int samplingRate() {
        return edf.samplesPerRecord();
    }
}
