package io.github.braingobrr.cli;

import io.github.braingobrr.BgbVersion;
import io.github.braingobrr.storage.StoreOptions;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code bgb} command. Exit codes: 0 success, 1 failure, 2 usage error or failed gate.
 */
@Command(
        name = "bgb",
        mixinStandardHelpOptions = true,
        versionProvider = BgbCommand.Version.class,
        description = "EEG seizure-detection data on the JVM: EDF, NumPy files, the window cache, storage tiers.",
        subcommands = {
            EdfCommand.class,
            NpzCommand.class,
            PreprocessCommand.class,
            SynthCommand.class,
            MambaCommand.class,
            S3ServerCommand.class,
            PreflightCommand.class,
            BuildCacheCommand.class,
            ScanCacheCommand.class,
            VerifyCacheCommand.class,
            UploadCacheCommand.class,
            PopulateCacheCommand.class,
            CleanCacheCommand.class,
            CacheCommand.class,
            SampleCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BgbCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the one-line message.")
    boolean verbose;

    @Option(
            names = "--progress",
            scope = ScopeType.INHERIT,
            paramLabel = "WHEN",
            description = "Progress bars on standard error: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE};"
                    + " auto shows them on an interactive terminal).")
    Progress.When progress = Progress.When.auto;

    /** How {@code s3://} locations are reached: the standard AWS environment unless a caller in-process says. */
    StoreOptions storeOptions = StoreOptions.defaults();

    /** Runs the command line with the given arguments on standard output and error; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(StoreOptions.defaults(), out, err, args);
    }

    /** Runs the command line reaching {@code s3://} locations with the given options (tests, embedded servers). */
    static int run(StoreOptions storeOptions, PrintWriter out, PrintWriter err, String... args) {
        BgbCommand root = new BgbCommand();
        root.storeOptions = storeOptions;
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler(new Errors.Usage());
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bgb " + BgbVersion.get(), "Java " + Runtime.version()};
        }
    }
}
