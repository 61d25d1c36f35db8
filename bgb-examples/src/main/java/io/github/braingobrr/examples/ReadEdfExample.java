package io.github.braingobrr.examples;

import io.github.braingobrr.edf.EdfAnnotation;
import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfHeader;
import io.github.braingobrr.edf.EdfSignal;
import io.github.braingobrr.montage.ChannelNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads an EDF/EDF+/BDF file lazily: the header, every signal with its 10-20 name, the annotations, and two
 * seconds of the first data signal in physical units.
 *
 * <pre>
 * ./mvnw -q -pl bgb-examples -am package -DskipTests
 * java -cp bgb-cli/target/bgb.jar:bgb-examples/target/classes io.github.braingobrr.examples.ReadEdfExample recording.edf
 * </pre>
 */
public final class ReadEdfExample {
    private ReadEdfExample() {}

    /** {@code args[0]}: the EDF file. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ReadEdfExample FILE.edf");
            return;
        }
        try (EdfFile edf = EdfFile.open(Path.of(args[0]))) {
            EdfHeader h = edf.header();
            System.out.printf(
                    "%s: %s, %d signals, %d records of %s s, starts %s%n",
                    edf.name(),
                    h.format(),
                    h.signalCount(),
                    h.recordCount(),
                    h.recordDurationField(),
                    h.recordingStart().map(Object::toString).orElse("(no valid date)"));
            for (EdfSignal s : edf.dataSignals()) {
                System.out.printf(
                        "  signal %d '%s' (%s) %s Hz, %s%n",
                        s.index(),
                        s.label(),
                        ChannelNames.canonical(s.label()).orElse("not a 10-20 electrode"),
                        s.samplingRate(),
                        s.unit());
            }
            for (EdfAnnotation a : edf.annotations()) {
                System.out.printf("  annotation at %s s: %s%n", a.onset(), a.text());
            }
            EdfSignal first = edf.dataSignals().get(0);
            double seconds = Math.min(2, first.sampleCount() / first.samplingRate());
            float[] span = edf.readPhysical(first, Duration.ZERO, Duration.ofMillis(Math.round(seconds * 1000)));
            double sum = 0;
            for (float v : span) {
                sum += v;
            }
            System.out.printf(
                    "  first %s s of '%s': %d samples, first %s %s, mean %.4f%n",
                    seconds,
                    first.label(),
                    span.length,
                    span.length > 0 ? span[0] : Float.NaN,
                    first.unit(),
                    sum / Math.max(1, span.length));
            edf.warnings().forEach(w -> System.out.println("  warning: " + w));
        }
    }
}
