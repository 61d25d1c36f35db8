package io.github.braingobrr.mamba;

import io.github.braingobrr.mamba.cpu.CpuBackend;
import io.github.braingobrr.mamba.cuda.CudaBackend;
import io.github.braingobrr.mamba.cuda.CudaStatus;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and opens a {@link MambaBackend}. {@link #auto()} picks CUDA when JavaCPP's CUDA libraries load
 * and a device exists, else the CPU, and records why. The environment is read at each call:
 *
 * <ul>
 *   <li>{@code SEIZURE_MAMBA_FORCE_FALLBACK=1} forces the CPU (it wins over everything else);
 *   <li>{@code BGB_DEVICE=cpu} forces the CPU, {@code BGB_DEVICE=cuda} requires CUDA (a
 *       {@link DeviceException} when it is unavailable), {@code auto} or unset picks.
 * </ul>
 *
 * <p>The CUDA probe (native library load, {@code cuInit}, device query) runs once per JVM; its outcome,
 * including a {@link LinkageError} on a machine without CUDA, is remembered and reported as the reason.
 */
public final class Device {
    /** Forces the CPU backend when set to {@code 1}. */
    public static final String FORCE_FALLBACK_ENV = "SEIZURE_MAMBA_FORCE_FALLBACK";
    /** {@code cpu}, {@code cuda} or {@code auto} (the default). */
    public static final String DEVICE_ENV = "BGB_DEVICE";

    private static final Logger LOG = LoggerFactory.getLogger(Device.class);

    private Device() {}

    /** What {@link #auto()} would choose now, without opening it. */
    public static DeviceSelection select() {
        return choose(System::getenv).selection();
    }

    /** The backend {@link #select()} names, opened; falls back to the CPU if CUDA fails to start. */
    public static MambaBackend auto() {
        return open(choose(System::getenv));
    }

    /** The CPU backend with one worker per available processor. */
    public static MambaBackend cpu() {
        return cpu(Runtime.getRuntime().availableProcessors());
    }

    /** The CPU backend with {@code threads} workers. */
    public static MambaBackend cpu(int threads) {
        return new CpuBackend(threads, new DeviceSelection(DeviceKind.CPU, "requested"));
    }

    /**
     * The CUDA backend on device 0.
     *
     * @throws DeviceException when CUDA is unavailable (with the reason) or fails to start
     */
    public static MambaBackend cuda() {
        return CudaBackend.open(new DeviceSelection(
                DeviceKind.CUDA, "requested; " + cudaStatus().detail()));
    }

    /** The remembered outcome of the CUDA probe (runs it on first use). */
    public static CudaStatus cudaStatus() {
        return CudaBackend.status();
    }

    record Choice(DeviceSelection selection, boolean required) {}

    static Choice choose(UnaryOperator<String> env) {
        String force = env.apply(FORCE_FALLBACK_ENV);
        if (force != null && force.trim().equals("1")) {
            return new Choice(new DeviceSelection(DeviceKind.CPU, FORCE_FALLBACK_ENV + "=1"), false);
        }
        String dev = env.apply(DEVICE_ENV);
        String want = dev == null || dev.isBlank() ? "auto" : dev.trim().toLowerCase(Locale.ROOT);
        switch (want) {
            case "cpu":
                return new Choice(new DeviceSelection(DeviceKind.CPU, DEVICE_ENV + "=cpu"), false);
            case "cuda":
                CudaStatus required = cudaStatus();
                if (!required.available()) {
                    throw new DeviceException(DEVICE_ENV + "=cuda but CUDA is unavailable: " + required.detail()
                            + " (unset it or set " + DEVICE_ENV + "=auto to fall back to the CPU)");
                }
                return new Choice(
                        new DeviceSelection(DeviceKind.CUDA, DEVICE_ENV + "=cuda; " + required.detail()), true);
            case "auto":
                CudaStatus s = cudaStatus();
                return s.available()
                        ? new Choice(new DeviceSelection(DeviceKind.CUDA, s.detail()), false)
                        : new Choice(new DeviceSelection(DeviceKind.CPU, "CUDA unavailable: " + s.detail()), false);
            default:
                throw new IllegalArgumentException(
                        DEVICE_ENV + "=" + dev + " is not one of cpu, cuda, auto (unset means auto)");
        }
    }

    static MambaBackend open(Choice choice) {
        MambaBackend backend;
        if (choice.selection().kind() == DeviceKind.CUDA) {
            try {
                backend = CudaBackend.open(choice.selection());
            } catch (DeviceException e) {
                if (choice.required()) {
                    throw e;
                }
                LOG.warn("CUDA backend failed to start, using the CPU: {}", e.getMessage());
                backend = new CpuBackend(
                        Runtime.getRuntime().availableProcessors(),
                        new DeviceSelection(DeviceKind.CPU, "CUDA backend failed to start: " + e.getMessage()));
            }
        } else {
            backend = new CpuBackend(Runtime.getRuntime().availableProcessors(), choice.selection());
        }
        LOG.info("Mamba backend: {}", backend.selection());
        return backend;
    }
}
