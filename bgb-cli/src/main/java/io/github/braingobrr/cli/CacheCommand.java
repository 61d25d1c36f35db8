package io.github.braingobrr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bgb cache}: looking at a window cache on any tier. */
@Command(
        name = "cache",
        mixinStandardHelpOptions = true,
        description = "Look at a window cache on any tier: a folder, an SSD-volume folder or s3://bucket/prefix.",
        subcommands = {CacheStatusCommand.class, CommandLine.HelpCommand.class})
final class CacheCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: status");
    }
}
