package io.github.braingobrr.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.npy.Npy;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.testdata.Python;
import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written with jhdf's writer read back in jhdf (and, when installed, in h5py) with equal values. */
class Hdf5WriterTest {
    @TempDir
    Path dir;

    private static NpyArray eeg() throws IOException {
        return Npy.read(TestData.file("npy/generated/eeg_f32_4x1000.npy"));
    }

    private Path writeEegFile() throws IOException {
        Path p = dir.resolve("out.h5");
        try (Hdf5Writer w = Hdf5Writer.create(p)) {
            w.dataset(
                    "/eeg/data",
                    eeg(),
                    Map.of("sfreq", 250.0, "ch_names", new String[] {"Fp1", "Fp2", "C3", "C4"}, "units", "V"));
            w.dataset("/eeg/labels", NpyArray.of(new long[] {0, 1, 1, 0}), Map.of(), null, 0);
            w.dataset(
                    "/eeg/raw16",
                    NpyArray.of(new short[] {-500, 0, 500, 7, 8, 9}, 2, 3),
                    Map.of(),
                    new int[] {1, 3},
                    6);
            w.dataset(
                    "/eeg/u8",
                    NpyArray.wrap(NpyHeader.of(NpyDtype.UINT8, 3), ByteBuffer.wrap(new byte[] {0, 7, (byte) 200})),
                    Map.of());
            w.dataset("/eeg/flags", NpyArray.of(new boolean[] {true, false, true}), Map.of());
            w.dataset("/eeg/names", NpyArray.ofStrings(new String[] {"EEG Fp1", "C3"}), Map.of());
            w.dataset("/meta/scalar", NpyArray.scalar(3.5), Map.of("n", 7L, "w", NpyArray.of(new double[] {1, 2})));
            w.attributes("/", Map.of("subject", "sub-01"));
            w.attributes("/eeg", Map.of("sfreq", 250.0));
        }
        return p;
    }

    @Test
    void writtenFileReadsBackInJhdf() throws IOException {
        Path p = writeEegFile();
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(p), s.toList(), "no temporary file left");
        }
        try (Hdf5Reader r = Hdf5Reader.open(p)) {
            Hdf5DatasetInfo info = r.info("/eeg/data");
            assertEquals("CHUNKED", info.layout());
            assertArrayEquals(new int[] {1, 1000}, info.chunkShape());
            assertEquals(List.of("shuffle", "deflate"), info.filters());
            assertEquals(eeg(), r.read("/eeg/data"));
            Map<String, Object> attrs = r.attributes("/eeg/data");
            assertEquals(250.0, attrs.get("sfreq"));
            assertArrayEquals(new String[] {"Fp1", "Fp2", "C3", "C4"}, (String[]) attrs.get("ch_names"));
            assertEquals("V", attrs.get("units"));
            assertEquals("CONTIGUOUS", r.info("/eeg/labels").layout());
            assertArrayEquals(new long[] {0, 1, 1, 0}, r.read("/eeg/labels").toLongArray());
            assertArrayEquals(
                    new short[] {-500, 0, 500, 7, 8, 9}, r.read("/eeg/raw16").toShortArray());
            assertArrayEquals(new int[] {1, 3}, r.info("/eeg/raw16").chunkShape());
            NpyArray u8 = r.read("/eeg/u8");
            assertEquals(NpyDtype.UINT8, u8.dtype());
            assertArrayEquals(new int[] {0, 7, 200}, u8.toIntArray());
            assertArrayEquals(
                    new boolean[] {true, false, true}, r.read("/eeg/flags").toBooleanArray());
            assertArrayEquals(
                    new String[] {"EEG Fp1", "C3"}, r.read("/eeg/names").toStringArray());
            assertEquals(3.5, r.read("/meta/scalar").getDouble());
            assertEquals(7L, r.attributes("/meta/scalar").get("n"));
            assertArrayEquals(
                    new double[] {1, 2}, (double[]) r.attributes("/meta/scalar").get("w"));
            assertEquals("sub-01", r.attributes("/").get("subject"));
            assertEquals(250.0, r.attributes("/eeg").get("sfreq"));
        }
    }

    @Test
    void h5pyReadsTheWrittenFile() throws Exception {
        Assumptions.assumeTrue(Python.has("h5py"), "python3 with h5py not found: h5py cross-check skipped");
        Path p = writeEegFile();
        String script = String.join(
                "\n",
                "import sys, h5py, numpy as np",
                "f = h5py.File(sys.argv[1], 'r')",
                "d = f['/eeg/data']",
                "ref = np.load(sys.argv[2])",
                "ok = d.dtype == np.float32 and d.shape == (4, 1000) and np.array_equal(d[...], ref)",
                "ok = ok and d.compression == 'gzip' and d.shuffle and d.attrs['sfreq'] == 250.0",
                "ok = ok and list(f['/eeg/labels'][...]) == [0, 1, 1, 0] and f.attrs['subject'] in ('sub-01', b'sub-01')",
                "print('OK' if ok else 'FAIL')");
        Process proc = new ProcessBuilder(
                        "python3",
                        "-c",
                        script,
                        p.toString(),
                        TestData.file("npy/generated/eeg_f32_4x1000.npy").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
        assertEquals("OK", out.strip());
    }

    @Test
    void unsupportedDataIsRefusedAndNothingIsLeftBehind() throws IOException {
        Path p = dir.resolve("bad.h5");
        Hdf5Writer w = Hdf5Writer.create(p);
        IllegalArgumentException complex = assertThrows(
                IllegalArgumentException.class,
                () -> w.dataset("/c", Npy.read(TestData.file("npy/generated/c64_1d.npy")), Map.of()));
        assertTrue(complex.getMessage().contains("complex"), complex.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> w.dataset("/e", Npy.read(TestData.file("npy/generated/f32_empty_0x5.npy")), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> w.dataset("no-slash", NpyArray.scalar(1.0), Map.of()));
        assertThrows(
                IllegalArgumentException.class, () -> w.dataset("/x", NpyArray.of(new float[] {1}), Map.of(), null, 4));
        w.dataset("/ok", NpyArray.of(new float[] {1, 2}), Map.of());
        Hdf5Exception attr = assertThrows(
                Hdf5Exception.class,
                () -> w.dataset("/bad_attr", NpyArray.of(new float[] {1}), Map.of("x", new Object())));
        assertTrue(attr.getMessage().contains("/bad_attr"), attr.getMessage());
        Hdf5Exception closing = assertThrows(Hdf5Exception.class, w::close);
        assertTrue(closing.getMessage().contains("not written"), closing.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
        assertFalse(Files.exists(p));
    }
}
