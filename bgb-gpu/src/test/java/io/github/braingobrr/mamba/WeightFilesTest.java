package io.github.braingobrr.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.mamba.SafetensorsTestFile.Stored;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.npy.NpyOrder;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State dicts read from {@code .npz} archives (written by bgb-core's {@link NpzWriter}) and {@code
 * .safetensors} files (written by {@link SafetensorsTestFile}) with the original model's key names load
 * the same layers as the in-memory map; damaged and lying files fail with messages naming the file, the key
 * and the offset.
 */
class WeightFilesTest {
    private static final Mamba2Config SMALL = new Mamba2Config(16, 8, 4, 2, 4, false, true);
    private static final String NODE = "node_mamba.";
    private static final String INT_KEY = "tcn.num_batches_tracked";

    @TempDir
    Path dir;

    /**
     * A whole-model state dict: a two-layer BiMamba2 node stack under {@code node_mamba.} with the original's
     * fallback conv weights, and a tensor of another module. Values already on the grid of the dtype each key
     * is stored as (see {@link #storage}), so that a file holds them exactly.
     */
    private static Map<String, Tensor> modelStateDict(String format) {
        Map<String, Tensor> sd = new TreeMap<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 2; i++) {
            String p = NODE + "layers." + i + ".";
            RandomWeights.biMamba2(SMALL, new Random(10 + i)).forEach((k, v) -> sd.put(p + k, v));
            for (String side : new String[] {"forward_mamba_fallback.", "backward_mamba_fallback."}) {
                sd.put(p + side + "weight", RandomWeights.uniform(rnd, 0.5f, 16, 1, 4));
                sd.put(p + side + "bias", RandomWeights.uniform(rnd, 0.5f, 16));
            }
        }
        sd.put("tcn.network.0.conv.weight", RandomWeights.uniform(rnd, 0.3f, 64, 19, 7));
        sd.replaceAll((k, v) -> switch (storage(format, sd, k)) {
            case "F16", "f2" -> SafetensorsTestFile.toHalfGrid(v);
            case "BF16" -> SafetensorsTestFile.toBf16Grid(v);
            default -> v;
        });
        return sd;
    }

    /** How key {@code k} is stored: the dtypes in turn over the sorted keys. */
    private static String storage(String format, Map<String, Tensor> sd, String k) {
        List<String> kinds = format.equals("npz")
                ? List.of("f4", "f2", "f8", "f4-fortran", ">f4")
                : List.of("F32", "F16", "BF16", "F64");
        int i = List.copyOf(sd.keySet()).indexOf(k);
        return kinds.get(i % kinds.size());
    }

    private Path write(String format, Map<String, Tensor> sd) throws IOException {
        Path file = dir.resolve("model." + format);
        if (format.equals("npz")) {
            try (NpzWriter w = NpzWriter.create(file)) {
                int i = 0;
                for (Map.Entry<String, Tensor> e : sd.entrySet()) {
                    w.write(
                            e.getKey(),
                            npy(storage(format, sd, e.getKey()), e.getValue()),
                            i++ % 3 == 0 ? NpzCompression.DEFLATED : NpzCompression.STORED);
                }
                w.write(INT_KEY, NpyArray.scalar(7L));
            }
        } else {
            Map<String, Stored> stored = new LinkedHashMap<>();
            sd.forEach((k, v) -> stored.put(
                    k,
                    switch (storage(format, sd, k)) {
                        case "F16" -> SafetensorsTestFile.f16(v);
                        case "BF16" -> SafetensorsTestFile.bf16(v);
                        case "F64" -> SafetensorsTestFile.f64(v);
                        default -> SafetensorsTestFile.f32(v);
                    }));
            stored.put(INT_KEY, new Stored("I64", new long[0], new byte[] {7, 0, 0, 0, 0, 0, 0, 0}));
            SafetensorsTestFile.write(file, stored, Map.of("format", "pt"));
        }
        return file;
    }

    /** {@code t} as a NumPy array of the given kind. */
    private static NpyArray npy(String kind, Tensor t) {
        long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
        switch (kind) {
            case "f2":
                return NpyArray.wrap(
                        NpyHeader.of(NpyDtype.FLOAT16, shape),
                        ByteBuffer.wrap(SafetensorsTestFile.f16(t).data()));
            case "f8":
                double[] d = new double[t.data().length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = t.data()[i];
                }
                return NpyArray.of(d, shape);
            case ">f4":
                ByteBuffer be = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.BIG_ENDIAN);
                be.asFloatBuffer().put(t.data());
                return NpyArray.wrap(NpyHeader.of(NpyDtype.FLOAT32.withByteOrder(ByteOrder.BIG_ENDIAN), shape), be);
            case "f4-fortran":
                if (t.rank() == 2) {
                    int r = t.dim(0);
                    int c = t.dim(1);
                    ByteBuffer f = ByteBuffer.allocate(4 * r * c).order(ByteOrder.LITTLE_ENDIAN);
                    for (int j = 0; j < c; j++) {
                        for (int i = 0; i < r; i++) {
                            f.putFloat(t.data()[i * c + j]);
                        }
                    }
                    return NpyArray.wrap(new NpyHeader(NpyDtype.FLOAT32, shape, NpyOrder.FORTRAN), f.flip());
                }
                return NpyArray.of(t.data(), shape);
            default:
                return NpyArray.of(t.data(), shape);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"npz", "safetensors"})
    void aModelStateDictLoadsTheNodeStackAsTheMapDoes(String format) throws IOException {
        Map<String, Tensor> sd = modelStateDict(format);
        Path file = write(format, sd);
        MambaWeights read = MambaWeights.read(file, NODE);
        MambaWeights fromMap = MambaWeights.of(sd).scope(NODE);
        assertEquals(NODE, read.prefix());
        assertEquals(fromMap.tensors(), read.tensors());
        assertEquals(2 * (2 * 8 + 4 + 4), read.size()); // two layers: 2 Mamba2 of 8 keys, 4 own, 4 fallback
        MambaStack fromFile = MambaStack.biMamba2(SMALL, 2, read);
        MambaStack reference = MambaStack.biMamba2(SMALL, 2, fromMap);
        Tensor x = RandomWeights.input(new Random(3), 3, 21, SMALL.dModel());
        try (MambaBackend cpu = Device.cpu(2)) {
            assertArrayEquals(
                    cpu.forward(reference, x).data(), cpu.forward(fromFile, x).data());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"npz", "safetensors"})
    void readingEveryKeyFailsOnTheIntegerTensorOfAnotherModule(String format) throws IOException {
        Path file = write(format, modelStateDict(format));
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> MambaWeights.read(file));
        String expected = format.equals("npz")
                ? "member '" + INT_KEY + ".npy' has dtype <i8; the Mamba layers read float16, float32 or float64"
                : "tensor '" + INT_KEY + "' has dtype I64; the Mamba layers read F32, F16, BF16 or F64";
        assertTrue(e.getMessage().startsWith(file + ": " + expected), e.getMessage());
        assertEquals(file, e.file());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"npz", "safetensors"})
    void theFormatIsRecognisedByContentWhateverTheName(String format) throws IOException {
        Map<String, Tensor> sd = modelStateDict(format);
        Path renamed = Files.move(write(format, sd), dir.resolve("weights.bin"));
        assertEquals(
                MambaWeights.of(sd).scope(NODE).tensors(),
                MambaWeights.read(renamed, NODE).tensors());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"npz", "safetensors"})
    void badShapesMissingAndUnexpectedKeysAreListedWithTheFile(String format) throws IOException {
        String p = "layers.0.forward_mamba_real.";
        Map<String, Tensor> sd = new TreeMap<>();
        RandomWeights.mamba2(SMALL, new Random(2)).forEach((k, v) -> sd.put(p + k, v));
        sd.remove(p + "D");
        sd.put(p + "in_proj.weight", Tensor.zeros(87, 16));
        sd.put(p + "x_proj.weight", Tensor.zeros(3, 3));
        Path file = dir.resolve("layer." + format);
        if (format.equals("npz")) {
            try (NpzWriter w = NpzWriter.create(file)) {
                for (Map.Entry<String, Tensor> e : sd.entrySet()) {
                    w.write(e.getKey(), npy("f4", e.getValue()));
                }
            }
        } else {
            Map<String, Stored> stored = new LinkedHashMap<>();
            sd.forEach((k, v) -> stored.put(k, SafetensorsTestFile.f32(v)));
            SafetensorsTestFile.write(file, stored, null);
        }
        MambaWeights w = MambaWeights.read(file, p);
        WeightsException e = assertThrows(WeightsException.class, () -> Mamba2.load(SMALL, w));
        assertEquals(
                List.of(
                        "key '" + p + "in_proj.weight' has shape (87, 16), expected (88, 16)",
                        "missing key '" + p + "D' (expected (8,))",
                        "unexpected key '" + p + "x_proj.weight'"),
                e.problems().stream().sorted().toList());
        assertTrue(
                e.getMessage().startsWith("Mamba2 weights under '" + p + "' in " + file + " do not fit: "),
                e.getMessage());
    }

    @Test
    void everySafetensorsFloatTypeConvertsExactly() throws IOException {
        float[] halves = {0f, -0f, 1f, -2.5f, 65504f, 0x1p-14f, 1.0009765625f};
        float[] bf16s = {1f, -3.140625f, 0x1p100f, Float.intBitsToFloat(0x00010000), 0x1.fep127f};
        double[] doubles = {1.0 / 3, -1e-30, 123456789.125, 1e300};
        ByteBuffer f64 = ByteBuffer.allocate(8 * doubles.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : doubles) {
            f64.putDouble(d);
        }
        Map<String, Stored> stored = new LinkedHashMap<>();
        stored.put("h", SafetensorsTestFile.f16(Tensor.of(halves, 7)));
        stored.put("sub", new Stored("F16", new long[] {2}, new byte[] {1, 0, 0, (byte) 0x80})); // 2^-24, -0
        stored.put("b", SafetensorsTestFile.bf16(Tensor.of(bf16s, 5)));
        stored.put("d", new Stored("F64", new long[] {2, 2}, f64.array()));
        stored.put("f", SafetensorsTestFile.f32(Tensor.of(new float[] {Float.MIN_VALUE, Float.NaN}, 1, 2)));
        stored.put("scalar", SafetensorsTestFile.f32(Tensor.of(new float[] {4.5f})));
        stored.put("empty", new Stored("F32", new long[] {0, 3}, new byte[0]));
        Path file = dir.resolve("types.safetensors");
        SafetensorsTestFile.write(file, stored, null);
        MambaWeights w = MambaWeights.read(file);
        assertEquals(Tensor.of(halves, 7), w.get("h").orElseThrow());
        assertEquals(Tensor.of(new float[] {0x1p-24f, -0f}, 2), w.get("sub").orElseThrow());
        assertEquals(Tensor.of(bf16s, 5), w.get("b").orElseThrow());
        float[] rounded = new float[doubles.length];
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = (float) doubles[i];
        }
        assertEquals(Tensor.of(rounded, 2, 2), w.get("d").orElseThrow());
        assertEquals(Float.POSITIVE_INFINITY, w.get("d").orElseThrow().data()[3]);
        assertEquals(
                Tensor.of(new float[] {Float.MIN_VALUE, Float.NaN}, 1, 2),
                w.get("f").orElseThrow());
        assertEquals(Tensor.of(new float[] {4.5f}), w.get("scalar").orElseThrow());
        assertEquals(0, w.get("scalar").orElseThrow().rank());
        assertTrue(w.get("empty").orElseThrow().hasShape(0, 3));
        assertEquals(7, w.size());
    }

    @Test
    void aLargeTensorIsReadInBlocks() throws IOException {
        Tensor big = RandomWeights.uniform(new Random(5), 1f, 3, 200_001); // 2.4 MB: three read blocks
        Map<String, Stored> stored = new LinkedHashMap<>();
        stored.put("small", SafetensorsTestFile.f32(Tensor.of(new float[] {1, 2}, 2)));
        stored.put("big", SafetensorsTestFile.f64(big));
        Path file = dir.resolve("big.safetensors");
        SafetensorsTestFile.write(file, stored, null);
        assertEquals(big, MambaWeights.read(file).get("big").orElseThrow());
    }

    static Stream<Arguments> damagedSafetensors() {
        byte[] four = new byte[4];
        String a4 = "\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}";
        return Stream.of(
                Arguments.of(
                        "shorter than the length field",
                        new byte[] {1, 2, 3, 4, 5},
                        "is 5 bytes long, shorter than the 8-byte header length a safetensors file starts with"),
                Arguments.of(
                        "header length past the end",
                        SafetensorsTestFile.raw(1000, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
                        "the header length at offset 0 is 1000 bytes, but only 2 bytes follow it: the file is"
                                + " truncated"),
                Arguments.of(
                        "header length with the top bit set",
                        SafetensorsTestFile.raw(-1, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
                        "the header length at offset 0 is 18446744073709551615 bytes, but only 2 bytes follow"),
                Arguments.of(
                        "one-byte header",
                        SafetensorsTestFile.raw(1, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
                        "the header length at offset 0 is 1 bytes, too short for a JSON object"),
                Arguments.of(
                        "header not an object",
                        SafetensorsTestFile.raw("[1, 2]", new byte[0]),
                        "the header at offset 8 starts with byte 0x5b, not '{'"),
                Arguments.of(
                        "unterminated header",
                        SafetensorsTestFile.raw("{" + a4, four),
                        "the JSON header (bytes 8 to 68) is malformed at file offset 68: Unexpected end-of-input"),
                Arguments.of(
                        "duplicate key",
                        SafetensorsTestFile.raw("{" + a4 + ", " + a4 + "}", four),
                        "the JSON header (bytes 8 to 130) is malformed at file offset …: Duplicate field 'a'"),
                Arguments.of(
                        "trailing content",
                        SafetensorsTestFile.raw("{} {}", new byte[0]),
                        "the JSON header (bytes 8 to 13) goes on after its object, at file offset 11: the header is corrupt"),
                Arguments.of(
                        "invalid UTF-8",
                        SafetensorsTestFile.raw(7, new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}, new byte[0]),
                        "the JSON header (bytes 8 to 15) is malformed at file offset …: Invalid UTF-8 start byte 0xff"),
                Arguments.of(
                        "offsets past the end",
                        SafetensorsTestFile.raw(
                                "{\"a\": {\"dtype\": \"F32\", \"shape\": [100], \"data_offsets\": [0, 400]}}",
                                new byte[8]),
                        "tensor 'a': data_offsets [0, 400] reach file offset 473, past the end of the file (81"
                                + " bytes; the data section starts at offset 73 and holds 8 bytes): the file is"
                                + " truncated, or its header lies"),
                Arguments.of(
                        "byte length not dtype times shape",
                        SafetensorsTestFile.raw(
                                "{\"a\": {\"dtype\": \"F32\", \"shape\": [2, 3], \"data_offsets\": [0, 20]}}",
                                new byte[20]),
                        "tensor 'a' (F32, shape [2, 3]) needs 24 bytes, but its data_offsets [0, 20] span 20: the"
                                + " header lies"),
                Arguments.of(
                        "overlapping tensors",
                        SafetensorsTestFile.raw(
                                "{\"b\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [8, 24]},"
                                        + " \"a\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [0, 16]}}",
                                new byte[24]),
                        "tensors 'a' (data_offsets [0, 16]) and 'b' (data_offsets [8, 24]) overlap from file"
                                + " offset 140: the header lies"),
                Arguments.of(
                        "reversed offsets",
                        SafetensorsTestFile.raw(
                                "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 4]}}", new byte[8]),
                        "tensor 'a': data_offsets [8, 4] end before they begin"),
                Arguments.of(
                        "negative dimension",
                        SafetensorsTestFile.raw(
                                "{\"a\": {\"dtype\": \"F32\", \"shape\": [2, -1], \"data_offsets\": [0, 4]}}", four),
                        "tensor 'a': 'shape' is [2,-1], expected an array of non-negative integers"),
                Arguments.of(
                        "fractional offset",
                        SafetensorsTestFile.raw(
                                "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4.0]}}", four),
                        "tensor 'a': 'data_offsets' is [0,4.0], expected an array of 2 non-negative integers"),
                Arguments.of(
                        "three offsets",
                        SafetensorsTestFile.raw(
                                "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4, 8]}}",
                                new byte[8]),
                        "tensor 'a': 'data_offsets' is [0,4,8], expected an array of 2 non-negative integers"),
                Arguments.of(
                        "no offsets",
                        SafetensorsTestFile.raw("{\"a\": {\"dtype\": \"F32\", \"shape\": [1]}}", four),
                        "tensor 'a': 'data_offsets' is missing, expected an array of 2 non-negative integers"),
                Arguments.of(
                        "no dtype",
                        SafetensorsTestFile.raw("{\"a\": {\"shape\": [1], \"data_offsets\": [0, 4]}}", four),
                        "tensor 'a': 'dtype' is missing, expected a string"),
                Arguments.of(
                        "entry not an object",
                        SafetensorsTestFile.raw("{\"a\": [0, 4]}", four),
                        "tensor 'a': its header entry is ARRAY, expected an object with dtype, shape and"
                                + " data_offsets"),
                Arguments.of(
                        "metadata value not a string",
                        SafetensorsTestFile.raw("{\"__metadata__\": {\"format\": \"pt\", \"n\": 3}}", new byte[0]),
                        "'__metadata__' must map strings to strings, but 'n' is NUMBER"),
                Arguments.of(
                        "shape overflow",
                        SafetensorsTestFile.raw(
                                "{\"a\": {\"dtype\": \"F32\", \"shape\": [4294967296, 4294967296, 4294967296],"
                                        + " \"data_offsets\": [0, 0]}}",
                                new byte[0]),
                        "tensor 'a': shape [4294967296, 4294967296, 4294967296] has more elements than a file can"
                                + " hold"),
                Arguments.of(
                        "integer tensor",
                        SafetensorsTestFile.raw(
                                "{\"a\": {\"dtype\": \"I32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", four),
                        "tensor 'a' has dtype I32; the Mamba layers read F32, F16, BF16 or F64 tensors"),
                Arguments.of(
                        "unknown dtype",
                        SafetensorsTestFile.raw(
                                "{\"a\": {\"dtype\": \"F8_E8M0\", \"shape\": [4], \"data_offsets\": [0, 4]}}", four),
                        "tensor 'a' has dtype F8_E8M0, unknown to this reader; the Mamba layers read"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedSafetensors")
    void aDamagedOrLyingSafetensorsFileIsRejectedWithTheReason(String what, byte[] content, String expected)
            throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, content);
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> MambaWeights.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        int at = 0;
        for (String part : expected.split("…")) { // the parts in order; what lies between is not checked
            int found = e.getMessage().indexOf(part, at);
            assertTrue(found >= 0, "expected '" + part + "' (of '" + expected + "') in: " + e.getMessage());
            at = found + part.length();
        }
        assertEquals(file, e.file());
    }

    @Test
    void aTruncatedFileNamesTheFirstTensorThatNoLongerFits() throws IOException {
        Map<String, Stored> stored = new LinkedHashMap<>();
        stored.put("a", SafetensorsTestFile.f32(Tensor.of(new float[] {1, 2, 3, 4}, 4)));
        stored.put("b", SafetensorsTestFile.f32(Tensor.of(new float[] {5, 6, 7, 8}, 2, 2)));
        Path file = dir.resolve("cut.safetensors");
        SafetensorsTestFile.write(file, stored, null);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 3));
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> MambaWeights.read(file));
        long dataStart = whole.length - 32;
        assertTrue(
                e.getMessage()
                        .contains("tensor 'b': data_offsets [16, 32] reach file offset " + (dataStart + 32)
                                + ", past the end of the file (" + (whole.length - 3) + " bytes"),
                e.getMessage());
    }

    @Test
    void aHeaderOverTheSizeLimitIsRejectedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        long n = 2 * SafetensorsFile.MAX_HEADER_BYTES;
        Files.write(file, SafetensorsTestFile.raw(n, new byte[] {'{'}, new byte[0]));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(8 + n); // sparse
        }
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> MambaWeights.read(file));
        assertTrue(
                e.getMessage().contains("the header length at offset 0 is 200000000 bytes, more than the 100000000"),
                e.getMessage());
    }

    @Test
    void tensorsOutsideThePrefixAreCheckedButNotRead() throws IOException {
        Map<String, Stored> stored = new LinkedHashMap<>();
        stored.put("other.code", new Stored("F8_E8M0", new long[] {3}, new byte[] {1, 2, 3}));
        stored.put("other.mask", new Stored("BOOL", new long[] {2}, new byte[] {0, 1}));
        stored.put("keep.w", SafetensorsTestFile.f32(Tensor.of(new float[] {1, 2}, 2)));
        Path file = dir.resolve("mixed.safetensors");
        SafetensorsTestFile.write(file, stored, Map.of());
        MambaWeights w = MambaWeights.read(file, "keep.");
        assertEquals(List.of("w"), List.copyOf(w.tensors().keySet()));
        assertTrue(w.toString().contains(file.toString()), w.toString());
        // tensors with gaps between them are accepted: only overlaps and overruns are errors
        Files.write(
                file,
                SafetensorsTestFile.raw(
                        "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", new byte[12]));
        assertEquals(
                Tensor.of(new float[] {0f}, 1), MambaWeights.read(file).get("a").orElseThrow());
    }

    @Test
    void aFileOfNeitherFormatIsNamedAsSuch() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> MambaWeights.read(text));
        assertEquals(
                text + ": is neither an .npz archive (a zip file, starting with 'PK') nor a .safetensors file (an"
                        + " 8-byte header length, then a JSON header starting with '{'); its first bytes are 68 65"
                        + " 6c 6c 6f 0a. Export the state dict with numpy.savez or safetensors.torch.save_file",
                e.getMessage());
        Path empty = Files.write(dir.resolve("empty.pt"), new byte[0]);
        e = assertThrows(WeightsFormatException.class, () -> MambaWeights.read(empty));
        assertTrue(e.getMessage().contains("its first bytes are none (the file is empty)"), e.getMessage());
    }

    @Test
    void aDamagedNpzFailsWithTheArchiveName() throws IOException {
        Path file = Files.write(
                dir.resolve("broken.npz"), "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> MambaWeights.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void shapesBeyondAJavaArrayAreRejected() throws WeightsFormatException {
        Path f = Path.of("w.npz");
        assertArrayEquals(new int[] {0, 5}, WeightFiles.intShape(f, "x", new long[] {0, 5}));
        assertArrayEquals(new int[0], WeightFiles.intShape(f, "x", new long[0]));
        assertArrayEquals(new int[] {46_340, 46_340}, WeightFiles.intShape(f, "x", new long[] {46_340, 46_340}));
        for (long[] s : new long[][] {{3_000_000_000L}, {65_536, 65_536}, {0, 3_000_000_000L}}) {
            WeightsFormatException e =
                    assertThrows(WeightsFormatException.class, () -> WeightFiles.intShape(f, "member 'x'", s));
            assertEquals(
                    "w.npz: member 'x' has shape " + Arrays.toString(s)
                            + ", more elements than a Java array holds; no Mamba layer has such a weight",
                    e.getMessage());
        }
    }
}
