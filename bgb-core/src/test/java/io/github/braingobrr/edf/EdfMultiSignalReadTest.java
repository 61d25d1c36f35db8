package io.github.braingobrr.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.edf.ReferenceFacts.FileFacts;
import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads of several signals at once against the digital values written and against one-signal reads. */
class EdfMultiSignalReadTest {

    @Provide
    Arbitrary<EdfFormat> dataFormats() {
        return Arbitraries.of(EdfFormat.EDF, EdfFormat.EDF_PLUS_C, EdfFormat.BDF, EdfFormat.BDF_PLUS_C);
    }

    /**
     * Random files (1–6 signals at 1–40 samples per record, 1–8 records), a random subset of signals in random
     * order and a random range: every value lands in its place, on the memory-mapped and the positional path.
     */
    @Property(tries = 200)
    void everySampleLandsInItsPlace(
            @ForAll("dataFormats") EdfFormat format,
            @ForAll @IntRange(min = 1, max = 6) int signalCount,
            @ForAll @IntRange(min = 1, max = 8) int records,
            @ForAll long seed)
            throws IOException {
        Random random = new Random(seed);
        EdfWriter.Builder b = EdfWriter.builder(format).recordDuration(1);
        List<int[]> data = new ArrayList<>();
        for (int i = 0; i < signalCount; i++) {
            int spr = 1 + random.nextInt(40);
            int[] d = new int[spr * records];
            int span = format.digitalLimitMax() - format.digitalLimitMin() + 1;
            for (int k = 0; k < d.length; k++) {
                d[k] = format.digitalLimitMin() + random.nextInt(span);
            }
            data.add(d);
            double pmin = -1000 + random.nextInt(1000);
            b.digitalSignal(
                    EdfSignalSpec.of(
                            "S" + i,
                            "uV",
                            pmin,
                            pmin + 1 + random.nextInt(5000),
                            format.digitalLimitMin(),
                            format.digitalLimitMax(),
                            spr),
                    d);
        }
        byte[] bytes = EdfTesting.bytes(b.build());
        Path file = Files.createTempFile("bgb-multi", ".edf");
        try {
            Files.write(file, bytes);
            try (EdfFile mapped = EdfFile.open(file);
                    EdfFile positional = EdfTesting.open(bytes, EdfOptions.STRICT)) {
                List<Integer> picked = new ArrayList<>();
                for (int i = 0; i < signalCount; i++) {
                    picked.add(i);
                }
                Collections.shuffle(picked, random);
                picked = picked.subList(0, 1 + random.nextInt(signalCount));
                long shortest =
                        picked.stream().mapToLong(i -> data.get(i).length).min().orElseThrow();
                int from = random.nextInt((int) shortest + 1);
                int count = random.nextInt((int) shortest - from + 1);
                for (EdfFile edf : List.of(mapped, positional)) {
                    List<EdfSignal> signals = picked.stream().map(edf::signal).toList();
                    double[][] doubles = new double[signals.size()][count + 3];
                    float[][] floats = new float[signals.size()][count];
                    edf.readPhysical(signals, from, count, doubles);
                    edf.readPhysical(signals, from, count, floats);
                    for (int k = 0; k < signals.size(); k++) {
                        EdfSignal s = signals.get(k);
                        int[] d = data.get(picked.get(k));
                        for (int j = 0; j < count; j++) {
                            double expected = d[from + j] * s.gain() + s.offset();
                            assertEquals(expected, doubles[k][j], () -> s.label() + " sample " + from);
                            assertEquals((float) expected, floats[k][j]);
                        }
                        assertEquals(0.0, doubles[k][count], "nothing is written past count");
                    }
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    static Stream<FileFacts> files() {
        return ReferenceFacts.FILES.stream();
    }

    /**
     * Every reference file: the signals of each rate read together (in reverse header order, so the reads
     * cannot simply follow the file) equal the one-signal reads, on both paths.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void togetherEqualsOneByOneOnRealFiles(FileFacts f) throws IOException {
        Path path = TestData.file(f.path());
        try (EdfFile mapped = EdfFile.open(path);
                EdfFile positional = EdfFile.open(new ByteArrayChannel(Files.readAllBytes(path)), f.path())) {
            for (EdfFile edf : List.of(mapped, positional)) {
                Map<Integer, List<EdfSignal>> byRate = new TreeMap<>();
                for (EdfSignal s : edf.dataSignals()) {
                    byRate.computeIfAbsent(s.samplesPerRecord(), x -> new ArrayList<>())
                            .add(0, s);
                }
                for (List<EdfSignal> group : byRate.values()) {
                    int n = (int) group.get(0).sampleCount();
                    double[][] together = new double[group.size()][n];
                    edf.readPhysical(group, 0, n, together);
                    float[][] window = new float[group.size()][n / 2];
                    edf.readPhysical(group, n / 3, n / 2, window);
                    for (int k = 0; k < group.size(); k++) {
                        double[] alone =
                                mapped.readPhysical(mapped.signal(group.get(k).index()));
                        assertArrayEquals(alone, together[k], group.get(k).label());
                        for (int j = 0; j < n / 2; j++) {
                            assertEquals((float) alone[n / 3 + j], window[k][j]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aTimeSpanOfSignalsAtDifferentRates() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/nedc_pystream_example/example.edf"))) {
            // 250 Hz EEG and the 1 Hz IBI/BURSTS/SUPPR channels of a TUH header
            List<EdfSignal> signals = List.of(edf.signal("SUPPR"), edf.signal("Fp1"), edf.signal("IBI"));
            float[][] span = edf.readPhysical(signals, Duration.ofMillis(1500), Duration.ofSeconds(2));
            assertEquals(List.of(2, 500, 2), Stream.of(span).map(a -> a.length).toList());
            for (int k = 0; k < signals.size(); k++) {
                assertArrayEquals(
                        edf.readPhysical(signals.get(k), Duration.ofMillis(1500), Duration.ofSeconds(2)), span[k]);
            }
            double[] fp1 = edf.readPhysical(edf.signal("Fp1"));
            assertEquals((float) fp1[375], span[1][0], "250 Hz: the first sample at or after 1.5 s is 375");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> edf.readPhysical(signals, Duration.ofSeconds(4), Duration.ofSeconds(2)));
        }
    }

    @Test
    void misuseIsReportedClearly() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-python/duplicate_channel_labels.edf"));
                EdfFile other = EdfFile.open(TestData.file("edf/mne-testing-data/subsecond_starttime.edf"))) {
            EdfSignal a = edf.signal(0);
            EdfSignal b = edf.signal(2);
            float[][] two = new float[2][10];
            IllegalArgumentException twice =
                    assertThrows(IllegalArgumentException.class, () -> edf.readPhysical(List.of(a, a), 0, 10, two));
            assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
            IllegalArgumentException arrays =
                    assertThrows(IllegalArgumentException.class, () -> edf.readPhysical(List.of(a), 0, 10, two));
            assertTrue(arrays.getMessage().contains("one array per signal"), arrays.getMessage());
            IllegalArgumentException annotation = assertThrows(
                    IllegalArgumentException.class, () -> edf.readPhysical(List.of(a, edf.signal(3)), 0, 1, two));
            assertTrue(annotation.getMessage().contains("annotation signal"), annotation.getMessage());
            IllegalArgumentException outside =
                    assertThrows(IllegalArgumentException.class, () -> edf.readPhysical(List.of(a, b), 2495, 10, two));
            assertTrue(outside.getMessage().contains("[2495, 2505)"), outside.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> edf.readPhysical(List.of(a, other.signal(0)), 0, 10, new double[2][10]));
            assertThrows(IndexOutOfBoundsException.class, () -> edf.readPhysical(List.of(a, b), 0, 11, two));
            assertThrows(IndexOutOfBoundsException.class, () -> edf.readPhysical(List.of(a, b), 0, -1, two));
            edf.readPhysical(List.of(), 0, 0, new float[0][]);
        }
    }
}
