package io.github.braingobrr.mamba.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the shipped kernel source with the CUDA toolkit's nvcc, when one is installed, with the options
 * the backend gives NVRTC, and checks that every kernel the backend looks up is there. Needs no GPU; skipped
 * (with the reason) where nvcc is absent.
 */
class CudaKernelSourceTest {
    private static final Logger LOG = LoggerFactory.getLogger(CudaKernelSourceTest.class);

    @TempDir
    Path dir;

    @Test
    void theKernelSourceCompilesWithNvcc() throws Exception {
        Path nvcc = findNvcc();
        if (nvcc == null) {
            LOG.warn("skipped: no nvcc on PATH or in /usr/local/cuda/bin");
        }
        assumeTrue(nvcc != null, "no nvcc on PATH or in /usr/local/cuda/bin");
        Path src = dir.resolve(KernelLibrary.SOURCE_RESOURCE);
        Files.writeString(src, KernelLibrary.readSource(), StandardCharsets.UTF_8);
        String common = compile(nvcc, src, null);
        for (String k : KernelLibrary.COMMON_KERNELS) {
            assertTrue(common.contains(".entry " + k + "("), "common module lacks " + k);
        }
        String scans = compile(nvcc, src, 16);
        for (String k : KernelLibrary.SCAN_KERNELS) {
            assertTrue(scans.contains(".entry " + k + "("), "scan module lacks " + k);
        }
    }

    private String compile(Path nvcc, Path src, Integer dState) throws IOException, InterruptedException {
        Path out = dir.resolve("kernels-" + dState + ".ptx");
        List<String> cmd = new ArrayList<>(List.of(nvcc.toString(), "--ptx", "-arch=compute_80"));
        cmd.addAll(KernelLibrary.options(dState));
        cmd.addAll(List.of("-o", out.toString(), src.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc timed out");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + log);
        assertTrue(log.isBlank(), "nvcc warnings:\n" + log);
        return Files.readString(out);
    }

    private static Path findNvcc() {
        String path = System.getenv("PATH");
        Stream<Path> dirs = Stream.concat(
                path == null
                        ? Stream.empty()
                        : Stream.of(path.split(java.io.File.pathSeparator)).map(Path::of),
                Stream.of(Path.of("/usr/local/cuda/bin")));
        return dirs.map(d -> d.resolve("nvcc"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }
}
