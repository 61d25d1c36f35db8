package io.github.braingobrr.cli;

import io.github.braingobrr.mamba.Device;
import io.github.braingobrr.mamba.DeviceKind;
import io.github.braingobrr.mamba.DeviceSelection;
import io.github.braingobrr.mamba.MambaBackend;
import io.github.braingobrr.mamba.cuda.CudaStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb mamba info}: which device the layers would run on, and why. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "Show the device the Mamba layers run on (CUDA or CPU) and why it was chosen, the CUDA probe's outcome"
                    + " and the backend's description (threads, libraries, kernel build log).",
            "The choice follows " + Device.FORCE_FALLBACK_ENV + "=1 (forces the CPU) and " + Device.DEVICE_ENV
                    + "=cpu|cuda|auto."
        })
final class MambaInfoCommand extends CommandBase {
    @Option(names = "--json", description = "Print the information as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CudaStatus cuda = Device.cudaStatus();
        DeviceSelection selection;
        String info;
        try (MambaBackend backend = Device.auto()) {
            selection = backend.selection();
            info = backend.info();
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", selection.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("reason", selection.reason());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("available", cuda.available());
            c.put("detail", cuda.detail());
            m.put("cuda", c);
            Map<String, Object> env = new LinkedHashMap<>();
            env.put(Device.FORCE_FALLBACK_ENV, System.getenv(Device.FORCE_FALLBACK_ENV));
            env.put(Device.DEVICE_ENV, System.getenv(Device.DEVICE_ENV));
            m.put("environment", env);
            m.put("backend", info);
            printJson(m);
        } else {
            var out = out();
            out.println("device    " + selection.kind());
            out.println("reason    " + selection.reason());
            if (selection.kind() == DeviceKind.CUDA || cuda.available()) {
                out.println("cuda      " + cuda.detail());
            }
            out.println("backend   " + info.strip().replace("\n", "\n          "));
            out.flush();
        }
        return 0;
    }
}
