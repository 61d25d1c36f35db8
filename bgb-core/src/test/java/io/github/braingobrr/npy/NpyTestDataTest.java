package io.github.braingobrr.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file in {@code shared/testdata/npy} loads with the dtype, shape, order and values listed in
 * {@code shared/testdata/README.md} (section 3), read three ways: from a path, a channel and a stream.
 */
class NpyTestDataTest {

    /** One row of the README's table of NumPy-2.4.6-written files. */
    record Fact(String file, long size, int version, String descr, long[] shape, boolean fortran, String firstHex) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Fact> generated() {
        return Stream.of(
                new Fact("bool_1d.npy", 133, 1, "|b1", new long[] {5}, false, "0100010100"),
                new Fact("c64_1d.npy", 144, 1, "<c8", new long[] {2}, false, "0000803f00000040000060c0000080be"),
                new Fact(
                        "eeg_f32_4x1000.npy",
                        16128,
                        1,
                        "<f4",
                        new long[] {4, 1000},
                        false,
                        "000000002da5a8358a9728363cc17c36"),
                new Fact("f16_1d.npy", 134, 1, "<f2", new long[] {3}, false, "003c00b8ff7b"),
                new Fact("f32_c_2x3.npy", 152, 1, "<f4", new long[] {2, 3}, false, "000000000000003f0000803f0000c03f"),
                new Fact(
                        "f32_c_2x3_v2.npy",
                        152,
                        2,
                        "<f4",
                        new long[] {2, 3},
                        false,
                        "000000000000003f0000803f0000c03f"),
                new Fact(
                        "f32_c_2x3_v3.npy",
                        152,
                        3,
                        "<f4",
                        new long[] {2, 3},
                        false,
                        "000000000000003f0000803f0000c03f"),
                new Fact("f32_empty_0.npy", 128, 1, "<f4", new long[] {0}, false, ""),
                new Fact("f32_empty_0x5.npy", 128, 1, "<f4", new long[] {0, 5}, false, ""),
                new Fact(
                        "f32_fortran_2x3.npy",
                        152,
                        1,
                        "<f4",
                        new long[] {2, 3},
                        true,
                        "00000000000040400000803f00008040"),
                new Fact(
                        "f4_bigendian_1d.npy",
                        144,
                        1,
                        ">f4",
                        new long[] {4},
                        false,
                        "3f800000c0200000405000007f800000"),
                new Fact(
                        "f64_fortran_3x4.npy",
                        224,
                        1,
                        "<f8",
                        new long[] {3, 4},
                        true,
                        "00000000000000000000000000001040"),
                new Fact("f8_0d_scalar.npy", 136, 1, "<f8", new long[] {}, false, "0000000000000c40"),
                new Fact("i16_1d.npy", 138, 1, "<i2", new long[] {5}, false, "0080ffff00000100ff7f"),
                new Fact("i2_bigendian_2x2.npy", 136, 1, ">i2", new long[] {2, 2}, false, "0001fffe01008000"),
                new Fact("i32_0d_scalar.npy", 132, 1, "<i4", new long[] {}, false, "f9ffffff"),
                new Fact(
                        "i32_3d_2x3x4.npy",
                        224,
                        1,
                        "<i4",
                        new long[] {2, 3, 4},
                        false,
                        "00000000010000000200000003000000"),
                new Fact("i64_2x2.npy", 160, 1, "<i8", new long[] {2, 2}, false, "0000000000000080ffffffffffffffff"),
                new Fact("i8_1d.npy", 131, 1, "|i1", new long[] {3}, false, "80007f"),
                new Fact("u16_1d.npy", 134, 1, "<u2", new long[] {3}, false, "00000100ffff"),
                new Fact("u5_strings.npy", 200, 1, "<U6", new long[] {3}, false, "46000000700000003100000000000000"),
                new Fact("u8_1d.npy", 133, 1, "|u1", new long[] {5}, false, "00017f80ff"));
    }

    private static Path gen(String name) {
        return TestData.file("npy/generated/" + name);
    }

    /** Reads the same file from a path, a FileChannel at a non-zero position, and a stream. */
    private static List<NpyArray> readThreeWays(Path p) throws IOException {
        NpyArray fromPath = Npy.read(p);
        NpyArray fromChannel;
        try (FileChannel ch = FileChannel.open(p)) {
            fromChannel = Npy.read(ch);
            assertEquals(Files.size(p), ch.position(), "channel left after the array");
        }
        NpyArray fromStream;
        try (InputStream in = Files.newInputStream(p)) {
            fromStream = Npy.read(in);
            assertEquals(-1, in.read(), "stream fully consumed");
        }
        return List.of(fromPath, fromChannel, fromStream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generated")
    void generatedFileHasReadmeHeaderAndBytes(Fact f) throws IOException {
        Path p = gen(f.file());
        assertEquals(f.size(), Files.size(p));
        try (NpyReader r = Npy.open(p)) {
            assertEquals(f.version(), r.formatVersion());
            assertEquals(128, r.dataOffset(), "NumPy 2 aligns data to 64 bytes");
        }
        for (NpyArray a : readThreeWays(p)) {
            assertEquals(f.descr(), a.dtype().descr());
            assertArrayEquals(f.shape(), a.shape());
            assertEquals(f.fortran() ? NpyOrder.FORTRAN : NpyOrder.C, a.order());
            assertEquals(f.size() - 128, a.byteSize());
            ByteBuffer b = a.buffer();
            byte[] first = new byte[Math.min(16, b.remaining())];
            b.get(first);
            assertEquals(f.firstHex(), HexFormat.of().formatHex(first));
        }
    }

    @Test
    void valuesInLogicalOrder() throws IOException {
        assertArrayEquals(
                new boolean[] {true, false, true, true, false},
                Npy.read(gen("bool_1d.npy")).toBooleanArray());
        assertArrayEquals(
                new double[] {1, 2, -3.5, -0.25}, Npy.read(gen("c64_1d.npy")).toComplexArray());
        assertArrayEquals(
                new float[] {1.0f, -0.5f, 65504.0f}, Npy.read(gen("f16_1d.npy")).toFloatArray());
        for (String v : new String[] {"f32_c_2x3.npy", "f32_c_2x3_v2.npy", "f32_c_2x3_v3.npy"}) {
            NpyArray a = Npy.read(gen(v));
            assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f, 2, 2.5f}, a.toFloatArray(), v);
            assertEquals(2.5f, a.getFloat(1, 2));
        }
        assertEquals(0, Npy.read(gen("f32_empty_0.npy")).toFloatArray().length);
        assertEquals(0, Npy.read(gen("f32_empty_0x5.npy")).toDoubleArray().length);
        NpyArray fortran = Npy.read(gen("f32_fortran_2x3.npy"));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, fortran.toFloatArray());
        assertEquals(3f, fortran.getFloat(1, 0));
        assertEquals(2f, fortran.getFloat(0, 2));
        assertArrayEquals(
                new float[] {1.0f, -2.5f, 3.25f, Float.POSITIVE_INFINITY},
                Npy.read(gen("f4_bigendian_1d.npy")).toFloatArray());
        double[] f64 = Npy.read(gen("f64_fortran_3x4.npy")).toDoubleArray();
        for (int i = 0; i < 12; i++) {
            assertEquals(i, f64[i]);
        }
        assertEquals(7.0, Npy.read(gen("f64_fortran_3x4.npy")).getDouble(1, 3));
        NpyArray scalar = Npy.read(gen("f8_0d_scalar.npy"));
        assertEquals(0, scalar.rank());
        assertEquals(3.5, scalar.getDouble());
        assertArrayEquals(
                new short[] {-32768, -1, 0, 1, 32767},
                Npy.read(gen("i16_1d.npy")).toShortArray());
        assertArrayEquals(
                new int[] {1, -2, 256, -32768},
                Npy.read(gen("i2_bigendian_2x2.npy")).toIntArray());
        assertEquals(-7, Npy.read(gen("i32_0d_scalar.npy")).getInt());
        int[] i3 = Npy.read(gen("i32_3d_2x3x4.npy")).toIntArray();
        for (int i = 0; i < 24; i++) {
            assertEquals(i, i3[i]);
        }
        assertEquals(23, Npy.read(gen("i32_3d_2x3x4.npy")).getLong(1, 2, 3));
        assertArrayEquals(
                new long[] {Long.MIN_VALUE, -1, 1, Long.MAX_VALUE},
                Npy.read(gen("i64_2x2.npy")).toLongArray());
        assertArrayEquals(new byte[] {-128, 0, 127}, Npy.read(gen("i8_1d.npy")).toByteArray());
        assertArrayEquals(new int[] {0, 1, 65535}, Npy.read(gen("u16_1d.npy")).toIntArray());
        assertArrayEquals(
                new String[] {"Fp1", "Fp2", "EEG C3"},
                Npy.read(gen("u5_strings.npy")).toStringArray());
        assertArrayEquals(
                new int[] {0, 1, 127, 128, 255}, Npy.read(gen("u8_1d.npy")).toIntArray());
        assertArrayEquals(
                new double[] {0, 1, 127, 128, 255}, Npy.read(gen("u8_1d.npy")).toDoubleArray());
    }

    @Test
    void eegArrayMatchesReadmeStatistics() throws IOException {
        NpyArray a = Npy.read(gen("eeg_f32_4x1000.npy"));
        assertEquals(1.2565048e-06f, a.getFloat(0, 1));
        assertEquals(9.985499e-06f, a.getFloat(1, 1));
        assertEquals(-1.2246468e-20f, a.getFloat(2, 25));
        assertEquals(-4.7552825e-05f, a.getFloat(3, 999));
        float[] x = a.toFloatArray();
        double[] first = {
            0.0,
            1.2565047882162617e-06,
            2.512215814931551e-06,
            3.766340341826435e-06,
            5.018085630581481e-06,
            6.2666617850482e-06,
            7.511279363825452e-06,
            8.751152563490905e-06
        };
        for (int i = 0; i < first.length; i++) {
            assertEquals(first[i], x[i]);
        }
        double sq = 0;
        double abs = 0;
        for (float v : x) {
            sq += (double) v * v;
            abs += Math.abs((double) v);
        }
        assertEquals(4.999999924975938e-06, sq, 1e-18);
        assertEquals(0.12622455040036618, abs, 1e-14);
    }

    /** NumPy's own bytes are the oracle for our writer: reading and rewriting must reproduce the file. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("generated")
    void rewritingReproducesNumpysBytes(Fact f, @TempDir Path dir) throws IOException {
        if (f.version() != 1) {
            return; // NumPy (and we) write version 1.0 unless the header needs more; v2/v3 were forced
        }
        Path p = gen(f.file());
        Path out = dir.resolve(f.file());
        Npy.write(out, Npy.read(p));
        assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(out));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.write(bytes, Npy.map(p));
        assertArrayEquals(Files.readAllBytes(p), bytes.toByteArray());
    }

    @Test
    void mappedArraysEqualReadArrays() throws IOException {
        for (Fact f : generated().toList()) {
            assertEquals(Npy.read(gen(f.file())), Npy.map(gen(f.file())), f.file());
        }
    }

    // ------------------------------------------------------------------ NumPy's repository files

    @ParameterizedTest
    @ValueSource(strings = {"python3.npy", "win64python2.npy"})
    void oldNumpyFilesWithSixteenByteAlignment(String file) throws IOException {
        Path p = TestData.file("npy/numpy-repo/" + file);
        assertEquals(96, Files.size(p));
        try (NpyReader r = Npy.open(p)) {
            assertEquals(80, r.dataOffset());
            assertEquals(1, r.formatVersion());
        }
        for (NpyArray a : readThreeWays(p)) {
            assertEquals(NpyHeader.of(NpyDtype.FLOAT64, 2), a.header());
            assertArrayEquals(new double[] {1.0, 1.0}, a.toDoubleArray());
        }
    }

    @Test
    void python2LongShapeIsReadAsInteger() throws IOException {
        byte[] raw = Files.readAllBytes(TestData.file("npy/numpy-repo/win64python2.npy"));
        String header = new String(raw, 10, 70, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("(2L,)"), header);
        assertArrayEquals(
                new long[] {2},
                Npy.readHeader(TestData.file("npy/numpy-repo/win64python2.npy")).shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"py2-np0-objarr.npy", "py2-objarr.npy", "py3-objarr.npy"})
    void objectArraysAreRefused(String file) {
        Path p = TestData.file("npy/numpy-repo/" + file);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("object array"), e.getMessage());
        assertTrue(e.getMessage().contains("never unpickles"), e.getMessage());
        assertThrows(NpyFormatException.class, () -> Npy.map(p));
        assertThrows(NpyFormatException.class, () -> {
            try (InputStream in = Files.newInputStream(p)) {
                Npy.read(in);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"py2-objarr.npz", "py3-objarr.npz"})
    void objectArraysInNpzAreRefused(String file) throws IOException {
        Path p = TestData.file("npy/numpy-repo/" + file);
        try (NpzReader r = NpzReader.open(p)) {
            assertEquals(List.of("x"), r.names());
            r.verify(); // the zip itself is intact: CRCs match
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> r.read("x"));
            assertTrue(e.getMessage().contains("x.npy") && e.getMessage().contains("object array"), e.getMessage());
            assertThrows(NpyFormatException.class, r::entries);
        }
    }

    // ------------------------------------------------------------------ NPZ files

    /** One member row of the README's NPZ table. */
    record Member(
            String name, NpzCompression method, long size, long compressed, long crc, String descr, long[] shape) {}

    static Stream<Arguments> npzFiles() {
        NpzCompression s = NpzCompression.STORED;
        NpzCompression d = NpzCompression.DEFLATED;
        return Stream.of(
                Arguments.of(
                        "eeg_deflated.npz",
                        2915L,
                        List.of(
                                new Member("data", d, 16128, 2192, 0xd3fbce94L, "<f4", new long[] {4, 1000}),
                                new Member("sfreq", d, 136, 72, 0x65a98b99L, "<f8", new long[] {}),
                                new Member("ch_names", d, 176, 92, 0x24fedbfL, "<U3", new long[] {4}),
                                new Member("labels", d, 160, 75, 0x769d70d2L, "<i8", new long[] {4}))),
                Arguments.of(
                        "eeg_stored.npz",
                        17084L,
                        List.of(
                                new Member("data", s, 16128, 16128, 0xd3fbce94L, "<f4", new long[] {4, 1000}),
                                new Member("sfreq", s, 136, 136, 0x65a98b99L, "<f8", new long[] {}),
                                new Member("ch_names", s, 176, 176, 0x24fedbfL, "<U3", new long[] {4}),
                                new Member("labels", s, 160, 160, 0x769d70d2L, "<i8", new long[] {4}))),
                Arguments.of(
                        "mixed_deflated.npz",
                        993L,
                        List.of(
                                new Member("fortran", d, 224, 102, 0xb14cbe23L, "<f8", new long[] {3, 4}),
                                new Member("big", d, 144, 83, 0xb8857f7eL, ">f4", new long[] {4}),
                                new Member("scalar", d, 136, 71, 0x5be33e3dL, "<f8", new long[] {}),
                                new Member("empty", d, 128, 70, 0xe30e895fL, "<f4", new long[] {0, 5}),
                                new Member("flags", d, 133, 73, 0x7f850ae1L, "|b1", new long[] {5}))),
                Arguments.of(
                        "positional_stored.npz",
                        544L,
                        List.of(
                                new Member("arr_0", s, 134, 134, 0x51f2cf6aL, "<i2", new long[] {3}),
                                new Member("arr_1", s, 160, 160, 0x93c7738cL, ">f8", new long[] {2, 2}))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npzFiles")
    void npzMembersMatchReadme(String file, long size, List<Member> members) throws IOException {
        Path p = gen(file);
        assertEquals(size, Files.size(p));
        try (NpzReader r = NpzReader.open(p)) {
            List<NpzEntry> entries = r.entries();
            assertEquals(members.size(), entries.size());
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                NpzEntry e = entries.get(i);
                assertEquals(m.name(), e.name());
                assertEquals(m.name() + ".npy", e.fileName());
                assertEquals(m.method(), e.compression());
                assertEquals(m.size(), e.size());
                assertEquals(m.compressed(), e.compressedSize());
                assertEquals(m.crc(), e.crc32());
                assertEquals(m.descr(), e.header().dtype().descr());
                assertArrayEquals(m.shape(), e.header().shape());
                assertEquals(m.method() == NpzCompression.STORED, e.dataOffset() > 0);
                assertEquals(r.read(m.name()), r.read(m.name() + ".npy"));
            }
            r.verify();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"eeg_stored.npz", "eeg_deflated.npz"})
    void eegNpzValuesAndWindowReads(String file) throws IOException {
        Path p = gen(file);
        NpyArray reference = Npy.read(gen("eeg_f32_4x1000.npy"));
        try (NpzReader r = NpzReader.open(p)) {
            assertEquals(reference, r.read("data"));
            assertEquals(250.0, r.read("sfreq").getDouble());
            assertArrayEquals(
                    new String[] {"Fp1", "Fp2", "C3", "C4"}, r.read("ch_names").toStringArray());
            assertArrayEquals(new long[] {0, 1, 1, 0}, r.read("labels").toLongArray());
            try (NpyReader data = r.open("data")) {
                float[] row = new float[1000];
                for (int ch = 3; ch >= 0; ch--) { // backwards: DEFLATED members restart inflation
                    data.readFloats(ch, 1, row, 0);
                    for (int j = 0; j < 1000; j++) {
                        assertEquals(reference.getFloat(ch, j), row[j]);
                    }
                }
                assertEquals(-4.7552825e-05f, data.readSlice(3, 1).getFloat(0, 999));
            }
            if (file.contains("stored")) {
                NpzEntry e = r.entry("data");
                assertEquals(reference, r.map("data"));
                // the data offset is an absolute archive offset: the raw bytes there are the array
                ByteBuffer raw = ByteBuffer.allocate(16000).order(ByteOrder.LITTLE_ENDIAN);
                try (FileChannel ch = FileChannel.open(p)) {
                    ch.read(raw, e.dataOffset());
                }
                assertEquals(reference.buffer(), raw.flip());
            } else {
                assertThrows(UnsupportedOperationException.class, () -> r.map("data"));
            }
        }
    }

    @Test
    void mixedAndPositionalNpzValues() throws IOException {
        try (NpzReader r = NpzReader.open(gen("mixed_deflated.npz"))) {
            assertEquals(Npy.read(gen("f64_fortran_3x4.npy")), r.read("fortran"));
            assertEquals(Npy.read(gen("f4_bigendian_1d.npy")), r.read("big"));
            assertEquals(3.5, r.read("scalar").getDouble());
            assertEquals(Npy.read(gen("f32_empty_0x5.npy")), r.read("empty"));
            assertArrayEquals(
                    new boolean[] {true, false, true, true, false},
                    r.read("flags").toBooleanArray());
        }
        try (NpzReader r = NpzReader.open(gen("positional_stored.npz"))) {
            assertEquals(List.of("arr_0", "arr_1"), r.names());
            assertArrayEquals(new short[] {0, 1, 2}, r.read("arr_0").toShortArray());
            assertArrayEquals(new double[] {1, 1, 1, 1}, r.map("arr_1").toDoubleArray());
            assertFalse(r.contains("arr_2"));
            java.nio.file.NoSuchFileException e =
                    assertThrows(java.nio.file.NoSuchFileException.class, () -> r.read("arr_2"));
            assertTrue(e.getMessage().contains("arr_0"), e.getMessage());
        }
    }

    @Test
    void npzFromChannelAndFromBuffer() throws IOException {
        Path p = gen("eeg_deflated.npz");
        try (NpzReader r = NpzReader.open(Files.newByteChannel(p))) {
            assertEquals(Arrays.asList("data", "sfreq", "ch_names", "labels"), r.names());
            assertEquals(Npy.read(gen("eeg_f32_4x1000.npy")), r.read("data"));
        }
        try (NpzReader r = NpzReader.open(PositionalSource.of(ByteBuffer.wrap(Files.readAllBytes(p))))) {
            assertEquals(250.0, r.read("sfreq").getDouble());
        }
    }
}
