package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.BgbVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BgbCommandTest {
    private static final List<String> COMMANDS = List.of(
            "edf",
            "npz",
            "preprocess",
            "synth",
            "mamba",
            "s3-server",
            "build-cache",
            "scan-cache",
            "verify-cache",
            "upload-cache",
            "populate-cache",
            "clean-cache",
            "sample",
            "demo",
            "help");

    @Test
    void helpListsTheCommands() {
        Cli.Result r = Cli.run("--help").ok();
        assertTrue(r.out().startsWith("Usage: bgb"), r.out());
        for (String c : COMMANDS) {
            assertTrue(r.out().contains("\n  " + c + " "), () -> c + " missing from: " + r.out());
        }
    }

    @Test
    void noCommandPrintsTheUsage() {
        assertTrue(Cli.run().ok().out().startsWith("Usage: bgb"));
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertTrue(Cli.run("--version").ok().out().contains("bgb " + BgbVersion.get()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "edf info",
                "edf export",
                "npz info",
                "preprocess",
                "synth",
                "mamba info",
                "mamba forward",
                "s3-server",
                "build-cache",
                "scan-cache",
                "verify-cache",
                "upload-cache",
                "populate-cache",
                "clean-cache",
                "sample",
                "demo"
            })
    void everyCommandHasHelpWithItsUsageAndOptions(String command) {
        String[] words = command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        Cli.Result r = Cli.run(args).ok();
        assertTrue(r.out().startsWith("Usage: bgb " + command + " "), r.out());
        assertTrue(r.out().contains("--verbose"), "inherited options are listed: " + r.out());
        assertEquals("", r.err());
        String[] help = words.length == 1 ? new String[] {"help", words[0]} : new String[] {words[0], "help", words[1]};
        assertEquals(r.out(), Cli.run(help).ok().out(), "'bgb [group] help X' is 'X --help'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"edf", "npz", "mamba"})
    void aGroupWithoutItsSubcommandIsAUsageError(String group) {
        Cli.run(group).usage("name a subcommand");
    }

    @Test
    void unknownOptionsAndCommandsAreUsageErrors() {
        Cli.run("--no-such-option").usage("Unknown option: '--no-such-option'");
        Cli.Result typo = Cli.run("edf", "inf").usage("Unmatched argument at index 1: 'inf'");
        assertTrue(typo.err().contains("Did you mean: edf info?"), typo.err());
        assertTrue(typo.err().contains("Try 'bgb edf --help' for more information."), typo.err());
        Cli.run("npz", "info").usage("Missing required parameter: 'FILE'");
        Cli.run("synth", "--patients", "many", "--out", "x").usage("Invalid value for option '--patients'");
        Cli.run("--progress", "sometimes", "--help").usage("Invalid value for option '--progress'");
    }

    @Test
    void verboseAddsTheStackTraceToTheOneLineMessage() {
        Cli.Result quiet = Cli.run("npz", "info", "/no/such/file.npz");
        quiet.fails("/no/such/file.npz: no such file or folder; check the path");
        Cli.Result verbose = Cli.run("npz", "info", "--verbose", "/no/such/file.npz");
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().startsWith("bgb: /no/such/file.npz: no such file"), verbose.err());
        assertTrue(verbose.err().contains("java.nio.file.NoSuchFileException"), verbose.err());
        assertTrue(verbose.err().contains("\tat "), verbose.err());
        Cli.Result top = Cli.run("--verbose", "npz", "info", "/no/such/file.npz");
        assertTrue(top.err().contains("\tat "), "--verbose works before the command too: " + top.err());
    }
}
