package io.github.braingobrr.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelWriterTest {
    @Test
    void csvBiIsWrittenInTuszLayout() {
        LabelFile f = LabelFile.of(
                LabelFormat.CSV_BI,
                "aaaaapks_s016_t002",
                601,
                "$NEDC_NFC/lib/nedc_eas_default_montage.txt",
                List.of(new LabelEvent("TERM", 1.0, 5.0101, "seiz", 1.0)));
        assertEquals(
                "# version = csv_v1.0.0\n# bname = aaaaapks_s016_t002\n# duration = 601.00 secs\n"
                        + "# montage_file = $NEDC_NFC/lib/nedc_eas_default_montage.txt\n#\n"
                        + "channel,start_time,stop_time,label,confidence\nTERM,1.0000,5.0101,seiz,1.0000\n",
                LabelWriter.format(f));
    }

    @Test
    void writtenCsvBiRereadsLikeTheRealFile(@TempDir Path dir) throws IOException {
        Path real = TestData.file("tusz/epilepsy2bids/aaaaapks_s012_t001.csv_bi");
        LabelFile original = LabelReader.read(real);
        Path copy = dir.resolve("aaaaapks_s012_t001.csv_bi");
        LabelWriter.write(copy, original);
        assertEquals(Files.readString(real), Files.readString(copy)); // byte-identical to TUSZ's own file
        LabelFile reread = LabelReader.read(copy);
        assertEquals(original.events(), reread.events());
        assertEquals(original.duration(), reread.duration());
    }

    @Test
    void everyFormatRoundTrips(@TempDir Path dir) throws IOException {
        List<LabelEvent> events = List.of(
                new LabelEvent("FP1-F7", 0, 36.8868, "bckg", 1),
                new LabelEvent("FP1-F7", 36.8868, 183.3055, "cpsz", 1),
                new LabelEvent("F7-T3", 40, 190.5, "cnsz", 0.75));
        for (LabelFormat format : LabelFormat.values()) {
            boolean term = format == LabelFormat.TSE || format == LabelFormat.TSE_BI;
            List<LabelEvent> written = term
                    ? events.stream()
                            .map(e -> new LabelEvent("TERM", e.start(), e.stop(), e.label(), e.confidence()))
                            .toList()
                    : events;
            LabelFile f = LabelFile.of(format, "x_s001_t000", 300, "m.txt", written);
            Path p = dir.resolve("x_s001_t000" + format.extension());
            LabelWriter.write(p, f);
            LabelFile back = LabelReader.read(p);
            assertEquals(format, back.format());
            assertEquals(written, back.events(), format.name());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(4, s.count()); // no temporary files left behind
        }
    }

    @Test
    void perChannelEventsCollapseToTheBinaryTermView() throws IOException {
        LabelFile f = LabelReader.read(LabelReaderTest.fixture("fixture_s001_t000.csv"));
        LabelFile bi = f.toBinary(SeizureType.epileptic());
        assertEquals(
                List.of(
                        new LabelEvent("TERM", 36.8868, 190.5, "seiz", 1),
                        new LabelEvent("TERM", 250, 262.125, "seiz", 1),
                        new LabelEvent("TERM", 280, 281.5, "seiz", 1)),
                bi.events());
        LabelFile none = LabelFile.of(LabelFormat.CSV, "y", 120, "", List.of(new LabelEvent("A-B", 0, 120, "bckg", 1)))
                .toBinary(SeizureType.epileptic());
        assertEquals(List.of(new LabelEvent("TERM", 0, 120, "bckg", 1)), none.events());
    }

    @Test
    void fieldsWithSeparatorsAreRefused() {
        LabelFile f = LabelFile.of(LabelFormat.CSV, "y", 1, "", List.of(new LabelEvent("A,B", 0, 1, "seiz", 1)));
        assertThrows(IllegalArgumentException.class, () -> LabelWriter.format(f));
    }
}
