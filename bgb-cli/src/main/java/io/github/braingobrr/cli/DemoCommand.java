package io.github.braingobrr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bgb demo}: the main job on embedded defaults. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the main job on a synthetic corpus: build, verify, upload, populate and read the cache.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", description = "Where everything is written (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("bgb-demo");

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        err.println("bgb demo: not built yet. It will generate a synthetic TUSZ-like corpus in " + dir
                + ", build the window cache, verify it, upload it to an embedded S3 server,"
                + " populate an SSD tier and read balanced batches from both.");
        return 1;
    }
}
