package io.github.braingobrr.mamba.cuda;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetCount;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetName;
import static org.bytedeco.cuda.global.cudart.cuDeviceTotalMem;
import static org.bytedeco.cuda.global.cudart.cuDriverGetVersion;
import static org.bytedeco.cuda.global.cudart.cuInit;

import io.github.braingobrr.mamba.DeviceException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes CUDA once per JVM: loads the JavaCPP natives (a machine without CUDA throws a
 * {@link LinkageError} here, caught once and remembered), initialises the driver and describes device 0.
 */
final class CudaProbe {
    private static final Logger LOG = LoggerFactory.getLogger(CudaProbe.class);
    private static CudaStatus status;
    private static DeviceInfo device;

    /** What the backend needs to know about device 0. */
    record DeviceInfo(
            int ordinal, String name, int ccMajor, int ccMinor, long totalBytes, int driverVersion, int nvrtcVersion) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "CUDA device %d: %s (sm_%d%d, %.1f GiB), driver %d.%d, NVRTC %d.%d",
                    ordinal,
                    name,
                    ccMajor,
                    ccMinor,
                    totalBytes / (double) (1L << 30),
                    driverVersion / 1000,
                    driverVersion % 1000 / 10,
                    nvrtcVersion / 1000,
                    nvrtcVersion % 1000 / 10);
        }
    }

    private CudaProbe() {}

    static synchronized CudaStatus status() {
        if (status == null) {
            status = probe();
            LOG.info("CUDA probe: {}", status.detail());
        }
        return status;
    }

    /** Device 0, when {@link #status()} is available. */
    static synchronized DeviceInfo device() {
        if (!status().available()) {
            throw new DeviceException("CUDA is unavailable: " + status.detail());
        }
        return device;
    }

    private static CudaStatus probe() {
        try {
            device = probeNative();
            return new CudaStatus(true, device.describe());
        } catch (LinkageError e) {
            return new CudaStatus(
                    false,
                    "the CUDA native libraries did not load (" + e.getClass().getSimpleName()
                            + ": " + firstLine(e.getMessage())
                            + "); the CUDA backend needs an NVIDIA driver and the JavaCPP CUDA 13 natives"
                            + " (e.g. org.bytedeco:cuda-platform-redist) on the class path");
        } catch (DeviceException e) {
            return new CudaStatus(false, e.getMessage());
        }
    }

    private static DeviceInfo probeNative() {
        Cuda.check(cuInit(0), "cuInit");
        int[] count = {0};
        Cuda.check(cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) {
            throw new DeviceException("no CUDA device (cuDeviceGetCount returned 0)");
        }
        Loader.load(nvrtc.class);
        Loader.load(cublas.class);
        int[] dev = {0};
        Cuda.check(cuDeviceGet(dev, 0), "cuDeviceGet");
        byte[] name = new byte[256];
        Cuda.check(cuDeviceGetName(name, name.length, dev[0]), "cuDeviceGetName");
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        int[] major = {0};
        int[] minor = {0};
        Cuda.check(
                cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]),
                "cuDeviceGetAttribute");
        Cuda.check(
                cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]),
                "cuDeviceGetAttribute");
        long total;
        try (SizeTPointer bytes = new SizeTPointer(1)) {
            Cuda.check(cuDeviceTotalMem(bytes, dev[0]), "cuDeviceTotalMem");
            total = bytes.get();
        }
        int[] driver = {0};
        Cuda.check(cuDriverGetVersion(driver), "cuDriverGetVersion");
        int[] nvMajor = {0};
        int[] nvMinor = {0};
        Cuda.checkNvrtc(nvrtc.nvrtcVersion(nvMajor, nvMinor), "nvrtcVersion");
        return new DeviceInfo(
                dev[0],
                new String(name, 0, len, StandardCharsets.UTF_8),
                major[0],
                minor[0],
                total,
                driver[0],
                nvMajor[0] * 1000 + nvMinor[0] * 10);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
