package io.github.braingobrr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bgb edf}: EDF, EDF+ and BDF files. */
@Command(
        name = "edf",
        mixinStandardHelpOptions = true,
        description = "Inspect and export EDF, EDF+ and BDF files.",
        subcommands = {EdfInfoCommand.class, EdfExportCommand.class, CommandLine.HelpCommand.class})
final class EdfCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: info or export");
    }
}
