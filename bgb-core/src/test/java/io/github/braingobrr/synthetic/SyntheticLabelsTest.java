package io.github.braingobrr.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.labels.LabelEvent;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelReader;
import io.github.braingobrr.labels.LabelWriter;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The label files of synthetic recordings, written by {@link LabelWriter} as TUSZ v2 writes them. */
class SyntheticLabelsTest {

    private static SyntheticRecordingSpec spec(
            String patient, int session, int token, int duration, List<PlantedSeizure> seizures) {
        return new SyntheticRecordingSpec(
                CorpusSplit.TRAIN,
                patient,
                session,
                2014,
                token,
                TuhMontage.TCP_AR,
                250,
                duration,
                TuhLayouts.signals(TuhMontage.TCP_AR, 250, Set.of()),
                seizures,
                10,
                0);
    }

    private static PlantedSeizure focalT3(double start, double stop) {
        return new PlantedSeizure(
                SeizureType.FNSZ, start, stop, "T3", List.of("T3"), List.of("T3-T5", "F7-T3"), 6, 4, 150);
    }

    /** Our .csv_bi must equal real TUSZ v2 files byte for byte when given the same seizures. */
    @Test
    void csvBiEqualsRealTuszFiles() throws IOException {
        for (String name : List.of("aaaaahln_s001_t000", "aaaaapks_s016_t002", "aaaaapks_s012_t001")) {
            Path file = TestData.file("tusz/epilepsy2bids/" + name + ".csv_bi");
            LabelFile real = LabelReader.read(file);
            List<PlantedSeizure> seizures = new ArrayList<>();
            for (LabelEvent e : real.seizures(Set.of(SeizureType.SEIZ))) {
                seizures.add(focalT3(e.start(), e.stop()));
            }
            String[] parts = name.split("_");
            SyntheticRecordingSpec spec = spec(
                    parts[0],
                    Integer.parseInt(parts[1].substring(1)),
                    Integer.parseInt(parts[2].substring(1)),
                    (int) real.duration().orElseThrow(),
                    seizures);
            assertEquals(
                    Files.readString(file, StandardCharsets.US_ASCII), LabelWriter.format(spec.binaryLabels()), name);
        }
    }

    /** A hand-written expectation for a small recording with one focal seizure. */
    @Test
    void perChannelCsvForOneFocalSeizure() {
        SyntheticRecordingSpec spec = spec("aaaaaxyz", 2, 1, 100, List.of(focalT3(36.8868, 83.3055)));
        StringBuilder expected = new StringBuilder("# version = csv_v1.0.0\n"
                + "# bname = aaaaaxyz_s002_t001\n"
                + "# duration = 100.00 secs\n"
                + "# montage_file = $NEDC_NFC/lib/nedc_eas_default_montage.txt\n"
                + "#\n"
                + "channel,start_time,stop_time,label,confidence\n");
        for (String ch : List.of(
                "FP1-F7", "F7-T3", "T3-T5", "T5-O1", "FP2-F8", "F8-T4", "T4-T6", "T6-O2", "A1-T3", "T3-C3", "C3-CZ",
                "CZ-C4", "C4-T4", "T4-A2", "FP1-F3", "F3-C3", "C3-P3", "P3-O1", "FP2-F4", "F4-C4", "C4-P4", "P4-O2")) {
            if (ch.equals("F7-T3") || ch.equals("T3-T5")) {
                expected.append(ch).append(",0.0000,36.8868,bckg,1.0000\n");
                expected.append(ch).append(",36.8868,83.3055,fnsz,1.0000\n");
                expected.append(ch).append(",83.3055,100.0000,bckg,1.0000\n");
            } else {
                expected.append(ch).append(",0.0000,100.0000,bckg,1.0000\n");
            }
        }
        assertEquals(expected.toString(), LabelWriter.format(spec.labels()));
        assertEquals(
                "# version = csv_v1.0.0\n"
                        + "# bname = aaaaaxyz_s002_t001\n"
                        + "# duration = 100.00 secs\n"
                        + "# montage_file = $NEDC_NFC/lib/nedc_eas_default_montage.txt\n"
                        + "#\n"
                        + "channel,start_time,stop_time,label,confidence\n"
                        + "TERM,36.8868,83.3055,seiz,1.0000\n",
                LabelWriter.format(spec.binaryLabels()));
    }

    private static final Pattern ROW =
            Pattern.compile("([A-Z0-9]+-[A-Z0-9]+),(\\d+\\.\\d{4}),(\\d+\\.\\d{4}),([a-z]{4}),1\\.0000");

    /** Every planned recording's .csv covers each TCP channel contiguously and matches its seizures. */
    @Test
    void perChannelCsvMatchesThePlantedSeizures() {
        List<SyntheticRecordingSpec> plan =
                SyntheticCorpus.builder().patients(10).seed(5).plan();
        for (SyntheticRecordingSpec spec : plan) {
            String[] lines = LabelWriter.format(spec.labels()).split("\n", -1);
            assertEquals("", lines[lines.length - 1], "LF-terminated");
            assertEquals("# bname = " + spec.stem(), lines[1]);
            assertEquals(
                    String.format(java.util.Locale.ROOT, "# duration = %d.00 secs", spec.durationSeconds()), lines[2]);
            Map<String, List<String[]>> rows = new LinkedHashMap<>();
            for (int i = 6; i < lines.length - 1; i++) {
                var m = ROW.matcher(lines[i]);
                assertTrue(m.matches(), lines[i]);
                rows.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                        .add(new String[] {m.group(2), m.group(3), m.group(4)});
            }
            assertEquals(spec.montage().tcpChannels(), List.copyOf(rows.keySet()));
            for (var e : rows.entrySet()) {
                List<PlantedSeizure> expected = spec.seizures().stream()
                        .filter(z -> z.channels().contains(e.getKey()))
                        .toList();
                double t = 0;
                int seen = 0;
                for (String[] r : e.getValue()) {
                    double start = Double.parseDouble(r[0]);
                    double stop = Double.parseDouble(r[1]);
                    assertEquals(t, start, 1e-9, spec.stem() + " " + e.getKey() + " has a gap or overlap");
                    assertTrue(stop > start);
                    if (!r[2].equals("bckg")) {
                        PlantedSeizure z = expected.get(seen++);
                        assertEquals(z.type().code(), r[2]);
                        assertEquals(z.startSeconds(), start, 1e-9);
                        assertEquals(z.stopSeconds(), stop, 1e-9);
                    }
                    t = stop;
                }
                assertEquals(spec.durationSeconds(), t, 1e-9);
                assertEquals(expected.size(), seen, spec.stem() + " " + e.getKey());
            }
        }
    }
}
