package io.github.braingobrr.mamba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.braingobrr.mamba.cpu.CpuBackend;
import io.github.braingobrr.mamba.cuda.CudaBackend;
import io.github.braingobrr.mamba.cuda.CudaStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Backend selection: environment variables read per call, the remembered CUDA probe, the CPU fallback. */
class DeviceTest {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceTest.class);

    private static Device.Choice choose(String... kv) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return Device.choose(env::get);
    }

    @Test
    void forceFallbackSelectsTheCpuAndWinsOverEverything() {
        DeviceSelection s = choose("SEIZURE_MAMBA_FORCE_FALLBACK", "1").selection();
        assertEquals(new DeviceSelection(DeviceKind.CPU, "SEIZURE_MAMBA_FORCE_FALLBACK=1"), s);
        assertEquals(
                s,
                choose("SEIZURE_MAMBA_FORCE_FALLBACK", " 1 ", "BGB_DEVICE", "cuda")
                        .selection());
        assertEquals("CPU: SEIZURE_MAMBA_FORCE_FALLBACK=1", s.toString());
    }

    @Test
    void otherFallbackValuesDoNotForce() {
        DeviceSelection s =
                choose("SEIZURE_MAMBA_FORCE_FALLBACK", "0", "BGB_DEVICE", "cpu").selection();
        assertEquals(new DeviceSelection(DeviceKind.CPU, "BGB_DEVICE=cpu"), s);
    }

    @Test
    void theEnvironmentIsReadAtEachCall() {
        Map<String, String> env = new HashMap<>(Map.of("BGB_DEVICE", "cpu"));
        assertEquals("BGB_DEVICE=cpu", Device.choose(env::get).selection().reason());
        env.put("SEIZURE_MAMBA_FORCE_FALLBACK", "1");
        assertEquals(
                "SEIZURE_MAMBA_FORCE_FALLBACK=1",
                Device.choose(env::get).selection().reason());
    }

    @Test
    void anUnknownDeviceNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> choose("BGB_DEVICE", "tpu"));
        assertEquals("BGB_DEVICE=tpu is not one of cpu, cuda, auto (unset means auto)", e.getMessage());
    }

    @Test
    void theCudaProbeRunsOnceAndIsRemembered() {
        CudaStatus first = CudaBackend.status();
        assertSame(first, CudaBackend.status());
        assertSame(first, Device.cudaStatus());
        LOG.info("CUDA probe on this machine: {}", first);
        assertFalse(first.detail().isBlank());
    }

    @Test
    void withoutCudaAutoFallsBackToTheCpuAndSaysWhy() {
        CudaStatus status = CudaBackend.status();
        assumeFalse(status.available(), "this machine has CUDA: " + status.detail());
        DeviceSelection s = choose().selection();
        assertEquals(DeviceKind.CPU, s.kind());
        assertEquals("CUDA unavailable: " + status.detail(), s.reason());
        assertEquals(s, choose("BGB_DEVICE", "AUTO").selection());
        try (MambaBackend backend = Device.open(choose())) {
            assertInstanceOf(CpuBackend.class, backend);
            assertEquals(s, backend.selection());
            Mamba2Config c = Mamba2Config.edgeStream();
            Mamba2 m = Mamba2.load(c, MambaWeights.of(RandomWeights.mamba2(c, new Random(1))));
            Tensor y = backend.forward(m, RandomWeights.input(new Random(2), 2, 5, 16));
            assertEquals("(2, 5, 16)", y.shapeString());
        }
    }

    @Test
    void withoutCudaTheReasonNamesTheLinkageError() {
        CudaStatus status = CudaBackend.status();
        assumeFalse(status.available(), "this machine has CUDA: " + status.detail());
        // on a machine without the JavaCPP CUDA natives loading them throws UnsatisfiedLinkError
        assertTrue(
                status.detail().startsWith("the CUDA native libraries did not load (UnsatisfiedLinkError: ")
                        || status.detail().startsWith("cuInit failed")
                        || status.detail().startsWith("no CUDA device"),
                status.detail());
    }

    @Test
    void requiringCudaWithoutItFailsWithTheReason() {
        CudaStatus status = CudaBackend.status();
        assumeFalse(status.available(), "this machine has CUDA: " + status.detail());
        DeviceException e = assertThrows(DeviceException.class, () -> choose("BGB_DEVICE", "cuda"));
        assertTrue(e.getMessage().startsWith("BGB_DEVICE=cuda but CUDA is unavailable: " + status.detail()));
        DeviceException direct = assertThrows(DeviceException.class, Device::cuda);
        assertEquals("CUDA is unavailable: " + status.detail(), direct.getMessage());
    }

    @Test
    void cpuBackendsReportTheirThreadsAndRefuseUseAfterClose() {
        MambaBackend b = Device.cpu(2);
        assertEquals(new DeviceSelection(DeviceKind.CPU, "requested"), b.selection());
        assertTrue(b.info().startsWith("CPU backend: 2 thread(s)"), b.info());
        b.close();
        b.close();
        Mamba2Config c = Mamba2Config.edgeStream();
        Mamba2 m = Mamba2.load(c, MambaWeights.of(RandomWeights.mamba2(c, new Random(1))));
        assertThrows(IllegalStateException.class, () -> b.forward(m, Tensor.zeros(1, 1, 16)));
        assertThrows(IllegalArgumentException.class, () -> Device.cpu(0));
    }
}
