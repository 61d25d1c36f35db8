package io.github.braingobrr.preprocess;

import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfSignal;
import io.github.braingobrr.edf.EdfWarning;
import java.io.IOException;
import java.util.List;

/**
 * The {@link SignalSource} view of an open {@link EdfFile} ({@link SignalSource#of(EdfFile)}): its data signals in
 * header order, annotation signals left out, each at its native rate with the unit its header gives; samples are
 * decoded from the file when the preprocessor asks for a signal, record by record into the one array it gets.
 */
final class EdfSignals implements SignalSource {
    private static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;

    private final EdfFile edf;
    private final List<EdfSignal> signals;
    private final List<String> labels;

    private EdfSignals(EdfFile edf, List<EdfSignal> signals) {
        this.edf = edf;
        this.signals = signals;
        this.labels = signals.stream().map(EdfSignal::label).toList();
    }

    static EdfSignals of(EdfFile edf) throws IOException {
        List<EdfSignal> signals = edf.dataSignals();
        for (EdfSignal s : signals) {
            if (s.sampleCount() > MAX_SAMPLES) {
                throw new PreprocessingException(edf.name() + ": signal '" + s.label() + "' has " + s.sampleCount()
                        + " samples, more than one recording can be preprocessed in; split the file");
            }
        }
        if (edf.header().format().isDiscontinuous() && edf.segments().size() > 1) {
            throw new PreprocessingException(
                    edf.name() + ": the " + edf.header().format() + " file has "
                            + (edf.segments().size() - 1) + " gap(s) between its records (see EdfFile.segments()); "
                            + "preprocessing needs a continuous recording, so write each segment to a file of its own");
        }
        return new EdfSignals(edf, signals);
    }

    @Override
    public String name() {
        return edf.name();
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public double samplingRate(int index) {
        return signals.get(index).samplingRate();
    }

    @Override
    public String unit(int index) {
        return signals.get(index).unit();
    }

    @Override
    public int sampleCount(int index) {
        return (int) signals.get(index).sampleCount();
    }

    @Override
    public double[] readPhysical(int index) throws IOException {
        EdfSignal s = signals.get(index);
        double[] out = new double[(int) s.sampleCount()];
        edf.readPhysical(s, 0, out, 0, out.length);
        return out;
    }

    @Override
    public List<String> warnings() {
        return edf.warnings().stream().map(EdfWarning::toString).toList();
    }

    @Override
    public String toString() {
        return "SignalSource[" + edf.name() + ", " + signals.size() + " data signals]";
    }
}
