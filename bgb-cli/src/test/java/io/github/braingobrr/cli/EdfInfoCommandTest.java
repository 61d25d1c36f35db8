package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb edf info} on real third-party files; expected values from shared/testdata/README.md. */
class EdfInfoCommandTest {
    @Test
    void jsonHasTheHeaderSignalsAndRawAnnotations() {
        JsonNode j = Cli.run("edf", "info", "--json", file("edf/pyedflib/test_subsecond.edf"))
                .ok()
                .json();
        assertEquals("EDF_PLUS_C", j.get("format").asText());
        assertEquals("24.01.20", j.get("startDate").asText());
        assertEquals("04.05.56", j.get("startTime").asText());
        assertEquals(0.3945312, j.get("startOffset").asDouble());
        assertEquals(698, j.get("recordCount").asInt());
        assertEquals("1", j.get("recordDuration").asText());
        assertEquals(2, j.get("signalCount").asInt());
        JsonNode fp1 = j.get("signals").get(0);
        assertEquals("Fp1", fp1.get("label").asText());
        assertEquals("Fp1", fp1.get("normalizedName").asText());
        assertEquals("Fp1", fp1.get("electrode").asText());
        assertEquals("uV", fp1.get("unit").asText());
        assertEquals(128.0, fp1.get("samplingRate").asDouble());
        assertEquals(89344, fp1.get("sampleCount").asLong());
        assertEquals("8711", fp1.get("physicalMin").asText());
        assertEquals("-8711", fp1.get("physicalMax").asText());
        assertEquals("-32768", fp1.get("digitalMin").asText());
        assertEquals("32767", fp1.get("digitalMax").asText());
        JsonNode ann = j.get("signals").get(1);
        assertTrue(ann.get("annotation").asBoolean());
        assertTrue(ann.get("normalizedName").isNull() && ann.get("electrode").isNull());
        List<String> annotations = new ArrayList<>();
        j.get("annotations")
                .forEach(a -> annotations.add(
                        a.get("onset").asText() + "/" + a.get("text").asText()));
        assertEquals(
                List.of("2.3457031/XLSpike", "3.8867187/Clip Note", "290.8964843/XLEvent", "583.9667968/XLSpike"),
                annotations);
        assertTrue(j.get("annotations").get(0).get("duration").isNull());
        assertEquals(1, j.get("segments").size());
        assertEquals(0, j.get("warnings").size());
    }

    @Test
    void tuhLabelsGetTheirNormalizedNameAndElectrode() {
        JsonNode signals = Cli.run("edf", "info", "--json", file("edf/nedc_pystream_example/example.edf"))
                .ok()
                .json()
                .get("signals");
        assertEquals(30, signals.size());
        assertEquals("EEG FP1-REF", signals.get(0).get("label").asText());
        assertEquals("FP1", signals.get(0).get("normalizedName").asText());
        assertEquals("Fp1", signals.get(0).get("electrode").asText());
        assertEquals(250.0, signals.get(0).get("samplingRate").asDouble());
        assertEquals(1250, signals.get(0).get("sampleCount").asLong());
    }

    @Test
    void discontinuousFilesListTheirSegments() {
        Cli.Result r = Cli.run("edf", "info", "--json", file("edf/EDF.jl/test_merged.edf"))
                .ok();
        JsonNode segments = r.json().get("segments");
        assertEquals(2, segments.size());
        assertEquals(0.0, segments.get(0).get("onset").asDouble());
        assertEquals(6, segments.get(0).get("recordCount").asInt());
        assertEquals(43200.0, segments.get(1).get("onset").asDouble());
        assertEquals(6, segments.get(1).get("firstRecord").asInt());
        String text =
                Cli.run("edf", "info", file("edf/EDF.jl/test_merged.edf")).ok().out();
        assertTrue(text.contains("segments (2)"), text);
        assertTrue(text.contains("records 6-11  43200 s to 43206 s"), text);
    }

    @Test
    void textOutputShowsEachPart() {
        String out = Cli.run("edf", "info", file("edf/pyedflib/test_subsecond.edf"))
                .ok()
                .out();
        assertTrue(out.contains("EDF_PLUS_C"), out);
        assertTrue(out.contains("698 records of 1 s = 698 s recorded"), out);
        assertTrue(out.contains("2020-01-24T04:05:56.394531200"), out);
        assertTrue(
                out.matches("(?s).*\\n  0  Fp1 +Fp1 +uV +128 +89344 +8711 \\.\\. -8711 +-32768 \\.\\. 32767\\n.*"),
                out);
        assertTrue(out.contains("annotations (4)"), out);
        assertTrue(out.matches("(?s).*\\n  290\\.8964843 +- +XLEvent\\n.*"), out);
        assertTrue(out.contains("warnings (0)"), out);
    }

    @Test
    void deviationsAreWarningsUnlessStrict() {
        String f = file("edf/mne-python/test_edf_stim_channel.edf"); // reserved field 'reserved'
        JsonNode j = Cli.run("edf", "info", "--json", f).ok().json();
        assertEquals(1, j.get("warnings").size());
        assertTrue(j.get("warnings").get(0).asText().contains("reserved (byte offset 192)"));
        Cli.run("edf", "info", "--strict", f).fails("reserved (byte offset 192)");
    }

    @Test
    void unreadableFilesFailWithOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.edf");
        Files.writeString(junk, "0       this is not an EDF header");
        Cli.Result r = Cli.run("edf", "info", junk.toString());
        r.fails(junk.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
        Cli.run("edf", "info", dir.resolve("missing.edf").toString())
                .fails(dir.resolve("missing.edf") + ": no such file or folder");
    }

    static String file(String relative) {
        return TestData.file(relative).toString();
    }
}
