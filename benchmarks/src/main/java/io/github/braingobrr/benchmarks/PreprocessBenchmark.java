package io.github.braingobrr.benchmarks;

import io.github.braingobrr.edf.EdfFormat;
import io.github.braingobrr.edf.EdfSignalSpec;
import io.github.braingobrr.edf.EdfWriter;
import io.github.braingobrr.montage.ChannelNames;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.Preprocessor;
import io.github.braingobrr.preprocess.RawRecording;
import io.github.braingobrr.preprocess.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The preprocessing presets on a one-hour, 19-channel, 250 Hz recording (900,000 samples per channel; FFT
 * resampling to 921,600), on one core: JTransforms is limited to one thread and JMH runs one benchmark thread.
 * × real time = 3,600,000 ms / the reported time. {@code benchmarks/python/preprocess_benchmark.py} times the same
 * recipe with NumPy/SciPy on the same kind of input.
 *
 * <p>{@code preprocessOneHour} starts from the recording in memory; {@code preprocessOneHourEdfFile} from the same
 * recording written as a 19-channel 250 Hz EDF file (34 MB, in the page cache): open, decode the montage signals
 * through {@code SignalSource.of(EdfFile)}, look for the label file beside it, preprocess.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class PreprocessBenchmark {
    /** Sampling rate of the synthetic input. */
    static final double RATE = 250;
    /** Length of the synthetic input. */
    static final int SECONDS = 3600;

    @Param({"seed", "zeroPhase"})
    public String preset;

    private RawRecording recording;
    private Preprocessor preprocessor;

    @Setup(Level.Trial)
    public void setUp() {
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        recording = oneHour();
        preprocessor =
                new Preprocessor(preset.equals("seed") ? PreprocessingConfig.seed() : PreprocessingConfig.zeroPhase());
    }

    /** TUH-like input: DC offset, alpha rhythm, 60 Hz line noise and white noise per channel, microvolts. */
    static RawRecording oneHour() {
        int n = (int) (SECONDS * RATE);
        SplittableRandom random = new SplittableRandom(42);
        double[][] x = new double[19][n];
        for (int c = 0; c < 19; c++) {
            double offset = 200 * random.nextDouble(-1, 1);
            double alpha = 8 + 4 * random.nextDouble();
            for (int i = 0; i < n; i++) {
                double t = i / RATE;
                x[c][i] = offset
                        + 30 * Math.sin(2 * Math.PI * alpha * t)
                        + 10 * Math.sin(2 * Math.PI * 60 * t)
                        + 20 * (random.nextDouble() - 0.5);
            }
        }
        return RawRecording.of("one-hour", ChannelNames.SEED_19, RATE, "uV", x);
    }

    @Benchmark
    public Recording preprocessOneHour() throws Exception {
        return preprocessor.process(recording);
    }

    /** {@link #oneHour()} as an EDF file with TUH labels ({@code EEG FP1-REF}, ±5000 µV in 16 bits), once per trial. */
    @State(Scope.Benchmark)
    public static class EdfInput {
        Path dir;
        Path file;

        @Setup(Level.Trial)
        public void write() throws IOException {
            RawRecording r = oneHour();
            EdfWriter.Builder b = EdfWriter.builder(EdfFormat.EDF).recordDuration(1);
            for (int c = 0; c < r.labels().size(); c++) {
                String label = "EEG " + r.labels().get(c).toUpperCase(Locale.ROOT) + "-REF";
                b.signal(
                        EdfSignalSpec.of(label, "uV", -4999.84, 4999.847, -32767, 32767, (int) RATE),
                        r.readPhysical(c));
            }
            dir = Files.createTempDirectory("bgb-preprocess-bench");
            file = dir.resolve("aaaaaaaa_s001_t000.edf");
            b.build().write(file);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Benchmark
    public Recording preprocessOneHourEdfFile(EdfInput input) throws Exception {
        return preprocessor.process(input.file);
    }
}
