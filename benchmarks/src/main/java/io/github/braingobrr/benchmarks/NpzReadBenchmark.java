package io.github.braingobrr.benchmarks;

import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyArrayWriter;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.npy.NpyReader;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzReader;
import io.github.braingobrr.npy.NpzWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading the seed cache layout from a local STORED {@code .npz}: {@code windows} float32 (500, 19, 15360)
 * (584 MB) and {@code labels} (500, 15360). {@code readWindow*} read one 60 s window (1.17 MB) at a
 * pseudo-random index; {@code scanAllWindows}, {@code verifyArchive} and {@code readWholeMember} read all of
 * it sequentially (divide 584 MB by their time for the rate). The file is written once per trial in {@code java.io.tmpdir}
 * and read from the page cache ("warm").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NpzReadBenchmark {
    static final int N = 500;
    static final int CH = 19;
    static final int T = 15360;

    private Path dir;
    private NpzReader reader;
    private NpyReader windows;
    private final float[] window = new float[CH * T];
    private final ByteBuffer direct = ByteBuffer.allocateDirect(CH * T * 4);
    private int next;

    /** Synthetic EEG-like window i: a few sines plus noise, in microvolts. */
    static void eegWindow(float[] w, int i, SplittableRandom rnd) {
        for (int c = 0; c < CH; c++) {
            double f = 1 + c * 0.7;
            for (int t = 0; t < T; t++) {
                double s = 40 * Math.sin(2 * Math.PI * f * (i * T + t) / 256.0) + 5 * rnd.nextGaussian();
                w[c * T + t] = (float) s;
            }
        }
    }

    static Path writeCache(Path file, int n, NpzCompression compression) throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        float[] w = new float[CH * T];
        try (NpzWriter out = NpzWriter.create(file)) {
            try (NpyArrayWriter m = out.member("windows", NpyHeader.of(NpyDtype.FLOAT32, n, CH, T), compression)) {
                for (int i = 0; i < n; i++) {
                    eegWindow(w, i, rnd);
                    m.write(w);
                }
            }
            try (NpyArrayWriter m = out.member("labels", NpyHeader.of(NpyDtype.FLOAT32, n, T), compression)) {
                float[] l = new float[T];
                for (int i = 0; i < n; i++) {
                    m.write(l);
                }
            }
        }
        return file;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bgb-npz-bench");
        Path file = writeCache(dir.resolve("rec_windows.npz"), N, NpzCompression.STORED);
        reader = NpzReader.open(file);
        windows = reader.open("windows");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        windows.close();
        reader.close();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private int nextIndex() {
        next = (next + 211) % N;
        return next;
    }

    /** One window into a float[] (copied from the file mapping). */
    @Benchmark
    public float[] readWindow() throws IOException {
        windows.readFloats(nextIndex(), 1, window, 0);
        return window;
    }

    /** One window's raw bytes into a direct buffer: a single positional read (pread). */
    @Benchmark
    public ByteBuffer readWindowPositional() throws IOException {
        direct.clear();
        windows.readSlice(nextIndex(), 1, direct);
        return direct;
    }

    /** Every window in order into one reused float[]: a sequential scan of the 584 MB member. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float[] scanAllWindows() throws IOException {
        for (int i = 0; i < N; i++) {
            windows.readFloats(i, 1, window, 0);
        }
        return window;
    }

    /** CRC-32 of every member (586 MB) without keeping the data. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public NpzReader verifyArchive() throws IOException {
        reader.verify();
        return reader;
    }

    /** The whole 584 MB member into a new heap array, CRC-32 checked (includes allocating 584 MB). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public NpyArray readWholeMember() throws IOException {
        return reader.read("windows");
    }
}
