package io.github.braingobrr.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NumPy itself (when {@code python3 -c "import numpy"} works; skipped with a message otherwise) loads
 * every file we write with the expected dtype, shape, order and values, and everything NumPy writes loads
 * here; {@code .npy} files are byte-identical both ways.
 */
class NumpyCrossCheckTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needNumpy() {
        PythonNumpy.assumeAvailable();
    }

    /** Every dtype in both byte orders, 0-d, empty and N-d shapes, C and Fortran order. */
    static List<NpyHeader> cases() {
        List<NpyDtype> types =
                new ArrayList<>(List.of(NpyDtype.BOOL, NpyDtype.INT8, NpyDtype.UINT8, NpyDtype.bytes(4)));
        for (NpyDtype t : List.of(
                NpyDtype.INT16,
                NpyDtype.INT32,
                NpyDtype.INT64,
                NpyDtype.UINT16,
                NpyDtype.UINT32,
                NpyDtype.UINT64,
                NpyDtype.FLOAT16,
                NpyDtype.FLOAT32,
                NpyDtype.FLOAT64,
                NpyDtype.COMPLEX64,
                NpyDtype.COMPLEX128,
                NpyDtype.unicode(5))) {
            types.add(t);
            types.add(t.withByteOrder(ByteOrder.BIG_ENDIAN));
        }
        long[][] shapes = {{}, {0}, {7}, {3, 4}, {2, 0, 3}, {2, 3, 4}, {1, 5}};
        List<NpyHeader> out = new ArrayList<>();
        for (NpyDtype t : types) {
            for (long[] s : shapes) {
                out.add(new NpyHeader(t, s, NpyOrder.C));
                if (s.length > 0) {
                    out.add(new NpyHeader(t, s, NpyOrder.FORTRAN));
                }
            }
        }
        return out;
    }

    private static String id(NpyHeader h) {
        StringJoiner s = new StringJoiner("x");
        for (long d : h.shape()) {
            s.add(Long.toString(d));
        }
        String descr = h.dtype().descr().replace('<', 'l').replace('>', 'b').replace('|', 'n');
        return descr + "_" + (h.rank() == 0 ? "scalar" : s) + "_" + (h.order() == NpyOrder.FORTRAN ? "F" : "C");
    }

    private static String specLine(String ident, NpyHeader h) {
        StringJoiner s = new StringJoiner(",");
        for (long d : h.shape()) {
            s.add(Long.toString(d));
        }
        return ident + " " + h.dtype().descr() + " " + (h.rank() == 0 ? "-" : s) + " "
                + (h.order() == NpyOrder.FORTRAN ? 1 : 0);
    }

    /** C order with rows that hold bytes: rows written can be counted. */
    private static boolean growable(NpyHeader h) {
        return h.order() == NpyOrder.C
                && h.rank() > 0
                && java.util.Arrays.stream(h.shape()).skip(1).allMatch(d -> d > 0);
    }

    private void expectAllOk(PythonNumpy.Result r, int count) {
        assertEquals(List.of(), r.failures(), "NumPy reported failures");
        assertEquals(0, r.status());
        assertEquals(count, r.oks());
    }

    @Test
    void numpyLoadsOurNpyFiles() throws Exception {
        List<String> spec = new ArrayList<>();
        for (NpyHeader h : cases()) {
            String f = id(h) + ".npy";
            Npy.write(dir.resolve(f), TestArrays.formula(h));
            spec.add(specLine(f, h));
            if (growable(h)) { // the same array, its length found at the end
                long[] row = java.util.Arrays.copyOfRange(h.shape(), 1, h.rank());
                streamInChunks(Npy.growingWriter(dir.resolve("grow_" + f), h.dtype(), row), TestArrays.formula(h));
                spec.add(specLine("grow_" + f, h));
            }
        }
        Files.write(dir.resolve("spec.txt"), spec);
        expectAllOk(
                PythonNumpy.run(
                        dir,
                        300,
                        "check",
                        dir.toString(),
                        dir.resolve("spec.txt").toString()),
                spec.size());
    }

    @Test
    void numpyLoadsOurNpzFilesWrittenEveryWay() throws Exception {
        List<NpyHeader> cases = cases();
        List<String> spec = new ArrayList<>();
        // 1: whole arrays, STORED, to a path; 2: streamed (growing where C-order) members, DEFLATED, to a path;
        // 3: streamed members alternating STORED (spooled) and DEFLATED, to a plain stream
        try (NpzWriter a = NpzWriter.create(dir.resolve("whole.npz"));
                NpzWriter b = NpzWriter.create(dir.resolve("streamed.npz"));
                OutputStream os = Files.newOutputStream(dir.resolve("stream.npz"));
                NpzWriter c = NpzWriter.create(os)) {
            for (int i = 0; i < cases.size(); i++) {
                NpyHeader h = cases.get(i);
                NpyArray arr = TestArrays.formula(h);
                String m = "m" + i;
                a.write(m, arr);
                if (growable(h)) { // rows counted when the member is closed
                    long[] row = java.util.Arrays.copyOfRange(h.shape(), 1, h.rank());
                    streamInChunks(b.growingMember(m, h.dtype(), NpzCompression.DEFLATED, row), arr);
                } else {
                    streamInChunks(b.member(m, h, NpzCompression.DEFLATED), arr);
                }
                streamInChunks(c.member(m, h, i % 2 == 0 ? NpzCompression.STORED : NpzCompression.DEFLATED), arr);
                for (String f : List.of("whole.npz", "streamed.npz", "stream.npz")) {
                    spec.add(specLine(f + ":" + m, h));
                }
            }
        }
        Files.write(dir.resolve("spec.txt"), spec);
        expectAllOk(
                PythonNumpy.run(
                        dir,
                        300,
                        "check",
                        dir.toString(),
                        dir.resolve("spec.txt").toString()),
                spec.size());
    }

    private static void streamInChunks(NpyArrayWriter w, NpyArray a) throws IOException {
        try (w) {
            ByteBuffer data = a.buffer();
            int chunk = a.dtype().itemSize() * 3;
            while (data.hasRemaining()) {
                int k = Math.min(chunk, data.remaining());
                w.writeRaw(data.slice(data.position(), k));
                data.position(data.position() + k);
            }
        }
    }

    /** NumPy writes 1-d and otherwise trivially laid out Fortran arrays with fortran_order False. */
    private static NpyHeader asNumpyWrites(NpyHeader h) {
        return h.isCContiguous() ? new NpyHeader(h.dtype(), h.shape(), NpyOrder.C) : h;
    }

    @Test
    void weReadWhatNumpyWritesByteForByte() throws Exception {
        List<NpyHeader> cases = cases();
        List<String> spec = new ArrayList<>();
        Map<String, NpyHeader> npy = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            NpyHeader h = cases.get(i);
            String f = id(h) + ".npy";
            npy.put(f, h);
            spec.add(specLine(f, h));
            spec.add(specLine("np_stored.npz:m" + i, h));
            spec.add(specLine("np_c.npz:m" + i, h));
        }
        Path spec0 = dir.resolve("spec.txt");
        Files.write(spec0, spec);
        expectAllOk(PythonNumpy.run(dir, 300, "write", dir.toString(), spec0.toString()), spec.size());
        for (Map.Entry<String, NpyHeader> e : npy.entrySet()) {
            Path p = dir.resolve(e.getKey());
            NpyArray expected = TestArrays.formula(asNumpyWrites(e.getValue()));
            assertEquals(expected, Npy.read(p), e.getKey());
            assertEquals(expected, Npy.map(p), e.getKey());
            Path ours = dir.resolve("ours.npy");
            Npy.write(ours, expected);
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(ours), "our bytes = NumPy's for " + e.getKey());
        }
        for (String archive : List.of("np_stored.npz", "np_c.npz")) {
            try (NpzReader r = NpzReader.open(dir.resolve(archive))) {
                assertEquals(cases.size(), r.entries().size());
                for (int i = 0; i < cases.size(); i++) {
                    NpyArray expected = TestArrays.formula(asNumpyWrites(cases.get(i)));
                    assertEquals(expected, r.read("m" + i), archive + " m" + i);
                    NpzEntry entry = r.entry("m" + i);
                    assertEquals(
                            archive.equals("np_c.npz") ? NpzCompression.DEFLATED : NpzCompression.STORED,
                            entry.compression());
                    if (entry.compression() == NpzCompression.STORED) {
                        assertEquals(expected, r.map("m" + i));
                    }
                }
                r.verify();
            }
        }
    }
}
