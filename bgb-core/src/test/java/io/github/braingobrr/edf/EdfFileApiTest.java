package io.github.braingobrr.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EdfFileApiTest {

    @Test
    void infoIsAStableJsonReadyView() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/pyedflib/test_utf8.edf"))) {
            Map<String, Object> info = edf.info();
            assertEquals(
                    List.of(
                            "file",
                            "format",
                            "version",
                            "patient",
                            "patientSubfields",
                            "recording",
                            "recordingSubfields",
                            "startDate",
                            "startTime",
                            "startDateTime",
                            "startOffset",
                            "recordingStart",
                            "headerBytes",
                            "reserved",
                            "recordCountField",
                            "recordCount",
                            "recordDuration",
                            "recordDurationSeconds",
                            "signalCount",
                            "signals",
                            "segments",
                            "annotations",
                            "warnings"),
                    new ArrayList<>(info.keySet()));
            assertEquals("EDF_PLUS_C", info.get("format"));
            assertEquals("2020-01-24T04:05:56", info.get("startDateTime"));
            assertEquals("2020-01-24T04:05:56.394531200", info.get("recordingStart"));
            assertEquals(0.3945312, info.get("startOffset"));
            assertEquals(698, info.get("recordCount"));
            List<?> signals = (List<?>) info.get("signals");
            Map<?, ?> fp1 = (Map<?, ?>) signals.get(0);
            assertEquals("Fp1", fp1.get("label"));
            assertEquals("8711", fp1.get("physicalMin"));
            assertEquals(128.0, fp1.get("samplingRate"));
            assertEquals(false, fp1.get("annotation"));
            List<?> annotations = (List<?>) info.get("annotations");
            Map<?, ?> cjk = (Map<?, ?>) annotations.get(2);
            assertEquals("中文测试八个字", cjk.get("text"));
            assertEquals(120.0, cjk.get("onset"));
            assertNull(cjk.get("duration"));
            assertEquals(List.of(), info.get("warnings"));
            assertJsonTypes(info);
        }
    }

    private static void assertJsonTypes(Object value) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                assertInstanceOf(String.class, k);
                assertJsonTypes(v);
            });
        } else if (value instanceof List<?> l) {
            l.forEach(EdfFileApiTest::assertJsonTypes);
        } else if (value != null) {
            assertTrue(
                    value instanceof String || value instanceof Number || value instanceof Boolean,
                    () -> "not a JSON value: " + value.getClass());
        }
    }

    @Test
    void concurrentReadsOnBothPathsGiveTheSameValues() throws Exception {
        Path path = TestData.file("edf/mne-python/test.edf");
        try (EdfFile mapped = EdfFile.open(path);
                EdfFile channel = EdfFile.open(new ByteArrayChannel(Files.readAllBytes(path)), "test.edf")) {
            List<EdfSignal> signals = mapped.dataSignals();
            List<double[]> expected = new ArrayList<>();
            for (EdfSignal s : signals) {
                expected.add(mapped.readPhysical(s));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    EdfFile f = t % 2 == 0 ? mapped : channel;
                    int first = t;
                    jobs.add(pool.submit(() -> {
                        for (int k = 0; k < signals.size(); k++) {
                            int i = (first * 17 + k) % signals.size();
                            assertArrayEquals(
                                    expected.get(i),
                                    f.readPhysical(f.signal(signals.get(i).index())));
                        }
                        return null;
                    }));
                }
                for (Future<?> j : jobs) {
                    j.get();
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
