package io.github.braingobrr.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.npy.Npy;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every HDF5 file in {@code shared/testdata/hdf5} reads with the shapes and values in its README (section 4). */
class Hdf5ReaderTest {

    private static Path h5(String name) {
        return TestData.file("hdf5/" + name);
    }

    private static NpyArray eeg() throws IOException {
        return Npy.read(TestData.file("npy/generated/eeg_f32_4x1000.npy"));
    }

    private static int superblock(Path p) throws IOException {
        return Files.readAllBytes(p)[8];
    }

    private static double sum(NpyArray a) {
        double s = 0;
        for (double v : a.toDoubleArray()) {
            s += v;
        }
        return s;
    }

    @Test
    void contiguousEarliestEegFile() throws IOException {
        Path p = h5("generated/eeg_contiguous_earliest.h5");
        assertEquals(0, superblock(p));
        try (Hdf5Reader r = Hdf5Reader.open(p)) {
            assertEquals(
                    List.of("/eeg/ch_names", "/eeg/data", "/eeg/labels"),
                    r.datasets().stream().map(Hdf5DatasetInfo::path).sorted().toList());
            Hdf5DatasetInfo info = r.info("/eeg/data");
            assertEquals(NpyDtype.FLOAT32, info.dtype());
            assertArrayEquals(new long[] {4, 1000}, info.shape());
            assertEquals("CONTIGUOUS", info.layout());
            assertEquals(List.of(), info.filters());
            assertEquals(eeg(), r.read("/eeg/data"), "bit-identical to the .npy");
            Map<String, Object> attrs = r.attributes("/eeg/data");
            assertEquals(250.0, attrs.get("sfreq"));
            assertArrayEquals(new String[] {"Fp1", "Fp2", "C3", "C4"}, (String[]) attrs.get("ch_names"));
            assertEquals("V", attrs.get("units"));
            assertEquals(250.0, r.attributes("/eeg").get("sfreq"));
            assertEquals("sub-01", r.attributes("/").get("subject"));
            NpyArray names = r.read("/eeg/ch_names");
            assertEquals(NpyDtype.bytes(3), names.dtype());
            assertArrayEquals(new String[] {"Fp1", "Fp2", "C3", "C4"}, names.toStringArray());
            assertArrayEquals(new long[] {0, 1, 1, 0}, r.read("/eeg/labels").toLongArray());
            assertEquals(NpyDtype.INT64, r.read("/eeg/labels").dtype());
        }
    }

    @Test
    void chunkedGzipLatestEegFile() throws IOException {
        Path p = h5("generated/eeg_chunked_gzip_latest.h5");
        assertEquals(3, superblock(p));
        try (Hdf5Reader r = Hdf5Reader.open(p)) {
            Hdf5DatasetInfo info = r.info("/eeg/data");
            assertEquals("CHUNKED", info.layout());
            assertArrayEquals(new int[] {1, 250}, info.chunkShape());
            assertEquals(List.of("shuffle", "deflate"), info.filters());
            assertEquals(eeg(), r.read("/eeg/data"));
            assertEquals(eeg(), r.read("/eeg/data_be"), "big-endian contiguous copy, values equal");
            assertEquals(250.0, r.attributes("/eeg/data").get("sfreq"));
            assertArrayEquals(new String[] {"Fp1", "Fp2", "C3", "C4"}, (String[])
                    r.attributes("/eeg/data").get("ch_names"));
            NpyArray raw = r.read("/eeg/int16_raw");
            assertEquals(NpyDtype.INT16, raw.dtype());
            assertArrayEquals(new int[] {4, 100}, r.info("/eeg/int16_raw").chunkShape());
            assertEquals(List.of("deflate"), r.info("/eeg/int16_raw").filters());
            short[] v = raw.toShortArray();
            long abs = 0;
            int min = 0;
            int max = 0;
            for (short s : v) {
                abs += Math.abs(s);
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
            assertEquals(1262480, abs);
            assertEquals(-500, min);
            assertEquals(500, max);
            assertArrayEquals(new int[] {0, 100, 196, 284, 360}, new int[] {
                raw.getInt(1, 0), raw.getInt(1, 1), raw.getInt(1, 2), raw.getInt(1, 3), raw.getInt(1, 4)
            });
            // a window of one channel, crossing chunk boundaries (chunks are 250 samples)
            NpyArray window = r.readSlice("/eeg/data", new long[] {2, 200}, new int[] {1, 300});
            assertArrayEquals(new long[] {1, 300}, window.shape());
            NpyArray all = eeg();
            for (int j = 0; j < 300; j++) {
                assertEquals(all.getFloat(2, 200 + j), window.getFloat(0, j));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jhdf/test_chunked_datasets_earliest.hdf5", "jhdf/test_chunked_datasets_latest.hdf5"})
    void jhdfChunkedDatasets(String file) throws IOException {
        Path p = h5(file);
        assertEquals(file.contains("earliest") ? 0 : 3, superblock(p));
        Map<String, int[]> chunks = new LinkedHashMap<>();
        chunks.put("/float/float16", new int[] {2, 1, 3});
        chunks.put("/float/float32", new int[] {2, 1, 3});
        chunks.put("/float/float64", new int[] {3, 4, 3});
        chunks.put("/int/int16", new int[] {1, 1, 3});
        chunks.put("/int/int32", new int[] {1, 3, 2});
        chunks.put("/int/int8", new int[] {5, 3, 2});
        Map<String, NpyDtype> types = Map.of(
                "/float/float16", NpyDtype.FLOAT32, // widened
                "/float/float32", NpyDtype.FLOAT32,
                "/float/float64", NpyDtype.FLOAT64,
                "/int/int16", NpyDtype.INT16,
                "/int/int32", NpyDtype.INT32,
                "/int/int8", NpyDtype.INT8);
        try (Hdf5Reader r = Hdf5Reader.open(p)) {
            assertEquals(7, r.datasets().size());
            for (Map.Entry<String, int[]> e : chunks.entrySet()) {
                Hdf5DatasetInfo info = r.info(e.getKey());
                assertArrayEquals(e.getValue(), info.chunkShape(), e.getKey());
                assertArrayEquals(new long[] {7, 5, 3}, info.shape());
                NpyArray a = r.read(e.getKey());
                assertEquals(types.get(e.getKey()), a.dtype(), e.getKey());
                assertEquals(5460, sum(a), e.getKey());
                double[] d = a.toDoubleArray();
                for (int i = 0; i < d.length; i++) {
                    assertEquals(i, d[i], e.getKey()); // arange(105)
                }
            }
            NpyArray large = r.read("/int/large_int8");
            assertArrayEquals(new int[] {1}, r.info("/int/large_int8").chunkShape());
            assertEquals(99, large.getInt(99));
            assertEquals(4950, sum(large));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jhdf/test_compressed_chunked_datasets_earliest.hdf5",
                "jhdf/test_compressed_chunked_datasets_latest.hdf5"
            })
    void jhdfCompressedDatasetsIncludingLzf(String file) throws IOException {
        try (Hdf5Reader r = Hdf5Reader.open(h5(file))) {
            List<Hdf5DatasetInfo> all = r.datasets();
            assertEquals(10, all.size());
            for (Hdf5DatasetInfo info : all) {
                assertArrayEquals(new long[] {7, 5}, info.shape());
                assertEquals(List.of(info.path().endsWith("lzf") ? "lzf" : "deflate"), info.filters(), info.path());
                NpyArray a = r.read(info.path());
                assertEquals(595, sum(a), info.path());
                assertEquals(34, a.getDouble(6, 4), info.path());
            }
        }
    }

    @Test
    void jhdfTestFileGroupsLinksAndAttributes() throws IOException {
        try (Hdf5Reader r = Hdf5Reader.open(h5("jhdf/test_file.hdf5"))) {
            List<String> paths =
                    r.datasets().stream().map(Hdf5DatasetInfo::path).toList();
            assertTrue(paths.contains("/links_group/hard_link_to_int8"), paths.toString());
            assertFalse(
                    paths.stream().anyMatch(s -> s.contains("soft_link") || s.contains("external")), paths.toString());
            for (String d : List.of("float/float32", "float/float64", "int/int16", "int/int32", "int/int8")) {
                NpyArray a = r.read("/datasets_group/" + d);
                assertArrayEquals(new long[] {21}, a.shape());
                assertEquals(-10, a.getDouble(0));
                assertEquals(10, a.getDouble(20));
                assertEquals(0, sum(a));
            }
            for (String d : List.of("3D_float32", "3D_int32")) {
                NpyArray a = r.read("/nD_Datasets/" + d);
                assertArrayEquals(new long[] {2, 5, 100}, a.shape());
                assertEquals(999, a.getDouble(1, 4, 99));
                assertEquals(499500, sum(a));
            }
            Map<String, Object> attrs = r.attributes("/datasets_group");
            assertEquals(123.456, attrs.get("float_attr"));
            assertEquals(123L, attrs.get("int_attr"));
            assertEquals("my string attribute", attrs.get("string_attr"));
        }
        try (Hdf5Reader r = Hdf5Reader.open(h5("jhdf/test_file_ext.hdf5"))) {
            assertArrayEquals(new long[] {21}, r.info("/external_dataset").shape());
            assertEquals(NpyDtype.FLOAT32, r.read("/external_dataset").dtype());
        }
        try (Hdf5Reader r = Hdf5Reader.open(h5("jhdf/test_attribute_latest.hdf5"))) {
            assertEquals(NpyDtype.FLOAT32, r.info("/hard_link_data").dtype());
            assertArrayEquals(new long[] {5}, r.read("/hard_link_data").shape());
        }
    }

    @Test
    void compactScalarEmptyAndStringDatasets() throws IOException {
        try (Hdf5Reader r = Hdf5Reader.open(h5("jhdf/test_compact_datasets_earliest.hdf5"))) {
            for (String d : List.of(
                    "/float/float16", "/float/float32", "/float/float64", "/int/int16", "/int/int32", "/int/int8")) {
                assertEquals("COMPACT", r.info(d).layout(), d);
                assertArrayEquals(new long[] {10}, r.read(d).shape(), d);
            }
            assertEquals(
                    NpyDtype.bytes(20), r.read("/string/fixed_length_ascii").dtype());
            NpyArray vlen = r.read("/string/variable_length_utf8");
            assertEquals(NpyDtype.Kind.UNICODE, vlen.dtype().kind());
            assertArrayEquals(new long[] {10}, vlen.shape());
        }
        try (Hdf5Reader r = Hdf5Reader.open(h5("jhdf/test_scalar_empty_datasets_latest.hdf5"))) {
            Map<String, NpyDtype> scalars = Map.of(
                    "/scalar_float_32",
                    NpyDtype.FLOAT32,
                    "/scalar_float_64",
                    NpyDtype.FLOAT64,
                    "/scalar_int_8",
                    NpyDtype.INT8,
                    "/scalar_int_16",
                    NpyDtype.INT16,
                    "/scalar_int_32",
                    NpyDtype.INT32,
                    "/scalar_int_64",
                    NpyDtype.INT64,
                    "/scalar_uint_8",
                    NpyDtype.UINT8,
                    "/scalar_uint_16",
                    NpyDtype.UINT16,
                    "/scalar_uint_32",
                    NpyDtype.UINT32,
                    "/scalar_uint_64",
                    NpyDtype.UINT64);
            for (Map.Entry<String, NpyDtype> e : scalars.entrySet()) {
                NpyArray a = r.read(e.getKey());
                assertEquals(0, a.rank(), e.getKey());
                assertEquals(e.getValue(), a.dtype(), e.getKey());
                assertEquals(1, a.elementCount());
            }
            assertEquals(0, r.read("/scalar_string").rank());
            Map<String, Hdf5DatasetInfo> infos =
                    r.datasets().stream().collect(Collectors.toMap(Hdf5DatasetInfo::path, i -> i));
            assertEquals(22, infos.size());
            assertTrue(infos.get("/empty_float_32").empty());
            assertFalse(infos.get("/scalar_float_32").empty());
            Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> r.read("/empty_int_16"));
            assertTrue(e.getMessage().contains("null dataspace"), e.getMessage());
        }
        try (Hdf5Reader r = Hdf5Reader.open(h5("jhdf/test_string_datasets_latest.hdf5"))) {
            assertEquals(NpyDtype.bytes(20), r.read("/fixed_length_ascii").dtype());
            assertEquals(
                    NpyDtype.bytes(15), r.read("/fixed_length_ascii_1_char").dtype());
            assertArrayEquals(new long[] {5, 7}, r.read("/variable_length_2d").shape());
            assertNull(r.info("/variable_length_ascii").dtype(), "width known only after reading");
        }
    }

    @Test
    void badInput(@TempDir Path dir) throws IOException {
        Path notH5 = dir.resolve("x.h5");
        Files.writeString(notH5, "definitely not HDF5");
        Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> Hdf5Reader.open(notH5));
        assertTrue(e.getMessage().contains(notH5.toString()), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Hdf5Reader.open(dir.resolve("missing.h5")));
        try (Hdf5Reader r = Hdf5Reader.open(h5("generated/eeg_contiguous_earliest.h5"))) {
            Hdf5Exception missing = assertThrows(Hdf5Exception.class, () -> r.read("/eeg/nope"));
            assertTrue(missing.getMessage().contains("/eeg/data"), missing.getMessage());
            Hdf5Exception group = assertThrows(Hdf5Exception.class, () -> r.read("/eeg"));
            assertTrue(group.getMessage().contains("is a group"), group.getMessage());
            assertThrows(
                    IndexOutOfBoundsException.class,
                    () -> r.readSlice("/eeg/data", new long[] {3, 900}, new int[] {2, 50}));
        }
    }
}
