package io.github.braingobrr.mamba;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a {@code .safetensors} file: an unsigned 64-bit little-endian header length {@code N}, {@code N}
 * bytes of a UTF-8 JSON object mapping each tensor key to {@code {"dtype", "shape", "data_offsets": [begin,
 * end]}} (byte offsets into the data section that follows the header) with an optional {@code
 * "__metadata__"} map of strings, then the raw little-endian tensors.
 *
 * <p>The header is parsed strictly (duplicate keys, content after the object and malformed entries are errors) and
 * every tensor's extent is checked against the file before anything is read: offsets inside the data
 * section, a byte length equal to dtype size times element count, no two tensors overlapping. Gaps between
 * tensors are tolerated. Only the wanted tensors are read, each converted to float32 (F32 as is, F16 and
 * BF16 exactly, F64 rounded).
 */
final class SafetensorsFile {
    /** The largest header accepted, as the reference implementation limits it. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA = "__metadata__";
    private static final int BLOCK_BYTES = 1 << 20;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The safetensors dtypes with their element sizes; the four float types can be read. */
    enum Dtype {
        BOOL(1),
        U8(1),
        I8(1),
        F8_E5M2(1),
        F8_E4M3(1),
        I16(2),
        U16(2),
        F16(2),
        BF16(2),
        I32(4),
        U32(4),
        F32(4),
        I64(8),
        U64(8),
        F64(8);

        final int size;

        Dtype(int size) {
            this.size = size;
        }

        boolean isFloat() {
            return this == F16 || this == BF16 || this == F32 || this == F64;
        }

        /** The dtype named {@code name}, or {@code null} for one this reader does not know. */
        static Dtype named(String name) {
            for (Dtype d : values()) {
                if (d.name().equals(name)) {
                    return d;
                }
            }
            return null;
        }
    }

    /** One header entry; {@code dtype} is {@code null} when {@code dtypeName} is unknown. */
    private record Entry(String key, String dtypeName, Dtype dtype, long[] shape, long begin, long end) {
        String describe() {
            return "'" + key + "' (data_offsets [" + begin + ", " + end + "])";
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final long dataStart;
    private final List<Entry> entries = new ArrayList<>();

    private SafetensorsFile(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
        if (size < 8) {
            throw error("is " + size + " bytes long, shorter than the 8-byte header length a safetensors file"
                    + " starts with: the file is truncated or not a safetensors file");
        }
        long n = readFully(0, ByteBuffer.allocate(8), "the header length").getLong(0);
        if (n < 0 || n > size - 8) {
            throw error("the header length at offset 0 is " + Long.toUnsignedString(n) + " bytes, but only "
                    + (size - 8) + " bytes follow it: the file is truncated or not a safetensors file");
        }
        if (n > MAX_HEADER_BYTES) {
            throw error("the header length at offset 0 is " + n + " bytes, more than the " + MAX_HEADER_BYTES
                    + " bytes safetensors allows: not a safetensors file");
        }
        if (n < 2) {
            throw error("the header length at offset 0 is " + n + " bytes, too short for a JSON object ('{}' is the"
                    + " smallest header): not a safetensors file");
        }
        this.dataStart = 8 + n;
        byte[] header = readFully(8, ByteBuffer.allocate((int) n), "the header").array();
        if (header[0] != '{') {
            throw error(String.format(
                    "the header at offset 8 starts with byte 0x%02x, not '{': not a safetensors file",
                    header[0] & 0xff));
        }
        JsonNode root;
        try (JsonParser p = JSON.createParser(header)) {
            root = JSON.readTree(p);
            if (p.nextToken() != null) {
                throw error("the JSON header (bytes 8 to " + dataStart + ") goes on after its object, at file offset "
                        + (8 + p.currentTokenLocation().getByteOffset()) + ": the header is corrupt");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getByteOffset() < 0 ? "" : " at file offset " + (8 + at.getByteOffset());
            throw error("the JSON header (bytes 8 to " + dataStart + ") is malformed" + where + ": "
                    + e.getOriginalMessage());
        }
        long dataLength = size - dataStart;
        for (Map.Entry<String, JsonNode> p : root.properties()) {
            if (p.getKey().equals(METADATA)) {
                checkMetadata(p.getValue());
            } else {
                entries.add(entry(p.getKey(), p.getValue(), dataLength));
            }
        }
        checkOverlaps();
    }

    /**
     * The wanted tensors of {@code file}, by key, after checking the whole header.
     *
     * @throws WeightsFormatException for a truncated or malformed file, a header that does not fit the file, or
     *     a wanted tensor that is not F32, F16, BF16 or F64
     */
    static Map<String, Tensor> read(Path file, Predicate<String> wanted) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsFile f = new SafetensorsFile(file, ch);
            Map<String, Tensor> out = new LinkedHashMap<>();
            ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
            for (Entry e : f.entries) {
                if (wanted.test(e.key())) {
                    out.put(e.key(), f.tensor(e, block));
                }
            }
            return out;
        }
    }

    private void checkMetadata(JsonNode m) throws WeightsFormatException {
        if (!m.isObject()) {
            throw error("'" + METADATA + "' must be an object of strings, but it is " + m.getNodeType());
        }
        for (Map.Entry<String, JsonNode> p : m.properties()) {
            if (!p.getValue().isTextual()) {
                throw error("'" + METADATA + "' must map strings to strings, but '" + p.getKey() + "' is "
                        + p.getValue().getNodeType());
            }
        }
    }

    private Entry entry(String key, JsonNode v, long dataLength) throws WeightsFormatException {
        String where = "tensor '" + key + "'";
        if (!v.isObject()) {
            throw error(where + ": its header entry is " + v.getNodeType()
                    + ", expected an object with dtype, shape and data_offsets");
        }
        JsonNode dt = v.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw error(where + ": 'dtype' is " + (dt == null ? "missing" : dt.getNodeType()) + ", expected a string");
        }
        long[] shape = integers(v.get("shape"), where, "shape", -1);
        long[] offsets = integers(v.get("data_offsets"), where, "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        String span = "data_offsets [" + begin + ", " + end + "]";
        if (begin > end) {
            throw error(where + ": " + span + " end before they begin: the header is corrupt");
        }
        if (end > dataLength) {
            throw error(where + ": " + span + " reach file offset " + (dataStart + end) + ", past the end of the"
                    + " file (" + size + " bytes; the data section starts at offset " + dataStart + " and holds "
                    + dataLength + " bytes): the file is truncated, or its header lies");
        }
        Dtype dtype = Dtype.named(dt.asText());
        if (dtype != null) {
            long count = 1;
            long bytes;
            try {
                for (long d : shape) {
                    count = Math.multiplyExact(count, d);
                }
                bytes = Math.multiplyExact(count, dtype.size);
            } catch (ArithmeticException e) {
                throw error(where + ": shape " + Arrays.toString(shape) + " has more elements than a file can hold:"
                        + " the header is corrupt");
            }
            if (bytes != end - begin) {
                throw error(where + " (" + dtype + ", shape " + Arrays.toString(shape) + ") needs " + bytes
                        + " bytes, but its " + span + " span " + (end - begin) + ": the header lies");
            }
        }
        return new Entry(key, dt.asText(), dtype, shape, begin, end);
    }

    /** The non-negative integers of a JSON array ({@code count} of them unless negative). */
    private long[] integers(JsonNode a, String where, String field, int count) throws WeightsFormatException {
        String expected = count < 0
                ? "an array of non-negative integers"
                : "an array of " + count + " non-negative" + " integers";
        if (a == null || !a.isArray() || (count >= 0 && a.size() != count)) {
            throw error(where + ": '" + field + "' is " + (a == null ? "missing" : a.toString()) + ", expected "
                    + expected);
        }
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = a.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToLong() || e.asLong() < 0) {
                throw error(where + ": '" + field + "' is " + a + ", expected " + expected);
            }
            out[i] = e.asLong();
        }
        return out;
    }

    private void checkOverlaps() throws WeightsFormatException {
        List<Entry> byStart = new ArrayList<>();
        for (Entry e : entries) {
            if (e.end() > e.begin()) {
                byStart.add(e);
            }
        }
        byStart.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        Entry reach = null; // the entry reaching furthest so far
        for (Entry e : byStart) {
            if (reach != null && e.begin() < reach.end()) {
                throw error("tensors " + reach.describe() + " and " + e.describe() + " overlap from file offset "
                        + (dataStart + e.begin()) + ": the header lies");
            }
            if (reach == null || e.end() > reach.end()) {
                reach = e;
            }
        }
    }

    private Tensor tensor(Entry e, ByteBuffer block) throws IOException {
        String where = "tensor '" + e.key() + "'";
        if (e.dtype() == null || !e.dtype().isFloat()) {
            throw error(where + " has dtype " + e.dtypeName() + (e.dtype() == null ? ", unknown to this reader" : "")
                    + "; the Mamba layers read F32, F16, BF16 or F64 tensors (save it with tensor.float())");
        }
        int[] shape = WeightFiles.intShape(file, where, e.shape());
        int itemSize = e.dtype().size;
        int count = Math.toIntExact((e.end() - e.begin()) / itemSize);
        float[] out = new float[count];
        int perBlock = block.capacity() / itemSize;
        long pos = dataStart + e.begin();
        for (int done = 0; done < count; ) {
            int k = Math.min(perBlock, count - done);
            block.clear().limit(k * itemSize);
            readFully(pos, block, where);
            decode(e.dtype(), block.order(ByteOrder.LITTLE_ENDIAN), out, done, k);
            done += k;
            pos += (long) k * itemSize;
        }
        return Tensor.of(out, shape);
    }

    /** Converts {@code k} little-endian elements at the start of {@code b} into {@code out[off..]}. */
    private static void decode(Dtype dtype, ByteBuffer b, float[] out, int off, int k) {
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out, off, k);
            case F64 -> {
                DoubleBuffer d = b.asDoubleBuffer();
                for (int i = 0; i < k; i++) {
                    out[off + i] = (float) d.get(i);
                }
            }
            case BF16 -> { // the upper half of a float32
                ShortBuffer s = b.asShortBuffer();
                for (int i = 0; i < k; i++) {
                    out[off + i] = Float.intBitsToFloat((s.get(i) & 0xffff) << 16);
                }
            }
            case F16 -> { // IEEE binary16, converted as bgb-core's NumPy reader converts float16
                float[] f = NpyArray.wrap(NpyHeader.of(NpyDtype.FLOAT16, k), b).toFloatArray();
                System.arraycopy(f, 0, out, off, k);
            }
            default -> throw new IllegalStateException("not a float dtype: " + dtype);
        }
    }

    /** Fills {@code buf} (position to limit) from file offset {@code pos}; returns it flipped. */
    private ByteBuffer readFully(long pos, ByteBuffer buf, String what) throws IOException {
        long at = pos;
        while (buf.hasRemaining()) {
            int r = channel.read(buf, at);
            if (r < 0) {
                throw error("the file ended at offset " + at + " while reading " + what + " (it was " + size
                        + " bytes when opened): was it truncated while being read?");
            }
            at += r;
        }
        buf.flip();
        return buf.order(ByteOrder.LITTLE_ENDIAN);
    }

    private WeightsFormatException error(String detail) {
        return new WeightsFormatException(file, detail);
    }
}
