package io.github.braingobrr.edf;

import io.github.braingobrr.montage.ChannelNames;

/**
 * One signal of an EDF file as described by its header, at its native sampling rate.
 *
 * <p>Physical values are {@code (digital − digitalMin)·(physicalMax − physicalMin)/(digitalMax − digitalMin)
 * + physicalMin}; this holds also when {@code physicalMin > physicalMax} (an inverted signal). The header
 * texts of the four range fields are kept as written.
 *
 * <p>Besides the raw {@link #label()}, a signal has a {@linkplain #normalizedName() normalized name} in the TUSZ
 * convention ({@code EEG FP1-REF} and {@code EEG FP1-LE} are both {@code Fp1}).
 *
 * @param index the signal's position in the header, 0-based (duplicate labels stay distinct by index)
 * @param label the label as written, for example {@code EEG FP1-REF}
 * @param transducer the transducer type
 * @param unit the physical dimension, for example {@code uV}
 * @param physicalMin the physical minimum (NaN when unreadable in an annotation signal)
 * @param physicalMax the physical maximum (NaN when unreadable in an annotation signal)
 * @param digitalMin the digital minimum
 * @param digitalMax the digital maximum
 * @param prefilter the prefiltering text, for example {@code HP:0.1Hz LP:75Hz}
 * @param samplesPerRecord the number of samples in each data record
 * @param reserved the signal's reserved field
 * @param physicalMinField the physical minimum as written
 * @param physicalMaxField the physical maximum as written
 * @param digitalMinField the digital minimum as written
 * @param digitalMaxField the digital maximum as written
 * @param samplingRate samples per second: samples per record / record duration (0 when the duration is 0)
 * @param sampleCount the number of samples stored in the file for this signal
 */
public record EdfSignal(
        int index,
        String label,
        String transducer,
        String unit,
        double physicalMin,
        double physicalMax,
        int digitalMin,
        int digitalMax,
        String prefilter,
        int samplesPerRecord,
        String reserved,
        String physicalMinField,
        String physicalMaxField,
        String digitalMinField,
        String digitalMaxField,
        double samplingRate,
        long sampleCount) {

    /**
     * The label in the TUSZ convention of {@link ChannelNames#name(String)}: spaces, a leading {@code EEG} and one
     * reference suffix ({@code -REF}, {@code -LE}, {@code -AR}) removed, electrodes in canonical case after the
     * synonyms {@code T7→T3, T8→T4, P7→T5, P8→T6} ({@code EEG FP1-REF} → {@code Fp1}, {@code EEG T7-LE} →
     * {@code T3}, {@code EEG EKG1-REF} → {@code EKG1}). Annotation signals keep their label. Several signals may
     * share a normalized name; their {@link #index()} tells them apart.
     */
    public String normalizedName() {
        return isAnnotation() ? label : ChannelNames.name(label);
    }

    /** Whether this is an EDF+/BDF+ annotation signal ({@code EDF Annotations} or {@code BDF Annotations}). */
    public boolean isAnnotation() {
        return isAnnotationLabel(label);
    }

    /** The physical value of one step of the digital value: (pmax − pmin)/(dmax − dmin); negative if inverted. */
    public double gain() {
        return (physicalMax - physicalMin) / ((double) digitalMax - digitalMin);
    }

    /** The physical value of digital 0: physical = digital · {@link #gain()} + offset. */
    public double offset() {
        return physicalMin - digitalMin * gain();
    }

    static boolean isAnnotationLabel(String label) {
        return label.equals("EDF Annotations") || label.equals("BDF Annotations");
    }
}
