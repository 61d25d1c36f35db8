package io.github.braingobrr.edf;

import static io.github.braingobrr.edf.EdfTesting.open;
import static io.github.braingobrr.edf.EdfTesting.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and non-conforming input: specific {@link EdfFormatException}s naming file, field, offset and value;
 * tolerated deviations as warnings in lenient mode and as errors in strict mode.
 */
class EdfBadInputTest {
    /** subsecond_starttime.edf: EDF+C, 4 signals (3 × 512 + annotations × 19 per record), 5 records. */
    private static final String BASE = "edf/mne-testing-data/subsecond_starttime.edf";

    private static final int HEADER = 1280;
    private static final int RECORD = 3110;
    private static final int NS = 4;

    private static byte[] base() throws IOException {
        return Files.readAllBytes(TestData.file(BASE));
    }

    private static EdfFormatException fails(byte[] bytes, EdfOptions options) {
        return assertThrows(EdfFormatException.class, () -> {
            try (EdfFile edf = open(bytes, options)) {
                edf.annotations();
            }
        });
    }

    private static void assertNames(EdfFormatException e, String field, long offset, String value) {
        assertEquals("memory.edf", e.file());
        assertEquals(field, e.field());
        assertEquals(offset, e.offset());
        assertEquals(value, e.value());
        assertTrue(e.getMessage().startsWith("memory.edf: " + field), e.getMessage());
        if (offset >= 0) {
            assertTrue(e.getMessage().contains("byte offset " + offset), e.getMessage());
        }
    }

    private static EdfWarning onlyWarning(EdfFile edf, String field) {
        List<EdfWarning> w =
                edf.warnings().stream().filter(x -> x.field().equals(field)).toList();
        assertEquals(1, w.size(), () -> "one warning on '" + field + "' in " + edf.warnings());
        return w.get(0);
    }

    @Test
    void emptyAndTinyFilesAreNotEdf(@TempDir Path dir) throws IOException {
        EdfFormatException e = fails(new byte[0], EdfOptions.LENIENT);
        assertNames(e, "header", 0, null);
        assertTrue(e.getMessage().contains("shorter than the 256-byte EDF header"), e.getMessage());
        Path tiny = dir.resolve("tiny.edf");
        Files.write(tiny, Arrays.copyOf(base(), 100));
        EdfFormatException onDisk = assertThrows(EdfFormatException.class, () -> EdfFile.open(tiny));
        assertEquals(tiny.toString(), onDisk.file());
    }

    @Test
    void otherFileTypesAreRejectedByTheirVersionField() throws IOException {
        byte[] zip = Arrays.copyOf("PK\u0003\u0004 not an EDF".getBytes(StandardCharsets.ISO_8859_1), 4096);
        EdfFormatException e = fails(zip, EdfOptions.LENIENT);
        assertEquals("version", e.field());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("not EDF or BDF"), e.getMessage());
        byte[] fakeBdf = base();
        fakeBdf[0] = (byte) 0xff;
        assertEquals("version", fails(fakeBdf, EdfOptions.LENIENT).field());
    }

    @Test
    void headerShorterThanItsSignalCountNeeds() throws IOException {
        EdfFormatException e = fails(Arrays.copyOf(base(), 600), EdfOptions.LENIENT);
        assertNames(e, "number of signals", 252, "4");
        assertTrue(e.getMessage().contains("takes 1280 bytes, but the file has only 600"), e.getMessage());
    }

    @Test
    void absurdSignalCountDoesNotAllocate() throws IOException {
        byte[] b = base();
        put(b, 252, 4, "9999");
        assertNames(fails(b, EdfOptions.LENIENT), "number of signals", 252, "9999");
        put(b, 252, 4, "0");
        assertNames(fails(b, EdfOptions.LENIENT), "number of signals", 252, "0");
        put(b, 252, 4, "x4");
        EdfFormatException e = fails(b, EdfOptions.LENIENT);
        assertNames(e, "number of signals", 252, "x4");
        assertTrue(e.getMessage().contains("must be an integer"), e.getMessage());
    }

    @Test
    void recordCountLargerThanTheFileIsAWarningLenientlyAndAnErrorStrictly() throws IOException {
        byte[] b = base();
        put(b, 236, 8, "99999999");
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals(5, edf.header().recordCount());
            assertEquals(99999999, edf.header().recordCountField());
            EdfWarning w = onlyWarning(edf, "number of data records");
            assertEquals(236, w.offset());
            assertEquals("99999999", w.value());
            assertTrue(w.message().contains("holds only 5 complete records"), w.message());
        }
        assertNames(fails(b, EdfOptions.STRICT), "number of data records", 236, "99999999");
    }

    @Test
    void truncatedFileReadsItsCompleteRecords() throws IOException {
        byte[] b = Arrays.copyOf(base(), HEADER + 3 * RECORD + 1000);
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals(3, edf.header().recordCount());
            assertTrue(onlyWarning(edf, "number of data records").message().contains("and a truncated one"));
            assertEquals(3 * 512, edf.signal("Fp1").sampleCount());
            assertEquals(3 * 512, edf.readPhysical(edf.signal("Fp1")).length);
        }
        fails(b, EdfOptions.STRICT);
    }

    @Test
    void unknownRecordCountIsDerivedFromTheFileSize() throws IOException {
        byte[] b = base();
        put(b, 236, 8, "-1");
        try (EdfFile edf = open(b, EdfOptions.STRICT)) {
            assertEquals(-1, edf.header().recordCountField());
            assertEquals(5, edf.header().recordCount());
        }
        byte[] cut = Arrays.copyOf(b, b.length - 10);
        try (EdfFile edf = open(cut, EdfOptions.LENIENT)) {
            assertEquals(4, edf.header().recordCount());
            EdfWarning w = onlyWarning(edf, "data records");
            assertEquals(HEADER + 4L * RECORD, w.offset());
            assertTrue(w.message().contains("last data record is truncated (3100 of 3110 bytes)"), w.message());
        }
        EdfFormatException e = fails(cut, EdfOptions.STRICT);
        assertEquals("data records", e.field());
        put(b, 236, 8, "-5");
        assertNames(fails(b, EdfOptions.LENIENT), "number of data records", 236, "-5");
    }

    @Test
    void bytesAfterTheLastRecordAreAWarning() throws IOException {
        byte[] b = base();
        put(b, 236, 8, "3");
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals(3, edf.header().recordCount());
            EdfWarning w = onlyWarning(edf, "data records");
            assertEquals(HEADER + 3L * RECORD, w.offset());
            assertTrue(w.message().contains(2 * RECORD + " bytes follow the last declared data record"));
        }
        byte[] garbage = Arrays.copyOf(base(), base().length + 7);
        try (EdfFile edf = open(garbage, EdfOptions.LENIENT)) {
            assertEquals(5, edf.header().recordCount());
            assertTrue(onlyWarning(edf, "data records").message().startsWith("7 bytes follow"));
        }
        fails(garbage, EdfOptions.STRICT);
    }

    @Test
    void nonAsciiHeaderBytesAreDecodedAndReported() throws IOException {
        byte[] b = base();
        byte[] name = "X F 20-JAN-1998 Müller".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, b, 8, name.length);
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertTrue(
                    edf.header().patientField().startsWith("X F 20-JAN-1998 Müller"),
                    edf.header().patientField());
            EdfWarning w = onlyWarning(edf, "local patient identification");
            assertEquals(8 + "X F 20-JAN-1998 M".length(), w.offset());
            assertTrue(w.message().contains("byte 0xc3"), w.message());
        }
        EdfFormatException e = fails(b, EdfOptions.STRICT);
        assertEquals("local patient identification", e.field());
        assertEquals(8 + "X F 20-JAN-1998 M".length(), e.offset());

        byte[] latin = base();
        latin[325] = (byte) 0xe9; // in signal 0's transducer field (bytes 320..399)
        try (EdfFile edf = open(latin, EdfOptions.LENIENT)) {
            assertTrue(edf.signal(0).transducer().contains("é"), edf.signal(0).transducer());
            assertEquals(325, onlyWarning(edf, "signal 0 transducer type").offset());
        }
    }

    @Test
    void colonsInTheDateAreToleratedAndInvalidDatesLeaveTheStartUnknown() throws IOException {
        byte[] b = base();
        put(b, 168, 8, "24:01:20");
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals(
                    LocalDateTime.of(2020, 1, 24, 4, 5, 56),
                    edf.header().startDateTime().orElseThrow());
            assertEquals("24:01:20", onlyWarning(edf, "start date").value());
        }
        assertNames(fails(b, EdfOptions.STRICT), "start date", 168, "24:01:20");
        put(b, 168, 8, "31.02.20");
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertTrue(edf.header().startDateTime().isEmpty());
            assertTrue(edf.header().recordingStart().isEmpty());
            assertTrue(edf.warnings().stream().anyMatch(w -> w.message().contains("not a valid date")));
        }
        put(b, 168, 8, "garbage!");
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertTrue(edf.header().startDateTime().isEmpty());
        }
    }

    @Test
    void centuryComesFromTheEdfPlusStartdateElseFromThe1985Rule() throws IOException {
        byte[] b = base();
        put(b, 88, 80, "Startdate 24-JAN-2090 X X X");
        put(b, 168, 8, "24.01.yy");
        try (EdfFile edf = open(b, EdfOptions.STRICT)) {
            assertEquals(2090, edf.header().startDateTime().orElseThrow().getYear());
        }
        byte[] plain = Files.readAllBytes(TestData.file("edf/mne-python/test_uneven_samp.edf"));
        put(plain, 168, 8, "13.07.84");
        try (EdfFile edf = open(plain, EdfOptions.STRICT)) {
            assertEquals(2084, edf.header().startDateTime().orElseThrow().getYear());
        }
        put(plain, 168, 8, "13.07.85");
        try (EdfFile edf = open(plain, EdfOptions.STRICT)) {
            assertEquals(1985, edf.header().startDateTime().orElseThrow().getYear());
        }
    }

    @Test
    void signalFieldsThatMakeSamplesUnreadableAreErrors() throws IOException {
        long sprOffset = 256 + NS * 216L + 1 * 8;
        byte[] b = base();
        put(b, (int) sprOffset, 8, "0");
        assertNames(fails(b, EdfOptions.LENIENT), "signal 1 number of samples in each data record", sprOffset, "0");

        long dmax = 256 + NS * 128L + 2 * 8;
        b = base();
        put(b, (int) dmax, 8, "-32768");
        EdfFormatException e = fails(b, EdfOptions.LENIENT);
        assertNames(e, "signal 2 digital maximum", dmax, "-32768");
        assertTrue(e.getMessage().contains("equals the digital minimum"), e.getMessage());

        long pmin = 256 + NS * 104L;
        b = base();
        put(b, (int) pmin, 8, "abc");
        assertNames(fails(b, EdfOptions.LENIENT), "signal 0 physical minimum", pmin, "abc");
        put(b, (int) pmin, 8, "NaN");
        assertNames(fails(b, EdfOptions.LENIENT), "signal 0 physical minimum", pmin, "NaN");
        put(b, (int) pmin, 8, "8711,5");
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals(8711.5, edf.signal(0).physicalMin());
            assertEquals("8711,5", onlyWarning(edf, "signal 0 physical minimum").value());
        }
    }

    @Test
    void recordDurationMustSuitTheSignals() throws IOException {
        byte[] b = base();
        put(b, 244, 8, "0");
        EdfFormatException e = fails(b, EdfOptions.LENIENT);
        assertNames(e, "duration of a data record", 244, "0");
        assertTrue(e.getMessage().contains("only in files that hold nothing but annotation signals"));
        put(b, 244, 8, "-1");
        assertNames(fails(b, EdfOptions.LENIENT), "duration of a data record", 244, "-1");
        put(b, 244, 8, "1e999");
        assertNames(fails(b, EdfOptions.LENIENT), "duration of a data record", 244, "1e999");
    }

    @Test
    void headerByteCountMustLeaveRoomForTheSignalHeaders() throws IOException {
        byte[] b = base();
        put(b, 184, 8, "1024");
        assertNames(fails(b, EdfOptions.LENIENT), "number of header bytes", 184, "1024");
        put(b, 184, 8, "99999999");
        assertNames(fails(b, EdfOptions.LENIENT), "number of header bytes", 184, "99999999");
    }

    @Test
    void oddReservedTextIsAWarning() throws IOException {
        byte[] b = base();
        put(b, 192, 44, "EDF+X");
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals(EdfFormat.EDF_PLUS_C, edf.header().format());
            assertEquals("EDF+X", onlyWarning(edf, "reserved").value());
        }
        fails(b, EdfOptions.STRICT);
    }

    @Test
    void lyingSamplesPerRecordCannotExhaustMemory() throws IOException {
        byte[] b = base();
        for (int i = 0; i < NS; i++) {
            put(b, 256 + NS * 216 + i * 8, 8, "99999999");
        }
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals(0, edf.header().recordCount());
            assertEquals(0, edf.readPhysical(edf.signal("Fp1")).length);
            assertTrue(edf.annotations().isEmpty());
            assertTrue(edf.segments().isEmpty());
        }
    }

    /** Byte offset of record {@code r}'s annotation bytes (signal 3, 19 samples = 38 bytes). */
    private static int annotationOffset(int r) {
        return HEADER + r * RECORD + 3 * 512 * 2;
    }

    @Test
    void damagedTalsAreWarningsLenientlyAndErrorsStrictly() throws IOException {
        byte[] b = base();
        int at = annotationOffset(1);
        put(b, at, 38, "garbage without separators");
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            List<EdfAnnotation> a = edf.annotations();
            assertEquals(List.of("XLSpike"), a.stream().map(EdfAnnotation::text).toList(), "record 1 is lost");
            EdfWarning w = edf.warnings().stream()
                    .filter(x -> x.field().equals("record 1 annotations"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(at, w.offset());
            assertTrue(edf.warnings().stream().anyMatch(x -> x.message().contains("time-keeping TAL")));
            assertEquals(1.3945312, edf.recordOnsets()[1], 1e-12, "assumed to follow record 0");
        }
        try (EdfFile edf = open(b, EdfOptions.STRICT)) {
            EdfFormatException e = assertThrows(EdfFormatException.class, edf::annotations);
            assertEquals("record 1 annotations", e.field());
            assertEquals(at, e.offset());
        }
    }

    @Test
    void invalidUtf8InAnnotationTextIsReplaced() throws IOException {
        byte[] b = base();
        int at = annotationOffset(0);
        String record0 = new String(b, at, 38, StandardCharsets.ISO_8859_1);
        int x = record0.indexOf("XLSpike");
        b[at + x] = (byte) 0xff;
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals("\uFFFDLSpike", edf.annotations().get(0).text());
            assertEquals(at, onlyWarning(edf, "record 0 annotations").offset() - x);
        }
    }

    @Test
    void recordsGoingBackInTimeAreReported() throws IOException {
        byte[] b = Files.readAllBytes(TestData.file("edf/EDF.jl/test_merged.edf"));
        EdfSignal annotations;
        int annotationOffset;
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            annotations = edf.signals().get(139);
            assertTrue(annotations.isAnnotation());
            annotationOffset =
                    (int) (edf.header().headerBytes() + 6L * 142366 + (142366 - annotations.samplesPerRecord() * 2));
        }
        String tal = new String(b, annotationOffset, 12, StandardCharsets.ISO_8859_1);
        assertTrue(tal.startsWith("+43200\u0014\u0014"), tal);
        put(b, annotationOffset, 6, "+00003");
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals(3.0, edf.recordOnsets()[6]);
            assertTrue(edf.warnings().stream()
                    .anyMatch(w -> w.field().equals("record 6 annotations")
                            && w.message().contains("before the previous record ends")));
            assertEquals(3, edf.segments().size(), "never silently glued together: out of order, then back");
        }
    }

    @Test
    void continuousFileWithGapsInItsTalsSaysSo() throws IOException {
        byte[] b = base();
        put(b, annotationOffset(3), 10, "+9.3945312");
        b[annotationOffset(3) + 10] = 0x14;
        b[annotationOffset(3) + 11] = 0x14;
        b[annotationOffset(3) + 12] = 0;
        try (EdfFile edf = open(b, EdfOptions.LENIENT)) {
            assertEquals(3, edf.segments().size(), "into the gap and back");
            assertEquals(new EdfSegment(3, 1, 9.3945312, 1), edf.segments().get(1));
            assertTrue(onlyWarning(edf, "reserved").message().contains("2 gap(s)"));
        }
    }

    @Test
    void apiMisuseIsReportedClearly() throws IOException {
        EdfFile edf = EdfFile.open(TestData.file(BASE));
        EdfSignal fp1 = edf.signal("Fp1");
        double[] dst = new double[10];
        assertThrows(IllegalArgumentException.class, () -> edf.readPhysical(fp1, fp1.sampleCount() - 5, dst, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> edf.readPhysical(fp1, -1, dst, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> edf.readPhysical(fp1, 0, dst, 5, 10));
        IllegalArgumentException ann =
                assertThrows(IllegalArgumentException.class, () -> edf.readDigital(edf.signal(3), 0, new int[1], 0, 1));
        assertTrue(ann.getMessage().contains("annotation signal"));
        NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> edf.signal("Cz"));
        assertTrue(missing.getMessage().contains("0 'Fp1', 1 'F7', 2 'T3', 3 'EDF Annotations'"), missing.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> edf.readPhysical(fp1, Duration.ofSeconds(4), Duration.ofSeconds(2)));
        try (EdfFile other = EdfFile.open(TestData.file("edf/pyedflib/test_subsecond.edf"))) {
            assertThrows(IllegalArgumentException.class, () -> edf.readPhysical(other.signal("Fp1"), 0, dst, 0, 1));
        }
        edf.close();
        assertThrows(ClosedChannelException.class, () -> edf.readPhysical(fp1, 0, dst, 0, 1));
    }

    @Test
    void durationReadsPickTheSamplesOfTheSpan() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-python/test_uneven_samp.edf"))) {
            EdfSignal slow = edf.signal(1); // 12.8 Hz: sample k at k/12.8 s
            float[] span = edf.readPhysical(slow, Duration.ofMillis(1000), Duration.ofMillis(500));
            // samples at 1.015625 (k=13) .. 1.484375 (k=19): the first at or after 1 s, before 1.5 s
            assertEquals(7, span.length);
            float[] all = new float[(int) slow.sampleCount()];
            edf.readPhysical(slow, 0, all, 0, all.length);
            assertArrayEquals(Arrays.copyOfRange(all, 13, 20), span);
            assertEquals(1408, edf.readPhysical(slow, Duration.ZERO, Duration.ofSeconds(110)).length);
            assertFalse(edf.readPhysical(slow, Duration.ofSeconds(110), Duration.ZERO).length > 0);
        }
    }

    @Test
    void sampleIndexIsTheFirstSampleAtOrAfterATime() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-python/test_uneven_samp.edf"))) {
            EdfSignal slow = edf.signal(1); // 12.8 Hz, 11 records of 10 s: 1408 samples
            assertEquals(13, edf.sampleIndex(slow, Duration.ofMillis(1000))); // 12.8 -> 13
            assertEquals(128, edf.sampleIndex(slow, Duration.ofSeconds(10))); // exactly on a sample
            assertEquals(1408, edf.sampleIndex(slow, Duration.ofSeconds(110))); // the end
            assertEquals(1536, edf.sampleIndex(slow, Duration.ofSeconds(120))); // beyond the end
            assertEquals(10_000, edf.sampleIndex(edf.signal(0), Duration.ofSeconds(100))); // 100 Hz
            assertThrows(IllegalArgumentException.class, () -> edf.sampleIndex(slow, Duration.ofMillis(-1)));
            try (EdfFile other = EdfFile.open(TestData.file("edf/pyedflib/test_subsecond.edf"))) {
                assertThrows(IllegalArgumentException.class, () -> edf.sampleIndex(other.signal(0), Duration.ZERO));
            }
        }
        try (EdfFile hypnogram = EdfFile.open(TestData.file("edf/mne-testing-data/SC4001EC-Hypnogram.edf"))) {
            var e = assertThrows(
                    IllegalArgumentException.class, () -> hypnogram.sampleIndex(hypnogram.signal(0), Duration.ZERO));
            assertTrue(e.getMessage().contains("record duration is 0"), e.getMessage());
        }
    }
}
