package io.github.braingobrr.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.edf.ReferenceFacts.Ann;
import io.github.braingobrr.edf.ReferenceFacts.Channel0;
import io.github.braingobrr.edf.ReferenceFacts.FileFacts;
import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every EDF/BDF file under ../shared/testdata/edf against the facts in its README. */
class EdfReferenceFilesTest {

    static Stream<FileFacts> files() {
        return ReferenceFacts.FILES.stream();
    }

    @Test
    void factsCoverEveryEdfAndBdfFileInTheSharedFolder() throws IOException {
        Path root = TestData.root();
        Set<String> onDisk;
        try (Stream<Path> walk = Files.walk(root.resolve("edf"))) {
            onDisk = walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.toLowerCase(Locale.ROOT).endsWith(".edf")
                            || p.toLowerCase(Locale.ROOT).endsWith(".bdf"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> covered =
                ReferenceFacts.FILES.stream().map(FileFacts::path).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(22, onDisk.size(), "README says 22 EDF/BDF files: " + onDisk);
        assertEquals(onDisk, covered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void headerMatchesTheReadme(FileFacts f) throws IOException {
        Path path = TestData.file(f.path());
        assertEquals(f.bytes(), Files.size(path));
        try (EdfFile edf = EdfFile.open(path)) {
            EdfHeader h = edf.header();
            assertEquals(f.reserved(), h.reservedField());
            assertEquals(f.signals(), h.signalCount());
            assertEquals(f.signals(), edf.signals().size());
            assertEquals(f.records(), h.recordCount());
            assertEquals(f.records(), h.recordCountField());
            assertEquals(f.duration(), h.recordDurationField());
            assertEquals(f.start(), h.startDateField() + " " + h.startTimeField());
            double[] rates = edf.dataSignals().stream()
                    .mapToDouble(EdfSignal::samplingRate)
                    .distinct()
                    .sorted()
                    .toArray();
            assertArrayEquals(f.rates(), rates, 0.0);
            List<String> labels = edf.signals().stream().map(EdfSignal::label).toList();
            assertEquals(f.firstLabels(), labels.subList(0, f.firstLabels().size()));
            for (EdfSignal s : edf.signals()) {
                assertEquals((long) s.samplesPerRecord() * f.records(), s.sampleCount(), s.label());
                assertEquals(
                        h.recordDuration() > 0 ? s.samplesPerRecord() / h.recordDuration() : 0, s.samplingRate(), 0.0);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void firstChannelMatchesTheReadme(FileFacts f) throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file(f.path()))) {
            Channel0 c = f.channel0();
            if (c == null) {
                assertTrue(edf.dataSignals().isEmpty());
                return;
            }
            EdfSignal s = edf.dataSignals().get(0);
            assertEquals(c.label(), s.label());
            assertEquals(c.unit(), s.unit());
            assertEquals(c.physicalMin(), s.physicalMinField());
            assertEquals(c.physicalMax(), s.physicalMaxField());
            assertEquals(Double.parseDouble(c.physicalMin()), s.physicalMin(), 0.0);
            assertEquals(Double.parseDouble(c.physicalMax()), s.physicalMax(), 0.0);
            assertEquals(c.digitalMin(), s.digitalMin());
            assertEquals(c.digitalMax(), s.digitalMax());
            assertEquals(c.samples(), s.sampleCount());
            int[] digital = new int[3];
            edf.readDigital(s, 0, digital, 0, 3);
            assertArrayEquals(c.digital(), digital);
            double[] physical = new double[3];
            edf.readPhysical(s, 0, physical, 0, 3);
            float[] single = new float[3];
            edf.readPhysical(s, 0, single, 0, 3);
            for (int k = 0; k < 3; k++) {
                assertClose(c.physical()[k], physical[k], "sample " + k);
                assertEquals((float) physical[k], single[k], "float32 is the rounded float64 value");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void annotationsMatchTheReadme(FileFacts f) throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file(f.path()))) {
            List<EdfAnnotation> got = edf.annotations();
            assertEquals(f.annotations(), got.size(), () -> "annotations: " + got);
            List<Ann> expected = ReferenceFacts.annotations(f.path());
            for (int k = 0; k < expected.size(); k++) {
                Ann e = expected.get(k);
                EdfAnnotation a = got.get(k);
                assertEquals(e.text(), a.text(), "text " + k);
                assertEquals(e.onset(), a.onset(), 1e-12, "onset " + k);
                if (Double.isNaN(e.duration())) {
                    assertTrue(a.duration().isEmpty(), "no duration " + k);
                } else {
                    assertEquals(e.duration(), a.duration().getAsDouble(), 1e-12, "duration " + k);
                }
            }
            assertEquals(ReferenceFacts.firstRecordOnset(f.path()), edf.header().startOffset(), 1e-12);
            if (f.records() > 0) {
                assertEquals(ReferenceFacts.firstRecordOnset(f.path()), edf.recordOnsets()[0], 1e-12);
            }
        }
    }

    /** The memory-mapped path (files) and the seek-and-read path (other channels) decode the same values. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void mappedAndChannelReadsAgreeOnEverySample(FileFacts f) throws IOException {
        Path path = TestData.file(f.path());
        try (EdfFile mapped = EdfFile.open(path);
                EdfFile channel = EdfFile.open(new ByteArrayChannel(Files.readAllBytes(path)), f.path())) {
            assertEquals(mapped.header(), channel.header());
            assertEquals(mapped.annotations(), channel.annotations());
            assertArrayEquals(mapped.recordOnsets(), channel.recordOnsets());
            for (EdfSignal s : mapped.dataSignals()) {
                int n = (int) s.sampleCount();
                int[] a = new int[n];
                int[] b = new int[n];
                mapped.readDigital(s, 0, a, 0, n);
                channel.readDigital(channel.signal(s.index()), 0, b, 0, n);
                assertArrayEquals(a, b, s.label());
                assertArrayEquals(mapped.readPhysical(s), channel.readPhysical(channel.signal(s.index())), s.label());
            }
        }
    }

    @Test
    void pyedflibGeneratorHeaderSubfields() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/pyedflib/test_generator.edf"))) {
            EdfHeader h = edf.header();
            assertEquals(EdfFormat.EDF_PLUS_C, h.format());
            assertEquals("2011-04-04T12:57:02", h.startDateTime().orElseThrow().toString());
            EdfPatient p = h.patient().orElseThrow();
            assertEquals("abcxyz99", p.code());
            assertEquals("Hans Muller", p.name());
            assertEquals("M", p.sex());
            assertEquals("30-JUN-1969", p.birthdate());
            assertEquals(java.time.LocalDate.of(1969, 6, 30), p.birthdateValue().orElseThrow());
            EdfRecording r = h.recording().orElseThrow();
            assertEquals("Dr. X", r.adminCode());
            assertEquals("Mr. Spotty", r.technician());
            assertEquals("test generator", r.equipment());
            assertEquals("unit test file", r.additional());
            assertEquals(11, edf.dataSignals().size());
            EdfSignal s0 = edf.signal(0);
            assertEquals("pre1", s0.prefilter());
            assertEquals("trans1", s0.transducer());
            for (EdfSignal s : edf.dataSignals()) {
                assertEquals(200.0, s.samplingRate());
                assertEquals(120000, s.sampleCount());
            }
            assertTrue(edf.warnings().isEmpty(), edf.warnings()::toString);
        }
    }

    @Test
    void plainEdfWithAnAnnotationSignalStillGetsItsAnnotations() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/pyedflib/test_legacy.edf"))) {
            assertEquals(EdfFormat.EDF, edf.header().format());
            assertTrue(edf.header().patient().isEmpty());
            assertEquals("Legacy patient description", edf.header().patientField());
            assertEquals(2, edf.annotations().size());
        }
    }

    @Test
    void subSecondStartComesFromTheFirstTimeKeepingTal() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/pyedflib/test_subsecond.edf"))) {
            assertEquals(
                    "2020-01-24T04:05:56",
                    edf.header().startDateTime().orElseThrow().toString());
            // pyedflib's own test expects 2020-01-24 04:05:56.394531 (microseconds); the TAL says 0.3945312 s
            assertEquals(
                    "2020-01-24T04:05:56.394531200",
                    edf.header().recordingStart().orElseThrow().toString());
            EdfAnnotation spike = edf.annotations().get(0);
            assertEquals(1.9511719, spike.onset() - edf.header().startOffset(), 1e-9, "EDFbrowser's 1.9511 s");
            assertEquals(0.3945312, edf.segments().get(0).onset(), 1e-12);
        }
    }

    @Test
    void bdfWith24BitSamplesAndFractionalRates() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/pyedflib/test_generator_datarec_generator_2.bdf"))) {
            assertEquals(EdfFormat.BDF_PLUS_C, edf.header().format());
            assertEquals("BIOSEMI", edf.header().version());
            List<EdfSignal> data = edf.dataSignals();
            assertEquals(5, data.size());
            assertArrayEquals(
                    new double[] {500, 400, 250, 487.5, 499.5},
                    data.stream().mapToDouble(EdfSignal::samplingRate).toArray(),
                    0.0);
            assertArrayEquals(
                    new long[] {15000, 12000, 7500, 14625, 14985},
                    data.stream().mapToLong(EdfSignal::sampleCount).toArray());
            assertEquals(30.0, edf.header().recordedDuration());
            assertEquals("BDF Annotations", edf.signal(5).label());
        }
    }

    @Test
    void discontinuousFileExposesItsGapAsSegments() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/EDF.jl/test_merged.edf"))) {
            assertEquals(EdfFormat.EDF_PLUS_D, edf.header().format());
            assertArrayEquals(
                    new double[] {0, 1, 2, 3, 4, 5, 43200, 43201, 43202, 43203, 43204, 43205}, edf.recordOnsets(), 0.0);
            List<EdfSegment> segments = edf.segments();
            assertEquals(2, segments.size());
            assertEquals(new EdfSegment(0, 6, 0, 6), segments.get(0));
            assertEquals(new EdfSegment(6, 6, 43200, 6), segments.get(1));
            assertEquals(43194.0, segments.get(1).onset() - segments.get(0).end());
            EdfSignal a1 = edf.signal("A1");
            assertEquals(3072, segments.get(1).firstSample(a1));
            assertEquals(43200.0 + 5.0 / 512, edf.timeOf(a1, 3072 + 5), 1e-12);
            // records 6-11 repeat records 0-5
            int[] first = new int[3072];
            int[] second = new int[3072];
            for (EdfSignal s : edf.dataSignals()) {
                edf.readDigital(s, 0, first, 0, 3072);
                edf.readDigital(s, 3072, second, 0, 3072);
                assertArrayEquals(first, second, s.label());
            }
            assertEquals("merged1", edf.header().patientField());
        }
    }

    @Test
    void discontinuousFileWithoutRealGapsHasOneSegment() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-testing-data/MB0400FU.EDF"))) {
            double[] onsets = edf.recordOnsets();
            for (int r = 0; r < 29; r++) {
                assertEquals(r, onsets[r], 0.0);
            }
            assertEquals(List.of(new EdfSegment(0, 29, 0, 29)), edf.segments());
            long mv = edf.signals().stream()
                    .filter(s -> s.label().contains("$A1") || s.label().contains("$A2"))
                    .filter(s -> s.unit().equals("mV"))
                    .count();
            assertEquals(2, mv, "POL $A1/$A2 use unit mV");
        }
    }

    @Test
    void annotationOnlyHypnogram() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-testing-data/SC4001EC-Hypnogram.edf"))) {
            assertEquals(0.0, edf.header().recordDuration());
            assertEquals(2054, edf.signal(0).samplesPerRecord());
            assertTrue(edf.signal(0).isAnnotation());
            List<EdfAnnotation> a = edf.annotations();
            assertEquals(154, a.size());
            assertEquals(
                    86400.0,
                    a.stream().mapToDouble(x -> x.duration().orElseThrow()).sum(),
                    1e-9);
            EdfAnnotation last = a.get(153);
            assertEquals(79500.0, last.onset());
            assertEquals(6900.0, last.duration().orElseThrow());
            assertEquals("Sleep stage ?", last.text());
            var counts = a.stream().collect(Collectors.groupingBy(EdfAnnotation::text, Collectors.counting()));
            assertEquals(48L, counts.get("Sleep stage 3"));
            assertEquals(40L, counts.get("Sleep stage 2"));
            assertEquals(24L, counts.get("Sleep stage 1"));
            assertEquals(23L, counts.get("Sleep stage 4"));
            assertEquals(12L, counts.get("Sleep stage W"));
            assertEquals(6L, counts.get("Sleep stage R"));
            assertEquals(1L, counts.get("Sleep stage ?"));
        }
    }

    @Test
    void nedcExampleMatchesNedcsPublishedValues() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/nedc_pystream_example/example.edf"))) {
            assertEquals(EdfFormat.EDF, edf.header().format());
            assertEquals("1.000000", edf.header().recordDurationField());
            assertTrue(edf.signals().stream().noneMatch(EdfSignal::isAnnotation));
            double[][] expected = {
                {4497.9858, 4490.8142}, {4435.5774, 4430.2368}, {4436.0352, 4430.8472}, {4414.6729, 4409.0271}
            };
            String[] labels = {"EEG FP1-REF", "EEG FP2-REF", "EEG F3-REF", "EEG T3-REF"};
            for (int c = 0; c < labels.length; c++) {
                double[] v = new double[2];
                edf.readPhysical(edf.signal(labels[c]), 0, v, 0, 2);
                assertArrayEquals(expected[c], v, 5e-5, labels[c]);
            }
            double[] fp1 = new double[5];
            edf.readPhysical(edf.signal("EEG FP1-REF"), 0, fp1, 0, 5);
            assertArrayEquals(new double[] {4497.9858, 4490.8142, 4485.0159, 4479.6753, 4472.8088}, fp1, 5e-5);
            assertEquals(62.4084, fp1[0] - first(edf, "EEG FP2-REF"), 5e-5);
            assertEquals(7.1716, first(edf, "EEG F7-REF") - first(edf, "EEG T3-REF"), 5e-5);
            EdfPatient p = edf.header().patient().orElseThrow();
            assertEquals("00008836", p.code());
            assertEquals("M", p.sex());
            assertEquals("Age:60", p.additional());
        }
    }

    private static double first(EdfFile edf, String label) throws IOException {
        double[] v = new double[1];
        edf.readPhysical(edf.signal(label), 0, v, 0, 1);
        return v[0];
    }

    @Test
    void mixedRatesStayNative() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-testing-data/test_reduced.edf"))) {
            for (int k = 1; k <= 9; k++) {
                assertEquals(1 << (k - 1), edf.signal("A" + k).samplingRate(), "A" + k);
            }
            assertEquals(128.0, edf.signal("A11").samplingRate());
            assertEquals(128.0, edf.signal("A13").samplingRate());
            assertEquals(16.0, edf.signal("I8").samplingRate());
            assertEquals(32.0, edf.signal("Ergo-Right").samplingRate());
            assertEquals(512.0, edf.signal("A10").samplingRate());
            assertEquals(6, edf.signal("A1").sampleCount());
        }
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-python/test_uneven_samp.edf"))) {
            assertEquals(12.8, edf.signal(1).samplingRate());
            assertEquals(128, edf.signal(1).samplesPerRecord());
            assertEquals(2048, edf.signal(0).digitalMax());
        }
        try (EdfFile edf = EdfFile.open(TestData.file("edf/edfio/short_psg.edf"))) {
            assertEquals("", edf.signal(3).unit());
            assertEquals("", edf.signal(6).unit());
            EdfSignal temp = edf.signal("Temp rectal");
            assertEquals(5, temp.index());
            assertEquals("DegC", temp.unit());
            assertEquals(-2849, temp.digitalMin());
            assertEquals(2731, temp.digitalMax());
            assertEquals(EdfFormat.EDF, edf.header().format());
            assertTrue(edf.warnings().isEmpty(), edf.warnings()::toString);
        }
    }

    @Test
    void duplicateLabelsStayDistinctAndAddressableByIndex() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-python/duplicate_channel_labels.edf"))) {
            assertEquals("EEG F1-Ref", edf.signal(0).label());
            assertEquals("EEG F1-Ref", edf.signal(2).label());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> edf.signal("EEG F1-Ref"));
            assertTrue(e.getMessage().contains("0, 2"), e.getMessage());
            assertEquals(1, edf.signal("EEG F2-Ref").index());
            assertFalse(edf.signal(0).equals(edf.signal(2)));
        }
    }

    @Test
    void oddHeadersOpenWithWarnings() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-python/test_edf_stim_channel.edf"))) {
            assertEquals(9.59375, edf.header().recordDuration());
            assertEquals(128.0, edf.signal(0).samplingRate());
            assertEquals(1, edf.warnings().size(), edf.warnings()::toString);
            EdfWarning w = edf.warnings().get(0);
            assertEquals("reserved", w.field());
            assertEquals(192, w.offset());
            assertEquals("reserved", w.value());
        }
        try (EdfFile edf = EdfFile.open(TestData.file("edf/epilepsy2bids_tuh_sample/aaaaapks_s012_t001.edf"))) {
            assertEquals("-4999.84", edf.signal(0).physicalMinField());
            assertEquals("4999.847", edf.signal(0).physicalMaxField());
        }
    }

    static void assertClose(double expected, double actual, String what) {
        double tol = Math.max(1e-9 * Math.abs(expected), 1e-9);
        assertEquals(expected, actual, tol, what);
    }
}
