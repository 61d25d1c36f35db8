package io.github.braingobrr.cli;

import picocli.CommandLine;

/** Turns an exception escaping a command into one readable line (the stack trace only with --verbose). */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("bgb: " + message);
        if (parseResult.hasMatchedOption("--verbose")) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }
}
