package io.github.braingobrr.cli;

/** Entry point of the {@code bgb} command: runs {@link BgbCommand} and exits with its code. */
public final class Main {
    private Main() {}

    /** Runs the command line and exits the JVM with the command's exit code. */
    public static void main(String[] args) {
        System.exit(BgbCommand.run(args));
    }
}
