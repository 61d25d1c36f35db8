package io.github.braingobrr.mamba.cuda;

import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRelease;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;

import io.github.braingobrr.mamba.DeviceException;
import io.github.braingobrr.mamba.DeviceKind;
import io.github.braingobrr.mamba.DeviceSelection;
import io.github.braingobrr.mamba.MambaBackend;
import io.github.braingobrr.mamba.MambaKernels;
import io.github.braingobrr.mamba.MambaModule;
import io.github.braingobrr.mamba.MambaState;
import io.github.braingobrr.mamba.Tensor;
import org.bytedeco.cuda.cudart.CUctx_st;

/**
 * The CUDA backend on device 0, through JavaCPP's {@code org.bytedeco:cuda} bindings: the driver API for
 * memory and launches, NVRTC for the kernels (compiled at run time for the device), cuBLAS for the
 * projections. It runs a whole batch per operation, keeps workspace and weights on the device across
 * calls and frees them in {@link #close()}. The natives (libcuda, cudart, NVRTC, cuBLAS) are not bundled:
 * add {@code org.bytedeco:cuda-platform-redist} or install CUDA 13.
 */
public final class CudaBackend implements MambaBackend {
    private final DeviceSelection selection;
    private final CudaProbe.DeviceInfo device;
    private final CUctx_st context = new CUctx_st();
    private final KernelLibrary library;
    private final CudaKernels kernels;
    private boolean closed;

    private CudaBackend(DeviceSelection selection, CudaProbe.DeviceInfo device) {
        this.selection = selection;
        this.device = device;
        Cuda.check(cuDevicePrimaryCtxRetain(context, device.ordinal()), "cuDevicePrimaryCtxRetain");
        KernelLibrary lib = null;
        try {
            Cuda.check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
            lib = new KernelLibrary(device.ccMajor(), device.ccMinor());
            this.kernels = new CudaKernels(lib);
            this.library = lib;
        } catch (RuntimeException e) {
            if (lib != null) {
                lib.close();
            }
            cuDevicePrimaryCtxRelease(device.ordinal());
            throw e;
        }
    }

    /** The outcome of the one-time CUDA probe (runs it on first use; a {@link LinkageError} is caught there). */
    public static CudaStatus status() {
        return CudaProbe.status();
    }

    /**
     * Opens the backend on device 0, compiling the common kernels.
     *
     * @param selection the reason this backend was chosen, reported by {@link #selection()}
     * @throws DeviceException when CUDA is unavailable or a CUDA, NVRTC or cuBLAS call fails
     */
    public static CudaBackend open(DeviceSelection selection) {
        if (selection.kind() != DeviceKind.CUDA) {
            throw new IllegalArgumentException("a CUDA backend cannot report selection " + selection);
        }
        CudaProbe.DeviceInfo device = CudaProbe.device();
        try {
            return new CudaBackend(selection, device);
        } catch (LinkageError e) {
            throw new DeviceException("CUDA library missing while opening the backend: " + e, e);
        }
    }

    @Override
    public DeviceSelection selection() {
        return selection;
    }

    @Override
    public synchronized String info() {
        return "CUDA backend: " + device.describe() + "; " + selection + "\n" + library.describe();
    }

    @Override
    public Tensor forward(MambaModule module, Tensor x) {
        module.checkInput(x);
        return run(module, x, null);
    }

    @Override
    public Tensor forward(MambaModule module, Tensor x, MambaState state) {
        module.checkInput(x, state);
        return run(module, x, state);
    }

    /** Runs {@code module} over {@code x}; a {@code state} is copied to the device and back around the pass. */
    private synchronized Tensor run(MambaModule module, Tensor x, MambaState state) {
        if (closed) {
            throw new IllegalStateException("the CUDA backend is closed");
        }
        float[] out = new float[x.data().length];
        int batch = x.dim(0);
        int len = x.dim(1);
        if (batch > 0 && len > 0) {
            Cuda.check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
            DeviceBuffer in = kernels.scratch(MambaKernels.Slot.INPUT, out.length);
            kernels.upload(x.data(), in);
            DeviceBuffer result = kernels.scratch(MambaKernels.Slot.OUTPUT, out.length);
            if (state == null) {
                MambaKernels.forward(kernels, module, in, 0, result, 0, batch, len);
            } else {
                float[] host = MambaKernels.stateData(state);
                DeviceBuffer carried = kernels.scratch(MambaKernels.Slot.STATE, host.length);
                kernels.upload(host, carried);
                MambaKernels.forward(kernels, module, in, 0, result, 0, batch, len, state, carried, 0);
                kernels.download(carried, host);
            }
            kernels.download(result, out);
        }
        return new Tensor(x.shape(), out);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cuCtxSetCurrent(context);
        kernels.close();
        library.close();
        cuDevicePrimaryCtxRelease(device.ordinal());
    }

    @Override
    public String toString() {
        return "CudaBackend[" + device.describe() + "]";
    }
}
