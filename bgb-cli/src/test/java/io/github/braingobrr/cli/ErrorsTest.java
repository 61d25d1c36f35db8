package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** The one-line messages of {@link Errors}. */
class ErrorsTest {
    @Test
    void terseJdkFileExceptionsBecomeSentencesThatSayWhatToDo() {
        assertEquals(
                "a.edf: no such file or folder; check the path", Errors.describe(new NoSuchFileException("a.edf")));
        assertEquals(
                "a.edf: permission denied; check the file's permissions",
                Errors.describe(new AccessDeniedException("a.edf")));
        assertEquals(
                "o.npz: already exists; remove it or choose another name",
                Errors.describe(new FileAlreadyExistsException("o.npz")));
        assertEquals("d: not a folder", Errors.describe(new NotDirectoryException("d")));
        assertEquals(
                "x.csv: the --labels file does not exist",
                Errors.describe(new NoSuchFileException("x.csv", null, "the --labels file does not exist")));
    }

    @Test
    void messagesAreKeptOnOneLine() {
        assertEquals(
                "first line; second line; third",
                Errors.describe(new IOException("  first line\n  second line\r\nthird\n")));
    }

    @Test
    void interruptsAnywhereInTheCauseChainAreReportedAsSuch() {
        String expected = "interrupted; files that were being written were discarded (completed files are kept)";
        assertEquals(expected, Errors.describe(new ClosedByInterruptException()));
        assertEquals(expected, Errors.describe(new IOException("cannot write x", new ClosedByInterruptException())));
        assertEquals(expected, Errors.describe(new InterruptedException()));
    }

    @Test
    void exceptionsWithoutAMessageAreInternalErrors() {
        assertEquals(
                "internal error (java.lang.NullPointerException); please report it with the --verbose output",
                Errors.describe(new NullPointerException()));
    }
}
