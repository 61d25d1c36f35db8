package io.github.braingobrr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bgb mamba}: the Mamba layers and the device they run on. */
@Command(
        name = "mamba",
        mixinStandardHelpOptions = true,
        description = "Run Mamba1 / Mamba2 / BiMamba2 layers with mamba-ssm weights, on CUDA or the CPU.",
        subcommands = {MambaInfoCommand.class, MambaForwardCommand.class, CommandLine.HelpCommand.class})
final class MambaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: info or forward");
    }
}
