package io.github.braingobrr.benchmarks;

import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfFormat;
import io.github.braingobrr.edf.EdfSignal;
import io.github.braingobrr.edf.EdfSignalSpec;
import io.github.braingobrr.edf.EdfWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Warm decode of a TUSZ-like recording: 1 hour, 250 Hz, 19 or 32 EDF channels (34 or 58 MB), written once
 * per trial and then in the page cache.
 *
 * <ul>
 *   <li>{@code fullDecodeFloat32}/{@code Float64}: every sample of every channel to physical values, through the
 *       memory map. The {@code fileBytes} counter is file bytes decoded per second (the figure for the
 *       "≥ 1 GB/s per core" target).
 *   <li>{@code fullDecodeFloat32Positional}: the same through the seek-and-read path that any non-file
 *       {@link SeekableByteChannel} takes.
 *   <li>{@code window60sAllChannels}: a random 60 s window of all channels to float32, in microseconds.
 * </ul>
 */
@State(Scope.Benchmark)
public class EdfDecodeBenchmark {
    private static final int RATE = 250;
    private static final int SECONDS = 3600;
    private static final int WINDOW = 60 * RATE;

    @Param({"19", "32"})
    int channels;

    private Path dir;
    private Path file;
    private long fileBytes;
    private EdfFile edf;
    private EdfFile positional;
    private List<EdfSignal> signals;
    private float[][] floats;
    private double[][] doubles;
    private float[][] window;
    private SplittableRandom random;

    /** Counts the file bytes each decode covers, so JMH reports bytes per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long fileBytes;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bgb-edf-bench");
        file = dir.resolve("recording.edf");
        SplittableRandom rnd = new SplittableRandom(7);
        EdfWriter.Builder b = EdfWriter.builder(EdfFormat.EDF_PLUS_C).recordDuration(1);
        for (int c = 0; c < channels; c++) {
            int[] d = new int[SECONDS * RATE];
            double f = 1 + c;
            for (int i = 0; i < d.length; i++) {
                d[i] = (int) (8000 * Math.sin(2 * Math.PI * f * i / RATE)) + rnd.nextInt(-500, 500);
            }
            b.digitalSignal(EdfSignalSpec.of("EEG CH" + c + "-REF", "uV", -4999.84, 4999.847, -32767, 32767, RATE), d);
        }
        b.build().write(file);
        fileBytes = Files.size(file);
        edf = EdfFile.open(file);
        positional = EdfFile.open(new ForwardingChannel(FileChannel.open(file, StandardOpenOption.READ)), "positional");
        signals = edf.dataSignals();
        int n = (int) signals.get(0).sampleCount();
        floats = new float[channels][n];
        doubles = new double[channels][n];
        window = new float[channels][WINDOW];
        random = new SplittableRandom(42);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        edf.close();
        positional.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void fullDecodeFloat32(Bytes bytes, Blackhole bh) throws IOException {
        for (int c = 0; c < channels; c++) {
            edf.readPhysical(signals.get(c), 0, floats[c], 0, floats[c].length);
            bh.consume(floats[c]);
        }
        bytes.fileBytes += fileBytes;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void fullDecodeFloat64(Bytes bytes, Blackhole bh) throws IOException {
        for (int c = 0; c < channels; c++) {
            edf.readPhysical(signals.get(c), 0, doubles[c], 0, doubles[c].length);
            bh.consume(doubles[c]);
        }
        bytes.fileBytes += fileBytes;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void fullDecodeFloat32Positional(Bytes bytes, Blackhole bh) throws IOException {
        for (int c = 0; c < channels; c++) {
            positional.readPhysical(positional.signal(c), 0, floats[c], 0, floats[c].length);
            bh.consume(floats[c]);
        }
        bytes.fileBytes += fileBytes;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void window60sAllChannels(Blackhole bh) throws IOException {
        long from = random.nextLong(signals.get(0).sampleCount() - WINDOW);
        for (int c = 0; c < channels; c++) {
            edf.readPhysical(signals.get(c), from, window[c], 0, WINDOW);
        }
        bh.consume(window);
    }

    /** Hides that a channel is a {@link FileChannel}, so {@link EdfFile} takes its seek-and-read path. */
    private static final class ForwardingChannel implements SeekableByteChannel {
        private final SeekableByteChannel in;

        ForwardingChannel(SeekableByteChannel in) {
            this.in = in;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return in.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return in.write(src);
        }

        @Override
        public long position() throws IOException {
            return in.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            in.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return in.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            in.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
