package io.github.braingobrr.benchmarks;

import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfFormat;
import io.github.braingobrr.edf.EdfSignal;
import io.github.braingobrr.edf.EdfSignalSpec;
import io.github.braingobrr.edf.EdfWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
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

/**
 * Warm decode of a TUSZ-like recording: 1 hour, 250 Hz, 19 or 32 EDF channels (34 or 58 MB), written once
 * per trial and then in the page cache.
 *
 * <ul>
 *   <li>{@code fullDecodeFloat32}/{@code Float64}: every sample of every channel to physical values through the
 *       memory map, one channel after the other. The {@code fileBytes} counter is file bytes decoded per second
 *       (the figure for the "≥ 1 GB/s per core" target).
 *   <li>{@code fullDecodeFloat32Together}: the same in one call for all channels, which visits each data record
 *       once.
 *   <li>{@code fullDecodeFloat32Positional}: the one-call decode through the seek-and-read path that any
 *       non-file {@link SeekableByteChannel} takes.
 *   <li>{@code window60sAllChannels}: a random 60 s window of all channels to float32, in microseconds, one
 *       channel after the other; {@code window60sAllChannelsTogether}: the same window in one call.
 * </ul>
 *
 * <p>{@link #main} runs the same operations in a plain loop and reports them per second of the benchmark
 * thread's CPU time as well as per second of wall time, for machines shared with other work:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.braingobrr.benchmarks.EdfDecodeBenchmark}.
 */
@State(Scope.Benchmark)
public class EdfDecodeBenchmark {
    private static final int RATE = 250;
    private static final int SECONDS = 3600;
    private static final int WINDOW = 60 * RATE;

    @Param({"19", "32"})
    int channels;

    private Path dir;
    private long fileBytes;
    private EdfFile edf;
    private EdfFile positional;
    private List<EdfSignal> signals;
    private List<EdfSignal> positionalSignals;
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
        Path file = dir.resolve("recording.edf");
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
        positionalSignals = positional.dataSignals();
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
    public float[][] fullDecodeFloat32(Bytes bytes) throws IOException {
        bytes.fileBytes += fileBytes;
        return decodeOneByOne();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float[][] fullDecodeFloat32Together(Bytes bytes) throws IOException {
        bytes.fileBytes += fileBytes;
        return decodeTogether(edf, signals);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double[][] fullDecodeFloat64(Bytes bytes) throws IOException {
        bytes.fileBytes += fileBytes;
        for (int c = 0; c < channels; c++) {
            edf.readPhysical(signals.get(c), 0, doubles[c], 0, doubles[c].length);
        }
        return doubles;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float[][] fullDecodeFloat32Positional(Bytes bytes) throws IOException {
        bytes.fileBytes += fileBytes;
        return decodeTogether(positional, positionalSignals);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float[][] window60sAllChannels() throws IOException {
        long from = random.nextLong(signals.get(0).sampleCount() - WINDOW);
        for (int c = 0; c < channels; c++) {
            edf.readPhysical(signals.get(c), from, window[c], 0, WINDOW);
        }
        return window;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float[][] window60sAllChannelsTogether() throws IOException {
        long from = random.nextLong(signals.get(0).sampleCount() - WINDOW);
        edf.readPhysical(signals, from, WINDOW, window);
        return window;
    }

    private float[][] decodeOneByOne() throws IOException {
        for (int c = 0; c < channels; c++) {
            edf.readPhysical(signals.get(c), 0, floats[c], 0, floats[c].length);
        }
        return floats;
    }

    private float[][] decodeTogether(EdfFile file, List<EdfSignal> list) throws IOException {
        file.readPhysical(list, 0, floats[0].length, floats);
        return floats;
    }

    /** One operation of the CPU-time harness: its name, whether it decodes the whole file, and the call. */
    private record Op(String name, boolean wholeFile, Callable<float[][]> call) {}

    /**
     * Runs each operation for 2 s to warm up, then for 4 s, and prints wall time and this thread's CPU time per
     * operation, and file bytes per wall second and per CPU second for the whole-file decodes.
     */
    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double checksum = 0;
        for (int channels : new int[] {19, 32}) {
            EdfDecodeBenchmark b = new EdfDecodeBenchmark();
            b.channels = channels;
            b.setUp();
            try {
                List<Op> ops = List.of(
                        new Op("fullDecodeFloat32", true, b::decodeOneByOne),
                        new Op("fullDecodeFloat32Together", true, () -> b.decodeTogether(b.edf, b.signals)),
                        new Op(
                                "fullDecodeFloat32Positional",
                                true,
                                () -> b.decodeTogether(b.positional, b.positionalSignals)),
                        new Op("window60sAllChannels", false, b::window60sAllChannels),
                        new Op("window60sAllChannelsTogether", false, b::window60sAllChannelsTogether));
                for (Op op : ops) {
                    checksum += run(op.call(), 2_000_000_000L, threads)[2];
                    double[] m = run(op.call(), 4_000_000_000L, threads);
                    checksum += m[2];
                    double wallPerOp = m[0];
                    double cpuPerOp = m[1];
                    String rate = op.wholeFile()
                            ? String.format(
                                    Locale.ROOT,
                                    "  %.2f GB/s wall, %.2f GB/s per CPU-second",
                                    b.fileBytes / wallPerOp,
                                    b.fileBytes / cpuPerOp)
                            : "";
                    System.out.printf(
                            Locale.ROOT,
                            "%2d channels  %-28s %10.1f us wall/op %10.1f us CPU/op%s%n",
                            channels,
                            op.name(),
                            wallPerOp / 1e3,
                            cpuPerOp / 1e3,
                            rate);
                }
            } finally {
                b.tearDown();
            }
        }
        System.out.println("(checksum " + checksum + ")");
    }

    /** Calls {@code op} for about {@code nanos} of wall time: {wall ns per call, CPU ns per call, checksum}. */
    private static double[] run(Callable<float[][]> op, long nanos, ThreadMXBean threads) throws Exception {
        long calls = 0;
        double checksum = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long wall;
        do {
            float[][] out = op.call();
            checksum += out[(int) (calls % out.length)][(int) (calls % out[0].length)];
            calls++;
            wall = System.nanoTime() - wall0;
        } while (wall < nanos);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        return new double[] {(double) wall / calls, (double) cpu / calls, checksum};
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
