package io.github.braingobrr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bgb npz}: NumPy archives. */
@Command(
        name = "npz",
        mixinStandardHelpOptions = true,
        description = "Inspect NumPy .npz archives (and single .npy arrays).",
        subcommands = {NpzInfoCommand.class, CommandLine.HelpCommand.class})
final class NpzCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: info");
    }
}
