package io.github.braingobrr.benchmarks;

import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecording;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Synthetic corpus generation: one minute of every signal of a one-hour TUH-style recording (with seizures),
 * read as an EDF writer would, a minute at a time. Real-time factor = 60 000 ms / score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SyntheticBenchmark {

    @Param({"250", "512"})
    int rate;

    private SyntheticRecording recording;
    private double[] buffer;
    private long minute;

    @Setup
    public void setUp() {
        SyntheticRecordingSpec spec = SyntheticCorpus.builder()
                .patients(1)
                .recordingsPerPatient(1)
                .minutesPerRecording(60)
                .durationJitter(0)
                .samplingRates(rate)
                .shortFraction(0)
                .seizureFraction(1)
                .linkedEarsFraction(0)
                .plan()
                .get(0);
        recording = SyntheticRecording.of(spec);
        buffer = new double[60 * rate];
    }

    /** One minute of all signals (29 for {@code 01_tcp_ar}); the minute advances so every part is visited. */
    @Benchmark
    public double oneMinuteOfAllSignals() {
        long first = (minute++ % 59) * 60;
        double sum = 0;
        for (int s = 0; s < recording.signalCount(); s++) {
            int perRecord = recording.signals().get(s).samplingRate();
            int n = 60 * perRecord;
            recording.read(s, first * perRecord, buffer, 0, n);
            sum += buffer[n - 1];
        }
        return sum;
    }
}
