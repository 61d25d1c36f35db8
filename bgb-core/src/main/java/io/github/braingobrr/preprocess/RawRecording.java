package io.github.braingobrr.preprocess;

import java.util.List;

/**
 * An in-memory {@link SignalSource}: labels, per-signal rates and units, and physical samples. The arrays are
 * copied on the way in and {@link #readPhysical} returns a copy, so a {@code RawRecording} is immutable.
 *
 * @param name a name for messages and provenance
 * @param labels signal labels in order
 * @param rates sampling rate of each signal, hertz
 * @param units physical unit of each signal ({@code "uV"}, {@code "mV"}, {@code "V"}, …)
 * @param signals physical samples of each signal
 */
public record RawRecording(String name, List<String> labels, double[] rates, List<String> units, double[][] signals)
        implements SignalSource {
    public RawRecording {
        labels = List.copyOf(labels);
        units = List.copyOf(units);
        if (rates.length != labels.size() || units.size() != labels.size() || signals.length != labels.size()) {
            throw new IllegalArgumentException("labels, rates, units and signals must have one entry per signal, got "
                    + labels.size() + ", " + rates.length + ", " + units.size() + ", " + signals.length);
        }
        rates = rates.clone();
        double[][] copy = new double[signals.length][];
        for (int i = 0; i < signals.length; i++) {
            if (!(rates[i] > 0) || !Double.isFinite(rates[i])) {
                throw new IllegalArgumentException("signal " + i + " ('" + labels.get(i) + "') has sampling rate "
                        + rates[i] + "; it must be positive and finite");
            }
            copy[i] = signals[i].clone();
        }
        signals = copy;
    }

    /** All signals at one rate and in one unit. */
    public static RawRecording of(String name, List<String> labels, double rate, String unit, double[][] signals) {
        double[] rates = new double[labels.size()];
        java.util.Arrays.fill(rates, rate);
        return new RawRecording(name, labels, rates, java.util.Collections.nCopies(labels.size(), unit), signals);
    }

    @Override
    public double[] rates() {
        return rates.clone();
    }

    @Override
    public double[][] signals() {
        double[][] copy = new double[signals.length][];
        for (int i = 0; i < signals.length; i++) {
            copy[i] = signals[i].clone();
        }
        return copy;
    }

    @Override
    public double samplingRate(int index) {
        return rates[index];
    }

    @Override
    public String unit(int index) {
        return units.get(index);
    }

    @Override
    public int sampleCount(int index) {
        return signals[index].length;
    }

    @Override
    public double[] readPhysical(int index) {
        return signals[index].clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecording r
                && name.equals(r.name)
                && labels.equals(r.labels)
                && java.util.Arrays.equals(rates, r.rates)
                && units.equals(r.units)
                && java.util.Arrays.deepEquals(signals, r.signals);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, labels, units) * 31 + java.util.Arrays.hashCode(rates);
    }

    @Override
    public String toString() {
        return "RawRecording[" + name + ", " + labels.size() + " signals]";
    }
}
