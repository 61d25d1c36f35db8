package io.github.braingobrr.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes the {@code .npy} preamble and header: magic {@code \x93NUMPY}, version, header length,
 * and the Python dict literal with {@code descr}, {@code fortran_order} and {@code shape}.
 */
final class HeaderCodec {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy aligns the start of the data to this many bytes. */
    static final int ALIGN = 64;
    /** NumPy leaves room for the growth axis to reach this many digits (see numpy.lib.format). */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Headers larger than this are not real NumPy headers (NumPy itself refuses more than 10000 by default). */
    static final long MAX_HEADER_BYTES = 1 << 20;

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private HeaderCodec() {}

    /** A parsed header and where the data starts. */
    record Parsed(NpyHeader header, int major, long dataOffset) {}

    static boolean hasMagic(ByteBuffer b) {
        if (b.remaining() < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(b.position() + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The total header length (preamble + dict) from the first bytes of a file.
     *
     * @param start at least the first 12 bytes (magic, version, length), or the whole file if it is shorter
     * @param fileLength the length of the whole source, or -1 if unknown (a stream)
     */
    static long headerEnd(ByteBuffer start, long fileLength, String name) throws NpyFormatException {
        ByteBuffer b = start.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 10) {
            throw new NpyFormatException(name + " is truncated: a .npy file starts with at least 10 header bytes,"
                    + " found " + b.remaining());
        }
        if (!hasMagic(b)) {
            throw new NpyFormatException(
                    name + " is not a .npy file: expected the magic \\x93NUMPY at offset 0," + " found " + hex(b, 6));
        }
        int major = b.get(b.position() + 6) & 0xff;
        int minor = b.get(b.position() + 7) & 0xff;
        long headerLength;
        int preamble;
        if (major == 1 && minor == 0) {
            headerLength = b.getShort(b.position() + 8) & 0xffff;
            preamble = 10;
        } else if ((major == 2 || major == 3) && minor == 0) {
            if (b.remaining() < 12) {
                throw new NpyFormatException(name + " is truncated in its .npy preamble (version " + major
                        + ".0 needs 12 bytes, found " + b.remaining() + ")");
            }
            headerLength = b.getInt(b.position() + 8) & 0xffffffffL;
            preamble = 12;
        } else {
            throw new NpyFormatException(name + ": unsupported .npy format version " + major + "." + minor
                    + " at offset 6 (bgb reads 1.0, 2.0 and 3.0)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException(name + ": header length " + headerLength + " at offset 8 is implausible"
                    + " (more than " + MAX_HEADER_BYTES + " bytes); the file is corrupt");
        }
        long end = preamble + headerLength;
        if (fileLength >= 0 && end > fileLength) {
            throw new NpyFormatException(name + " is truncated: the header length field at offset 8 says the"
                    + " header ends at byte " + end + " but the file has only " + fileLength + " bytes");
        }
        return end;
    }

    /**
     * Parses the complete header.
     *
     * @param b the bytes from the start of the file to at least {@link #headerEnd}
     */
    static Parsed decode(ByteBuffer b, String name) throws NpyFormatException {
        ByteBuffer in = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long end = headerEnd(in, -1, name);
        if (in.remaining() < end) {
            throw new NpyFormatException(
                    name + " is truncated: the header needs " + end + " bytes, found " + in.remaining());
        }
        int major = in.get(in.position() + 6) & 0xff;
        int preamble = major == 1 ? 10 : 12;
        ByteBuffer dictBytes = in.slice(in.position() + preamble, (int) end - preamble);
        String text;
        if (major == 3) {
            try {
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(dictBytes)
                        .toString();
            } catch (CharacterCodingException e) {
                throw new NpyFormatException(name + ": the version 3.0 header at offset 12 is not valid UTF-8", e);
            }
        } else {
            text = StandardCharsets.ISO_8859_1.decode(dictBytes).toString();
        }
        NpyHeader header = interpret(text, preamble, name);
        return new Parsed(header, major, end);
    }

    private static NpyHeader interpret(String text, int textOffset, String name) throws NpyFormatException {
        Object literal;
        try {
            literal = PyLiteral.parse(text);
        } catch (PyLiteral.SyntaxException e) {
            throw new NpyFormatException(name + ": malformed header dict at offset " + (textOffset + e.offset()) + ": "
                    + e.getMessage() + " (header: " + abbreviate(text) + ")");
        }
        if (!(literal instanceof Map<?, ?> map)) {
            throw new NpyFormatException(
                    name + ": the header at offset " + textOffset + " is not a dict: " + abbreviate(text));
        }
        if (!map.keySet().equals(KEYS)) {
            Set<Object> missing = new TreeSet<>(KEYS);
            missing.removeAll(map.keySet());
            Set<Object> extra = new TreeSet<>();
            for (Object k : map.keySet()) {
                if (!KEYS.contains(k)) {
                    extra.add(k);
                }
            }
            throw new NpyFormatException(name + ": the header dict must have exactly the keys descr, fortran_order"
                    + " and shape" + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; unexpected " + extra) + " (header: " + abbreviate(text) + ")");
        }
        Object descr = map.get("descr");
        NpyDtype dtype;
        if (descr instanceof String s) {
            try {
                dtype = NpyDtype.parse(s);
            } catch (IllegalArgumentException e) {
                throw new NpyFormatException(name + ": " + e.getMessage());
            }
        } else if (descr instanceof List<?> || descr instanceof PyLiteral.Tuple) {
            throw new NpyFormatException(name + ": structured dtype " + abbreviate(String.valueOf(descr))
                    + " (a record with named fields) is not supported; save each field as its own array");
        } else {
            throw new NpyFormatException(name + ": 'descr' must be a dtype string, found " + descr);
        }
        Object fortran = map.get("fortran_order");
        if (!(fortran instanceof Boolean f)) {
            throw new NpyFormatException(name + ": 'fortran_order' must be True or False, found " + fortran);
        }
        Object shapeValue = map.get("shape");
        if (!(shapeValue instanceof PyLiteral.Tuple tuple)) {
            throw new NpyFormatException(name + ": 'shape' must be a tuple of integers, found " + shapeValue);
        }
        long[] shape = new long[tuple.items().size()];
        for (int i = 0; i < shape.length; i++) {
            Object d = tuple.items().get(i);
            if (!(d instanceof Long l) || l < 0) {
                throw new NpyFormatException(name + ": dimension " + i + " of 'shape' " + abbreviate(text)
                        + " is not a non-negative integer: " + d);
            }
            shape[i] = l;
        }
        try {
            return new NpyHeader(dtype, shape, f ? NpyOrder.FORTRAN : NpyOrder.C);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(name + ": " + e.getMessage());
        }
    }

    /**
     * The preamble and header exactly as NumPy 2 writes them: keys sorted, space padding that leaves room for
     * the growth axis, a final newline, the data aligned to 64 bytes; version 1.0 unless the header needs
     * more than 65535 bytes.
     */
    static byte[] encode(NpyHeader h) {
        StringBuilder dict = new StringBuilder(128);
        dict.append("{'descr': '").append(h.dtype().descr()).append("', 'fortran_order': ");
        dict.append(h.order() == NpyOrder.FORTRAN ? "True" : "False");
        dict.append(", 'shape': ").append(h.shapeString()).append(", }");
        if (h.rank() > 0) {
            long growth = h.dim(h.order() == NpyOrder.FORTRAN ? h.rank() - 1 : 0);
            dict.append(" "
                    .repeat(Math.max(
                            0, GROWTH_AXIS_MAX_DIGITS - Long.toString(growth).length())));
        }
        int hlen = dict.length() + 1; // + '\n'
        int major = 1;
        int preamble = 10;
        int pad = ALIGN - ((preamble + hlen) % ALIGN);
        if (hlen + pad > 0xffff) {
            major = 2;
            preamble = 12;
            pad = ALIGN - ((preamble + hlen) % ALIGN);
        }
        int total = preamble + hlen + pad;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) (hlen + pad));
        } else {
            out.putInt(hlen + pad);
        }
        out.put(StandardCharsets.ISO_8859_1.encode(CharBuffer.wrap(dict)));
        for (int i = 0; i < pad; i++) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }

    private static String hex(ByteBuffer b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n && i < b.remaining(); i++) {
            s.append(String.format("%02x", b.get(b.position() + i) & 0xff));
        }
        return s.length() == 0 ? "nothing" : "0x" + s;
    }
}
