package io.github.braingobrr.mamba;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test support: writes {@code .safetensors} files as the format describes them (8-byte little-endian
 * header length, JSON header padded with spaces to a multiple of 8, tensors back to back), and raw files
 * with any header for the error cases. Also rounds float32 values to the float16 and bfloat16 grids and
 * encodes them.
 */
final class SafetensorsTestFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsTestFile() {}

    /** One tensor as stored: a dtype name, a shape and its little-endian bytes. */
    record Stored(String dtype, long[] shape, byte[] data) {}

    static Stored f32(Tensor t) {
        ByteBuffer b = buffer(4 * t.data().length);
        for (float v : t.data()) {
            b.putFloat(v);
        }
        return new Stored("F32", longs(t.shape()), b.array());
    }

    static Stored f64(Tensor t) {
        ByteBuffer b = buffer(8 * t.data().length);
        for (float v : t.data()) {
            b.putDouble(v);
        }
        return new Stored("F64", longs(t.shape()), b.array());
    }

    /** {@code t}, whose values must lie on the float16 grid (see {@link #toHalfGrid}), as F16. */
    static Stored f16(Tensor t) {
        ByteBuffer b = buffer(2 * t.data().length);
        for (float v : t.data()) {
            b.putShort(halfBits(v));
        }
        return new Stored("F16", longs(t.shape()), b.array());
    }

    /** {@code t}, whose values must lie on the bfloat16 grid (see {@link #toBf16Grid}), as BF16. */
    static Stored bf16(Tensor t) {
        ByteBuffer b = buffer(2 * t.data().length);
        for (float v : t.data()) {
            int bits = Float.floatToRawIntBits(v);
            if ((bits & 0xffff) != 0) {
                throw new IllegalArgumentException(v + " is not a bfloat16 value");
            }
            b.putShort((short) (bits >>> 16));
        }
        return new Stored("BF16", longs(t.shape()), b.array());
    }

    /** Values truncated to 11 significant bits, those below the float16 normal range flushed to 0. */
    static Tensor toHalfGrid(Tensor t) {
        float[] out = new float[t.data().length];
        for (int i = 0; i < out.length; i++) {
            float v = t.data()[i];
            out[i] = Math.abs(v) < 0x1p-14f ? 0f : Float.intBitsToFloat(Float.floatToRawIntBits(v) & ~0x1fff);
        }
        return Tensor.of(out, t.shape());
    }

    /** Values truncated to 8 significant bits. */
    static Tensor toBf16Grid(Tensor t) {
        float[] out = new float[t.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(t.data()[i]) & 0xffff0000);
        }
        return Tensor.of(out, t.shape());
    }

    /** The float16 bits of a zero or a normal float16 value (anything else is rejected). */
    static short halfBits(float v) {
        int bits = Float.floatToRawIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        if ((bits & 0x7fffffff) == 0) {
            return (short) sign;
        }
        int exp = ((bits >>> 23) & 0xff) - 127;
        if (exp < -14 || exp > 15 || (bits & 0x1fff) != 0) {
            throw new IllegalArgumentException(v + " is not a normal float16 value");
        }
        return (short) (sign | ((exp + 15) << 10) | ((bits >>> 13) & 0x3ff));
    }

    /** Writes {@code tensors} back to back in map order, with {@code metadata} if not null. */
    static void write(Path file, Map<String, Stored> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        tensors.forEach((key, s) -> {
            ObjectNode e = header.putObject(key);
            e.put("dtype", s.dtype());
            ArrayNode shape = e.putArray("shape");
            for (long d : s.shape()) {
                shape.add(d);
            }
            e.putArray("data_offsets").add(data.size()).add(data.size() + s.data().length);
            data.writeBytes(s.data());
        });
        StringBuilder json = new StringBuilder(JSON.writeValueAsString(header));
        while ((json.length() + 8) % 8 != 0) {
            json.append(' ');
        }
        writeRaw(file, json.toString(), data.toByteArray());
    }

    /** Writes the 8-byte length of {@code header}, the header, then {@code data}. */
    static void writeRaw(Path file, String header, byte[] data) throws IOException {
        Files.write(file, raw(header, data));
    }

    /** The 8-byte length of {@code header}, the header, then {@code data}. */
    static byte[] raw(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return raw(h.length, h, data);
    }

    /** {@code declaredLength} as the header length, then {@code header} and {@code data}. */
    static byte[] raw(long declaredLength, byte[] header, byte[] data) {
        return buffer(8 + header.length + data.length)
                .putLong(declaredLength)
                .put(header)
                .put(data)
                .array();
    }

    private static ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long[] longs(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }
}
