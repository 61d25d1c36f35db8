package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C interrupts the command's thread (see {@link Main}); an interrupted command stops at its next file
 * operation, says so in one line and leaves no file behind. (The launcher test sends a real signal in the middle
 * of a write.)
 */
class InterruptTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedExportWritesNothing() {
        String edf = EdfInfoCommandTest.file("edf/nedc_pystream_example/example.edf");
        Cli.Result r =
                interrupted("edf", "export", edf, "--out", dir.resolve("x.npz").toString());
        r.fails("interrupted; files that were being written were discarded");
        assertEquals(List.of(), Cli.files(dir));
    }

    @Test
    void anInterruptedPreprocessWritesNothing() {
        SyntheticCorpus corpus = TestCorpus.get();
        Cli.Result r = interrupted(
                "preprocess",
                corpus.edfPath(corpus.recordings().get(0)).toString(),
                "--out",
                dir.resolve("p.npz").toString());
        r.fails("interrupted");
        assertEquals(List.of(), Cli.files(dir));
    }

    @Test
    void anInterruptedSynthLeavesNoTemporaryFile() {
        Cli.Result r =
                interrupted("synth", "--out", dir.resolve("c").toString(), "--patients", "1", "--minutes", "0.3");
        r.fails("interrupted");
        assertTrue(Cli.files(dir).isEmpty(), "no label, EDF or temporary file: " + Cli.files(dir));
    }

    private static Cli.Result interrupted(String... args) {
        Thread.currentThread().interrupt();
        Cli.Result r = Cli.run(args);
        Thread.interrupted();
        return r;
    }
}
