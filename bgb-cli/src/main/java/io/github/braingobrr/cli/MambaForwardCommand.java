package io.github.braingobrr.cli;

import io.github.braingobrr.mamba.BiMamba2Layer;
import io.github.braingobrr.mamba.Device;
import io.github.braingobrr.mamba.Mamba1;
import io.github.braingobrr.mamba.Mamba1Config;
import io.github.braingobrr.mamba.Mamba2;
import io.github.braingobrr.mamba.Mamba2Config;
import io.github.braingobrr.mamba.MambaBackend;
import io.github.braingobrr.mamba.MambaModule;
import io.github.braingobrr.mamba.MambaStack;
import io.github.braingobrr.mamba.MambaWeights;
import io.github.braingobrr.mamba.Tensor;
import io.github.braingobrr.npy.Npy;
import io.github.braingobrr.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb mamba forward}: one forward pass over an array. */
@Command(
        name = "forward",
        mixinStandardHelpOptions = true,
        description = {
            "Load a Mamba layer from mamba-ssm state-dict weights (.npz or .safetensors, keys as in the state dict) and run it over"
                    + " X.npy, writing Y.npy of the same shape (float32). X is (B, L, d_model), batch-first, or"
                    + " (L, d_model) for one sequence.",
            "The layer's sizes (d_state, d_conv, expand, headdim, dt_rank, biases) are read from the weights'"
                    + " shapes. --layer bimamba2 loads the original model's BiMamba2Layer (forward_mamba_real.*,"
                    + " backward_mamba_real.*, output_proj.*, layer_norm.*), or its stack when the keys are"
                    + " layers.<i>.*."
        })
final class MambaForwardCommand extends CommandBase {
    /** The layer kinds. */
    enum Layer {
        mamba1,
        mamba2,
        bimamba2
    }

    /** Device choices. */
    enum DeviceChoice {
        auto,
        cpu,
        cuda
    }

    @Option(
            names = "--weights",
            required = true,
            paramLabel = "W.npz|W.safetensors",
            description =
                    "The weights, one tensor per state-dict key: numpy.savez(path, **state_dict) or a .safetensors file.")
    Path weights;

    @Option(names = "--input", required = true, paramLabel = "X.npy", description = "The input batch.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "Y.npy", description = "Where the output is written.")
    Path output;

    @Option(
            names = "--layer",
            paramLabel = "KIND",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Layer layer = Layer.bimamba2;

    @Option(
            names = "--prefix",
            paramLabel = "P",
            description = "Use only the keys under this prefix, e.g. node_mamba. for one stream of a whole model.")
    String prefix = "";

    @Option(
            names = "--device",
            paramLabel = "DEV",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: CUDA when available, else the CPU;"
                    + " the environment variables of 'bgb mamba info' apply).")
    DeviceChoice device = DeviceChoice.auto;

    @Option(names = "--json", description = "Print a summary (layer, device, shape, time) as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        MambaWeights all = MambaWeights.read(weights);
        MambaWeights scoped = all.scope(prefix);
        if (scoped.size() == 0) {
            throw usage("--prefix '" + prefix + "' matches none of the " + all.size() + " keys of " + weights);
        }
        MambaModule module = load(scoped);
        NpyArray x = Npy.read(input);
        long[] shape = x.shape();
        if (shape.length != 2 && shape.length != 3) {
            throw usage(input + " has shape " + x.header().shapeString() + "; expected (B, L, " + module.dModel()
                    + ") or (L, " + module.dModel() + ")");
        }
        int[] dims = shape.length == 3
                ? new int[] {dim(shape[0]), dim(shape[1]), dim(shape[2])}
                : new int[] {1, dim(shape[0]), dim(shape[1])};
        Tensor in = Tensor.of(x.toFloatArray(), dims);
        module.checkInput(in);
        long started;
        long nanos;
        Tensor y;
        String selection;
        try (MambaBackend backend = open()) {
            selection = backend.selection().toString();
            started = System.nanoTime();
            y = backend.forward(module, in);
            nanos = System.nanoTime() - started;
        }
        Npy.write(output, NpyArray.of(y.data(), shape));
        double ms = nanos / 1e6;
        double gflops = (double) module.flopsPerPosition() * dims[0] * dims[1] / nanos;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", output.toString());
            m.put("layer", layer.name());
            m.put("module", module.toString());
            m.put("device", selection);
            m.put("shape", Arrays.stream(shape).boxed().toList());
            m.put("milliseconds", ms);
            m.put("gflops", gflops);
            printJson(m);
        } else {
            out().printf(
                            Locale.ROOT,
                            "wrote %s %s float32: %s on %s in %.1f ms (%.2f GFLOP/s)%n",
                            output,
                            x.header().shapeString(),
                            module,
                            selection,
                            ms,
                            gflops);
            out().flush();
        }
        return 0;
    }

    private MambaModule load(MambaWeights w) {
        switch (layer) {
            case mamba1:
                return Mamba1.load(Mamba1Config.infer(w), w);
            case mamba2:
                return Mamba2.load(Mamba2Config.infer(w), w);
            default:
                TreeSet<Integer> layers = new TreeSet<>();
                for (String key : w.tensors().keySet()) {
                    if (key.matches("layers\\.\\d{1,6}\\..*")) {
                        layers.add(Integer.parseInt(key.substring(7, key.indexOf('.', 7))));
                    }
                }
                if (layers.isEmpty()) {
                    return BiMamba2Layer.load(Mamba2Config.infer(w.scope("forward_mamba_real.")), w);
                }
                Mamba2Config config = Mamba2Config.infer(w.scope("layers." + layers.first() + ".forward_mamba_real."));
                return MambaStack.biMamba2(config, layers.last() + 1, w);
        }
    }

    private MambaBackend open() {
        return switch (device) {
            case auto -> Device.auto();
            case cpu -> Device.cpu();
            case cuda -> Device.cuda();
        };
    }

    private int dim(long d) {
        if (d > Integer.MAX_VALUE) {
            throw usage(input + ": dimension " + d + " is too large");
        }
        return (int) d;
    }
}
