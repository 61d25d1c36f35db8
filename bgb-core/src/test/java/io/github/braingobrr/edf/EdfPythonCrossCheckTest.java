package io.github.braingobrr.edf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.Python;
import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional cross-check against an independent numpy-based reader ({@code reference_edf_reader.py} in the
 * test resources). Skipped, with a message, where python3 with numpy is absent; the build never needs it.
 */
class EdfPythonCrossCheckTest {
    private static Path script;

    @BeforeAll
    static void needsPythonWithNumpy() throws IOException, InterruptedException, URISyntaxException {
        Assumptions.assumeTrue(
                Python.has("numpy"), "python3 with numpy is not available: the independent cross-check is skipped");
        script = Path.of(EdfPythonCrossCheckTest.class
                .getResource("reference_edf_reader.py")
                .toURI());
    }

    /** The reference reader's lines per file, keyed by the file path it was given. */
    private static Map<String, List<String[]>> reference(List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "reference reader timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        Map<String, List<String[]>> byFile = new LinkedHashMap<>();
        List<String[]> current = null;
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("file")) {
                current = new ArrayList<>();
                byFile.put(f[1], current);
            } else if (current != null && !line.isEmpty()) {
                current.add(f);
            }
        }
        return byFile;
    }

    private static List<String[]> rows(List<String[]> lines, String kind) {
        return lines.stream().filter(l -> l[0].equals(kind)).toList();
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Sum, sum of squares and CRC-32 (of int32 little-endian) of digital values, as the reference prints them. */
    private static String[] digest(int[] d) {
        long sum = 0;
        long squares = 0;
        ByteBuffer b = ByteBuffer.allocate(d.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : d) {
            sum += v;
            squares += (long) v * v;
            b.putInt(v);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array());
        return new String[] {
            String.valueOf(d.length), String.valueOf(sum), String.valueOf(squares), String.valueOf(crc.getValue())
        };
    }

    @Test
    void everySharedFileAgreesSampleForSampleWithTheIndependentReader() throws Exception {
        List<Path> files =
                ReferenceFacts.FILES.stream().map(f -> TestData.file(f.path())).toList();
        Map<String, List<String[]>> ref = reference(files);
        assertEquals(files.size(), ref.size());
        for (Path path : files) {
            List<String[]> lines = ref.get(path.toString());
            try (EdfFile edf = EdfFile.open(path)) {
                String[] h = rows(lines, "header").get(0);
                EdfHeader header = edf.header();
                assertEquals(header.signalCount(), Integer.parseInt(h[1]), path.toString());
                assertEquals(header.recordCount(), Integer.parseInt(h[2]));
                assertEquals(header.recordDurationField(), h[3]);
                assertEquals(header.reservedField(), h[4]);
                assertEquals(header.startDateField(), h[5]);
                assertEquals(header.startTimeField(), h[6]);
                assertEquals(header.headerBytes(), Long.parseLong(h[7]));
                List<String[]> signals = rows(lines, "signal");
                assertEquals(edf.dataSignals().size(), signals.size());
                for (String[] s : signals) {
                    EdfSignal sig = edf.signal(Integer.parseInt(s[1]));
                    assertEquals(s[2], HexFormat.of().formatHex(sig.label().getBytes(StandardCharsets.ISO_8859_1)));
                    assertEquals(Integer.parseInt(s[3]), sig.samplesPerRecord());
                    assertEquals(Integer.parseInt(s[4]), sig.digitalMin());
                    assertEquals(Integer.parseInt(s[5]), sig.digitalMax());
                    assertEquals(s[6], sig.physicalMinField());
                    assertEquals(s[7], sig.physicalMaxField());
                    int[] d = new int[(int) sig.sampleCount()];
                    edf.readDigital(sig, 0, d, 0, d.length);
                    assertEquals(List.of(s[8], s[9], s[10], s[11]), List.of(digest(d)), sig.label() + " in " + path);
                    double sum = Arrays.stream(edf.readPhysical(sig)).sum();
                    double expected = Double.parseDouble(s[12]);
                    double scale = Math.abs(sig.physicalMax() - sig.physicalMin()) * Math.max(1, d.length);
                    assertEquals(expected, sum, Math.max(1e-9 * Math.abs(expected), 1e-12 * scale), sig.label());
                }
                List<String[]> onsets = rows(lines, "onset");
                if (!onsets.isEmpty()) {
                    double[] ours = edf.recordOnsets();
                    assertEquals(header.recordCount(), onsets.size());
                    for (String[] o : onsets) {
                        assertEquals(Double.parseDouble(o[2]), ours[Integer.parseInt(o[1])], 0.0);
                    }
                }
                List<String[]> annotations = rows(lines, "annot");
                List<EdfAnnotation> ours = edf.annotations();
                assertEquals(annotations.size(), ours.size(), path.toString());
                for (int k = 0; k < ours.size(); k++) {
                    String[] a = annotations.get(k);
                    assertEquals(Double.parseDouble(a[1]), ours.get(k).onset(), 0.0);
                    assertEquals(
                            a[2].equals("-") ? -1 : Double.parseDouble(a[2]),
                            ours.get(k).duration().orElse(-1));
                    assertEquals(a[3], hex(ours.get(k).text()));
                }
            }
        }
    }

    @Test
    void theIndependentReaderReadsWhatOurWriterWrote(@TempDir Path dir) throws Exception {
        int[] eeg = new int[250 * 4];
        int[] slow = new int[4];
        Arrays.setAll(eeg, i -> (int) Math.round(30000 * Math.sin(i * 0.01)));
        Arrays.setAll(slow, i -> -i * 1000);
        int[] bdf = new int[487 * 2 * 2];
        Arrays.setAll(bdf, i -> (i * 7919) % 16_000_000 - 8_000_000);
        Path plus = dir.resolve("plus.edf");
        EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                .startDateTime(LocalDateTime.of(2021, 6, 7, 8, 9, 10, 250_000_000))
                .digitalSignal(EdfSignalSpec.of("EEG C3-REF", "uV", -4999.84, 4999.847, -32767, 32767, 250), eeg)
                .digitalSignal(EdfSignalSpec.of("SLOW", "", 8711, -8711, -32768, 32767, 1), slow)
                .annotation(1.5, 0.75, "seiz ⚡ 发作")
                .annotation(3.0, "end")
                .build()
                .write(plus);
        Path gapped = dir.resolve("gapped.edf");
        EdfWriter.builder(EdfFormat.EDF_PLUS_D)
                .digitalSignal(EdfSignalSpec.of("x", "uV", -1, 1, -32768, 32767, 250), eeg)
                .recordOnsets(0, 1, 100, 101)
                .build()
                .write(gapped);
        Path biosemi = dir.resolve("b.bdf");
        EdfWriter.builder(EdfFormat.BDF)
                .recordDuration(2)
                .digitalSignal(EdfSignalSpec.of("ramp", "uV", -3000, 3000, -8388608, 8388607, 974), bdf)
                .build()
                .write(biosemi);
        Map<String, List<String[]>> ref = reference(List.of(plus, gapped, biosemi));

        List<String[]> p = ref.get(plus.toString());
        assertEquals(
                List.of("3", "4", "1", "EDF+C", "07.06.21", "08.09.10", "1024"),
                List.of(rows(p, "header").get(0)).subList(1, 8));
        assertEquals(List.of(digest(eeg)), List.of(rows(p, "signal").get(0)).subList(8, 12));
        assertEquals(List.of(digest(slow)), List.of(rows(p, "signal").get(1)).subList(8, 12));
        assertEquals(
                List.of("-4999.84", "4999.847"),
                List.of(rows(p, "signal").get(0)).subList(6, 8));
        assertEquals(
                List.of("+0.25", "+1.25", "+2.25", "+3.25"),
                rows(p, "onset").stream().map(o -> o[2]).toList());
        List<String[]> ann = rows(p, "annot");
        assertEquals(
                List.of("+1.75", "0.75", hex("seiz ⚡ 发作")), List.of(ann.get(0)).subList(1, 4));
        assertEquals(List.of("+3.25", "-", hex("end")), List.of(ann.get(1)).subList(1, 4));

        List<String[]> g = ref.get(gapped.toString());
        assertEquals("EDF+D", rows(g, "header").get(0)[4]);
        assertEquals(
                List.of("+0", "+1", "+100", "+101"),
                rows(g, "onset").stream().map(o -> o[2]).toList());
        assertEquals(List.of(digest(eeg)), List.of(rows(g, "signal").get(0)).subList(8, 12));

        List<String[]> b = ref.get(biosemi.toString());
        assertEquals(List.of("1", "2", "2"), List.of(rows(b, "header").get(0)).subList(1, 4));
        assertEquals(List.of(digest(bdf)), List.of(rows(b, "signal").get(0)).subList(8, 12));
        assertTrue(rows(b, "onset").isEmpty());
    }
}
