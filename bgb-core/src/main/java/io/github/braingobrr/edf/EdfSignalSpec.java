package io.github.braingobrr.edf;

import java.util.Objects;

/**
 * What {@link EdfWriter} writes into one signal's header: label, transducer, unit, physical and digital
 * ranges, prefiltering and samples per data record.
 *
 * <p>Physical values given to the writer are quantized to the nearest digital value of this range and
 * clamped to it. Choose the physical range to cover the data; a wider digital range gives finer steps.
 *
 * @param label up to 16 ASCII characters, for example {@code EEG FP1-REF}
 * @param transducer up to 80 ASCII characters (may be empty)
 * @param unit up to 8 ASCII characters, for example {@code uV}
 * @param physicalMin the physical value of {@code digitalMin} (may exceed {@code physicalMax} for an inverted
 *     signal); written in 8 characters, rounded outward if needed
 * @param physicalMax the physical value of {@code digitalMax}
 * @param digitalMin the smallest digital value, at least −32768 (EDF) or −8388608 (BDF)
 * @param digitalMax the largest digital value, at most 32767 (EDF) or 8388607 (BDF)
 * @param prefilter up to 80 ASCII characters (may be empty), for example {@code HP:0.1Hz LP:75Hz}
 * @param samplesPerRecord samples of this signal in each data record (rate × record duration)
 */
public record EdfSignalSpec(
        String label,
        String transducer,
        String unit,
        double physicalMin,
        double physicalMax,
        int digitalMin,
        int digitalMax,
        String prefilter,
        int samplesPerRecord) {

    public EdfSignalSpec {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(transducer, "transducer");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(prefilter, "prefilter");
    }

    /** A signal without transducer and prefilter texts. */
    public static EdfSignalSpec of(
            String label,
            String unit,
            double physicalMin,
            double physicalMax,
            int digitalMin,
            int digitalMax,
            int samplesPerRecord) {
        return new EdfSignalSpec(
                label, "", unit, physicalMin, physicalMax, digitalMin, digitalMax, "", samplesPerRecord);
    }

    /** This spec with another transducer text. */
    public EdfSignalSpec withTransducer(String transducer) {
        return new EdfSignalSpec(
                label, transducer, unit, physicalMin, physicalMax, digitalMin, digitalMax, prefilter, samplesPerRecord);
    }

    /** This spec with another prefiltering text. */
    public EdfSignalSpec withPrefilter(String prefilter) {
        return new EdfSignalSpec(
                label, transducer, unit, physicalMin, physicalMax, digitalMin, digitalMax, prefilter, samplesPerRecord);
    }
}
