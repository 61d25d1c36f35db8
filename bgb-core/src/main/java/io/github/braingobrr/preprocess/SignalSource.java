package io.github.braingobrr.preprocess;

import java.io.IOException;
import java.util.List;

/**
 * The input of a {@link Preprocessor}: a recording's signals by index, each with its label, sampling rate,
 * physical unit and samples. An EDF file, an in-memory {@link RawRecording}, or any other source can implement it;
 * only the signals the montage needs are read.
 */
public interface SignalSource {
    /** A name for the recording in messages and provenance (for example its path). */
    String name();

    /** The signal labels in file order, for example {@code "EEG FP1-REF"}. */
    List<String> labels();

    /** Sampling rate of signal {@code index}, in hertz. */
    double samplingRate(int index);

    /** Physical unit of signal {@code index} as written, for example {@code "uV"}, {@code "mV"}, {@code "V"}. */
    String unit(int index);

    /** Number of samples of signal {@code index}. */
    int sampleCount(int index);

    /** The physical values of signal {@code index}, in its {@link #unit}, as a new array the caller owns. */
    double[] readPhysical(int index) throws IOException;
}
