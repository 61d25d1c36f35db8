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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading the seed cache layout from a local STORED {@code .npz}: {@code windows} float32 ({@code windows}, 19,
 * 15360) and {@code labels} ({@code windows}, 15360). 55 windows is a 10-minute recording (64 MB of windows),
 * 500 windows 88 minutes (584 MB). {@code readWindow*} read one 60 s window (1.17 MB) at a pseudo-random index;
 * {@code scanAllWindows}, {@code verifyArchive} and {@code readWholeMember} read all of it sequentially (divide
 * the member size by their time for the rate). The file is written once per trial in {@code java.io.tmpdir} and
 * read from the page cache ("warm"). {@code readDeflatedMember} reads the whole member of the same data written
 * DEFLATED (the seed's {@code np.savez_compressed} cache). {@code benchmarks/python/npz_benchmark.py} times
 * NumPy on the same layout.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NpzReadBenchmark {
    static final int CH = 19;
    static final int T = 15360;

    /** Windows in the file. */
    @Param({"55", "500"})
    public int windows;

    private Path dir;
    private NpzReader reader;
    private NpyReader member;
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

    /** Writes {@code n} windows of {@link #eegWindow} (noise from {@code seed}) and zero labels. */
    static Path writeCache(Path file, int n, NpzCompression compression, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
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
        Path file = writeCache(dir.resolve("rec_windows.npz"), windows, NpzCompression.STORED, 42);
        reader = NpzReader.open(file);
        member = reader.open("windows");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        member.close();
        reader.close();
        TempDirectories.delete(dir);
    }

    private int nextIndex() {
        next = (next + 211) % windows;
        return next;
    }

    /** One window into a float[] (copied from the file mapping). */
    @Benchmark
    public float[] readWindow() throws IOException {
        member.readFloats(nextIndex(), 1, window, 0);
        return window;
    }

    /** One window's raw bytes into a direct buffer: a single positional read (pread). */
    @Benchmark
    public ByteBuffer readWindowPositional() throws IOException {
        direct.clear();
        member.readSlice(nextIndex(), 1, direct);
        return direct;
    }

    /** Every window in order into one reused float[]: a sequential scan of the member. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float[] scanAllWindows() throws IOException {
        for (int i = 0; i < windows; i++) {
            member.readFloats(i, 1, window, 0);
        }
        return window;
    }

    /** CRC-32 of every member without keeping the data. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public NpzReader verifyArchive() throws IOException {
        reader.verify();
        return reader;
    }

    /** The same windows in a DEFLATED archive, as {@code np.savez_compressed} writes the seed's cache. */
    @State(Scope.Benchmark)
    public static class Deflated {
        Path dir;
        NpzReader reader;

        @Setup(Level.Trial)
        public void write(NpzReadBenchmark stored) throws IOException {
            dir = Files.createTempDirectory("bgb-npz-bench");
            Path file = dir.resolve("rec_windows.npz");
            reader = NpzReader.open(writeCache(file, stored.windows, NpzCompression.DEFLATED, 42));
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            reader.close();
            TempDirectories.delete(dir);
        }
    }

    /** The whole {@code windows} member of the DEFLATED archive into a new heap array, inflated and CRC-32 checked. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public NpyArray readDeflatedMember(Deflated deflated) throws IOException {
        return deflated.reader.read("windows");
    }

    /** The whole member into a new heap array, CRC-32 checked (includes allocating it). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public NpyArray readWholeMember() throws IOException {
        return reader.read("windows");
    }
}
