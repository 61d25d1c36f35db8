package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test support: runs the command line in-process through picocli and captures what it prints. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {}

    /** Exit code and both streams of one run. */
    record Result(int code, String out, String err) {
        /** Standard output parsed as JSON. */
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        /** Asserts exit code 0 and returns this. */
        Result ok() {
            assertEquals(0, code, () -> "exit " + code + "\nstdout: " + out + "\nstderr: " + err);
            return this;
        }

        /** Asserts a failure (exit 1) reported as one "bgb: ..." line containing {@code part}. */
        Result fails(String part) {
            assertEquals(1, code, () -> "exit " + code + "\nstdout: " + out + "\nstderr: " + err);
            List<String> lines = err.lines().toList();
            assertEquals(1, lines.size(), () -> "one line expected on stderr, got: " + err);
            assertTrue(lines.get(0).startsWith("bgb: "), err);
            assertTrue(err.contains(part), () -> "'" + part + "' not in: " + err);
            return this;
        }

        /** Asserts a usage error: exit 2, the message, and the command's usage line. */
        Result usage(String part) {
            assertEquals(2, code, () -> "exit " + code + "\nstdout: " + out + "\nstderr: " + err);
            assertTrue(err.contains(part), () -> "'" + part + "' not in: " + err);
            assertTrue(err.contains("Usage: bgb"), () -> "no usage line in: " + err);
            return this;
        }
    }

    static Result run(String... args) {
        return run(io.github.braingobrr.storage.StoreOptions.defaults(), args);
    }

    /** A run that reaches {@code s3://} locations with {@code options} (an embedded S3 server). */
    static Result run(io.github.braingobrr.storage.StoreOptions options, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BgbCommand.run(options, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Every file under {@code dir} (hidden temporary files included). */
    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
