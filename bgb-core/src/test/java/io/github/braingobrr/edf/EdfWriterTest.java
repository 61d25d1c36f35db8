package io.github.braingobrr.edf;

import static io.github.braingobrr.edf.EdfTesting.bytes;
import static io.github.braingobrr.edf.EdfTesting.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdfWriterTest {
    private static final LocalDateTime START = LocalDateTime.of(2024, 5, 1, 9, 30, 15);

    private static double[] ramp(int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(i * 0.05) * scale;
        }
        return v;
    }

    @Test
    void writesAnEdfPlusFileThatOpensStrictlyWithEveryFieldIntact(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/rec.edf");
        EdfWriter writer = EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                .patient(EdfPatient.of("aaaaaaab", "F", LocalDate.of(1970, 2, 3), "Jane Doe"))
                .recording(EdfRecording.of("s001 t000", "tech A", "bgb synthetic"))
                .startDateTime(START)
                .recordDuration(1)
                .signal(
                        EdfSignalSpec.of("EEG FP1-REF", "uV", -5000, 5000, -32767, 32767, 250)
                                .withTransducer("AgAgCl electrode")
                                .withPrefilter("HP:0.5Hz LP:70Hz"),
                        ramp(2500, 100))
                .signal(EdfSignalSpec.of("PHOTIC", "", -100, 100, -2048, 2047, 1), ramp(10, 50))
                .annotation(0, "recording start")
                .annotation(2.5, 3.25, "seiz")
                .annotation(9.75, "electrode pop ✓")
                .build();
        writer.write(file);
        assertEquals(writer.size(), Files.size(file));
        try (EdfFile edf = EdfFile.open(file, EdfOptions.STRICT)) {
            EdfHeader h = edf.header();
            assertEquals(EdfFormat.EDF_PLUS_C, h.format());
            assertEquals("aaaaaaab F 03-FEB-1970 Jane_Doe", h.patientField());
            assertEquals(
                    new EdfPatient("aaaaaaab", "F", "03-FEB-1970", "Jane Doe", ""),
                    h.patient().orElseThrow());
            assertEquals("Startdate 01-MAY-2024 s001_t000 tech_A bgb_synthetic", h.recordingField());
            assertEquals("s001 t000", h.recording().orElseThrow().adminCode());
            assertEquals("01.05.24", h.startDateField());
            assertEquals("09.30.15", h.startTimeField());
            assertEquals(START, h.startDateTime().orElseThrow());
            assertEquals(10, h.recordCount());
            assertEquals(3, h.signalCount());
            assertEquals(256 * 4, h.headerBytes());
            EdfSignal fp1 = edf.signal("EEG FP1-REF");
            assertEquals("AgAgCl electrode", fp1.transducer());
            assertEquals("HP:0.5Hz LP:70Hz", fp1.prefilter());
            assertEquals("-5000", fp1.physicalMinField());
            assertEquals("5000", fp1.physicalMaxField());
            assertEquals(250.0, fp1.samplingRate());
            assertEquals(1.0, edf.signal("PHOTIC").samplingRate());
            assertEquals("EDF Annotations", edf.signal(2).label());
            List<EdfAnnotation> a = edf.annotations();
            assertEquals(3, a.size());
            assertEquals(new EdfAnnotation(2.5, java.util.OptionalDouble.of(3.25), "seiz", 2), a.get(1));
            assertEquals("electrode pop ✓", a.get(2).text());
            assertEquals(9, a.get(2).record());
            assertTrue(edf.warnings().isEmpty());
        }
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void quantizesToTheNearestStepAndClampsToTheDigitalRange() throws IOException {
        // gain = 200 / 200 = 1 per step, offset 0: physical k.4 → k, k.6 → k+1, beyond ±100 → clamped
        double[] physical = {0, 1.4, 1.6, -1.4, -1.6, 99.9, 150, -150, Double.POSITIVE_INFINITY, 2.5, 3.5};
        EdfWriter w = EdfWriter.builder(EdfFormat.EDF)
                .recordDuration(1)
                .signal(EdfSignalSpec.of("x", "uV", -100, 100, -100, 100, physical.length), physical)
                .build();
        try (EdfFile edf = open(bytes(w), EdfOptions.STRICT)) {
            int[] d = new int[physical.length];
            edf.readDigital(edf.signal(0), 0, d, 0, d.length);
            assertArrayEquals(new int[] {0, 1, 2, -1, -2, 100, 100, -100, 100, 2, 4}, d, "ties go to even");
        }
    }

    @Test
    void invertedPhysicalRangeRoundTrips() throws IOException {
        double[] physical = {8711, -8711, 0, 100, -2500.5};
        EdfWriter w = EdfWriter.builder(EdfFormat.EDF)
                .signal(EdfSignalSpec.of("Fp1", "uV", 8711, -8711, -32768, 32767, physical.length), physical)
                .build();
        try (EdfFile edf = open(bytes(w), EdfOptions.STRICT)) {
            EdfSignal s = edf.signal(0);
            assertTrue(s.gain() < 0);
            int[] d = new int[physical.length];
            edf.readDigital(s, 0, d, 0, d.length);
            assertEquals(-32768, d[0], "physical min is the digital min even when it is the larger value");
            assertEquals(32767, d[1]);
            double[] back = edf.readPhysical(s);
            for (int i = 0; i < physical.length; i++) {
                assertEquals(physical[i], back[i], Math.abs(s.gain()) / 2 + 1e-9);
            }
        }
    }

    @Test
    void physicalRangesThatNeedMoreThanEightCharactersAreRoundedOutward() throws IOException {
        double[] physical = {-4999.8474, 4999.8474, 0};
        EdfWriter w = EdfWriter.builder(EdfFormat.EDF)
                .signal(EdfSignalSpec.of("x", "uV", -4999.8474, 4999.8474, -32767, 32767, 3), physical)
                .build();
        try (EdfFile edf = open(bytes(w), EdfOptions.STRICT)) {
            EdfSignal s = edf.signal(0);
            assertEquals("-4999.85", s.physicalMinField());
            assertEquals("4999.848", s.physicalMaxField());
            double[] back = edf.readPhysical(s);
            assertArrayEquals(physical, back, s.gain() / 2 + 1e-9, "extremes stay inside the widened range");
        }
    }

    @Test
    void subSecondStartIsKeptInTheFirstTimeKeepingTal() throws IOException {
        LocalDateTime start = LocalDateTime.of(2020, 1, 24, 4, 5, 56, 394_531_200);
        EdfWriter w = EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                .startDateTime(start)
                .signal(EdfSignalSpec.of("Fp1", "uV", 8711, -8711, -32768, 32767, 128), new double[128 * 3])
                .annotation(1.5567, "XLSpike")
                .build();
        byte[] b = bytes(w);
        String all = new String(b, StandardCharsets.ISO_8859_1);
        assertTrue(all.contains("+0.3945312\u0014\u0014\u0000"), "record 0 time-keeping TAL");
        assertTrue(all.contains("+1.3945312\u0014\u0014\u0000"), "record 1 time-keeping TAL");
        assertTrue(all.contains("+1.9512312\u0014XLSpike\u0014\u0000"), "annotation TAL");
        try (EdfFile edf = open(b, EdfOptions.STRICT)) {
            assertEquals(0.3945312, edf.header().startOffset(), 0.0);
            assertEquals(start, edf.header().recordingStart().orElseThrow());
            EdfAnnotation a = edf.annotations().get(0);
            assertEquals(1.9512312, a.onset(), 1e-12, "raw TAL onsets count from the header's whole second");
            assertEquals(1.5567, a.onset() - edf.header().startOffset(), 1e-9);
        }
    }

    @Test
    void bdfFilesUse24BitSamples() throws IOException {
        int[] digital = {-8388608, -1, 0, 1, 8388607, 123456};
        for (EdfFormat f : List.of(EdfFormat.BDF, EdfFormat.BDF_PLUS_C)) {
            byte[] b = bytes(EdfWriter.builder(f)
                    .recordDuration(2)
                    .digitalSignal(EdfSignalSpec.of("sine", "uV", -3000, 3000, -8388608, 8388607, 3), digital)
                    .build());
            assertEquals(0xff, b[0] & 0xff);
            assertEquals("BIOSEMI", new String(b, 1, 7, StandardCharsets.US_ASCII));
            try (EdfFile edf = open(b, EdfOptions.STRICT)) {
                assertEquals(f, edf.header().format());
                assertEquals(
                        f == EdfFormat.BDF ? "24BIT" : "BDF+C", edf.header().reservedField());
                int[] back = new int[digital.length];
                edf.readDigital(edf.signal(0), 0, back, 0, back.length);
                assertArrayEquals(digital, back);
                assertEquals(1.5, edf.signal(0).samplingRate());
            }
        }
    }

    @Test
    void discontinuousFilesKeepTheirGaps() throws IOException {
        int[] digital = new int[6 * 4];
        Arrays.setAll(digital, i -> i);
        byte[] b = bytes(EdfWriter.builder(EdfFormat.EDF_PLUS_D)
                .recordDuration(0.5)
                .digitalSignal(EdfSignalSpec.of("x", "", -1, 1, -32768, 32767, 4), digital)
                .recordOnsets(0, 0.5, 10, 10.5, 11, 100)
                .annotation(10.25, "after the first gap")
                .build());
        try (EdfFile edf = open(b, EdfOptions.STRICT)) {
            assertArrayEquals(new double[] {0, 0.5, 10, 10.5, 11, 100}, edf.recordOnsets(), 0.0);
            assertEquals(
                    List.of(new EdfSegment(0, 2, 0, 1), new EdfSegment(2, 3, 10, 1.5), new EdfSegment(5, 1, 100, 0.5)),
                    edf.segments());
            assertEquals(2, edf.annotations().get(0).record());
            assertEquals(10.25, edf.timeOf(edf.signal(0), 10), 1e-12, "record 2, third sample");
        }
    }

    @Test
    void annotationOnlyFilesMayHaveRecordDurationZero() throws IOException {
        byte[] b = bytes(EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                .recordDuration(0)
                .annotation(0, 30630, "Sleep stage W")
                .annotation(30630, 120, "Sleep stage 1")
                .build());
        try (EdfFile edf = open(b, EdfOptions.STRICT)) {
            assertEquals(0.0, edf.header().recordDuration());
            assertEquals(1, edf.header().recordCount());
            assertTrue(edf.dataSignals().isEmpty());
            assertEquals(2, edf.annotations().size());
            assertEquals(30630.0, edf.annotations().get(1).onset());
        }
    }

    @Test
    void yearsAfter2084AreWrittenAsYyInEdfPlus() throws IOException {
        byte[] b = bytes(EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                .startDateTime(LocalDateTime.of(2090, 3, 4, 5, 6, 7))
                .signal(EdfSignalSpec.of("x", "", -1, 1, -32768, 32767, 1), new double[1])
                .build());
        try (EdfFile edf = open(b, EdfOptions.STRICT)) {
            assertEquals("04.03.yy", edf.header().startDateField());
            assertEquals(
                    LocalDateTime.of(2090, 3, 4, 5, 6, 7),
                    edf.header().startDateTime().orElseThrow());
        }
    }

    @Test
    void streamingAndFileWritesProduceTheSameBytes(@TempDir Path dir) throws IOException {
        EdfWriter w = EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                .signal(EdfSignalSpec.of("a", "uV", -10, 10, -32768, 32767, 7), ramp(7 * 300, 10))
                .annotation(100, "x")
                .build();
        Path file = dir.resolve("a.edf");
        w.write(file);
        assertArrayEquals(bytes(w), Files.readAllBytes(file));
        assertEquals(300, w.recordCount());
    }

    /** A signal given as a source is written exactly as the same values given as an array. */
    @Test
    void aSampleSourceWritesTheSameBytesAsAnArrayReadInOrderAWholeBatchAtATime() throws IOException {
        int spr = 512;
        int records = 1000; // 1000 records of 3 × 512 int16 samples (3 MB): several 1 MiB batches
        double[] fp1 = ramp(spr * records, 4000);
        double[] fp2 = ramp(spr * records, -1234.5);
        EdfSignalSpec a = EdfSignalSpec.of("EEG FP1-REF", "uV", -5000, 5000, -32767, 32767, spr);
        EdfSignalSpec b = EdfSignalSpec.of("EEG FP2-REF", "uV", -5000, 5000, -32767, 32767, spr);
        EdfSignalSpec c = EdfSignalSpec.of("IBI", "sec", -100, 100, -32767, 32767, spr);
        byte[] fromArrays = bytes(EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                .signal(a, fp1)
                .signal(b, fp2)
                .signal(c, new double[spr * records])
                .annotation(12, 3, "seiz")
                .build());
        List<long[]> reads = new java.util.ArrayList<>();
        EdfWriter streamed = EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                .signal(a, fp1.length, (first, dst, off, n) -> {
                    reads.add(new long[] {first, n});
                    System.arraycopy(fp1, (int) first, dst, off, n);
                })
                .signal(b, fp2)
                .signal(c, (long) spr * records, (first, dst, off, n) -> Arrays.fill(dst, off, off + n, 0.0))
                .annotation(12, 3, "seiz")
                .build();
        assertArrayEquals(fromArrays, bytes(streamed));
        assertTrue(reads.size() > 1, "read in batches, not at once: " + reads.size());
        long next = 0;
        for (long[] r : reads) {
            assertEquals(next, r[0], "in order, without gaps or repeats");
            assertEquals(0, r[1] % spr, "whole records");
            assertTrue(r[1] * 3 * 2 <= (1 << 20), "a batch is at most about a megabyte of file");
            next += r[1];
        }
        assertEquals(fp1.length, next);
        reads.clear();
        assertArrayEquals(fromArrays, bytes(streamed), "each write reads the source again");
        assertEquals(fp1.length, reads.stream().mapToLong(r -> r[1]).sum());
    }

    @Test
    void aSourceThatFailsOrGivesNanLeavesNoFile(@TempDir Path dir) throws IOException {
        EdfSignalSpec spec = EdfSignalSpec.of("EEG C3-REF", "uV", -10, 10, -32768, 32767, 10);
        Path target = dir.resolve("x.edf");
        EdfWriter nan = EdfWriter.builder(EdfFormat.EDF)
                .signal(spec, 100, (first, dst, off, n) -> {
                    Arrays.fill(dst, off, off + n, 1.0);
                    if (first + n > 57) {
                        dst[off + (int) (57 - first)] = Double.NaN;
                    }
                })
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nan.write(target));
        assertTrue(e.getMessage().contains("EEG C3-REF") && e.getMessage().contains("sample 57"), e.getMessage());
        EdfWriter failing = EdfWriter.builder(EdfFormat.EDF)
                .signal(spec, 100, (first, dst, off, n) -> {
                    throw new IOException("generator broke");
                })
                .build();
        assertEquals(
                "generator broke",
                assertThrows(IOException.class, () -> failing.write(target)).getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no target and no temporary file");
        }
        assertRejects(
                "whole number of records",
                EdfWriter.builder(EdfFormat.EDF).signal(spec, 95, (first, dst, off, n) -> {}));
        assertRejects(
                "8-character record count",
                EdfWriter.builder(EdfFormat.EDF)
                        .signal(EdfSignalSpec.of("a", "", -1, 1, -1, 1, 1), 100_000_000L, (first, dst, off, n) -> {}));
        assertThrows(
                IllegalArgumentException.class,
                () -> EdfWriter.builder(EdfFormat.EDF).signal(spec, -10, (first, dst, off, n) -> {}));
    }

    @Test
    void replacesAnExistingFileAndLeavesItIntactWhenTheRenameFails(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.edf");
        Files.writeString(file, "old");
        EdfWriter w = EdfWriter.builder(EdfFormat.EDF)
                .signal(EdfSignalSpec.of("a", "uV", -10, 10, -32768, 32767, 1), new double[] {1})
                .build();
        w.write(file);
        assertEquals(w.size(), Files.size(file));

        Path blocked = dir.resolve("blocked.edf");
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("keep.txt"), "data");
        assertThrows(IOException.class, () -> w.write(blocked));
        assertEquals("data", Files.readString(blocked.resolve("keep.txt")));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(2, left.count(), "only x.edf and blocked.edf: the temporary file was removed");
        }
    }

    /** Real files re-written from their digital values and headers read back bit-exactly. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "edf/mne-python/test.edf",
                "edf/mne-testing-data/test_reduced.edf",
                "edf/edfio/short_psg.edf",
                "edf/pyedflib/test_generator_datarec_generator_2.bdf",
                "edf/nedc_pystream_example/example.edf"
            })
    void rewritesRealFilesBitExactlyOnDigitalValues(String name) throws IOException {
        try (EdfFile in = EdfFile.open(TestData.file(name))) {
            EdfHeader h = in.header();
            EdfFormat format = h.format().isBdf() ? EdfFormat.BDF_PLUS_C : EdfFormat.EDF_PLUS_C;
            EdfWriter.Builder b = EdfWriter.builder(format)
                    .startDateTime(h.recordingStart().orElseThrow())
                    .recordDuration(h.recordDuration());
            for (EdfSignal s : in.dataSignals()) {
                int[] d = new int[(int) s.sampleCount()];
                in.readDigital(s, 0, d, 0, d.length);
                b.digitalSignal(
                        new EdfSignalSpec(
                                s.label(),
                                s.transducer(),
                                s.unit(),
                                s.physicalMin(),
                                s.physicalMax(),
                                Math.min(s.digitalMin(), s.digitalMax()),
                                Math.max(s.digitalMin(), s.digitalMax()),
                                s.prefilter(),
                                s.samplesPerRecord()),
                        d);
            }
            for (EdfAnnotation a : in.annotations()) {
                if (a.duration().isPresent()) {
                    b.annotation(a.onset() - h.startOffset(), a.duration().getAsDouble(), a.text());
                } else {
                    b.annotation(a.onset() - h.startOffset(), a.text());
                }
            }
            try (EdfFile out = open(bytes(b.build()), EdfOptions.STRICT)) {
                assertEquals(in.dataSignals().size(), out.dataSignals().size());
                for (int i = 0; i < in.dataSignals().size(); i++) {
                    EdfSignal s = in.dataSignals().get(i);
                    EdfSignal t = out.dataSignals().get(i);
                    assertEquals(s.label(), t.label());
                    assertEquals(s.samplingRate(), t.samplingRate());
                    int n = (int) s.sampleCount();
                    int[] a = new int[n];
                    int[] c = new int[n];
                    in.readDigital(s, 0, a, 0, n);
                    out.readDigital(t, 0, c, 0, n);
                    assertArrayEquals(a, c, s.label());
                }
                assertEquals(
                        in.annotations().stream().map(EdfAnnotation::text).toList(),
                        out.annotations().stream().map(EdfAnnotation::text).toList());
            }
        }
    }

    @Test
    void rejectsWhatCannotBeWritten() {
        EdfSignalSpec ok = EdfSignalSpec.of("a", "uV", -10, 10, -32768, 32767, 2);
        double[] two = {0, 0};
        assertRejects(
                "longer than its 16",
                EdfWriter.builder(EdfFormat.EDF)
                        .signal(EdfSignalSpec.of("a label that is too long", "uV", -1, 1, -1, 1, 1), new double[1]));
        assertRejects(
                "printable ASCII",
                EdfWriter.builder(EdfFormat.EDF).patientField("Müller").signal(ok, two));
        assertRejects("NaN", EdfWriter.builder(EdfFormat.EDF).signal(ok, new double[] {0, Double.NaN}));
        assertRejects(
                "whole number of records", EdfWriter.builder(EdfFormat.EDF).signal(ok, new double[3]));
        assertRejects(
                "signals before it",
                EdfWriter.builder(EdfFormat.EDF).signal(ok, two).signal(ok, new double[4]));
        assertRejects("EDF+", EdfWriter.builder(EdfFormat.EDF).signal(ok, two).annotation(0, "x"));
        assertRejects(
                "fractions of a second",
                EdfWriter.builder(EdfFormat.EDF)
                        .startDateTime(START.plusNanos(5_000_000))
                        .signal(ok, two));
        assertRejects(
                "1985-2084",
                EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                        .startDateTime(LocalDateTime.of(1984, 12, 31, 0, 0))
                        .signal(ok, two));
        assertRejects(
                "8 characters",
                EdfWriter.builder(EdfFormat.EDF).recordDuration(1.0 / 3).signal(ok, two));
        assertRejects(
                "digital range",
                EdfWriter.builder(EdfFormat.EDF).signal(EdfSignalSpec.of("a", "", -1, 1, -40000, 40000, 2), two));
        assertRejects(
                "TAL separators",
                EdfWriter.builder(EdfFormat.EDF_PLUS_C).signal(ok, two).annotation(0, "a\u0014b"));
        assertRejects(
                "reserved for annotations",
                EdfWriter.builder(EdfFormat.EDF_PLUS_C)
                        .signal(EdfSignalSpec.of("EDF Annotations", "", -1, 1, -1, 1, 2), two));
        assertRejects(
                "record duration",
                EdfWriter.builder(EdfFormat.EDF).recordDuration(0).signal(ok, two));
        assertRejects(
                "first must be 0",
                EdfWriter.builder(EdfFormat.EDF_PLUS_D)
                        .signal(ok, new double[4])
                        .recordOnsets(0, 0.5));
        assertRejects(
                "without losing precision",
                EdfWriter.builder(EdfFormat.EDF).signal(EdfSignalSpec.of("a", "", 1e-9, 2e-9, -1, 1, 2), two));
        assertRejects(
                "16-bit",
                EdfWriter.builder(EdfFormat.EDF)
                        .digitalSignal(EdfSignalSpec.of("a", "", -1, 1, -32768, 32767, 1), new int[] {40000}));
    }

    private static void assertRejects(String fragment, EdfWriter.Builder builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }
}
