package io.github.braingobrr.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated, lying and corrupt {@code .npy} and {@code .npz} files fail with a specific exception whose
 * message names the file and what is wrong, never with an IndexOutOfBounds or OutOfMemoryError.
 */
class NpyBadInputTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String testFile) throws IOException {
        return Files.readAllBytes(TestData.file(testFile));
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static <T extends Throwable> T fails(Class<T> type, Executable e, String... fragments) {
        T t = assertThrows(type, e);
        for (String f : fragments) {
            assertTrue(t.getMessage().contains(f), "'" + f + "' not in: " + t.getMessage());
        }
        return t;
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] ok = bytes("npy/generated/f32_c_2x3.npy");
        for (int len : new int[] {0, 5, 9, 11, 50, 127}) {
            Path p = file("cut" + len + ".npy", Arrays.copyOf(ok, len));
            fails(NpyFormatException.class, () -> Npy.read(p), p.toString(), "truncated");
            fails(
                    NpyFormatException.class,
                    () -> Npy.read(new ByteArrayInputStream(Arrays.copyOf(ok, len))),
                    "truncated");
        }
    }

    @Test
    void headerLengthPastTheEndOfTheFile() throws IOException {
        byte[] b = bytes("npy/generated/f32_c_2x3.npy");
        b[8] = (byte) 0xe8; // header length 1000 in a 152-byte file
        b[9] = 0x03;
        Path p = file("long.npy", b);
        fails(NpyFormatException.class, () -> Npy.read(p), p.toString(), "offset 8", "1010", "152 bytes");
        fails(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(b)), "truncated");
    }

    @Test
    void implausibleVersionTwoHeaderLength() throws IOException {
        byte[] b = bytes("npy/generated/f32_c_2x3_v2.npy");
        b[8] = (byte) 0xff;
        b[9] = (byte) 0xff;
        b[10] = (byte) 0xff;
        b[11] = (byte) 0x7f;
        Path p = file("v2.npy", b);
        fails(NpyFormatException.class, () -> Npy.read(p), "implausible");
        // a stream must not try to allocate 2 GB for it either
        fails(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(b)), "implausible");
    }

    @Test
    void dataShorterThanTheShapeNeeds() throws IOException {
        byte[] ok = bytes("npy/generated/f32_c_2x3.npy");
        Path p = file("short.npy", Arrays.copyOf(ok, 140));
        fails(NpyFormatException.class, () -> Npy.read(p), p.toString(), "promises 24 data bytes", "only 12");
        fails(NpyFormatException.class, () -> Npy.map(p), "promises 24");
        fails(
                NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(Arrays.copyOf(ok, 140))),
                "truncated",
                "24");
    }

    private static byte[] withHeader(String dict, int dataBytes) {
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(HeaderCodec.MAGIC)
                .put((byte) 1)
                .put((byte) 0)
                .putShort((short) text.length)
                .put(text);
        return b.array();
    }

    @Test
    void hugeShapeWithLittleDataFailsBeforeAllocating() throws IOException {
        byte[] b = withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }\n", 64);
        Path p = file("huge.npy", b);
        fails(NpyFormatException.class, () -> Npy.read(p), "promises 8000000000000 data bytes", "only 64");
        fails(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(b)), "truncated");
        byte[] big = withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000,), }\n", 16);
        fails(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(big)), "400000000", "16");
    }

    @Test
    void unknownAndUnsupportedDtypes() throws IOException {
        String[][] cases = {
            {"<q4", "unknown dtype"},
            {"<f16", "long double"},
            {"<M8[ns]", "datetime64"},
            {"|V8", "void"},
            {"|O", "object array"}
        };
        for (String[] c : cases) {
            Path p = file(
                    "t.npy", withHeader("{'descr': '" + c[0] + "', 'fortran_order': False, 'shape': (1,), }\n", 16));
            fails(NpyFormatException.class, () -> Npy.read(p), p.toString(), c[1]);
        }
        Path s = file(
                "s.npy",
                withHeader(
                        "{'descr': [('x', '<f4'), ('y', '<i2')], 'fortran_order': False," + " 'shape': (1,), }\n", 6));
        fails(NpyFormatException.class, () -> Npy.read(s), "structured dtype");
    }

    @Test
    void notANpyFile() throws IOException {
        Path p = file("x.npy", "this is not numpy data at all".getBytes(StandardCharsets.US_ASCII));
        fails(NpyFormatException.class, () -> Npy.read(p), "not a .npy file", "magic");
        byte[] b = bytes("npy/generated/f32_c_2x3.npy");
        b[6] = 4;
        Path v = file("v4.npy", b);
        fails(NpyFormatException.class, () -> Npy.read(v), "version 4.0", "offset 6");
    }

    @Test
    void slicesOutsideTheArray() throws IOException {
        try (NpyReader r = Npy.open(TestData.file("npy/generated/eeg_f32_4x1000.npy"))) {
            assertThrows(IndexOutOfBoundsException.class, () -> r.readSlice(3, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> r.readSlice(-1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> r.readFloats(0, 1, new float[999], 0));
            assertThrows(IllegalArgumentException.class, () -> r.readSlice(0, 1, ByteBuffer.allocate(10)));
        }
        try (NpyReader r = Npy.open(TestData.file("npy/generated/f8_0d_scalar.npy"))) {
            fails(IllegalStateException.class, () -> r.readSlice(0, 1), "0-d");
        }
    }

    @Test
    void wrongAccessorsExplainWhatToUse() throws IOException {
        NpyArray c = Npy.read(TestData.file("npy/generated/c64_1d.npy"));
        fails(UnsupportedOperationException.class, c::toFloatArray, "<c8", "toComplexArray");
        NpyArray f = Npy.read(TestData.file("npy/generated/f32_c_2x3.npy"));
        fails(UnsupportedOperationException.class, f::toIntArray, "<f4", "toFloatArray");
        assertThrows(IndexOutOfBoundsException.class, () -> f.getFloat(2, 0));
        assertThrows(IllegalArgumentException.class, () -> f.getFloat(1));
        NpyArray u8 = Npy.read(TestData.file("npy/generated/i64_2x2.npy"));
        fails(UnsupportedOperationException.class, u8::toIntArray, "<i8", "toLongArray");
    }

    // ------------------------------------------------------------------ NPZ

    @Test
    void wrongCrcIsReported() throws IOException {
        byte[] b = bytes("npy/generated/eeg_stored.npz");
        Path clean = file("clean.npz", b);
        long dataOffset;
        try (NpzReader r = NpzReader.open(clean)) {
            dataOffset = r.entry("data").dataOffset();
        }
        b[(int) dataOffset + 1000] ^= 0x40; // one bit of one float
        Path p = file("flipped.npz", b);
        try (NpzReader r = NpzReader.open(p)) {
            NpzChecksumException e = fails(
                    NpzChecksumException.class,
                    () -> r.read("data"),
                    p.toString(),
                    "data.npy",
                    "0xd3fbce94",
                    "rebuild");
            assertEquals(0xd3fbce94L, e.expected());
            assertTrue(e.actual() != e.expected());
            fails(NpzChecksumException.class, r::verify, "data.npy");
            assertEquals(250.0, r.read("sfreq").getDouble(), "other members are fine");
            try (NpyReader m = r.open("data")) { // a partial read cannot check the CRC, and does not pretend to
                float[] row = new float[1000];
                m.readFloats(0, 1, row, 0);
                float clean0;
                try (NpzReader c = NpzReader.open(clean)) {
                    clean0 = c.read("data").getFloat(0, 250);
                }
                assertTrue(row[250] != clean0, "the flipped bit is visible in the slice");
            }
        }
    }

    @Test
    void corruptDeflateDataIsReported() throws IOException {
        byte[] b = bytes("npy/generated/eeg_deflated.npz");
        Path clean = file("clean.npz", b);
        long offset;
        try (NpzReader r = NpzReader.open(clean)) {
            offset = r.entry("data").offset();
        }
        for (int i = 0; i < 40; i++) {
            b[(int) offset + 200 + i] = (byte) (0x5a ^ i);
        }
        Path p = file("bad.npz", b);
        try (NpzReader r = NpzReader.open(p)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> r.read("data"));
            assertTrue(e.getMessage().contains("data.npy"), e.getMessage());
        }
    }

    @Test
    void truncatedArchives() throws IOException {
        byte[] b = bytes("npy/generated/eeg_stored.npz");
        for (int len : new int[] {b.length / 2, b.length - 1, b.length - 22, 100}) {
            Path p = file("t" + len + ".npz", Arrays.copyOf(b, len));
            fails(NpyFormatException.class, () -> NpzReader.open(p).close(), p.toString(), "truncated");
        }
        Path tiny = file("tiny.npz", new byte[] {'P', 'K'});
        fails(NpyFormatException.class, () -> NpzReader.open(tiny).close(), "only 2 bytes");
        Path text = file("text.npz", new byte[4000]);
        fails(NpyFormatException.class, () -> NpzReader.open(text).close(), "not a .npz");
    }

    @Test
    void directoryThatLies() throws IOException {
        byte[] ok = bytes("npy/generated/eeg_stored.npz");
        // EOCD at 17062 (README): central directory offset at +16, size at +12
        byte[] b = ok.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(17062 + 16, 16900);
        Path p = file("cd.npz", b);
        fails(NpyFormatException.class, () -> NpzReader.open(p).close(), "central directory", "corrupt");

        byte[] c = ok.clone(); // first member's local header signature smashed
        c[0] = 'X';
        Path q = file("loc.npz", c);
        try (NpzReader r = NpzReader.open(q)) {
            fails(NpyFormatException.class, () -> r.read("data"), "no local file header", "data.npy");
        }

        byte[] d = ok.clone(); // central directory entry 0 claims a huge compressed size
        ByteBuffer.wrap(d)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(16839 + 20, 0x7ffffff0)
                .putInt(16839 + 24, 0x7ffffff0);
        Path s = file("size.npz", d);
        fails(NpyFormatException.class, () -> NpzReader.open(s).close(), "data.npy", "past the central directory");

        byte[] e = ok.clone(); // encrypted flag
        ByteBuffer.wrap(e).order(ByteOrder.LITTLE_ENDIAN).putShort(16839 + 8, (short) 1);
        Path enc = file("enc.npz", e);
        fails(NpyFormatException.class, () -> NpzReader.open(enc).close(), "encrypted");

        byte[] m = ok.clone(); // method 12 (bzip2)
        ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putShort(16839 + 10, (short) 12);
        Path bz = file("bz.npz", m);
        fails(NpyFormatException.class, () -> NpzReader.open(bz).close(), "method 12");
    }

    @Test
    void everyTruncationOfEveryTestFileFailsCleanly() throws IOException {
        String[] files = {
            "npy/generated/eeg_stored.npz",
            "npy/generated/mixed_deflated.npz",
            "npy/generated/u5_strings.npy",
            "npy/generated/f64_fortran_3x4.npy",
            "npy/numpy-repo/py3-objarr.npz"
        };
        for (String f : files) {
            byte[] b = bytes(f);
            for (int len = 0; len < b.length; len += Math.max(1, b.length / 300)) {
                byte[] cut = Arrays.copyOf(b, len);
                readEverything(cut, f.endsWith(".npz"));
            }
        }
    }

    /** Reads everything a file offers; only IOExceptions (usually NpyFormatException) may come out. */
    static void readEverything(byte[] content, boolean npz) {
        try {
            if (npz) {
                try (NpzReader r = NpzReader.open(PositionalSource.of(ByteBuffer.wrap(content)))) {
                    for (String n : r.names()) {
                        try {
                            r.read(n);
                        } catch (IOException e) {
                            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                        }
                    }
                    r.verify();
                }
            } else {
                Npy.read(new ByteArrayInputStream(content));
                try (NpyReader r = Npy.open(PositionalSource.of(ByteBuffer.wrap(content)))) {
                    r.read();
                }
            }
        } catch (IOException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an explained failure");
        }
    }

    @Test
    void streamReadDoesNotConsumePastTheArray() throws IOException {
        byte[] a = bytes("npy/generated/i16_1d.npy");
        byte[] b = bytes("npy/generated/u8_1d.npy");
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        try (InputStream in = new ByteArrayInputStream(both)) {
            assertEquals(Npy.read(TestData.file("npy/generated/i16_1d.npy")), Npy.read(in));
            assertEquals(Npy.read(TestData.file("npy/generated/u8_1d.npy")), Npy.read(in));
            assertEquals(-1, in.read());
        }
    }
}
