package io.github.braingobrr.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming members the way the window cache writes them, atomic replacement, and misuse. */
class NpzWriterTest {
    private static final int CH = 19;
    private static final int T = 1536; // a tenth of a 60 s window at 256 Hz keeps the test fast

    @TempDir
    Path dir;

    private static float[] window(int i) {
        float[] w = new float[CH * T];
        for (int j = 0; j < w.length; j++) {
            w[j] = i * 1000 + j * 0.001f;
        }
        return w;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** The seed cache layout: windows (N, 19, T) and labels (N, T), streamed one window at a time. */
    private void writeCache(NpzWriter w, int n, NpzCompression c) throws IOException {
        try (NpyArrayWriter windows = w.member("windows", NpyHeader.of(NpyDtype.FLOAT32, n, CH, T), c)) {
            for (int i = 0; i < n; i++) {
                windows.write(window(i));
            }
        }
        try (NpyArrayWriter labels = w.member("labels", NpyHeader.of(NpyDtype.FLOAT32, n, T), c)) {
            for (int i = 0; i < n; i++) {
                float[] l = new float[T];
                l[i % T] = 1;
                labels.write(l);
            }
        }
    }

    @Test
    void cacheLayoutStreamsAndReadsOneWindowPerPositionalRead() throws IOException {
        Path p = dir.resolve("rec_windows.npz");
        try (NpzWriter w = NpzWriter.create(p)) {
            writeCache(w, 12, NpzCompression.STORED);
        }
        assertEquals(List.of(p), files(), "no temporary file left");
        CountingSource counting = new CountingSource(PositionalSource.of(p));
        try (NpzReader r = NpzReader.open(counting)) {
            NpzEntry e = r.entry("windows");
            assertEquals(NpyHeader.of(NpyDtype.FLOAT32, 12, CH, T), e.header());
            assertEquals(NpzCompression.STORED, e.compression());
            int before;
            try (NpyReader windows = r.open("windows")) {
                float[] dst = new float[CH * T];
                before = counting.reads;
                windows.readFloats(7, 1, dst, 0);
                assertEquals(before + 1, counting.reads, "one window, one positional read");
                assertArrayEquals(window(7), dst);
            }
            before = counting.reads;
            float[] again = new float[CH * T];
            try (NpyReader windows = r.open("windows")) { // reopening reads nothing more than the window
                windows.readFloats(2, 1, again, 0);
            }
            assertEquals(before + 1, counting.reads);
            assertArrayEquals(window(2), again);
            // the entry's data offset is absolute: window i starts at dataOffset + i * 19 * T * 4
            ByteBuffer raw = ByteBuffer.allocate(CH * T * 4).order(ByteOrder.LITTLE_ENDIAN);
            try (FileChannel ch = FileChannel.open(p)) {
                ch.read(raw, e.dataOffset() + 5L * CH * T * 4);
            }
            float[] w5 = new float[CH * T];
            raw.flip().asFloatBuffer().get(w5);
            assertArrayEquals(window(5), w5);
            NpyArray labels = r.read("labels");
            assertEquals(1f, labels.getFloat(3, 3));
            assertEquals(0f, labels.getFloat(3, 4));
            r.verify();
        }
        try (ZipFile z = new ZipFile(p.toFile())) { // java.util.zip agrees on names and sizes
            assertEquals(12L * CH * T * 4 + 128, z.getEntry("windows.npy").getSize());
            assertEquals(
                    java.util.zip.ZipEntry.STORED, z.getEntry("windows.npy").getMethod());
        }
    }

    @Test
    void deflatedCacheAndStreamTargets() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NpzWriter w = NpzWriter.create(out)) {
            writeCache(w, 4, NpzCompression.DEFLATED);
            w.write("sfreq", NpyArray.scalar(256.0));
        }
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (NpzWriter w = NpzWriter.create(stored)) {
            writeCache(w, 4, NpzCompression.STORED); // spooled: STORED entries on a stream need their CRC first
        }
        for (byte[] zip : List.of(out.toByteArray(), stored.toByteArray())) {
            try (NpzReader r = NpzReader.open(new SeekableInMemoryByteChannel(zip))) {
                float[] dst = new float[CH * T];
                try (NpyReader windows = r.open("windows")) {
                    windows.readFloats(3, 1, dst, 0);
                    assertArrayEquals(window(3), dst);
                    windows.readFloats(1, 1, dst, 0);
                    assertArrayEquals(window(1), dst);
                }
                assertEquals(4, r.read("windows").shape()[0]);
                r.verify();
            }
        }
        assertTrue(out.size() < stored.size() / 2, "deflate compresses: " + out.size() + " vs " + stored.size());
        assertEquals(List.of(), files(), "spool files removed");
    }

    @Test
    void deflateLevelIsApplied() throws IOException {
        NpyArray a = TestArrays.formula(NpyHeader.of(NpyDtype.FLOAT64, 20000));
        long[] sizes = new long[2];
        int[] levels = {1, 9};
        for (int i = 0; i < 2; i++) {
            Path p = dir.resolve("l" + levels[i] + ".npz");
            try (NpzWriter w = NpzWriter.create(p).deflateLevel(levels[i])) {
                w.write("a", a, NpzCompression.DEFLATED);
            }
            try (NpzReader r = NpzReader.open(p)) {
                assertEquals(a, r.read("a"));
                sizes[i] = r.entry("a").compressedSize();
            }
        }
        assertTrue(sizes[1] < sizes[0], "level 9 (" + sizes[1] + ") smaller than level 1 (" + sizes[0] + ")");
        assertThrows(
                IllegalArgumentException.class,
                () -> NpzWriter.create(new ByteArrayOutputStream()).deflateLevel(10));
    }

    @Test
    void incompleteMemberLeavesThePreviousFileUntouched() throws IOException {
        Path p = dir.resolve("rec_windows.npz");
        try (NpzWriter w = NpzWriter.create(p)) {
            writeCache(w, 2, NpzCompression.STORED);
        }
        byte[] before = Files.readAllBytes(p);
        NpzWriter w = NpzWriter.create(p);
        NpyArrayWriter m = w.member("windows", NpyHeader.of(NpyDtype.FLOAT32, 3, CH, T), NpzCompression.STORED);
        m.write(window(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, m::close);
        assertTrue(e.getMessage().contains("29184 of the 87552 elements"), e.getMessage());
        IOException closing = assertThrows(IOException.class, w::close);
        assertTrue(closing.getMessage().contains("was not written"), closing.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(List.of(p), files(), "the temporary file is gone");
    }

    @Test
    void producerFailureInsideTryWithResourcesDiscardsTheArchive() {
        Path p = dir.resolve("x.npz");
        RuntimeException boom = new RuntimeException("EDF read failed");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
            try (NpzWriter w = NpzWriter.create(p);
                    NpyArrayWriter m =
                            w.member("windows", NpyHeader.of(NpyDtype.FLOAT32, 2, CH, T), NpzCompression.STORED)) {
                m.write(window(0));
                throw boom;
            }
        });
        assertEquals(boom, thrown);
        assertEquals(2, thrown.getSuppressed().length, "member and archive both report the discard");
        assertFalse(Files.exists(p));
    }

    @Test
    void abortAndMisuse() throws IOException {
        Path p = dir.resolve("a.npz");
        NpzWriter w = NpzWriter.create(p);
        w.write("a", NpyArray.of(new float[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> w.write("a", NpyArray.of(new float[] {1})));
        NpyArrayWriter m = w.member("b", NpyHeader.of(NpyDtype.FLOAT64, 2), NpzCompression.DEFLATED);
        assertThrows(
                IllegalStateException.class, () -> w.write("c", NpyArray.of(new float[] {1})), "one member at a time");
        assertThrows(IllegalArgumentException.class, () -> m.write(new float[] {1, 2}), "float[] into <f8");
        m.write(new double[] {1, 2});
        assertThrows(IllegalStateException.class, () -> m.write(new double[] {3}), "more than declared");
        m.close();
        w.abort();
        assertEquals(List.of(), files());
        assertThrows(IllegalStateException.class, () -> w.write("z", NpyArray.of(new float[] {1})));
    }

    @Test
    void growingMembersCountTheirRows() throws IOException {
        for (NpzCompression c : NpzCompression.values()) {
            for (boolean toStream : new boolean[] {false, true}) {
                Path p = dir.resolve("grow_" + c + toStream + ".npz");
                try (NpzWriter w = toStream ? NpzWriter.create(Files.newOutputStream(p)) : NpzWriter.create(p)) {
                    try (NpyArrayWriter m = w.growingMember("windows", NpyDtype.FLOAT32, c, CH, T)) {
                        for (int i = 0; i < 5; i++) {
                            m.write(window(i));
                            assertEquals(i + 1, m.header().dim(0));
                        }
                    }
                    w.write("after", NpyArray.scalar(1.0));
                }
                try (NpzReader r = NpzReader.open(p)) {
                    assertEquals(
                            NpyHeader.of(NpyDtype.FLOAT32, 5, CH, T),
                            r.entry("windows").header());
                    float[] dst = new float[CH * T];
                    try (NpyReader windows = r.open("windows")) {
                        windows.readFloats(4, 1, dst, 0);
                    }
                    assertArrayEquals(window(4), dst);
                    r.verify();
                }
            }
        }
        Path p = dir.resolve("partial.npz");
        NpzWriter w = NpzWriter.create(p);
        NpyArrayWriter m = w.growingMember("labels", NpyDtype.FLOAT32, NpzCompression.STORED, T);
        m.write(new float[T + 1]);
        IllegalStateException e = assertThrows(IllegalStateException.class, m::close);
        assertTrue(e.getMessage().contains("not a whole number of rows of 1536"), e.getMessage());
        assertThrows(IOException.class, w::close);
        assertFalse(Files.exists(p));
    }

    @Test
    void growingNpyFileRewritesItsHeaderInPlace() throws IOException {
        Path p = dir.resolve("g.npy");
        try (NpyArrayWriter w = Npy.growingWriter(p, NpyDtype.INT16, 3)) {
            for (short i = 0; i < 1234; i++) {
                w.write(new short[] {i, (short) -i, 7});
            }
        }
        NpyArray a = Npy.read(p);
        assertEquals(NpyHeader.of(NpyDtype.INT16, 1234, 3), a.header());
        assertEquals(-1233, a.getInt(1233, 1));
        Path q = dir.resolve("h.npy");
        Npy.write(q, a);
        assertArrayEquals(Files.readAllBytes(q), Files.readAllBytes(p), "same bytes as writing the whole array");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left");
        }
    }

    @Test
    void typedWritesConvertToTheDeclaredByteOrder() throws IOException {
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NpzWriter w = NpzWriter.create(out)) {
            try (NpyArrayWriter m =
                    w.member("d", NpyHeader.of(NpyDtype.FLOAT64.withByteOrder(be), 2), NpzCompression.STORED)) {
                m.write(new double[] {1.5, -2});
            }
            try (NpyArrayWriter m =
                    w.member("l", NpyHeader.of(NpyDtype.UINT64.withByteOrder(be), 2), NpzCompression.DEFLATED)) {
                m.write(new long[] {-1, 5}); // uint64 max as bits
            }
            try (NpyArrayWriter m =
                    w.member("i", NpyHeader.of(NpyDtype.INT32.withByteOrder(be), 2), NpzCompression.STORED)) {
                m.write(new int[] {Integer.MIN_VALUE, 3});
            }
            try (NpyArrayWriter m = w.member("b", NpyHeader.of(NpyDtype.UINT8, 2), NpzCompression.STORED)) {
                m.write(new byte[] {(byte) 255, 1});
            }
            try (NpyArrayWriter m = w.member("z", NpyHeader.of(NpyDtype.BOOL, 3), NpzCompression.STORED)) {
                m.write(new boolean[] {true, false, true});
            }
            try (NpyArrayWriter m =
                    w.member("f", NpyHeader.of(NpyDtype.FLOAT32.withByteOrder(be), 3), NpzCompression.STORED)) {
                m.write(new float[] {9, 1, 2, 3, 9}, 1, 3);
            }
            NpyArrayWriter bad = w.member("x", NpyHeader.of(NpyDtype.INT16, 1), NpzCompression.STORED);
            assertThrows(IllegalArgumentException.class, () -> bad.write(new int[] {1}));
            assertThrows(IllegalArgumentException.class, () -> bad.write(new long[] {1}));
            assertThrows(IllegalArgumentException.class, () -> bad.write(new double[] {1}));
            assertThrows(IllegalArgumentException.class, () -> bad.write(new boolean[] {true}));
            assertThrows(IllegalArgumentException.class, () -> bad.write(new byte[] {1}));
            assertThrows(IllegalArgumentException.class, () -> bad.writeRaw(ByteBuffer.allocate(3)));
            bad.writeRaw(ByteBuffer.allocateDirect(2).put(0, (byte) 4));
            bad.close();
        }
        try (NpzReader r = NpzReader.open(PositionalSource.of(ByteBuffer.wrap(out.toByteArray())))) {
            assertArrayEquals(new double[] {1.5, -2}, r.read("d").toDoubleArray());
            assertEquals(">f8", r.read("d").dtype().descr());
            assertArrayEquals(new long[] {-1, 5}, r.read("l").toLongArray());
            assertEquals(1.8446744073709552e19, r.read("l").getDouble(0));
            assertArrayEquals(new int[] {Integer.MIN_VALUE, 3}, r.read("i").toIntArray());
            assertArrayEquals(new int[] {255, 1}, r.read("b").toIntArray());
            assertArrayEquals(new boolean[] {true, false, true}, r.read("z").toBooleanArray());
            assertArrayEquals(new float[] {1, 2, 3}, r.read("f").toFloatArray());
            assertEquals(4, r.read("x").getInt(0));
        }
    }

    @Test
    void memberLeftOpenButCompleteIsFinishedByClose() throws IOException {
        Path p = dir.resolve("open.npz");
        try (NpzWriter w = NpzWriter.create(p)) {
            w.member("a", NpyHeader.of(NpyDtype.INT32, 3), NpzCompression.STORED)
                    .write(new int[] {1, 2, 3});
        }
        try (NpzReader r = NpzReader.open(p)) {
            assertArrayEquals(new int[] {1, 2, 3}, r.read("a").toIntArray());
        }
    }

    @Test
    void npyWriterIsAtomicToo() throws IOException {
        Path p = dir.resolve("a.npy");
        Npy.write(p, NpyArray.of(new short[] {1, 2, 3}));
        byte[] before = Files.readAllBytes(p);
        NpyArrayWriter w = Npy.writer(p, NpyHeader.of(NpyDtype.INT16, 4));
        w.write(new short[] {9, 9});
        assertThrows(IllegalStateException.class, w::close);
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(List.of(p), files());
        try (NpyArrayWriter ok = Npy.writer(p, NpyHeader.of(NpyDtype.UINT16, 2, 2))) {
            ok.write(new short[] {1, 2}).write(new short[] {3, (short) 65535});
        }
        assertArrayEquals(new int[] {1, 2, 3, 65535}, Npy.read(p).toIntArray());
        assertThrows(
                java.nio.file.NoSuchFileException.class,
                () -> Npy.write(dir.resolve("missing/dir/a.npy"), NpyArray.scalar(1.0)));
    }

    @Test
    void channelTargetsWrite() throws IOException {
        SeekableInMemoryByteChannel ch = new SeekableInMemoryByteChannel();
        try (NpzWriter w = NpzWriter.create(ch)) {
            writeCache(w, 3, NpzCompression.STORED);
        }
        byte[] zip = java.util.Arrays.copyOf(ch.array(), (int) ch.size());
        try (NpzReader r = NpzReader.open(PositionalSource.of(ByteBuffer.wrap(zip)))) {
            assertEquals(List.of("windows", "labels"), r.names());
            r.verify();
        }
    }

    /** Counts positional reads reaching a source, as a remote store would count ranged GETs. */
    static final class CountingSource implements PositionalSource {
        private final PositionalSource inner;
        int reads;

        CountingSource(PositionalSource inner) {
            this.inner = inner;
        }

        @Override
        public long length() throws IOException {
            return inner.length();
        }

        @Override
        public synchronized void readFully(long position, ByteBuffer dst) throws IOException {
            reads++;
            inner.readFully(position, dst);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }

        @Override
        public String toString() {
            return "counting " + inner;
        }
    }
}
