package io.github.braingobrr.cache;

import java.nio.file.Path;

/**
 * A build that kills its own JVM (as {@code kill -9} would: no shutdown hooks, no cleanup) once a given number of
 * recordings are done, while the other worker is still writing. Run as a child process by {@link ManifestLifecycleTest}.
 */
public final class KillingBuild {
    private KillingBuild() {}

    /** Arguments: data directory, cache directory, recordings after which to die. */
    public static void main(String[] args) throws Exception {
        int after = Integer.parseInt(args[2]);
        CacheBuilder.from(Path.of(args[0]))
                .to(Path.of(args[1]))
                .split("train")
                .workers(2)
                .environment(name -> null)
                .listener(p -> {
                    if (p.filesDone() >= after) {
                        Runtime.getRuntime().halt(137);
                    }
                })
                .build();
        Runtime.getRuntime().halt(3); // the build should never get here
    }
}
