package io.github.braingobrr.mamba.cuda;

import static org.bytedeco.cuda.global.cublas.CUBLAS_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasDestroy_v2;
import static org.bytedeco.cuda.global.cublas.cublasSetMathMode;
import static org.bytedeco.cuda.global.cublas.cublasSgemm_v2;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuMemAlloc;
import static org.bytedeco.cuda.global.cudart.cuMemFree;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoH;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoD;

import io.github.braingobrr.mamba.Mamba1;
import io.github.braingobrr.mamba.Mamba1Config;
import io.github.braingobrr.mamba.Mamba2;
import io.github.braingobrr.mamba.Mamba2Config;
import io.github.braingobrr.mamba.MambaKernels;
import io.github.braingobrr.mamba.Tensor;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The CUDA kernels over device buffers: cuBLAS SGEMM for the projections, NVRTC-compiled kernels for the
 * rest, all on the default stream. Workspace buffers are kept per slot and only grow; weights are copied
 * to the device once per tensor (by identity) and kept until {@link #close()}. Must be called with the
 * backend's context current.
 */
final class CudaKernels implements MambaKernels<DeviceBuffer>, AutoCloseable {
    private static final int BLOCK = 256;
    /** The largest grid y dimension; the scans put sequences on it. */
    private static final int MAX_GRID_Y = 65_535;

    private final KernelLibrary library;
    private final cublasContext blas = new cublasContext();
    private final FloatPointer one = new FloatPointer(1f);
    private final FloatPointer zero = new FloatPointer(0f);
    private final EnumMap<Slot, DeviceBuffer> scratch = new EnumMap<>(Slot.class);
    private final Map<Tensor, DeviceBuffer> weights = new IdentityHashMap<>();
    private FloatPointer staging;

    CudaKernels(KernelLibrary library) {
        this.library = library;
        Cuda.checkCublas(cublasCreate_v2(blas), "cublasCreate");
        Cuda.checkCublas(cublasSetMathMode(blas, CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    }

    @Override
    public DeviceBuffer scratch(Slot slot, long floats) {
        DeviceBuffer b = scratch.get(slot);
        if (b == null || b.floats() < floats) {
            if (b != null) {
                cuMemFree(b.address());
            }
            scratch.remove(slot);
            b = allocate(Math.max(1, floats), "workspace " + slot);
            scratch.put(slot, b);
        }
        return b;
    }

    /** Copies {@code host} to the start of {@code dst}. */
    void upload(float[] host, DeviceBuffer dst) {
        stage(host.length).put(host, 0, host.length);
        Cuda.check(cuMemcpyHtoD(dst.address(), staging, 4L * host.length), "cuMemcpyHtoD");
    }

    /** Copies the first {@code host.length} elements of {@code src} into {@code host} (waits for the device). */
    void download(DeviceBuffer src, float[] host) {
        Cuda.check(cuMemcpyDtoH(stage(host.length), src.address(), 4L * host.length), "cuMemcpyDtoH");
        staging.get(host, 0, host.length);
    }

    private FloatPointer stage(long n) {
        if (staging == null || staging.capacity() < n) {
            if (staging != null) {
                staging.close();
            }
            staging = new FloatPointer(Math.max(1, n));
        }
        return staging;
    }

    private DeviceBuffer allocate(long floats, String what) {
        long[] ptr = {0};
        Cuda.check(cuMemAlloc(ptr, 4L * floats), "cuMemAlloc(" + 4L * floats + " bytes for " + what + ")");
        return new DeviceBuffer(ptr[0], floats);
    }

    /** The device copy of a weight tensor, uploaded on first use; 0 for {@code null}. */
    private long weight(Tensor t) {
        if (t == null) {
            return 0L;
        }
        DeviceBuffer b = weights.get(t);
        if (b == null) {
            b = allocate(Math.max(1, t.data().length), "weight " + t);
            weights.put(t, b);
            upload(t.data(), b);
        }
        return b.address();
    }

    @Override
    public void linear(
            DeviceBuffer x,
            int xOff,
            int xStride,
            int rows,
            int in,
            Tensor w,
            Tensor bias,
            DeviceBuffer y,
            int yOff,
            int yStride) {
        if (rows == 0) {
            return;
        }
        int out = w.dim(0);
        // row-major Y = X·Wᵀ is column-major Yᵀ = W·Xᵀ: W's memory read transposed, X's as is
        Cuda.checkCublas(
                cublasSgemm_v2(
                        blas,
                        CUBLAS_OP_T,
                        CUBLAS_OP_N,
                        out,
                        rows,
                        in,
                        one,
                        Cuda.devicePointer(weight(w)),
                        in,
                        Cuda.devicePointer(x.at(xOff)),
                        xStride,
                        zero,
                        Cuda.devicePointer(y.at(yOff)),
                        yStride),
                "cublasSgemm");
        if (bias != null) {
            long n = (long) rows * out;
            launch(
                    library.common("add_bias"),
                    grid(n),
                    1,
                    BLOCK,
                    y.address(),
                    (long) yOff,
                    yStride,
                    (long) rows,
                    out,
                    weight(bias));
        }
    }

    @Override
    public void causalConvSilu(
            DeviceBuffer x,
            int xOff,
            int xStride,
            int nb,
            int len,
            Tensor w,
            Tensor bias,
            DeviceBuffer y,
            DeviceBuffer hist,
            int histOff) {
        long rows = (long) nb * len;
        int ch = w.dim(0);
        long histAt = hist == null ? 0L : hist.at(histOff);
        launch(
                library.common("causal_conv_silu"),
                grid(rows * ch),
                1,
                BLOCK,
                x.address(),
                (long) xOff,
                xStride,
                len,
                rows,
                ch,
                w.dim(2),
                weight(w),
                weight(bias),
                y.address(),
                histAt);
        if (hist != null) {
            launch(
                    library.common("conv_history"),
                    grid((long) nb * ch),
                    1,
                    BLOCK,
                    x.address(),
                    (long) xOff,
                    xStride,
                    len,
                    (long) nb,
                    ch,
                    w.dim(2),
                    histAt);
        }
    }

    @Override
    public void ssdScan(
            Mamba2 layer,
            DeviceBuffer zxbcdt,
            DeviceBuffer xbc,
            DeviceBuffer y,
            int nb,
            int len,
            DeviceBuffer state,
            int stateOff) {
        Mamba2Config c = layer.config();
        int block = scanBlock(c.dInner());
        CUfunc_st f = library.scan(c.dState(), "ssd_scan");
        for (int s0 = 0; s0 < nb; s0 += MAX_GRID_Y) {
            long row0 = (long) s0 * len;
            launch(
                    f,
                    ceil(c.dInner(), block),
                    Math.min(MAX_GRID_Y, nb - s0),
                    block,
                    zxbcdt.at(row0 * c.dInProj()),
                    c.dInProj(),
                    2 * c.dInner() + 2 * c.dState(),
                    xbc.at(row0 * c.convDim()),
                    c.convDim(),
                    len,
                    c.dInner(),
                    c.headdim(),
                    weight(layer.dtBias()),
                    weight(layer.aLog()),
                    weight(layer.d()),
                    y.at(row0 * c.dInner()),
                    state == null ? 0L : state.at(stateOff + (long) s0 * c.dState() * c.dInner()));
        }
    }

    @Override
    public void selectiveScan(
            Mamba1 layer,
            DeviceBuffer u,
            DeviceBuffer delta,
            DeviceBuffer xdbl,
            DeviceBuffer xz,
            DeviceBuffer y,
            int nb,
            int len,
            DeviceBuffer state,
            int stateOff) {
        Mamba1Config c = layer.config();
        int di = c.dInner();
        int block = scanBlock(di);
        CUfunc_st f = library.scan(c.dState(), "selective_scan");
        for (int s0 = 0; s0 < nb; s0 += MAX_GRID_Y) {
            long row0 = (long) s0 * len;
            launch(
                    f,
                    ceil(di, block),
                    Math.min(MAX_GRID_Y, nb - s0),
                    block,
                    u.at(row0 * di),
                    delta.at(row0 * di),
                    xdbl.at(row0 * c.xProjDim()),
                    c.xProjDim(),
                    c.dtRank(),
                    xz.at(row0 * 2 * di),
                    len,
                    di,
                    weight(layer.dtProjBias()),
                    weight(layer.aLog()),
                    weight(layer.d()),
                    y.at(row0 * di),
                    state == null ? 0L : state.at(stateOff + (long) s0 * c.dState() * di));
        }
    }

    @Override
    public void gatedRmsNorm(
            DeviceBuffer y, DeviceBuffer z, int zOff, int zStride, int rows, int width, Tensor w, float eps) {
        if (rows == 0) {
            return;
        }
        launch(
                library.common("gated_rms_norm"),
                rows,
                1,
                BLOCK,
                y.address(),
                z.address(),
                (long) zOff,
                zStride,
                width,
                weight(w),
                eps);
    }

    @Override
    public void flip(
            DeviceBuffer src,
            int srcOff,
            int srcStride,
            DeviceBuffer dst,
            int dstOff,
            int dstStride,
            int nb,
            int len,
            int width) {
        long rows = (long) nb * len;
        launch(
                library.common("flip_time"),
                grid(rows * width),
                1,
                BLOCK,
                src.address(),
                (long) srcOff,
                srcStride,
                dst.address(),
                (long) dstOff,
                dstStride,
                len,
                rows,
                width);
    }

    @Override
    public void sanitizeClamp(DeviceBuffer src, int srcOff, DeviceBuffer dst, int dstOff, int n, float limit) {
        launch(
                library.common("sanitize_clamp"),
                grid(n),
                1,
                BLOCK,
                src.address(),
                (long) srcOff,
                dst.address(),
                (long) dstOff,
                (long) n,
                limit);
    }

    @Override
    public void clamp(DeviceBuffer buf, int off, int stride, int rows, int width, float limit) {
        launch(
                library.common("clamp_rows"),
                grid((long) rows * width),
                1,
                BLOCK,
                buf.address(),
                (long) off,
                stride,
                (long) rows,
                width,
                limit);
    }

    @Override
    public void residualLayerNorm(
            DeviceBuffer p,
            DeviceBuffer r,
            int rows,
            int width,
            Tensor w,
            Tensor b,
            float eps,
            float pLimit,
            float yLimit,
            DeviceBuffer y,
            int yOff,
            int yStride) {
        if (rows == 0) {
            return;
        }
        launch(
                library.common("residual_layer_norm"),
                rows,
                1,
                BLOCK,
                p.address(),
                r.address(),
                width,
                weight(w),
                weight(b),
                eps,
                pLimit,
                yLimit,
                y.address(),
                (long) yOff,
                yStride);
    }

    private static int scanBlock(int channels) {
        return Math.min(BLOCK, (channels + 31) / 32 * 32);
    }

    private static int grid(long threads) {
        return Math.toIntExact(Math.max(1, (threads + BLOCK - 1) / BLOCK));
    }

    private static int ceil(int n, int d) {
        return (n + d - 1) / d;
    }

    /**
     * Launches {@code f} on a {@code (gx, gy)} grid of {@code block}-thread blocks. Arguments map to the
     * kernel's parameters by Java type: {@code Long} to a 64-bit value (a device address or a {@code long
     * long}), {@code Integer} to {@code int}, {@code Float} to {@code float}.
     */
    private static void launch(CUfunc_st f, int gx, int gy, int block, Object... args) {
        // one 8-byte slot per argument (ints and floats in its low bytes: little-endian hosts), and the
        // array of pointers to the slots that cuLaunchKernel reads; it copies the values before returning
        LongPointer slots = new LongPointer(args.length);
        LongPointer params = new LongPointer(args.length);
        try {
            IntPointer ints = new IntPointer(slots);
            FloatPointer floats = new FloatPointer(slots);
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a instanceof Long v) {
                    slots.put(i, v);
                } else if (a instanceof Integer v) {
                    ints.put(2L * i, v);
                } else if (a instanceof Float v) {
                    floats.put(2L * i, v);
                } else {
                    throw new IllegalArgumentException("unsupported kernel argument " + a);
                }
                params.put(i, slots.address() + 8L * i);
            }
            Cuda.check(
                    cuLaunchKernel(
                            f,
                            gx,
                            gy,
                            1,
                            block,
                            1,
                            1,
                            0,
                            (CUstream_st) null,
                            new PointerPointer<Pointer>(params),
                            (PointerPointer<?>) null),
                    "cuLaunchKernel");
        } finally {
            slots.close();
            params.close();
        }
    }

    @Override
    public void close() {
        for (DeviceBuffer b : scratch.values()) {
            cuMemFree(b.address());
        }
        scratch.clear();
        for (DeviceBuffer b : weights.values()) {
            cuMemFree(b.address());
        }
        weights.clear();
        cublasDestroy_v2(blas);
        if (staging != null) {
            staging.close();
        }
        one.close();
        zero.close();
    }
}
