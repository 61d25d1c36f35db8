package io.github.braingobrr.mamba.cuda;

import static org.bytedeco.cuda.global.cudart.cuGetErrorName;

import io.github.braingobrr.mamba.DeviceException;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;

/** Error checks and pointer helpers shared by the CUDA classes. */
final class Cuda {
    private Cuda() {}

    /** Throws a {@link DeviceException} naming {@code call} and the driver error unless {@code rc} is 0. */
    static void check(int rc, String call) {
        if (rc != 0) {
            throw new DeviceException(call + " failed: " + driverError(rc));
        }
    }

    static void checkNvrtc(int rc, String call) {
        if (rc != nvrtc.NVRTC_SUCCESS) {
            throw new DeviceException(
                    call + " failed: " + nvrtc.nvrtcGetErrorString(rc).getString() + " (" + rc + ")");
        }
    }

    static void checkCublas(int rc, String call) {
        if (rc != cublas.CUBLAS_STATUS_SUCCESS) {
            throw new DeviceException(
                    call + " failed: " + cublas.cublasGetStatusName(rc).getString() + " (" + rc + ")");
        }
    }

    static String driverError(int rc) {
        BytePointer name = new BytePointer(); // receives a static string owned by the driver
        String n = cuGetErrorName(rc, name) == 0 && !name.isNull() ? name.getString() : "CUDA error";
        return n + " (" + rc + ")";
    }

    /** A {@link FloatPointer} that addresses device memory (for cuBLAS); it owns nothing. */
    static FloatPointer devicePointer(long address) {
        return new FloatPointer() {
            {
                this.address = address;
            }
        };
    }
}
