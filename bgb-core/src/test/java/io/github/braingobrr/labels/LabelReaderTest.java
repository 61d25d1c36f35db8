package io.github.braingobrr.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelReaderTest {
    static Path fixture(String name) {
        try {
            return Path.of(LabelReaderTest.class
                    .getResource("/io/github/braingobrr/labels/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nedcDemoReferenceAndHypothesisFilesParseWithTheReadmeCounts() throws IOException {
        Path root = TestData.file("tusz/nedc_eeg_eval_v6.0.0");
        int refSeiz = 0;
        int refBckg = 0;
        int hypSeiz = 0;
        double durationSum = 0;
        List<Path> refs = list(root.resolve("ref"));
        assertEquals(30, refs.size());
        for (Path p : refs) {
            LabelFile f = LabelReader.read(p);
            assertEquals(LabelFormat.CSV_BI, f.format());
            assertEquals("csv_v1.0.0", f.version());
            assertTrue(f.warnings().isEmpty());
            refSeiz += (int)
                    f.events().stream().filter(e -> e.label().equals("seiz")).count();
            refBckg += (int)
                    f.events().stream().filter(e -> e.label().equals("bckg")).count();
            durationSum += f.duration().getAsDouble();
        }
        for (Path p : list(root.resolve("hyp"))) {
            hypSeiz += (int) LabelReader.read(p).events().stream()
                    .filter(e -> e.label().equals("seiz"))
                    .count();
        }
        assertEquals(701, refSeiz);
        assertEquals(0, refBckg);
        assertEquals(58, hypSeiz);
        assertEquals(45277.0, durationSum, 1e-9);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "nedc_eeg_eval_v6.0.0/ref/aaaaaasf_s001_t000.csv_bi|1289.0|nedc_eas_default_montage.txt|17|17|397.2625|42.2786|81.7760|1274.2360|1285.5720",
                "nedc_eeg_eval_v6.0.0/ref/aaaaajqo_s019_t001.csv_bi|1211.0|nedc_eas_default_montage.txt|34|34|831.9381|1.0000|7.6804|1191.3274|1208.4029",
                "nedc_eeg_eval_v6.0.0/ref/aaaaaprj_s002_t001.csv_bi|601.0|nedc_eas_default_montage.txt|12|12|329.8468|1.0273|31.3281|579.9570|599.6696",
                "nedc_eeg_eval_v6.0.0/ref/aaaaasdq_s002_t004.csv_bi|6439.0|nedc_eas_default_montage.txt|41|41|2499.0263|4.9973|93.9825|5754.0295|5824.6258",
                "nedc_eeg_eval_v6.0.0/hyp/aaaaaasf_s001_t000.csv_bi|1289.0|montage_eeg_resnet_v00.txt|7|3|888.0000|0.0000|49.0000|1188.0000|1289.0000",
                "nedc_eeg_eval_v6.0.0/hyp/aaaaasdq_s002_t004.csv_bi|6439.0|montage_eeg_resnet_v00.txt|21|10|3612.0000|0.0000|39.0000|5823.0000|6439.0000",
                "epilepsy2bids/aaaaahln_s001_t000.csv_bi|1275.0|$NEDC_NFC/lib/nedc_eas_default_montage.txt|1|0|0.0|0.0000|1275.0000|0.0000|1275.0000",
                "epilepsy2bids/aaaaapks_s012_t001.csv_bi|2348.0|$NEDC_NFC/lib/nedc_eas_default_montage.txt|52|52|1168.3083|4.9724|36.3315|2294.9724|2346.5856",
                "epilepsy2bids/aaaaapks_s016_t002.csv_bi|601.0|$NEDC_NFC/lib/nedc_eas_default_montage.txt|20|20|340.0100|1.0000|5.0101|566.0303|584.0303"
            })
    void realCsvBiFilesMatchTheReadme(
            String file,
            double duration,
            String montage,
            int rows,
            int seizRows,
            double seizSeconds,
            double firstStart,
            double firstStop,
            double lastStart,
            double lastStop)
            throws IOException {
        LabelFile f = LabelReader.read(TestData.file("tusz/" + file));
        String stem = Path.of(file).getFileName().toString().replace(".csv_bi", "");
        assertEquals(stem, f.bname());
        assertEquals(OptionalDouble.of(duration), f.duration());
        assertEquals(montage, f.montageFile());
        assertEquals(rows, f.events().size());
        List<LabelEvent> seiz = f.seizures(SeizureType.epileptic());
        assertEquals(seizRows, seiz.size());
        assertEquals(
                seizSeconds, seiz.stream().mapToDouble(LabelEvent::duration).sum(), 1e-6);
        LabelEvent first = f.events().get(0);
        LabelEvent last = f.events().get(rows - 1);
        assertEquals(LabelEvent.TERM, first.channel());
        assertEquals(firstStart, first.start(), 0.0);
        assertEquals(firstStop, first.stop(), 0.0);
        assertEquals(lastStart, last.start(), 0.0);
        assertEquals(lastStop, last.stop(), 0.0);
        assertEquals(1.0, last.confidence(), 0.0);
    }

    @Test
    void perChannelCsvKeepsChannelsTypesAndConfidence() throws IOException {
        LabelFile f = LabelReader.read(fixture("fixture_s001_t000.csv"));
        assertEquals(LabelFormat.CSV, f.format());
        assertEquals("fixture_s001_t000", f.bname());
        assertEquals(OptionalDouble.of(300.0), f.duration());
        assertEquals("$NEDC_NFC/lib/01_tcp_ar_montage.txt", f.montageFile());
        assertEquals(13, f.events().size());
        assertEquals(
                new LabelEvent("FP1-F7", 36.8868, 183.3055, "cpsz", 1.0),
                f.events().get(1));
        assertEquals(
                new LabelEvent("C3-CZ", 280.0, 281.5, "atsz", 0.8), f.events().get(10));
        Map<String, Integer> byType = new TreeMap<>();
        f.seizures(SeizureType.epileptic()).forEach(e -> byType.merge(e.label(), 1, Integer::sum));
        assertEquals(Map.of("cpsz", 2, "cnsz", 1, "atsz", 1), byType);
        // the seed's set misses cnsz and atsz; nesz is not epileptic
        assertEquals(2, f.seizures(SeizureType.seed()).size());
    }

    @Test
    void strictModeFailsWithFileAndLine() {
        LabelFormatException e =
                assertThrows(LabelFormatException.class, () -> LabelReader.read(fixture("malformed.csv")));
        assertEquals(6, e.line());
        assertTrue(
                e.getMessage()
                        .endsWith("malformed.csv:6: start, stop and confidence must be numbers: "
                                + "'FP1-F7,two,3.0000,fnsz,1.0000'"),
                e.getMessage());
        LabelFormatException tse =
                assertThrows(LabelFormatException.class, () -> LabelReader.read(fixture("malformed.tse")));
        assertEquals(4, tse.line());
    }

    @Test
    void lenientModeSkipsMalformedRowsAndRecordsWhy() throws IOException {
        LabelFile f = LabelReader.read(fixture("malformed.csv"), ParseMode.LENIENT);
        assertEquals(
                List.of(new LabelEvent("FP1-F7", 1, 2, "fnsz", 1), new LabelEvent("F7-T3", 7, 9.5, "gnsz", 1)),
                f.events());
        assertEquals(3, f.warnings().size());
        assertTrue(
                f.warnings().get(0).contains("malformed.csv:6: "), f.warnings().get(0));
        assertTrue(
                f.warnings().get(1).contains("malformed.csv:7: need 0 <= start <= stop"),
                f.warnings().get(1));
        assertTrue(f.warnings().get(2).contains("malformed.csv:8: expected 5 comma-separated fields"));
        assertEquals(OptionalDouble.of(12.0), f.duration()); // CRLF line ends are accepted
    }

    @Test
    void tseAndTseBiParse() throws IOException {
        LabelFile tse = LabelReader.read(fixture("fixture.tse"));
        assertEquals("tse_v1.0.0", tse.version());
        assertEquals(4, tse.events().size());
        assertEquals(new LabelEvent("TERM", 45, 50, "tcsz", 0.9), tse.events().get(2));
        assertEquals(OptionalDouble.empty(), tse.duration());
        LabelFile bi = LabelReader.read(fixture("fixture.tse_bi"));
        assertEquals(LabelFormat.TSE_BI, bi.format());
        assertEquals(List.of(new LabelEvent("TERM", 12.25, 50, "seiz", 1)), bi.seizures(SeizureType.epileptic()));
        assertEquals(
                List.of(new LabelEvent("TERM", 0, 10, "bckg", 1)),
                LabelReader.read(fixture("malformed.tse"), ParseMode.LENIENT).events());
    }

    @Test
    void theLabelFilesOfARecordingAreItsSiblingsByExtension(@TempDir Path dir) throws IOException {
        Path edf = dir.resolve("aaaaaaaa_s001_t000.edf");
        assertEquals(dir.resolve("aaaaaaaa_s001_t000.csv"), LabelFormat.CSV.siblingOf(edf));
        assertEquals(dir.resolve("aaaaaaaa_s001_t000.csv_bi"), LabelFormat.CSV_BI.siblingOf(edf));
        assertEquals(dir.resolve("rec.v2.tse_bi"), LabelFormat.TSE_BI.siblingOf(dir.resolve("rec.v2.edf")));
        Files.copy(fixture("fixture_s001_t000.csv"), LabelFormat.CSV.siblingOf(edf));
        assertEquals(
                13, LabelReader.read(LabelFormat.CSV.siblingOf(edf)).events().size());
        assertEquals(Optional.of(LabelFormat.CSV_BI), LabelFormat.of(Path.of("X.CSV_BI")));
    }

    @Test
    void unknownExtensionIsRejected(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("x.txt"), "");
        IOException e = assertThrows(IOException.class, () -> LabelReader.read(p));
        assertTrue(e.getMessage().contains("not a label file"));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv_bi")).sorted().toList();
        }
    }
}
