package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.cache.PreflightReport.Check;
import io.github.braingobrr.cache.PreflightReport.Finding;
import io.github.braingobrr.cache.PreflightReport.Severity;
import io.github.braingobrr.cache.PreflightReport.Verdict;
import io.github.braingobrr.labels.LabelEvent;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelWriter;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Preflight} on a synthetic TUSZ-like tree, clean and with one planted fault per check; every expectation comes
 * from the corpus plan (what was written), the builder's own failures, or the planted fault, never from the preflight.
 */
class PreflightTest {
    @TempDir
    static Path shared;

    private static SyntheticCorpus corpus;

    @TempDir
    Path dir;

    private Path data;

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = TestCorpus.write(shared.resolve("edf"));
        assertFalse(corpus.recordings(CorpusSplit.TRAIN).isEmpty());
        assertFalse(corpus.recordings(CorpusSplit.DEV).isEmpty());
    }

    @BeforeEach
    void copy() throws IOException {
        data = Trees.copy(corpus.root(), dir.resolve("edf"));
    }

    private PreflightRequest request() {
        return PreflightRequest.of(data).withWorkers(2);
    }

    private static PreflightReport check(PreflightRequest r) throws IOException {
        return Preflight.withSpaceProvider(folder -> Long.MAX_VALUE)
                .environment(name -> null)
                .run(r);
    }

    private List<SyntheticRecordingSpec> built() {
        List<SyntheticRecordingSpec> out = new ArrayList<>(corpus.recordings(CorpusSplit.TRAIN));
        out.addAll(corpus.recordings(CorpusSplit.DEV));
        return out;
    }

    private static SyntheticRecordingSpec first(CorpusSplit split) {
        return corpus.recordings(split).get(0);
    }

    private static Finding only(PreflightReport r, Severity severity, Check check) {
        List<Finding> f = r.findings().stream()
                .filter(x -> x.severity() == severity && x.check() == check)
                .toList();
        assertEquals(1, f.size(), () -> "one " + severity + " " + check + " finding expected: " + r.findings());
        return f.get(0);
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "'" + part + "' not in: " + text);
    }

    @Test
    void aCleanTreeIsReadyAndCountedAsItWasWritten() throws IOException {
        PreflightReport r = check(request());
        assertTrue(r.ready(), () -> "problems: " + r.problems());
        assertTrue(r.findings(Severity.WARNING).isEmpty(), () -> "warnings: " + r.findings(Severity.WARNING));
        List<SyntheticRecordingSpec> specs = built();
        assertEquals(List.of("train", "dev"), r.splits());
        assertEquals(specs.size(), r.totalRecordings());
        assertEquals(corpus.recordings(CorpusSplit.DEV).size(), r.recordings().get("dev"));
        assertEquals(
                Map.of("EDF", specs.size()), r.formats(), "TUSZ files are plain EDF, as the generator writes them");

        Map<String, Integer> rates = new TreeMap<>();
        Map<String, Integer> durations = new HashMap<>();
        for (SyntheticRecordingSpec s : specs) {
            rates.merge(String.valueOf(s.samplingRate()), 1, Integer::sum);
            String bucket = s.durationSeconds() < 60 ? "<1 min" : s.durationSeconds() < 600 ? "1-10 min" : "long";
            durations.merge(bucket, 1, Integer::sum);
        }
        assertEquals(rates, r.samplingRates());
        assertEquals(durations.getOrDefault("<1 min", 0), r.durations().get("<1 min"));
        assertEquals(durations.getOrDefault("1-10 min", 0), r.durations().get("1-10 min"));
        Map<String, Integer> references = new TreeMap<>();
        for (SyntheticRecordingSpec s : specs) {
            references.merge(s.montage().labelSuffix(), 1, Integer::sum);
        }
        assertEquals(references, r.references());

        for (CorpusSplit split : List.of(CorpusSplit.TRAIN, CorpusSplit.DEV)) {
            String name = split == CorpusSplit.TRAIN ? "train" : "dev";
            Map<String, Integer> events = new TreeMap<>();
            Map<WindowCategory, Long> windows = new HashMap<>();
            for (SyntheticRecordingSpec s : corpus.recordings(split)) {
                // one event per (type, start, stop): the .csv repeats it on every channel
                Set<List<Object>> distinct = new HashSet<>();
                for (LabelEvent e : s.labels().events()) {
                    if (TestCorpus.SEED_SEIZURES.contains(e.label())
                            && distinct.add(List.of(e.label(), e.start(), e.stop()))) {
                        events.merge(e.label(), 1, Integer::sum);
                    }
                }
                for (WindowCategory c : TestCorpus.categories(s)) {
                    windows.merge(c, 1L, Long::sum);
                }
            }
            assertEquals(events, r.seizureEvents().get(name), name);
            CategoryCounts w = r.windows().get(name);
            assertEquals(windows.getOrDefault(WindowCategory.NO_SEIZURE, 0L), w.noSeizure(), name);
            assertEquals(windows.getOrDefault(WindowCategory.PARTIAL_SEIZURE, 0L), w.partialSeizure(), name);
            assertEquals(windows.getOrDefault(WindowCategory.FULL_SEIZURE, 0L), w.fullSeizure(), name);
        }
        assertTrue(r.elapsed().toNanos() > 0);
    }

    /** Relabels the EDF signal whose label starts with {@code from}, in place (16-byte fields after byte 256). */
    private static void renameSignal(Path edf, String from, String to) throws IOException {
        byte[] head = new byte[256];
        try (FileChannel ch = FileChannel.open(edf, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.read(ByteBuffer.wrap(head), 0);
            int ns = Integer.parseInt(new String(head, 252, 4, StandardCharsets.US_ASCII).strip());
            byte[] labels = new byte[16 * ns];
            ch.read(ByteBuffer.wrap(labels), 256);
            for (int i = 0; i < ns; i++) {
                String label = new String(labels, i * 16, 16, StandardCharsets.US_ASCII).strip();
                if (label.startsWith(from)) {
                    byte[] replaced = String.format("%-16s", to).getBytes(StandardCharsets.US_ASCII);
                    ch.write(ByteBuffer.wrap(replaced), 256 + i * 16L);
                    return;
                }
            }
        }
        throw new AssertionError("no signal " + from + " in " + edf);
    }

    @Test
    void missingChannelsAndCorruptHeadersGiveTheReasonsTheBuilderRecords() throws IOException {
        List<SyntheticRecordingSpec> train = corpus.recordings(CorpusSplit.TRAIN);
        SyntheticRecordingSpec noC3 = train.get(0);
        SyntheticRecordingSpec corrupt = train.get(1);
        renameSignal(data.resolve(noC3.relativeEdfPath()), "EEG C3-", "EEG XX-REF");
        try (FileChannel ch = FileChannel.open(data.resolve(corrupt.relativeEdfPath()), StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
        PreflightReport r = check(request());
        assertFalse(r.ready());

        BuildResult built = CacheBuilder.from(data)
                .to(dir.resolve("cache"))
                .split("train")
                .environment(name -> null)
                .build();
        assertEquals(2, built.failures().size(), () -> "builder failures: " + built.failures());
        for (BuildFailure f : built.failures()) {
            List<Finding> about = r.findingsAbout(f.source());
            assertEquals(1, about.size(), () -> f.source() + ": " + r.findings());
            assertEquals(Severity.ERROR, about.get(0).severity());
            assertEquals(Check.RECORDING, about.get(0).check());
            assertEquals(f.reason(), about.get(0).message(), "the builder's reason");
        }
        Finding channel = r.findingsAbout(TestCorpus.source(noC3)).get(0);
        assertContains(channel.message(), "C3");
        assertContains(channel.fix(), "electrodes");
        Finding header = r.findingsAbout(TestCorpus.source(corrupt)).get(0);
        assertContains(header.fix(), "copy the file again");
        assertEquals(
                built().size() - 1,
                r.formats().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void aMissingLabelFileIsAnErrorNamingTheFormatTheFolderHas() throws IOException {
        SyntheticRecordingSpec s = first(CorpusSplit.DEV);
        Path csv = data.resolve(s.relativeCsvPath());
        Files.delete(csv);
        PreflightReport r = check(request());
        assertFalse(r.ready());
        Finding f = only(r, Severity.ERROR, Check.LABELS);
        assertEquals(csv.toString(), f.location());
        assertContains(f.message(), TestCorpus.source(s));
        assertContains(f.message(), "background");
        assertContains(f.fix(), s.stem() + ".csv_bi");
    }

    private void relabelSplit(CorpusSplit split, String label) throws IOException {
        for (SyntheticRecordingSpec s : corpus.recordings(split)) {
            LabelFile l = s.labels();
            List<LabelEvent> events = l.events().stream()
                    .map(e -> e.seizureType().isPresent()
                            ? new LabelEvent(e.channel(), e.start(), e.stop(), label, e.confidence())
                            : e)
                    .toList();
            LabelWriter.write(
                    data.resolve(s.relativeCsvPath()),
                    LabelFile.of(l.format(), l.bname(), l.duration().orElseThrow(), l.montageFile(), events));
        }
    }

    @Test
    void aSplitWhoseLabelsAreAllBackgroundIsTheZeroPercentTrap() throws IOException {
        relabelSplit(CorpusSplit.DEV, "bckg");
        PreflightReport r = check(request());
        Finding f = only(r, Severity.ERROR, Check.SEIZURES);
        assertEquals(data.resolve("dev").toString(), f.location());
        assertContains(f.message(), "dev has no seizure event");
        assertContains(f.fix(), "0 %");
        assertTrue(r.seizureEvents().get("dev").isEmpty());
        assertEquals(0, r.windows().get("dev").seizure());
    }

    @Test
    void typesThePresetCountsAsBackgroundAreListed() throws IOException {
        relabelSplit(CorpusSplit.DEV, "cnsz");
        PreflightReport seed = check(request());
        assertTrue(seed.backgroundTypes().get("cnsz") > 0, seed.backgroundTypes()::toString);
        Finding f = only(seed, Severity.ERROR, Check.SEIZURES);
        assertContains(f.message(), "cnsz");
        // the zero-phase preset counts every epileptic type, cnsz included
        PreflightReport all = check(request().withPreprocessing(PreprocessingConfig.zeroPhase()));
        assertTrue(all.ready(), () -> "problems: " + all.problems());
        assertTrue(all.seizureEvents().get("dev").get("cnsz") > 0);
    }

    @Test
    void aLabelFileWhoseRowsWouldAllBeSkippedIsAnError() throws IOException {
        SyntheticRecordingSpec s = first(CorpusSplit.TRAIN);
        Path csv = data.resolve(s.relativeCsvPath());
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            // the wrong column order: label before the times
            String[] c = line.split(",");
            lines.add(
                    line.startsWith("#") || c.length < 5 || line.startsWith("channel")
                            ? line
                            : String.join(",", c[0], c[3], c[1], c[2], c[4]));
        }
        Files.write(csv, lines);
        PreflightReport r = check(request());
        Finding f = only(r, Severity.ERROR, Check.LABELS);
        assertEquals(csv.toString(), f.location());
        assertContains(f.message(), "every row");
    }

    @Test
    void aValFolderIsRejectedPointingToDev() throws IOException {
        Files.move(data.resolve("dev"), data.resolve("val"));
        PreflightReport r = check(request());
        List<Finding> splits =
                r.problems().stream().filter(f -> f.check() == Check.SPLITS).toList();
        assertEquals(2, splits.size(), splits::toString);
        Finding val = splits.stream()
                .filter(f -> f.location().startsWith("val/"))
                .findFirst()
                .orElseThrow();
        assertContains(
                val.fix(),
                "rename the folder to " + data.toAbsolutePath().normalize().resolve("dev"));
        assertTrue(splits.stream()
                .anyMatch(f -> f.location().equals(data.resolve("dev").toString())));
    }

    @Test
    void patientsInTwoSplitsAreRejected() throws IOException {
        SyntheticRecordingSpec t = first(CorpusSplit.TRAIN);
        Path into =
                data.resolve("dev").resolve(t.patient()).resolve("s009_2020").resolve("01_tcp_ar");
        Files.createDirectories(into);
        String stem = t.patient() + "_s009_t000";
        Files.copy(data.resolve(t.relativeEdfPath()), into.resolve(stem + ".edf"));
        Files.copy(data.resolve(t.relativeCsvPath()), into.resolve(stem + ".csv"));
        PreflightReport r = check(request());
        Finding f = only(r, Severity.ERROR, Check.SPLITS);
        assertContains(f.location(), stem + ".edf");
        assertContains(f.message(), t.patient() + " (dev, train)");
        assertContains(f.fix(), "move each patient's recordings into one split");
    }

    @Test
    void tooLittleSpaceIsAnErrorWithTheShortfall() throws IOException {
        Path cache = dir.resolve("volume").resolve("cache");
        Files.createDirectories(cache.getParent());
        List<Path> asked = new ArrayList<>();
        PreflightReport r = Preflight.withSpaceProvider(folder -> {
                    asked.add(folder);
                    return 1_000_000;
                })
                .environment(name -> null)
                .run(request().withCache(cache));
        assertEquals(List.of(cache.getParent().toAbsolutePath()), asked, "the nearest existing folder");
        assertEquals(1_000_000, r.freeBytes().orElseThrow());
        Finding f = only(r, Severity.ERROR, Check.SPACE);
        assertContains(f.message(), "0.00 GB are free");
        assertContains(f.fix(), "free at least");
        assertFalse(Files.exists(cache), "nothing is created");
        long needed = r.estimatedBytes().get(CacheLayout.WINDOWS);
        PreflightReport enough = Preflight.withSpaceProvider(folder -> needed)
                .environment(name -> null)
                .run(request().withCache(cache));
        assertTrue(enough.ready(), () -> "problems: " + enough.problems());
    }

    private static long npzBytes(Path split) throws IOException {
        try (Stream<Path> files = Files.list(split)) {
            return files.filter(p -> p.toString().endsWith(".npz"))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    @Test
    void anExistingCacheIsReusedResumedOrRefusedOnConfigDrift() throws IOException {
        Path cache = dir.resolve("cache");
        for (CacheLayout layout : CacheLayout.values()) {
            Path c = cache.resolve(layout.id());
            CacheBuilder.from(data)
                    .to(c)
                    .split("train")
                    .layout(layout)
                    .environment(name -> null)
                    .build();
            PreflightReport r =
                    check(request().withSplits("train").withLayout(layout).withCache(c));
            assertTrue(r.ready(), () -> "problems: " + r.problems());
            PreflightReport.ExistingCache e = r.existingCache().orElseThrow();
            assertEquals(Verdict.REUSE, e.verdict(), e::toString);
            int train = corpus.recordings(CorpusSplit.TRAIN).size();
            assertEquals(train, e.filesDone());
            assertEquals(train, e.filesTotal());
            // the size estimate against the files the build wrote
            long actual = npzBytes(c.resolve("train"));
            long estimate = r.estimatedBytes().get(layout);
            assertTrue(
                    estimate >= actual && estimate - actual <= train * Preflight.FILE_OVERHEAD,
                    () -> layout + ": estimated " + estimate + ", built " + actual);
        }
        Path c = cache.resolve("windows");
        SyntheticRecordingSpec gone = first(CorpusSplit.TRAIN);
        Files.delete(c.resolve("train").resolve(CacheLayout.WINDOWS.cacheFileName(gone.stem())));
        PreflightReport resumed = check(request().withSplits("train").withCache(c));
        assertEquals(Verdict.RESUME, resumed.existingCache().orElseThrow().verdict());
        assertEquals(
                corpus.recordings(CorpusSplit.TRAIN).size() - 1,
                resumed.existingCache().orElseThrow().filesDone());

        PreflightReport drift =
                check(request().withSplits("train").withCache(c).withPreprocessing(PreprocessingConfig.zeroPhase()));
        assertFalse(drift.ready());
        assertEquals(Verdict.REFUSE, drift.existingCache().orElseThrow().verdict());
        Finding f = only(drift, Severity.ERROR, Check.EXISTING_CACHE);
        assertEquals(Location.of(c).toString(), f.location());
        assertContains(f.message(), "preprocessing");
        assertContains(f.fix(), "PreprocessingConfig.seed()");
        assertContains(f.fix(), "bgb clean-cache");
    }

    @Test
    void aFileLimitLeftInTheEnvironmentIsWarnedAboutAndABadOneIsAnError() throws IOException {
        Preflight preflight = Preflight.withSpaceProvider(folder -> Long.MAX_VALUE);
        PreflightReport limited = preflight
                .environment(name -> name.equals("BGB_LIMIT_FILES") ? "2" : null)
                .run(request());
        assertTrue(limited.ready());
        Finding f = only(limited, Severity.WARNING, Check.DATA_DIR);
        assertEquals("BGB_LIMIT_FILES=2", f.location());
        assertContains(f.message(), "only the first 2 EDF files");
        assertContains(f.fix(), "unset BGB_LIMIT_FILES");
        PreflightReport smoke = preflight
                .environment(name -> name.equals("BGB_SMOKE_TEST") ? "1" : null)
                .run(request());
        assertContains(only(smoke, Severity.WARNING, Check.DATA_DIR).message(), "first 3");
        PreflightReport bad = preflight
                .environment(name -> name.equals("BGB_LIMIT_FILES") ? "all" : null)
                .run(request());
        assertFalse(bad.ready());
        assertContains(only(bad, Severity.ERROR, Check.DATA_DIR).message(), "'all'");
    }

    @Test
    void askingForValIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> request().withSplits("val"));
        assertContains(e.getMessage(), "'dev'");
    }

    @Test
    void anAbsentDataDirectoryIsAFindingNotAnException() throws IOException {
        PreflightReport r = check(PreflightRequest.of(dir.resolve("nowhere")));
        Finding f = only(r, Severity.ERROR, Check.DATA_DIR);
        assertEquals(dir.resolve("nowhere").toString(), f.location());
        assertEquals(0, r.totalRecordings());
    }
}
