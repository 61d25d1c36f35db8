package io.github.braingobrr.testdata;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether {@code python3} with some modules runs on this machine, for the optional cross-check tests (they skip
 * without it; the build never needs Python). Each set of modules is probed once per JVM.
 */
public final class Python {
    private static final Map<String, Boolean> PROBED = new ConcurrentHashMap<>();

    private Python() {}

    /** True when {@code python3 -c "import <modules>"} succeeds. */
    public static boolean has(String... modules) {
        return PROBED.computeIfAbsent(String.join(", ", modules), Python::probe);
    }

    private static boolean probe(String imports) {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import " + imports)
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
