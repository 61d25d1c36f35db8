package io.github.braingobrr.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Write-then-read round trips over random dtypes, byte orders, shapes (0-d, empty, N-d), C and Fortran
 * order, compression and destinations; values are checked against {@link TestArrays}'s formula.
 */
class NpyRoundTripPropertyTest {
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("bgb-npy-props");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<NpyDtype> dtypes() {
        Arbitrary<NpyDtype> base = Arbitraries.oneOf(
                Arbitraries.of(
                        NpyDtype.BOOL,
                        NpyDtype.INT8,
                        NpyDtype.INT16,
                        NpyDtype.INT32,
                        NpyDtype.INT64,
                        NpyDtype.UINT8,
                        NpyDtype.UINT16,
                        NpyDtype.UINT32,
                        NpyDtype.UINT64,
                        NpyDtype.FLOAT16,
                        NpyDtype.FLOAT32,
                        NpyDtype.FLOAT64,
                        NpyDtype.COMPLEX64,
                        NpyDtype.COMPLEX128),
                Arbitraries.integers().between(1, 7).map(NpyDtype::unicode),
                Arbitraries.integers().between(1, 9).map(NpyDtype::bytes));
        return Combinators.combine(base, Arbitraries.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN))
                .as(NpyDtype::withByteOrder);
    }

    @Provide
    Arbitrary<NpyHeader> headers() {
        Arbitrary<long[]> shapes =
                Arbitraries.longs().between(0, 5).array(long[].class).ofMaxSize(4);
        return Combinators.combine(dtypes(), shapes, Arbitraries.of(NpyOrder.values()))
                .as(NpyHeader::new);
    }

    @Provide
    Arbitrary<NpyHeader> slicedHeaders() {
        return headers().filter(h -> h.rank() > 0);
    }

    private static NpyArray random(NpyHeader h, long seed) {
        byte[] b = new byte[(int) h.dataBytes()];
        new SplittableRandom(seed).nextBytes(b);
        return NpyArray.wrap(h, ByteBuffer.wrap(b));
    }

    private static byte[] npyBytes(NpyArray a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Npy.write(out, a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Property(tries = 300)
    void npyRoundTripsEverywhere(@ForAll("headers") NpyHeader h, @ForAll long seed) throws IOException {
        NpyArray a = random(h, seed);
        byte[] bytes = npyBytes(a);
        assertEquals(0, (bytes.length - h.dataBytes()) % 64, "data aligned to 64");
        assertEquals(a, Npy.read(new ByteArrayInputStream(bytes)));
        try (NpyReader r = Npy.open(PositionalSource.of(ByteBuffer.wrap(bytes)))) {
            assertEquals(h, r.header());
            assertEquals(a, r.read());
        }
        Path p = dir.resolve("a" + Long.toHexString(seed) + ".npy");
        Npy.write(p, a);
        assertArrayEquals(bytes, Files.readAllBytes(p));
        assertEquals(a, Npy.read(p));
        assertEquals(a, Npy.map(p, h.dtype().itemSize() * 3L)); // several mapped blocks
        Files.delete(p);
    }

    @Property(tries = 300)
    void valuesFollowTheLogicalIndexInEveryLayout(@ForAll("headers") NpyHeader h) throws IOException {
        NpyArray a = Npy.read(new ByteArrayInputStream(npyBytes(TestArrays.formula(h))));
        NpyDtype t = h.dtype();
        int n = (int) h.elementCount();
        switch (t.kind()) {
            case BOOL -> {
                boolean[] v = a.toBooleanArray();
                for (int k = 0; k < n; k++) {
                    assertEquals(TestArrays.boolValue(k), v[k]);
                }
            }
            case INT, UINT -> {
                long[] v = a.toLongArray();
                for (int k = 0; k < n; k++) {
                    assertEquals(TestArrays.intValue(t, k), v[k], "k=" + k);
                }
            }
            case FLOAT -> {
                double[] v = a.toDoubleArray();
                float[] f = a.toFloatArray();
                for (int k = 0; k < n; k++) {
                    assertEquals(TestArrays.floatValue(k), v[k]);
                    assertEquals((float) TestArrays.floatValue(k), f[k]);
                }
            }
            case COMPLEX -> {
                double[] v = a.toComplexArray();
                for (int k = 0; k < n; k++) {
                    assertEquals(TestArrays.floatValue(k), v[2 * k]);
                    assertEquals(TestArrays.imagValue(k), v[2 * k + 1]);
                }
            }
            case UNICODE, BYTES -> {
                String[] v = a.toStringArray();
                for (int k = 0; k < n; k++) {
                    assertEquals(TestArrays.stringValue(t, k), v[k]);
                }
            }
        }
        if (n > 0 && t.kind() != NpyDtype.Kind.COMPLEX) {
            long k = n - 1;
            long[] index = new long[h.rank()];
            long rest = k;
            for (int i = h.rank() - 1; i >= 0; i--) {
                index[i] = rest % h.dim(i);
                rest /= h.dim(i);
            }
            switch (t.kind()) {
                case BOOL -> assertEquals(TestArrays.boolValue(k), a.getBoolean(index));
                case INT, UINT -> assertEquals(TestArrays.intValue(t, k), a.getLong(index));
                case FLOAT -> assertEquals(TestArrays.floatValue(k), a.getDouble(index));
                default -> assertEquals(TestArrays.stringValue(t, k), a.getString(index));
            }
        }
    }

    @Property(tries = 300)
    void slicesOfTheFirstAxisReadOnlyTheirPart(
            @ForAll("slicedHeaders") NpyHeader h,
            @ForAll long a,
            @ForAll long b,
            @ForAll boolean fromFile,
            @ForAll boolean smallBlocks)
            throws IOException {
        long n0 = h.dim(0);
        long first = n0 == 0 ? 0 : Math.floorMod(a, n0 + 1);
        long count = Math.floorMod(b, n0 - first + 1);
        NpyArray full = TestArrays.formula(h);
        byte[] bytes = npyBytes(full);
        PositionalSource source;
        if (fromFile) {
            Path p = dir.resolve("s" + System.nanoTime() + ".npy");
            Files.write(p, bytes);
            source = FileSource.open(p);
        } else {
            source = PositionalSource.of(ByteBuffer.wrap(bytes));
        }
        long maxBlock = smallBlocks ? 3L * h.dtype().itemSize() : DataBlocks.DEFAULT_BLOCK;
        try (NpyReader r = NpyReader.open(source, "t", true, null, maxBlock)) {
            NpyArray slice = r.readSlice(first, count);
            NpyHeader sh = h.withFirstDimension(count);
            assertEquals(sh, slice.header());
            long row = n0 == 0 ? 0 : h.elementCount() / n0;
            // the slice's element j is the full array's element j + first * row (C-order indices)
            NpyArray expected = shifted(sh, first * row);
            assertEquals(expected, slice);
            ByteBuffer raw = ByteBuffer.allocate((int) sh.dataBytes());
            r.readSlice(first, count, raw);
            assertEquals(expected.buffer(), raw.flip());
            if (h.dtype().kind() == NpyDtype.Kind.FLOAT) {
                float[] f = new float[(int) sh.elementCount() + 2];
                r.readFloats(first, count, f, 2);
                for (int j = 0; j < sh.elementCount(); j++) {
                    assertEquals((float) TestArrays.floatValue(j + first * row), f[j + 2]);
                }
            }
        }
    }

    private static NpyArray shifted(NpyHeader sh, long shift) {
        NpyDtype t = sh.dtype();
        ByteBuffer b = ByteBuffer.allocate((int) sh.dataBytes()).order(t.byteOrder());
        for (long j = 0; j < sh.elementCount(); j++) {
            b.position((int) (TestArrays.storageIndex(sh, j) * t.itemSize()));
            TestArrays.put(b, t, j + shift);
        }
        return NpyArray.wrap(sh, b.clear());
    }

    @Provide
    Arbitrary<List<NpyHeader>> memberHeaders() {
        return headers().list().ofMinSize(0).ofMaxSize(4);
    }

    enum Target {
        PATH,
        CHANNEL,
        STREAM
    }

    @Property(tries = 150)
    void npzRoundTripsAndIsAValidZip(
            @ForAll("memberHeaders") List<NpyHeader> headers,
            @ForAll long seed,
            @ForAll Target target,
            @ForAll boolean streamed)
            throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<NpyArray> arrays = new ArrayList<>();
        List<NpzCompression> compression = new ArrayList<>();
        for (NpyHeader h : headers) {
            arrays.add(random(h, rnd.nextLong()));
            compression.add(rnd.nextBoolean() ? NpzCompression.STORED : NpzCompression.DEFLATED);
        }
        Path p = dir.resolve("z" + Long.toHexString(seed) + target + ".npz");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        NpzWriter w = switch (target) {
            case PATH -> NpzWriter.create(p);
            case CHANNEL ->
                NpzWriter.create(FileChannel.open(
                        p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
            case STREAM -> NpzWriter.create(sink);
        };
        try (w) {
            for (int i = 0; i < arrays.size(); i++) {
                NpyArray a = arrays.get(i);
                if (!streamed) {
                    w.write("m" + i, a, compression.get(i));
                    continue;
                }
                try (NpyArrayWriter m = w.member("m" + i, a.header(), compression.get(i))) {
                    ByteBuffer data = a.buffer();
                    int item = a.dtype().itemSize();
                    while (data.hasRemaining()) { // random whole-element chunks
                        int k = Math.min(data.remaining(), item * (1 + rnd.nextInt(5)));
                        m.writeRaw(data.slice(data.position(), k));
                        data.position(data.position() + k);
                    }
                }
            }
        }
        byte[] zip = target == Target.STREAM ? sink.toByteArray() : Files.readAllBytes(p);
        try (NpzReader r = NpzReader.open(PositionalSource.of(ByteBuffer.wrap(zip)))) {
            List<NpzEntry> entries = r.entries();
            assertEquals(arrays.size(), entries.size());
            for (int i = 0; i < arrays.size(); i++) {
                assertEquals("m" + i, entries.get(i).name());
                assertEquals(compression.get(i), entries.get(i).compression());
                assertEquals(arrays.get(i).header(), entries.get(i).header());
                assertEquals(arrays.get(i), r.read("m" + i));
            }
            r.verify();
        }
        // an independent zip implementation (java.util.zip, which checks CRCs) sees the same members
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (int i = 0; i < arrays.size(); i++) {
                ZipEntry e = in.getNextEntry();
                assertEquals("m" + i + ".npy", e.getName());
                assertArrayEquals(npyBytes(arrays.get(i)), in.readAllBytes());
            }
            assertEquals(null, in.getNextEntry());
        }
        if (target != Target.STREAM) {
            try (NpzReader r = NpzReader.open(FileSource.open(p), p.toString(), 5)) {
                for (int i = 0; i < arrays.size(); i++) {
                    if (compression.get(i) == NpzCompression.STORED) {
                        assertEquals(arrays.get(i), r.map("m" + i));
                    }
                }
            }
            Files.delete(p);
        }
    }
}
