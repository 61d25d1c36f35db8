package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb npz info} on archives NumPy wrote; expected values from shared/testdata/README.md. */
class NpzInfoCommandTest {
    private static final String STORED = EdfInfoCommandTest.file("npy/generated/eeg_stored.npz");
    private static final String DEFLATED = EdfInfoCommandTest.file("npy/generated/eeg_deflated.npz");
    private static final String MIXED = EdfInfoCommandTest.file("npy/generated/mixed_deflated.npz");

    @Test
    void membersWithDtypeShapeOrderCompressionAndSizes() {
        JsonNode j = Cli.run("npz", "info", STORED, "--json").ok().json();
        assertEquals("npz", j.get("format").asText());
        assertEquals(17084, j.get("size").asLong());
        List<String> rows = new ArrayList<>();
        j.get("members")
                .forEach(m -> rows.add(m.get("name").asText() + " "
                        + m.get("dtype").asText() + " "
                        + m.get("shape") + " " + m.get("order").asText() + " "
                        + m.get("compression").asText() + " "
                        + m.get("size").asLong() + " " + m.get("compressedSize").asLong() + " "
                        + m.get("crc32").asText()));
        assertEquals(
                List.of(
                        "data <f4 [4,1000] c stored 16128 16128 d3fbce94",
                        "sfreq <f8 [] c stored 136 136 65a98b99",
                        "ch_names <U3 [4] c stored 176 176 024fedbf",
                        "labels <i8 [4] c stored 160 160 769d70d2"),
                rows);
        assertFalse(j.get("members").get(0).has("stats"), "no statistics unless asked");
        JsonNode d = Cli.run("npz", "info", DEFLATED, "--json")
                .ok()
                .json()
                .get("members")
                .get(0);
        assertEquals("deflated", d.get("compression").asText());
        assertEquals(2192, d.get("compressedSize").asLong());
        assertTrue(d.get("dataOffset").isNull(), "a deflated member has no data offset in the archive");
    }

    @Test
    void statsGiveMinMaxMeanAndNaNsPerNumericMember() {
        JsonNode members =
                Cli.run("npz", "info", MIXED, "--stats", "--json").ok().json().get("members");
        JsonNode fortran = members.get(0).get("stats"); // arange(12).reshape(3, 4), Fortran order
        assertEquals(12, fortran.get("count").asLong());
        assertEquals(0.0, fortran.get("min").asDouble());
        assertEquals(11.0, fortran.get("max").asDouble());
        assertEquals(5.5, fortran.get("mean").asDouble());
        JsonNode big = members.get(1).get("stats"); // [1.0, -2.5, 3.25, inf] as >f4
        assertEquals(-2.5, big.get("min").asDouble());
        assertEquals("Infinity", big.get("max").asText());
        JsonNode empty = members.get(3).get("stats");
        assertEquals(0, empty.get("count").asLong());
        assertEquals("NaN", empty.get("mean").asText());
        JsonNode flags = members.get(4).get("stats");
        assertEquals(0.6, flags.get("mean").asDouble());
        JsonNode strings = Cli.run("npz", "info", STORED, "--stats", "--json")
                .ok()
                .json()
                .get("members")
                .get(2);
        assertTrue(strings.get("stats").isNull(), "strings have no statistics");
    }

    @Test
    void textOutputIsATable() {
        String out = Cli.run("npz", "info", MIXED, "--stats", "--verify").ok().out();
        assertTrue(out.startsWith(MIXED + ": 5 member(s), CRC-32 verified"), out);
        assertTrue(
                out.matches("(?s).*\\n  fortran +<f8 +\\(3, 4\\) +fortran +deflated +224 +102 +0 +11 +5\\.5 +0\\n.*"),
                out);
        assertTrue(out.matches("(?s).*\\n  scalar +<f8 +\\(\\) .*"), out);
    }

    @Test
    void aSingleNpyFileIsOneMember() {
        JsonNode j = Cli.run(
                        "npz", "info", EdfInfoCommandTest.file("npy/generated/f32_c_2x3_v3.npy"), "--json", "--stats")
                .ok()
                .json();
        assertEquals("npy", j.get("format").asText());
        JsonNode m = j.get("members").get(0);
        assertEquals(3, m.get("formatVersion").asInt());
        assertEquals(128, m.get("dataOffset").asInt());
        assertEquals("[2,3]", m.get("shape").toString());
        assertEquals(1.25, m.get("stats").get("mean").asDouble()); // arange(6) * 0.5
    }

    @Test
    void damagedArchivesFailWithTheReason(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.npz");
        byte[] bytes = Files.readAllBytes(Path.of(STORED));
        bytes[1000] ^= 0x55; // inside data.npy's elements
        Files.write(bad, bytes);
        Cli.run("npz", "info", bad.toString()).ok(); // the directory and headers are intact
        Cli.run("npz", "info", bad.toString(), "--verify").fails("member 'data.npy' is corrupt: its CRC-32 is");
        Path truncated = dir.resolve("truncated.npz");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 500));
        Cli.run("npz", "info", truncated.toString()).fails(truncated + " is a truncated zip archive");
        Cli.run("npz", "info", EdfInfoCommandTest.file("npy/numpy-repo/py3-objarr.npz"))
                .fails("is an object array");
    }
}
