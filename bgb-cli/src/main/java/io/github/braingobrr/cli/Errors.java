package io.github.braingobrr.cli;

import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one readable line naming what failed and, where the exception
 * does not say it, what to do; the stack trace follows only with {@code --verbose}. Exit code 1.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    private static final String INTERNAL = "internal error";

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        String line = describe(e);
        err.println("bgb: " + line);
        if (verbose(parseResult)) {
            e.printStackTrace(err);
        } else if (line.startsWith(INTERNAL) || isBug(e)) {
            err.println("bgb: run again with --verbose for the stack trace");
        }
        err.flush();
        return 1;
    }

    /** One line for an exception: the JDK's terse file exceptions get a plain-language sentence. */
    static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ClosedByInterruptException || c instanceof InterruptedException) {
                return "interrupted; files that were being written were discarded (completed files are kept)";
            }
        }
        if (e instanceof FileSystemException f && f.getReason() == null) {
            String file = f.getFile();
            if (e instanceof NoSuchFileException) {
                return file + ": no such file or folder; check the path";
            }
            if (e instanceof AccessDeniedException) {
                return file + ": permission denied; check the file's permissions";
            }
            if (e instanceof FileAlreadyExistsException) {
                return file + ": already exists; remove it or choose another name";
            }
            if (e instanceof NotDirectoryException) {
                return file + ": not a folder";
            }
            if (e instanceof DirectoryNotEmptyException) {
                return file + ": the folder is not empty";
            }
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return INTERNAL + " (" + e.getClass().getName() + "); please report it with the --verbose output";
        }
        return oneLine(message);
    }

    private static boolean isBug(Throwable e) {
        return e instanceof NullPointerException
                || e instanceof IndexOutOfBoundsException
                || e instanceof ClassCastException
                || e instanceof IllegalStateException && e.getMessage() == null;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static boolean verbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reports a usage error (exit code 2) as its message, any "did you mean" suggestions, the command's synopsis
     * and where to find the full help, instead of the whole help text.
     */
    static final class Usage implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            var err = cmd.getErr();
            err.println(oneLine(String.valueOf(e.getMessage())));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.print(cmd.getHelp().fullSynopsis());
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }
    }
}
