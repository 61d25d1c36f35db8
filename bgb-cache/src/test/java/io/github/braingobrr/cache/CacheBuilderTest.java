package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzReader;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.Preprocessor;
import io.github.braingobrr.preprocess.Recording;
import io.github.braingobrr.preprocess.Window;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.preprocess.Windower;
import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import io.github.braingobrr.testdata.Python;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Local caches of both layouts built from the synthetic corpus: every expectation about windows, categories and
 * labels is computed from the generator's planted events; the signals are compared with the preprocessor's output.
 */
class CacheBuilderTest {
    @TempDir
    static Path dir;

    private static SyntheticCorpus corpus;
    private static final Map<CacheLayout, BuildResult> RESULTS = new EnumMap<>(CacheLayout.class);
    private static final Map<CacheLayout, List<BuildProgress>> PROGRESS = new EnumMap<>(CacheLayout.class);

    @BeforeAll
    static void buildBothLayouts() throws IOException {
        corpus = TestCorpus.write(dir.resolve("edf"));
        for (CacheLayout layout : CacheLayout.values()) {
            List<BuildProgress> seen = new CopyOnWriteArrayList<>();
            PROGRESS.put(layout, seen);
            RESULTS.put(
                    layout,
                    CacheBuilder.from(corpus.root())
                            .to(cacheDir(layout))
                            .layout(layout)
                            .workers(2)
                            .listener(seen::add)
                            .environment(name -> null)
                            .build());
        }
    }

    static Path cacheDir(CacheLayout layout) {
        return dir.resolve("cache-" + layout.id());
    }

    private static List<SyntheticRecordingSpec> specs(String split) {
        return corpus.recordings(split.equals("train") ? CorpusSplit.TRAIN : CorpusSplit.DEV);
    }

    @Test
    void theCorpusHasWhatTheseTestsNeed() {
        boolean shortOne = false;
        boolean missing = false;
        for (SyntheticRecordingSpec s : corpus.recordings()) {
            shortOne |= s.durationSeconds() < 60;
            missing |= !s.missingElectrodes().isEmpty();
        }
        assertTrue(shortOne && missing, "a recording shorter than a window and one without Fz/Pz");
        Map<WindowCategory, Integer> seen = new EnumMap<>(WindowCategory.class);
        for (SyntheticRecordingSpec s : specs("train")) {
            TestCorpus.categories(s).forEach(c -> seen.merge(c, 1, Integer::sum));
        }
        assertEquals(Set.of(WindowCategory.values()), seen.keySet(), "train has windows of every category: " + seen);
        assertFalse(specs("dev").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(CacheLayout.class)
    void everyRecordingIsCachedWithThePlantedCategoriesAndLabels(CacheLayout layout) throws IOException {
        BuildResult r = RESULTS.get(layout);
        assertEquals(List.of(), r.failures(), "the seed preset fills Fz/Pz, so every recording builds");
        assertEquals(
                List.of("train", "dev"),
                r.splits().stream().map(BuildResult.Split::split).toList());
        try (Cache cache = Cache.open(cacheDir(layout))) {
            for (String split : List.of("train", "dev")) {
                BuildResult.Split s = r.split(split);
                assertEquals(specs(split).size(), s.found());
                assertEquals(specs(split).size(), s.built());
                assertEquals(0, s.skipped());
                Manifest m = cache.split(split).manifest();
                assertEquals(specs(split).size(), m.files().size());
                CategoryCounts total = CategoryCounts.ZERO;
                for (SyntheticRecordingSpec spec : specs(split)) {
                    String name = layout.cacheFileName(spec.stem());
                    Manifest.FileEntry e = m.file(name).orElseThrow(() -> new AssertionError(name + " missing"));
                    List<WindowCategory> want = TestCorpus.categories(spec);
                    assertEquals(want, e.categories(), name);
                    assertEquals(TestCorpus.source(spec), e.source().orElseThrow());
                    assertEquals(
                            Files.size(cacheDir(layout).resolve(split).resolve(name)),
                            e.size().getAsLong());
                    total = total.plus(CategoryCounts.of(want));
                    float[] mask = TestCorpus.mask(spec);
                    try (WindowReader reader = cache.split(split).open(name)) {
                        assertEquals(layout, reader.layout());
                        assertEquals(want.size(), reader.windowCount());
                        assertEquals(TestCorpus.CHANNELS, reader.channelCount());
                        assertEquals(TestCorpus.WINDOW, reader.windowLength());
                        for (int w = 0; w < reader.windowCount(); w++) {
                            float[] expected = new float[TestCorpus.WINDOW];
                            System.arraycopy(mask, w * TestCorpus.STRIDE, expected, 0, TestCorpus.WINDOW);
                            assertArrayEquals(expected, reader.readLabels(w), name + " labels of window " + w);
                        }
                    }
                }
                assertEquals(total, m.counts(), split);
                assertEquals(total, s.counts(), split);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CacheLayout.class)
    void windowsReadBackExactlyAsThePreprocessorProducedThem(CacheLayout layout) throws IOException {
        Preprocessor p = new Preprocessor(PreprocessingConfig.seed());
        try (Cache cache = Cache.open(cacheDir(layout))) {
            int checked = 0;
            for (SyntheticRecordingSpec spec : specs("train")) {
                Recording rec = p.process(corpus.edfPath(spec));
                List<Window> windows = rec.windows(Windower.seed());
                try (WindowReader reader = cache.split("train").open(layout.cacheFileName(spec.stem()))) {
                    float[] flat = new float[reader.windowElements()];
                    float[] labels = new float[reader.windowLength()];
                    for (Window w : windows) {
                        reader.read(w.index(), flat, 0, labels, 0);
                        float[][] want = new float[TestCorpus.CHANNELS][TestCorpus.WINDOW];
                        w.copyTo(want);
                        float[][] got = reader.readSignals(w.index());
                        for (int c = 0; c < TestCorpus.CHANNELS; c++) {
                            assertArrayEquals(want[c], got[c], spec.stem() + " window " + w.index() + " channel " + c);
                            float[] row = new float[TestCorpus.WINDOW];
                            System.arraycopy(flat, c * TestCorpus.WINDOW, row, 0, TestCorpus.WINDOW);
                            assertArrayEquals(want[c], row);
                        }
                        checked++;
                    }
                }
            }
            assertTrue(checked > 0);
        }
    }

    @ParameterizedTest
    @EnumSource(CacheLayout.class)
    void theJsonFilesKeepThePythonSystemsKeysAndAddBgbs(CacheLayout layout) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path root = cacheDir(layout);
        JsonNode meta = json.readTree(root.resolve(".cache_metadata.json").toFile());
        assertEquals("official_tusz", meta.get("split_policy").asText());
        assertTrue(meta.get("created").isTextual() && meta.get("timestamp").isTextual());
        assertEquals(layout.id(), meta.get("layout").asText());
        assertEquals("stored", meta.get("compression").asText());
        assertEquals(
                io.github.braingobrr.BgbVersion.get(), meta.get("bgb_version").asText());
        assertTrue(meta.get("bgb_version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), "a real version");
        assertEquals(PreprocessingConfig.seed().hash(), meta.get("config_hash").asText());
        assertEquals(json.readTree(PreprocessingConfig.seed().toCanonicalJson()), meta.get("preprocessing"));
        for (String split : List.of("train", "dev")) {
            JsonNode m =
                    json.readTree(root.resolve(split).resolve("manifest.json").toFile());
            List<String> previous = new ArrayList<>();
            int windows = 0;
            for (String key : List.of("partial_seizure", "full_seizure", "no_seizure")) {
                String last = "";
                int lastIdx = -1;
                for (JsonNode item : m.get(key)) {
                    List<String> names = new ArrayList<>();
                    item.fieldNames().forEachRemaining(names::add);
                    assertEquals(List.of("cache_file", "window_idx"), names, "items have exactly the seed's keys");
                    String file = item.get("cache_file").asText();
                    int idx = item.get("window_idx").asInt();
                    assertTrue(
                            file.compareTo(last) > 0 || (file.equals(last) && idx > lastIdx),
                            key + ": files sorted, windows in order");
                    last = file;
                    lastIdx = idx;
                    windows++;
                }
                previous.add(key);
            }
            assertEquals(split, m.get("split").asText());
            assertEquals(Manifest.SCHEMA, m.get("schema").asText());
            assertEquals(PreprocessingConfig.seed().hash(), m.get("config_hash").asText());
            assertEquals(windows, m.get("totals").get("windows").asInt());
            JsonNode first = m.get("files").get(0);
            for (String k : List.of("cache_file", "source", "fingerprint", "windows", "counts", "size", "crc32c")) {
                assertTrue(first.has(k), "file entries have " + k);
            }
            assertTrue(m.get("failures").isArray());
            JsonNode index = json.readTree(
                    root.resolve(split).resolve("_dataset_index.json").toFile());
            List<String> files = new ArrayList<>();
            index.get("files").forEach(f -> files.add(f.asText()));
            List<String> expected = new ArrayList<>();
            for (SyntheticRecordingSpec s : specs(split)) {
                expected.add(corpus.root()
                        .toAbsolutePath()
                        .resolve(s.relativeEdfPath())
                        .toString());
            }
            assertEquals(expected, files, "str(edf_path) of every recording, in the Python system's sorted order");
            for (int i = 0; i < files.size(); i++) {
                assertEquals(
                        TestCorpus.windows(specs(split).get(i)),
                        index.get("window_counts").get(i).asInt());
            }
        }
    }

    @Test
    void eachFileHoldsItsPayloadPlusAFewKilobytesSoContinuousIsTheSmallerLayout() throws IOException {
        long windowsBytes = 0;
        long continuousBytes = 0;
        for (SyntheticRecordingSpec spec : specs("train")) {
            long n = TestCorpus.samples(spec);
            long nw = TestCorpus.windows(spec);
            long payloadW = nw * (TestCorpus.CHANNELS + 1) * TestCorpus.WINDOW * 4;
            long payloadC = n * (TestCorpus.CHANNELS * 4 + 1) + 8 * nw + 8;
            long w = Files.size(cacheDir(CacheLayout.WINDOWS).resolve("train").resolve(spec.stem() + "_windows.npz"));
            long c = Files.size(
                    cacheDir(CacheLayout.CONTINUOUS).resolve("train").resolve(spec.stem() + "_continuous.npz"));
            assertTrue(w >= payloadW && w <= payloadW + 8192, spec.stem() + ": " + w + " vs payload " + payloadW);
            assertTrue(c >= payloadC && c <= payloadC + 8192, spec.stem() + ": " + c + " vs payload " + payloadC);
            windowsBytes += w;
            continuousBytes += c;
        }
        // for these 1-2 minute recordings the ratio is below 2; it tends to 20*15360*4/(2560*77) = 6.2 as they grow
        assertTrue(windowsBytes > continuousBytes, windowsBytes + " vs " + continuousBytes);
    }

    @Test
    void progressWasReportedAfterEveryRecordingAndEndsComplete() {
        List<BuildProgress> seen = PROGRESS.get(CacheLayout.WINDOWS);
        int total = specs("train").size() + specs("dev").size();
        assertEquals(total, seen.size());
        BuildProgress last = seen.stream()
                .max((a, b) -> Integer.compare(a.filesDone(), b.filesDone()))
                .orElseThrow();
        assertEquals(total, last.filesDone());
        assertEquals(total, last.filesTotal());
        assertEquals(total, last.filesBuilt());
        assertEquals(RESULTS.get(CacheLayout.WINDOWS).counts().total(), last.windows());
        assertTrue(last.edfBytesDone() > 0 && last.edfMegabytesPerSecond() > 0);
        assertEquals(1.0, last.fractionDone());
    }

    @Test
    void deflatedFilesAreTheOriginalsCompressedFormAndReadTheSame() throws IOException {
        Path deflated = dir.resolve("cache-deflated");
        BuildResult r = CacheBuilder.from(corpus.root())
                .to(deflated)
                .split("dev")
                .compression(NpzCompression.DEFLATED)
                .environment(name -> null)
                .build();
        assertEquals(specs("dev").size(), r.split("dev").built());
        SyntheticRecordingSpec spec = specs("dev").stream()
                .filter(s -> TestCorpus.windows(s) > 0)
                .findFirst()
                .orElseThrow();
        String name = spec.stem() + "_windows.npz";
        Path file = deflated.resolve("dev").resolve(name);
        try (NpzReader npz = NpzReader.open(file)) {
            assertEquals(NpzCompression.DEFLATED, npz.entry("windows").compression());
            assertEquals(NpzCompression.DEFLATED, npz.entry("labels").compression());
        }
        assertTrue(Files.size(file)
                < Files.size(cacheDir(CacheLayout.WINDOWS).resolve("dev").resolve(name)));
        try (Cache a = Cache.open(deflated);
                Cache b = Cache.open(cacheDir(CacheLayout.WINDOWS));
                WindowReader x = a.split("dev").open(name);
                WindowReader y = b.split("dev").open(name)) {
            int last = x.windowCount() - 1;
            float[][] one = x.readSignals(last);
            float[][] two = y.readSignals(last);
            for (int c = 0; c < one.length; c++) {
                assertArrayEquals(two[c], one[c]);
            }
            assertArrayEquals(y.readLabels(last), x.readLabels(last));
        }
        CacheMismatchException e = assertThrows(
                CacheMismatchException.class,
                () -> CacheBuilder.from(corpus.root())
                        .to(deflated)
                        .split("dev")
                        .environment(name2 -> null)
                        .build());
        assertEquals("compression", e.field());
    }

    @Test
    void theContinuousLayoutRefusesCompression() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CacheBuilder.from(corpus.root())
                        .to(dir.resolve("never"))
                        .layout(CacheLayout.CONTINUOUS)
                        .compression(NpzCompression.DEFLATED)
                        .build());
        assertTrue(e.getMessage().contains("STORED"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void numpyLoadsEveryCacheFileAsThePythonCodeWould() throws Exception {
        Assumptions.assumeTrue(
                Python.has("numpy"), "python3 with NumPy is not available; skipping the NumPy cross-check");
        Path script = dir.resolve("numpy_load.py");
        try (InputStream in = CacheBuilderTest.class.getResourceAsStream("numpy_load.py")) {
            Files.copy(in, script);
        }
        for (CacheLayout layout : CacheLayout.values()) {
            List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
            Map<String, SyntheticRecordingSpec> byFile = new HashMap<>();
            for (String split : List.of("train", "dev")) {
                for (SyntheticRecordingSpec spec : specs(split)) {
                    Path f = cacheDir(layout).resolve(split).resolve(layout.cacheFileName(spec.stem()));
                    cmd.add(f.toString());
                    byFile.put(f.toString(), spec);
                }
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            JsonNode all = new ObjectMapper().readTree(out);
            for (Map.Entry<String, SyntheticRecordingSpec> e : byFile.entrySet()) {
                JsonNode d = all.get(e.getKey());
                SyntheticRecordingSpec spec = e.getValue();
                int n = TestCorpus.windows(spec);
                float[] mask = TestCorpus.mask(spec);
                List<Integer> labelsPerWindow = new ArrayList<>();
                for (int w = 0; w < n; w++) {
                    int positive = 0;
                    for (int i = w * TestCorpus.STRIDE; i < w * TestCorpus.STRIDE + TestCorpus.WINDOW; i++) {
                        positive += mask[i] > 0 ? 1 : 0;
                    }
                    labelsPerWindow.add(positive);
                }
                List<Integer> got = new ArrayList<>();
                d.get("labels_per_window").forEach(x -> got.add(x.asInt()));
                assertEquals(labelsPerWindow, got, e.getKey());
                assertEquals(TestCorpus.source(spec), d.get("source").asText());
                if (layout == CacheLayout.WINDOWS) {
                    assertEquals(List.of("bgb_meta", "labels", "windows"), names(d.get("members")));
                    assertEquals("[" + n + ",19,15360]", d.get("windows_shape").toString());
                    assertEquals("float32", d.get("windows_dtype").asText());
                    assertEquals("float32", d.get("labels_dtype").asText());
                } else {
                    assertEquals(
                            "[19," + TestCorpus.samples(spec) + "]",
                            d.get("signals_shape").toString());
                    assertTrue(d.get("fortran").asBoolean());
                    assertEquals("uint8", d.get("labels_dtype").asText());
                    assertEquals(TestCorpus.WINDOW, d.get("length").asInt());
                }
                assertEquals(
                        sumOfWindows(layout, e.getKey()), d.get("windows_sum").asDouble(), 1e-3);
            }
        }
    }

    private static List<String> names(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static double sumOfWindows(CacheLayout layout, String file) throws IOException {
        Path f = Path.of(file);
        try (Cache cache = Cache.open(f.getParent().getParent());
                WindowReader r = cache.split(f.getParent().getFileName().toString())
                        .open(f.getFileName().toString())) {
            double sum = 0;
            for (int w = 0; w < r.windowCount(); w++) {
                for (float[] row : r.readSignals(w)) {
                    for (float v : row) {
                        sum += v;
                    }
                }
            }
            return sum;
        }
    }

    @Test
    void theDefaultLimitComesFromTheEnvironmentWhenTheBuildRunsAndAnExplicitLimitWins() throws IOException {
        Map<String, String> env = new HashMap<>();
        CacheBuilder b = CacheBuilder.from(corpus.root())
                .to(dir.resolve("cache-limited"))
                .split("train")
                .environment(env::get);
        env.put("BGB_SMOKE_TEST", "1"); // set after the builder was made: read at build time
        BuildResult smoke = b.build();
        assertEquals(3, smoke.split("train").selected());
        assertEquals(3, smoke.split("train").limit().getAsInt());
        assertEquals(specs("train").size(), smoke.split("train").found());
        env.put("BGB_LIMIT_FILES", "2");
        BuildResult two = b.build();
        assertEquals(2, two.split("train").selected());
        assertEquals(2, two.split("train").skipped(), "the first two were built by the smoke run");
        assertEquals(3, two.split("train").cacheFiles(), "the third file from the smoke run stays listed");
        try (Cache c = Cache.open(dir.resolve("cache-limited"))) {
            ValidationReport v = c.split("train").validate();
            assertTrue(v.isValid(), v.summary());
            assertEquals(1, v.problems(CacheProblem.Kind.LIMITED_BUILD).size(), "a partial build is flagged");
        }
        BuildResult explicit = b.limit(4).build();
        assertEquals(4, explicit.split("train").selected());
        assertEquals(1, explicit.split("train").built());
        env.put("BGB_LIMIT_FILES", "lots");
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class,
                () -> CacheBuilder.from(corpus.root())
                        .to(dir.resolve("cache-limited"))
                        .environment(env::get)
                        .build());
        assertTrue(bad.getMessage().contains("BGB_LIMIT_FILES"), bad.getMessage());
        try (Stream<Path> files = Files.list(dir.resolve("cache-limited").resolve("train"))) {
            assertEquals(
                    4,
                    files.filter(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(".npz"))
                            .count());
        }
    }
}
