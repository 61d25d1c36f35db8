package io.github.braingobrr.cli;

import io.github.braingobrr.mamba.MambaWeights;
import io.github.braingobrr.mamba.Tensor;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpzEntry;
import io.github.braingobrr.npy.NpzReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Mamba weights from a {@code .npz} archive holding one array per state-dict key. A stop-gap for the CLI:
 * bgb-gpu's own weight reader (.npz and .safetensors) replaces it when it lands.
 */
final class NpzWeights {
    private NpzWeights() {}

    static MambaWeights read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            throw new IOException(file + ": .safetensors weights are not read by this version of the command;"
                    + " save the state dict with numpy.savez(path, **{k: v.numpy() for k, v in sd.items()})");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (NpzReader npz = NpzReader.open(file)) {
            for (NpzEntry e : npz.entries()) {
                if (!e.isArray()) {
                    continue;
                }
                NpyDtype.Kind kind = e.header().dtype().kind();
                if (kind != NpyDtype.Kind.FLOAT && kind != NpyDtype.Kind.INT && kind != NpyDtype.Kind.UINT) {
                    throw new IOException(file + ": weight '" + e.name() + "' has dtype "
                            + e.header().dtype().descr() + "; weights must be real numbers");
                }
                NpyArray a = npz.read(e.name());
                long[] shape = a.shape();
                int[] dims = new int[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    if (shape[i] > Integer.MAX_VALUE) {
                        throw new IOException(file + ": weight '" + e.name() + "' is too large");
                    }
                    dims[i] = (int) shape[i];
                }
                tensors.put(e.name(), Tensor.of(a.toFloatArray(), dims));
            }
        }
        return MambaWeights.of(tensors);
    }
}
