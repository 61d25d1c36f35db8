package io.github.braingobrr.benchmarks;

import io.github.braingobrr.npy.Npy;
import io.github.braingobrr.npy.NpyArrayWriter;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
 * Writing a {@code windows} member of {@code windows} 60 s float32 windows (1.17 MB each), streamed one window
 * at a time: STORED to a file channel (page cache, no fsync), STORED to a path (atomic: fsync + rename), and
 * DEFLATED with our writer against {@code java.util.zip.ZipOutputStream} writing the same bytes at the same
 * level. Divide the member size (windows x 1,167,360 + 128 bytes) by the time per operation for the rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NpzWriteBenchmark {
    private static final int CH = NpzReadBenchmark.CH;
    private static final int T = NpzReadBenchmark.T;

    /** Windows in the member (the small one first, so one short run stays short). */
    @Param({"10", "100"})
    public int windows;

    @Param({"6"})
    public int level;

    private Path dir;
    private Path file;
    private float[][] data;
    private byte[][] bytes;
    private byte[] header;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bgb-npz-write-bench");
        file = dir.resolve("out.npz");
        SplittableRandom rnd = new SplittableRandom(42);
        data = new float[windows][CH * T];
        bytes = new byte[windows][];
        for (int i = 0; i < windows; i++) {
            NpzReadBenchmark.eegWindow(data[i], i, rnd);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(CH * T * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(data[i]);
            bytes[i] = b.array();
        }
        java.io.ByteArrayOutputStream h = new java.io.ByteArrayOutputStream();
        try (NpyArrayWriter w = Npy.writer(h, header())) {
            for (float[] d : data) {
                w.write(d);
            }
        }
        header = java.util.Arrays.copyOf(h.toByteArray(), h.size() - windows * CH * T * 4);
    }

    private NpyHeader header() {
        return NpyHeader.of(NpyDtype.FLOAT32, windows, CH, T);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.delete(dir);
    }

    private FileChannel truncate() throws IOException {
        return FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private long stream(NpzWriter w, NpzCompression c) throws IOException {
        try (w;
                NpyArrayWriter m = w.member("windows", header(), c)) {
            for (float[] d : data) {
                m.write(d);
            }
        }
        return Files.size(file);
    }

    @Benchmark
    public long storedToChannel() throws IOException {
        return stream(NpzWriter.create(truncate()), NpzCompression.STORED);
    }

    @Benchmark
    public long storedToPathAtomic() throws IOException {
        return stream(NpzWriter.create(file), NpzCompression.STORED);
    }

    @Benchmark
    public long deflatedToChannel() throws IOException {
        return stream(NpzWriter.create(truncate()).deflateLevel(level), NpzCompression.DEFLATED);
    }

    /** The reference: java.util.zip writing the same member bytes at the same level. */
    @Benchmark
    public long deflatedJavaUtilZip() throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                ZipOutputStream z = new ZipOutputStream(os)) {
            z.setLevel(level);
            z.putNextEntry(new ZipEntry("windows.npy"));
            z.write(header);
            for (byte[] b : bytes) {
                z.write(b);
            }
            z.closeEntry();
        }
        return Files.size(file);
    }
}
