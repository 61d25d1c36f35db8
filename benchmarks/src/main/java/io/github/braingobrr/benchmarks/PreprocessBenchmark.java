package io.github.braingobrr.benchmarks;

import io.github.braingobrr.montage.ChannelNames;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.Preprocessor;
import io.github.braingobrr.preprocess.RawRecording;
import io.github.braingobrr.preprocess.Recording;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * The preprocessing presets on a one-hour, 19-channel, 250 Hz recording (900,000 samples per channel; FFT
 * resampling to 921,600), on one core: JTransforms is limited to one thread and JMH runs one benchmark thread.
 * × real time = 3,600,000 ms / the reported time. {@code benchmarks/python/preprocess_benchmark.py} times the same
 * recipe with NumPy/SciPy on the same kind of input.
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
}
