package io.github.braingobrr.preprocess;

import io.github.braingobrr.edf.EdfFile;
import java.io.IOException;
import java.util.List;

/**
 * The input of a {@link Preprocessor}: a recording's signals by index, each with its label, sampling rate,
 * physical unit and samples. An EDF file ({@link #of(EdfFile)}), an in-memory {@link RawRecording}, or any other
 * source can implement it; only the signals the montage needs are read, one at a time.
 */
public interface SignalSource {
    /**
     * The data signals of an open EDF/EDF+/BDF file, annotation signals left out, each at its native rate and in the
     * unit its header gives; samples are decoded from the file only when a signal is read. The view does not own the
     * file: close the {@link EdfFile} when done. Header deviations the lenient reader tolerated become
     * {@link #warnings()}.
     *
     * @throws PreprocessingException when a signal is too long for one array, or an EDF+D file has gaps between its
     *     records (the pipeline needs a continuous recording)
     * @throws IOException when the file's record time-keeping cannot be read
     */
    static SignalSource of(EdfFile edf) throws IOException {
        return EdfSignals.of(edf);
    }

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

    /** Notes about the source worth keeping in the provenance (for example tolerated header deviations); none by default. */
    default List<String> warnings() {
        return List.of();
    }
}
