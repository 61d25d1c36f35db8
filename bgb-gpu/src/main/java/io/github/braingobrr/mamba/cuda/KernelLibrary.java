package io.github.braingobrr.mamba.cuda;

import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetNumSupportedArchs;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTX;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTXSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetSupportedArchs;

import io.github.braingobrr.mamba.DeviceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernels of {@code mamba_kernels.cu}, compiled with NVRTC for the device's compute capability: the
 * common module once when the backend opens, and one scan module per state size on first use. Keeps
 * every build log for {@link CudaBackend#info()}.
 */
final class KernelLibrary implements AutoCloseable {
    static final String SOURCE_RESOURCE = "mamba_kernels.cu";
    /** The kernels compiled without {@code D_STATE}. */
    static final List<String> COMMON_KERNELS = List.of(
            "add_bias",
            "causal_conv_silu",
            "conv_history",
            "gated_rms_norm",
            "residual_layer_norm",
            "flip_time",
            "sanitize_clamp",
            "clamp_rows");
    /** The kernels compiled once per state size, with {@code -DD_STATE=N}. */
    static final List<String> SCAN_KERNELS = List.of("ssd_scan", "selective_scan");

    private static final Logger LOG = LoggerFactory.getLogger(KernelLibrary.class);

    private final String source;
    private final String arch;
    private final boolean cubin;
    private final List<CUmod_st> modules = new ArrayList<>();
    private final Map<String, CUfunc_st> common = new HashMap<>();
    private final Map<Integer, Map<String, CUfunc_st>> scans = new HashMap<>();
    private final StringBuilder buildLog = new StringBuilder();

    KernelLibrary(int ccMajor, int ccMinor) {
        this.source = readSource();
        int cc = ccMajor * 10 + ccMinor;
        int[] n = {0};
        Cuda.checkNvrtc(nvrtcGetNumSupportedArchs(n), "nvrtcGetNumSupportedArchs");
        int[] archs = new int[n[0]];
        Cuda.checkNvrtc(nvrtcGetSupportedArchs(archs), "nvrtcGetSupportedArchs");
        int best = -1;
        for (int a : archs) {
            if (a == cc) {
                best = a;
                break;
            }
            if (a < cc && a > best) {
                best = a;
            }
        }
        if (best < 0) {
            throw new DeviceException("NVRTC supports no architecture at or below the device's sm_" + cc);
        }
        // an exact match is compiled to a cubin; otherwise PTX for the nearest lower virtual architecture,
        // which the driver compiles for the device
        this.cubin = best == cc;
        this.arch = (cubin ? "sm_" : "compute_") + best;
        load(null, common, COMMON_KERNELS);
    }

    /** A kernel of the common module. */
    CUfunc_st common(String name) {
        return common.get(name);
    }

    /** A scan kernel ({@code ssd_scan} or {@code selective_scan}) for state size {@code dState}. */
    CUfunc_st scan(int dState, String name) {
        Map<String, CUfunc_st> m = scans.get(dState);
        if (m == null) {
            m = new HashMap<>();
            load(dState, m, SCAN_KERNELS);
            scans.put(dState, m);
        }
        return m.get(name);
    }

    /** The target architecture and every NVRTC build log so far. */
    String describe() {
        return "kernels for " + arch + (cubin ? " (cubin)" : " (PTX, JIT-compiled by the driver)") + "\n" + buildLog;
    }

    private void load(Integer dState, Map<String, CUfunc_st> into, List<String> names) {
        String label = dState == null ? "common" : "scans, D_STATE=" + dState;
        long t0 = System.nanoTime();
        BytePointer image = compile(dState, label);
        CUmod_st module = new CUmod_st();
        try {
            Cuda.check(cuModuleLoadData(module, image), "cuModuleLoadData(" + label + ")");
        } finally {
            image.close();
        }
        modules.add(module);
        for (String name : names) {
            CUfunc_st f = new CUfunc_st();
            Cuda.check(cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
            into.put(name, f);
        }
        LOG.debug("compiled Mamba kernels ({}) for {} in {} ms", label, arch, (System.nanoTime() - t0) / 1_000_000);
    }

    private BytePointer compile(Integer dState, String label) {
        _nvrtcProgram prog = new _nvrtcProgram();
        Cuda.checkNvrtc(
                nvrtcCreateProgram(
                        prog,
                        new BytePointer(source),
                        new BytePointer(SOURCE_RESOURCE),
                        0,
                        (PointerPointer<?>) null,
                        (PointerPointer<?>) null),
                "nvrtcCreateProgram");
        try {
            List<String> opts = new ArrayList<>(List.of("--gpu-architecture=" + arch));
            opts.addAll(options(dState));
            int rc = nvrtcCompileProgram(prog, opts.size(), new PointerPointer<>(opts.toArray(new String[0])));
            String log = programLog(prog);
            buildLog.append("[")
                    .append(label)
                    .append("] ")
                    .append(String.join(" ", opts))
                    .append('\n');
            if (!log.isBlank()) {
                buildLog.append(log.strip()).append('\n');
            }
            Cuda.checkNvrtc(rc, "nvrtcCompileProgram(" + label + "): " + log.strip());
            try (SizeTPointer size = new SizeTPointer(1)) {
                if (cubin) {
                    Cuda.checkNvrtc(nvrtcGetCUBINSize(prog, size), "nvrtcGetCUBINSize");
                    BytePointer image = new BytePointer(size.get());
                    Cuda.checkNvrtc(nvrtcGetCUBIN(prog, image), "nvrtcGetCUBIN");
                    return image;
                }
                Cuda.checkNvrtc(nvrtcGetPTXSize(prog, size), "nvrtcGetPTXSize");
                BytePointer image = new BytePointer(size.get());
                Cuda.checkNvrtc(nvrtcGetPTX(prog, image), "nvrtcGetPTX");
                return image;
            }
        } finally {
            nvrtcDestroyProgram(prog);
        }
    }

    /** The compiler options besides the architecture (shared with the nvcc check in the tests). */
    static List<String> options(Integer dState) {
        return dState == null ? List.of("--std=c++17") : List.of("--std=c++17", "-DD_STATE=" + dState);
    }

    private static String programLog(_nvrtcProgram prog) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            Cuda.checkNvrtc(nvrtcGetProgramLogSize(prog, size), "nvrtcGetProgramLogSize");
            if (size.get() <= 1) {
                return "";
            }
            try (BytePointer log = new BytePointer(size.get())) {
                Cuda.checkNvrtc(nvrtcGetProgramLog(prog, log), "nvrtcGetProgramLog");
                return log.getString();
            }
        }
    }

    static String readSource() {
        try (InputStream in = KernelLibrary.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "io/github/braingobrr/mamba/cuda/" + SOURCE_RESOURCE + " is missing from the bgb-gpu jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (CUmod_st m : modules) {
            cuModuleUnload(m);
        }
        modules.clear();
        common.clear();
        scans.clear();
    }
}
