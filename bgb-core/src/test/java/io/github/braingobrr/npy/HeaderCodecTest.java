package io.github.braingobrr.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dict-literal parser, header interpretation and the NumPy header layout. */
class HeaderCodecTest {

    @Test
    void parsesNumpysHeaderDicts() throws Exception {
        Object v = PyLiteral.parse("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 1000), }          \n");
        Map<?, ?> m = assertInstanceOf(Map.class, v);
        assertEquals("<f4", m.get("descr"));
        assertEquals(Boolean.FALSE, m.get("fortran_order"));
        assertEquals(new PyLiteral.Tuple(List.of(4L, 1000L)), m.get("shape"));
        assertEquals(List.of("descr", "fortran_order", "shape"), List.copyOf(m.keySet()));
    }

    @Test
    void parsesPythonLiteralVariants() throws Exception {
        assertEquals(new PyLiteral.Tuple(List.of(2L)), PyLiteral.parse("(2L,)"));
        assertEquals(new PyLiteral.Tuple(List.of()), PyLiteral.parse("()"));
        assertEquals(new PyLiteral.Tuple(List.of(5L)), PyLiteral.parse("( 5 , )"));
        assertEquals(5L, PyLiteral.parse("(5)"), "a parenthesized value is not a tuple");
        assertEquals(
                List.of(1L, List.of(), new PyLiteral.Tuple(List.of("a", -3L))), PyLiteral.parse("[1, [], ('a', -3)]"));
        assertEquals("<f8", PyLiteral.parse("u'<f8'"));
        assertEquals("it's", PyLiteral.parse("\"it's\""));
        assertEquals("a'b\\c\u00e9\n", PyLiteral.parse("'a\\'b\\\\c\\xe9\\n'"));
        assertEquals(PyLiteral.None.NONE, PyLiteral.parse("None"));
        assertEquals(Map.of("a", true), PyLiteral.parse("{\"a\":True}"));
        assertEquals(Long.MIN_VALUE, PyLiteral.parse("-9223372036854775808"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'a': 1} x",
                "{'a': 1",
                "{'a' 1}",
                "{'a': 1 'b': 2}",
                "{1: 2}",
                "{'a': 1, 'a': 2}",
                "'unterminated",
                "(2.0,)",
                "(1e3,)",
                "(2j,)",
                "np.float32",
                "2+3",
                "(01,)",
                "(1_000,)",
                "99999999999999999999",
                "'bad \\q escape'",
                "",
                "true",
                "[1, 2",
                "(1 2)",
            })
    void rejectsWhatIsNotASimpleLiteral(String text) {
        PyLiteral.SyntaxException e = assertThrows(PyLiteral.SyntaxException.class, () -> PyLiteral.parse(text));
        assertTrue(e.offset() >= 0 && e.offset() <= text.length(), e.offset() + " for " + text);
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "(".repeat(100) + ")".repeat(100);
        PyLiteral.SyntaxException e = assertThrows(PyLiteral.SyntaxException.class, () -> PyLiteral.parse(deep));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    private static ByteBuffer v1(String dict) {
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(HeaderCodec.MAGIC)
                .put((byte) 1)
                .put((byte) 0)
                .putShort((short) text.length)
                .put(text);
        return b.flip();
    }

    @Test
    void interpretsHeaders() throws Exception {
        NpyHeader h = HeaderCodec.decode(v1("{'descr': '>i2', 'fortran_order': True, 'shape': (3, 0, 2), }\n"), "t")
                .header();
        assertEquals(
                new NpyHeader(
                        NpyDtype.INT16.withByteOrder(ByteOrder.BIG_ENDIAN), new long[] {3, 0, 2}, NpyOrder.FORTRAN),
                h);
        assertEquals(0, h.dataBytes());
        // keys in any order, double quotes, no trailing comma
        NpyHeader h2 = HeaderCodec.decode(v1("{\"shape\": (), \"descr\": \"|b1\", \"fortran_order\": False}"), "t")
                .header();
        assertEquals(NpyHeader.of(NpyDtype.BOOL), h2);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                "{'descr': '<f4', 'fortran_order': False} => missing [shape]",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1} => unexpected [extra]",
                "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,)} => structured dtype",
                "{'descr': '|O', 'fortran_order': False, 'shape': (1,)} => object array",
                "{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (1,)} => datetime64",
                "{'descr': '|V8', 'fortran_order': False, 'shape': (1,)} => void",
                "{'descr': '<f16', 'fortran_order': False, 'shape': (1,)} => long double",
                "{'descr': '<q4', 'fortran_order': False, 'shape': (1,)} => unknown dtype",
                "{'descr': '<i3', 'fortran_order': False, 'shape': (1,)} => 3-byte",
                "{'descr': '|S0', 'fortran_order': False, 'shape': (1,)} => invalid item size",
                "{'descr': 4, 'fortran_order': False, 'shape': (1,)} => must be a dtype string",
                "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)} => True or False",
                "{'descr': '<f4', 'fortran_order': False, 'shape': [1]} => must be a tuple",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)} => non-negative",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4)} => 2^63 bytes",
                "['descr'] => not a dict",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)} junk => malformed header dict at offset 68",
            })
    void badHeadersAreExplained(String dict, String expected) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> HeaderCodec.decode(v1(dict), "f.npy"));
        assertTrue(e.getMessage().startsWith("f.npy"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void encodesAsNumpyDoes() throws Exception {
        for (long[] shape : new long[][] {{}, {0}, {5}, {2, 3}, {123456789012L, 1}, {1, 2, 3, 4, 5, 6, 7, 8}}) {
            for (NpyOrder order : NpyOrder.values()) {
                NpyHeader h = new NpyHeader(NpyDtype.unicode(7).withByteOrder(ByteOrder.BIG_ENDIAN), shape, order);
                byte[] b = HeaderCodec.encode(h);
                assertEquals(0, b.length % 64, "data aligned to 64 bytes");
                assertEquals('\n', b[b.length - 1]);
                assertEquals(1, b[6]);
                assertEquals(b.length - 10, (b[8] & 0xff) | (b[9] & 0xff) << 8);
                HeaderCodec.Parsed p = HeaderCodec.decode(ByteBuffer.wrap(b), "t");
                assertEquals(h, p.header());
                assertEquals(b.length, p.dataOffset());
                String text = new String(b, 10, b.length - 10, StandardCharsets.ISO_8859_1);
                assertTrue(
                        text.startsWith(
                                "{'descr': '>U7', 'fortran_order': " + (order == NpyOrder.FORTRAN ? "True" : "False")
                                        + ", 'shape': " + h.shapeString() + ", }"),
                        text);
            }
        }
    }

    @Test
    void hugeHeadersUseVersionTwo() throws Exception {
        long[] shape = new long[30000];
        Arrays.fill(shape, 1);
        NpyHeader h = NpyHeader.of(NpyDtype.FLOAT32, shape);
        byte[] b = HeaderCodec.encode(h);
        assertEquals(2, b[6]);
        assertEquals(0, b.length % 64);
        HeaderCodec.Parsed p = HeaderCodec.decode(ByteBuffer.wrap(b), "t");
        assertEquals(2, p.major());
        assertArrayEquals(shape, p.header().shape());
    }

    @Test
    void versionThreeHeadersAreUtf8() throws Exception {
        byte[] text = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(12 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(HeaderCodec.MAGIC)
                .put((byte) 3)
                .put((byte) 0)
                .putInt(text.length)
                .put(text)
                .flip();
        assertEquals(
                NpyHeader.of(NpyDtype.FLOAT32, 2), HeaderCodec.decode(b, "t").header());
        b.put(20, (byte) 0xff); // not UTF-8
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> HeaderCodec.decode(b, "t"));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "<f4, FLOAT, 4, LITTLE_ENDIAN, <f4",
        ">f8, FLOAT, 8, BIG_ENDIAN, >f8",
        "|b1, BOOL, 1, LITTLE_ENDIAN, |b1",
        "?, BOOL, 1, LITTLE_ENDIAN, |b1",
        "<i1, INT, 1, LITTLE_ENDIAN, |i1",
        ">u1, UINT, 1, LITTLE_ENDIAN, |u1",
        ">c16, COMPLEX, 16, BIG_ENDIAN, >c16",
        "<U6, UNICODE, 24, LITTLE_ENDIAN, <U6",
        ">U1, UNICODE, 4, BIG_ENDIAN, >U1",
        "|S3, BYTES, 3, LITTLE_ENDIAN, |S3",
        ">S3, BYTES, 3, LITTLE_ENDIAN, |S3",
        "<f2, FLOAT, 2, LITTLE_ENDIAN, <f2",
    })
    void dtypes(String descr, NpyDtype.Kind kind, int size, String order, String canonical) {
        NpyDtype t = NpyDtype.parse(descr);
        assertEquals(kind, t.kind());
        assertEquals(size, t.itemSize());
        assertEquals(order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, t.byteOrder());
        assertEquals(canonical, t.descr());
        assertEquals(t, NpyDtype.parse(t.descr()));
    }
}
