package io.github.braingobrr.mamba;

import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpzEntry;
import io.github.braingobrr.npy.NpzReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a state dict file into {@link MambaWeights}: a {@code .npz} archive through bgb-core's NumPy reader,
 * or a {@code .safetensors} file through {@link SafetensorsFile}. The format is recognised by content (a
 * zip starts with {@code PK}; a safetensors file has {@code '{'} after its 8-byte header length), else by
 * the file name's extension, so that a damaged file gets its format's specific error.
 */
final class WeightFiles {
    private static final Logger LOG = LoggerFactory.getLogger(WeightFiles.class);
    /** The most elements a Java array holds in practice. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private enum Format {
        NPZ,
        SAFETENSORS
    }

    private WeightFiles() {}

    static MambaWeights read(Path file, String prefix) throws IOException {
        if (file == null || prefix == null) {
            throw new IllegalArgumentException("a weight file and a prefix (\"\" for all keys) are needed");
        }
        Format format = detect(file);
        Map<String, Tensor> tensors = format == Format.NPZ
                ? readNpz(file, prefix)
                : SafetensorsFile.read(file, key -> key.startsWith(prefix));
        LOG.debug(
                "read {} tensors{} from {} ({})",
                tensors.size(),
                prefix.isEmpty() ? "" : " under '" + prefix + "'",
                file,
                format);
        return MambaWeights.of(tensors, file.toString()).scope(prefix);
    }

    private static Format detect(Path file) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(9);
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // fill what the file has
            }
        }
        int n = head.position();
        byte[] b = head.array();
        if (n >= 2 && b[0] == 'P' && b[1] == 'K') {
            return Format.NPZ;
        }
        if (n == 9 && b[8] == '{') {
            return Format.SAFETENSORS;
        }
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz")) {
            return Format.NPZ;
        }
        if (name.endsWith(".safetensors")) {
            return Format.SAFETENSORS;
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(String.format(" %02x", b[i] & 0xff));
        }
        throw new WeightsFormatException(
                file,
                "is neither an .npz archive (a zip file, starting with 'PK') nor a .safetensors file (an 8-byte"
                        + " header length, then a JSON header starting with '{'); its first bytes are"
                        + (n == 0 ? " none (the file is empty)" : hex)
                        + ". Export the state dict with numpy.savez or safetensors.torch.save_file");
    }

    private static Map<String, Tensor> readNpz(Path file, String prefix) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (NpzReader npz = NpzReader.open(file)) {
            for (String key : npz.names()) {
                if (!key.startsWith(prefix)) {
                    continue;
                }
                NpzEntry e = npz.entry(key);
                String where = "member '" + e.fileName() + "'";
                if (out.containsKey(key)) {
                    throw new WeightsFormatException(file, where + " appears twice in the archive");
                }
                if (!e.isArray()) {
                    throw new WeightsFormatException(file, where + " is not a .npy array");
                }
                NpyDtype dtype = e.header().dtype();
                if (dtype.kind() != NpyDtype.Kind.FLOAT) {
                    throw new WeightsFormatException(
                            file,
                            where + " has dtype " + dtype + "; the Mamba layers read float16, float32 or float64"
                                    + " arrays (save it with .astype(numpy.float32))");
                }
                int[] shape = intShape(file, where, e.header().shape());
                out.put(key, Tensor.of(npz.read(key).toFloatArray(), shape));
            }
        }
        return out;
    }

    /** {@code shape} as ints, if its elements fit a Java array. */
    static int[] intShape(Path file, String where, long[] shape) throws WeightsFormatException {
        long n = 1;
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length && n <= MAX_ELEMENTS; i++) {
            n = shape[i] > MAX_ELEMENTS ? MAX_ELEMENTS + 1 : Math.min(n * shape[i], MAX_ELEMENTS + 1);
            out[i] = (int) shape[i];
        }
        if (n > MAX_ELEMENTS) {
            throw new WeightsFormatException(
                    file,
                    where + " has shape " + Arrays.toString(shape) + ", more elements than a Java array holds;"
                            + " no Mamba layer has such a weight");
        }
        return out;
    }
}
