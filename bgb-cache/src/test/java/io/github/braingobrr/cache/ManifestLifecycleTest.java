package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.ParseMode;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.montage.MissingChannelPolicy;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest lifecycle: incremental builds, deleted and unlisted cache files, configuration changes, bad recordings,
 * a build killed mid-way, stale files, and the JSON files going wrong in each way the validator must catch.
 */
class ManifestLifecycleTest {
    @TempDir
    static Path shared;

    private static SyntheticCorpus corpus;
    private static List<SyntheticRecordingSpec> train;

    @TempDir
    Path dir;

    private Path data;
    private Path cache;

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = TestCorpus.write(shared.resolve("edf"));
        train = corpus.recordings(CorpusSplit.TRAIN);
    }

    @BeforeEach
    void copyCorpus() throws IOException {
        data = Trees.copy(corpus.root(), dir.resolve("edf"));
        cache = dir.resolve("cache");
    }

    private CacheBuilder builder() {
        return CacheBuilder.from(data).to(cache).split("train").workers(2).environment(name -> null);
    }

    private Cache open() throws IOException {
        return new Cache(LocalBlobStore.open(cache), true, new Env(name -> null));
    }

    private Path npz(SyntheticRecordingSpec spec) {
        return cache.resolve("train").resolve(spec.stem() + "_windows.npz");
    }

    private Path edf(SyntheticRecordingSpec spec) {
        return data.resolve(spec.relativeEdfPath());
    }

    private SyntheticRecordingSpec withWindows(int k) {
        return train.stream().filter(s -> TestCorpus.windows(s) > 0).toList().get(k);
    }

    @Test
    void addingAnEdfAndRebuildingProcessesOnlyIt() throws IOException {
        SyntheticRecordingSpec later = train.get(train.size() - 1);
        Path aside = dir.resolve("aside");
        Files.createDirectories(aside);
        Files.move(edf(later), aside.resolve("x.edf"));
        BuildResult first = builder().build();
        assertEquals(train.size() - 1, first.split("train").built());
        Map<String, String> before = Trees.snapshot(cache.resolve("train"));

        Files.move(aside.resolve("x.edf"), edf(later));
        BuildResult second = builder().build();
        assertEquals(1, second.split("train").built());
        assertEquals(train.size() - 1, second.split("train").skipped());
        Map<String, String> after = Trees.snapshot(cache.resolve("train"));
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (e.getKey().endsWith(".npz")) {
                assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " was not rewritten");
            }
        }
        try (Cache c = open()) {
            Manifest m = c.split("train").manifest();
            assertEquals(train.size(), m.files().size());
            assertEquals(
                    TestCorpus.categories(later),
                    m.file(later.stem() + "_windows.npz").orElseThrow().categories());
            assertTrue(c.validate().isValid(), c.validate().summary());
        }
        BuildResult third = builder().build();
        assertEquals(0, third.split("train").built());
        assertEquals(train.size(), third.split("train").skipped());
    }

    @Test
    void aDeletedCacheFileIsReportedThenDroppedFromTheRebuiltManifestAndRestoredByTheNextBuild() throws IOException {
        builder().build();
        SyntheticRecordingSpec gone = withWindows(0);
        Files.delete(npz(gone));
        try (Cache c = open()) {
            ValidationReport r = c.split("train").validate();
            assertFalse(r.isValid());
            List<CacheProblem> missing = r.problems(CacheProblem.Kind.MISSING_FILE);
            assertEquals(1, missing.size(), r.summary());
            assertEquals(gone.stem() + "_windows.npz", missing.get(0).file().orElseThrow());
            assertTrue(r.fixedByScan());
            Manifest m = c.split("train").manifest(); // rebuilt: the data left is sound
            assertTrue(m.file(gone.stem() + "_windows.npz").isEmpty());
            assertEquals(train.size() - 1, m.files().size());
            assertTrue(
                    c.split("train").validate().isValid(),
                    c.split("train").validate().summary());
        }
        BuildResult again = builder().build();
        assertEquals(1, again.split("train").built());
        assertTrue(Files.exists(npz(gone)));
    }

    @Test
    void anUnlistedCacheFileIsReportedAndRescannedIn() throws IOException {
        builder().limit(2).build();
        Path full = dir.resolve("full-cache");
        CacheBuilder.from(data)
                .to(full)
                .split("train")
                .environment(name -> null)
                .build();
        SyntheticRecordingSpec extra = train.get(3);
        Files.copy(full.resolve("train").resolve(extra.stem() + "_windows.npz"), npz(extra));
        try (Cache c = open()) {
            ValidationReport r = c.split("train").validate();
            List<CacheProblem> unlisted = r.problems(CacheProblem.Kind.UNLISTED_FILE);
            assertEquals(1, unlisted.size(), r.summary());
            assertTrue(
                    unlisted.get(0).message().contains("stale subset"),
                    unlisted.get(0).message());
            Manifest m = c.split("train").manifest();
            Manifest.FileEntry e = m.file(extra.stem() + "_windows.npz").orElseThrow();
            assertEquals(TestCorpus.categories(extra), e.categories());
            assertEquals(
                    TestCorpus.source(extra), e.source().orElseThrow(), "restored from the file's own description");
            assertEquals(3, m.files().size());
            assertTrue(c.split("train").validate().isValid());
        }
    }

    @Test
    void aChangedPreprocessingParameterIsRefusedNamingTheFieldAndNothingIsTouched() throws IOException {
        builder().build();
        Map<String, String> before = Trees.snapshot(cache);
        PreprocessingConfig changed =
                PreprocessingConfig.seed().toBuilder().clip(5).build();
        CacheMismatchException e = assertThrows(
                CacheMismatchException.class,
                () -> builder().preprocessing(changed).build());
        assertEquals("preprocessing", e.field());
        assertTrue(e.getMessage().contains("preprocessing.clip: 10"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was deleted"), e.getMessage());
        assertTrue(e.getMessage().contains("new location"), e.getMessage());
        assertTrue(e.getMessage().contains("clean"), e.getMessage());
        assertEquals(before, Trees.snapshot(cache));
        try (Cache c = open()) {
            ValidationReport r = c.validator().expecting(changed).validate("train");
            assertEquals(1, r.problems(CacheProblem.Kind.CONFIG_DRIFT).size(), r.summary());
        }
        CacheMismatchException layout = assertThrows(
                CacheMismatchException.class,
                () -> builder().layout(CacheLayout.CONTINUOUS).build());
        assertEquals("layout", layout.field());
        assertEquals(before, Trees.snapshot(cache));
    }

    @Test
    void badRecordingsAreRecordedAsFailuresAndTheBuildGoesOn() throws IOException {
        SyntheticRecordingSpec corrupt = withWindows(0);
        try (RandomAccessFile f = new RandomAccessFile(edf(corrupt).toFile(), "rw")) {
            f.seek(236); // number of data records: a word where a number belongs
            f.write("garbage!".getBytes(StandardCharsets.US_ASCII));
        }
        SyntheticRecordingSpec badLabels = withWindows(1);
        Path csv = data.resolve(badLabels.relativeCsvPath());
        Files.writeString(csv, Files.readString(csv) + "FP1-F7,not-a-time,12.0,seiz,1.0000\n", StandardCharsets.UTF_8);
        PreprocessingConfig strict = PreprocessingConfig.seed().toBuilder()
                .missingChannels(MissingChannelPolicy.reject())
                .labels(new PreprocessingConfig.LabelOptions(
                        LabelFormat.CSV,
                        SeizureType.seed(),
                        io.github.braingobrr.labels.MissingLabels.BACKGROUND,
                        ParseMode.STRICT,
                        Optional.empty()))
                .build();
        List<BuildFailure> heard = new ArrayList<>();
        BuildResult r = builder()
                .preprocessing(strict)
                .listener(new BuildListener() {
                    @Override
                    public void progress(BuildProgress progress) {}

                    @Override
                    public void failed(BuildFailure failure) {
                        heard.add(failure);
                    }
                })
                .build();
        Map<String, BuildFailure.Kind> kinds = new HashMap<>();
        for (BuildFailure f : r.failures()) {
            kinds.put(f.source(), f.kind());
            assertTrue(f.reason().contains(Path.of(f.source()).getFileName().toString()), f.reason());
        }
        assertEquals(
                BuildFailure.Kind.CORRUPT_EDF,
                kinds.get(TestCorpus.source(corrupt)),
                r.failures().toString());
        assertEquals(
                BuildFailure.Kind.BAD_LABELS,
                kinds.get(TestCorpus.source(badLabels)),
                r.failures().toString());
        int missingChannels = 0;
        for (SyntheticRecordingSpec s : train) {
            if (!s.missingElectrodes().isEmpty() && s != corrupt && s != badLabels) {
                assertEquals(BuildFailure.Kind.MISSING_CHANNELS, kinds.get(TestCorpus.source(s)));
                missingChannels++;
            }
        }
        assertEquals(2 + missingChannels, r.failures().size());
        assertEquals(r.failures().size(), heard.size());
        assertEquals(train.size() - r.failures().size(), r.split("train").built(), "the others were built");
        try (Cache c = open()) {
            Manifest m = c.split("train").manifest();
            assertEquals(r.failures(), m.failures());
            assertEquals(train.size() - r.failures().size(), m.files().size());
            ValidationReport v = c.split("train").validate();
            assertTrue(v.isValid(), "recorded failures are a warning: " + v.summary());
            assertEquals(1, v.problems(CacheProblem.Kind.RECORDED_FAILURES).size());
        }
    }

    @Test
    void failFastStopsAtTheFirstFailureAndKeepsWhatWasFinished() throws IOException {
        SyntheticRecordingSpec corrupt = train.get(0);
        Files.write(edf(corrupt), new byte[] {1, 2, 3});
        CacheBuildException e = assertThrows(
                CacheBuildException.class, () -> builder().workers(1).failFast().build());
        assertEquals(TestCorpus.source(corrupt), e.failure().source());
        assertTrue(e.getMessage().contains("run the build again"), e.getMessage());
        assertEquals(0, e.partialResult().split("train").built(), "one worker: nothing after the first file");
        try (Cache c = open()) {
            Manifest m = c.split("train").readManifest().orElseThrow();
            assertEquals(1, m.failures().size());
        }
    }

    @Test
    void aBuildKilledMidwayResumesWithoutRedoingFinishedFilesOrLeavingHalfWrittenOnes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        KillingBuild.class.getName(),
                        data.toString(),
                        cache.toString(),
                        "2")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(137, p.exitValue(), "the child must die mid-build: " + out);
        List<String> left = Trees.names(cache.resolve("train"));
        assertFalse(left.contains("manifest.json"), "killed before any manifest: " + left);
        int finished = 0;
        try (Cache c = open()) {
            for (String name : left) {
                assertTrue(name.endsWith("_windows.npz"), "only complete cache files are visible: " + left);
                try (WindowReader r = c.split("train").open(name)) {
                    SyntheticRecordingSpec spec = train.stream()
                            .filter(s -> name.equals(s.stem() + "_windows.npz"))
                            .findFirst()
                            .orElseThrow();
                    assertEquals(TestCorpus.windows(spec), r.windowCount(), name + " is complete");
                }
                finished++;
            }
        }
        assertTrue(finished >= 2 && finished < train.size(), "finished " + finished + ": " + left);

        BuildResult rerun = builder().build();
        assertEquals(finished, rerun.split("train").skipped(), "finished files are not redone");
        assertEquals(train.size() - finished, rerun.split("train").built());
        assertEquals(List.of(), Trees.names(cache.resolve(".bgb-staging")), "no temporary file is left");
        try (Cache c = open()) {
            Manifest m = c.split("train").manifest();
            assertEquals(train.size(), m.files().size());
            for (SyntheticRecordingSpec s : train) {
                Manifest.FileEntry e = m.file(s.stem() + "_windows.npz").orElseThrow();
                assertEquals(TestCorpus.categories(s), e.categories());
                assertTrue(e.fingerprint().isPresent() && e.crc32c().isPresent());
            }
            assertTrue(c.validator()
                    .checksums(true)
                    .headers(true)
                    .validate("train")
                    .isValid());
        }
    }

    @Test
    void checkpointManifestsDuringABuildNameOnlyFilesAlreadyThere() throws IOException {
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> listed = new java.util.concurrent.CopyOnWriteArrayList<>();
        BuildResult r = builder()
                .workers(1)
                .checkpointInterval(java.time.Duration.ZERO)
                .listener(p -> {
                    try (Cache c = open()) {
                        Optional<Manifest> m = c.split("train").readManifest();
                        if (p.filesDone() > 1 && m.isEmpty()) {
                            problems.add("no checkpoint manifest after " + p.filesDone() + " files");
                        }
                        if (m.isPresent()) {
                            listed.add(m.get().files().size());
                            for (Manifest.FileEntry e : m.get().files()) {
                                if (!Files.exists(cache.resolve("train").resolve(e.cacheFile()))) {
                                    problems.add(e.cacheFile() + " is listed before it exists");
                                }
                            }
                        }
                    } catch (IOException e) {
                        problems.add(e.toString());
                    }
                })
                .build();
        assertEquals(List.of(), problems);
        assertEquals(train.size(), r.split("train").built());
        assertEquals(train.size() - 1, listed.size(), "a checkpoint after every file but the last: " + listed);
        for (int i = 0; i < listed.size(); i++) {
            assertEquals(i + 1, listed.get(i), "each checkpoint lists the files finished before it");
        }
    }

    @Test
    void aRecordingWhoseRebuildFailsKeepsItsOldFileOutOfTheManifestAsAStaleFile() throws IOException {
        builder().build();
        SyntheticRecordingSpec s = withWindows(0);
        Files.write(edf(s), new byte[300]);
        BuildResult r = builder().build();
        assertEquals(1, r.failures().size());
        assertEquals(Optional.of(s.stem() + "_windows.npz"), r.failures().get(0).staleCacheFile());
        assertTrue(Files.exists(npz(s)), "nothing already built is deleted");
        try (Cache c = open()) {
            Manifest m = c.split("train").manifest();
            assertTrue(m.file(s.stem() + "_windows.npz").isEmpty(), "the stale file is not trained on");
            ValidationReport v = c.split("train").validate();
            assertTrue(v.isValid(), v.summary());
            assertEquals(1, v.problems(CacheProblem.Kind.STALE_FILE).size());
            assertTrue(c.split("train").scan().file(s.stem() + "_windows.npz").isEmpty(), "a scan leaves it out too");
        }
    }

    @Test
    void aCorrectedLabelFileRebuildsItsRecording() throws IOException {
        builder().build();
        SyntheticRecordingSpec s = train.stream()
                .filter(x -> TestCorpus.windows(x) > 0 && !x.hasSeizures())
                .findFirst()
                .orElse(withWindows(0));
        Path csv = data.resolve(s.relativeCsvPath());
        // a seizure over the whole recording on one channel: every window becomes full
        Files.writeString(
                csv,
                Files.readString(csv) + "FP1-F7,0.0000," + s.durationSeconds() + ".0000,gnsz,1.0000\n",
                StandardCharsets.UTF_8);
        BuildResult r = builder().build();
        assertEquals(1, r.split("train").built());
        try (Cache c = open()) {
            for (WindowCategory cat : c.split("train")
                    .manifest()
                    .file(s.stem() + "_windows.npz")
                    .orElseThrow()
                    .categories()) {
                assertEquals(WindowCategory.FULL_SEIZURE, cat);
            }
        }
    }

    @Test
    void theValidatorCatchesEachWayTheJsonFilesGoWrong() throws IOException {
        builder().build();
        Path manifest = cache.resolve("train").resolve("manifest.json");
        Path index = cache.resolve("train").resolve("_dataset_index.json");
        String good = Files.readString(manifest);
        String goodIndex = Files.readString(index);
        try (Cache c = open()) {
            assertTrue(c.validate().isValid(), c.validate().summary());

            Files.writeString(manifest, "{\"partial_seizure\":[],\"full_seizure\":[],\"no_seizure\":[]}");
            ValidationReport empty = c.split("train").validate();
            assertEquals(1, empty.problems(CacheProblem.Kind.EMPTY_MANIFEST).size(), empty.summary());
            assertEquals(train.size(), c.split("train").manifest().files().size(), "rebuilt");

            Files.writeString(index, goodIndex.replaceFirst("\"window_counts\":\\[\\d+", "\"window_counts\":[99"));
            ValidationReport idx = c.split("train").validate();
            assertEquals(1, idx.problems(CacheProblem.Kind.INDEX_MISMATCH).size(), idx.summary());
            c.split("train").manifest();
            assertTrue(c.split("train").validate().isValid());

            Files.writeString(manifest, "{not json");
            assertEquals(
                    1,
                    c.split("train")
                            .validate()
                            .problems(CacheProblem.Kind.UNREADABLE_MANIFEST)
                            .size());
            c.split("train").manifest();

            Files.delete(manifest);
            assertEquals(
                    1,
                    c.split("train")
                            .validate()
                            .problems(CacheProblem.Kind.NO_MANIFEST)
                            .size());
            c.split("train").manifest();
            assertTrue(c.split("train").validate().isValid());

            Files.writeString(
                    manifest,
                    good.replace(
                            PreprocessingConfig.seed().hash(),
                            PreprocessingConfig.zeroPhase().hash()));
            ValidationReport drift = c.split("train").validate();
            assertEquals(1, drift.problems(CacheProblem.Kind.CONFIG_DRIFT).size(), drift.summary());
            CacheInvalidException refused = assertThrows(
                    CacheInvalidException.class, () -> c.split("train").manifest());
            assertTrue(refused.getMessage().contains("CONFIG_DRIFT"), refused.getMessage());
            Files.writeString(manifest, good);
        }
    }

    @Test
    void checksumsAndSourceFingerprintsAreCheckedOnRequest() throws IOException {
        builder().build();
        SyntheticRecordingSpec s = withWindows(0);
        try (RandomAccessFile f = new RandomAccessFile(npz(s).toFile(), "rw")) {
            f.seek(4096); // inside the windows member: the size stays, the content changes
            int b = f.read();
            f.seek(4096);
            f.write(b ^ 0x40);
        }
        SyntheticRecordingSpec t = withWindows(1);
        Path csv = data.resolve(t.relativeCsvPath());
        Files.writeString(csv, Files.readString(csv) + "# a comment\n", StandardCharsets.UTF_8);
        try (Cache c = open()) {
            assertTrue(c.split("train").validate().isValid(), "the quick checks read no content");
            ValidationReport deep = c.validator().checksums(true).sources(data).validate("train");
            List<CacheProblem> crc = deep.problems(CacheProblem.Kind.CHECKSUM_MISMATCH);
            assertEquals(1, crc.size(), deep.summary());
            assertEquals(s.stem() + "_windows.npz", crc.get(0).file().orElseThrow());
            List<CacheProblem> changed = deep.problems(CacheProblem.Kind.SOURCE_CHANGED);
            assertEquals(1, changed.size(), deep.summary());
            assertTrue(
                    changed.get(0).message().contains("label file"),
                    changed.get(0).message());
            assertFalse(deep.fixedByScan(), "damaged data is not papered over by a rescan");
        }
    }

    @Test
    void forcedManifestRebuildReadsEveryFileAgain() throws IOException {
        builder().build();
        Path manifest = cache.resolve("train").resolve("manifest.json");
        // a manifest that passes the quick checks but lies about one window's category
        SyntheticRecordingSpec s = withWindows(0);
        String name = s.stem() + "_windows.npz";
        String lying;
        try (Cache c = open()) {
            Manifest m = c.split("train").readManifest().orElseThrow();
            List<Manifest.FileEntry> files = new ArrayList<>();
            for (Manifest.FileEntry f : m.files()) {
                List<WindowCategory> cats = new ArrayList<>(f.categories());
                if (f.cacheFile().equals(name)) {
                    cats.set(
                            0,
                            cats.get(0) == WindowCategory.NO_SEIZURE
                                    ? WindowCategory.FULL_SEIZURE
                                    : WindowCategory.NO_SEIZURE);
                }
                files.add(
                        new Manifest.FileEntry(f.cacheFile(), f.source(), f.fingerprint(), cats, f.size(), f.crc32c()));
            }
            lying = new String(
                    CacheJson.writeManifest(Manifest.of(
                            "train",
                            m.configHash().orElseThrow(),
                            CacheLayout.WINDOWS,
                            files,
                            m.failures(),
                            m.sources())),
                    StandardCharsets.UTF_8);
        }
        Files.writeString(manifest, lying);
        Map<String, String> env = new HashMap<>();
        try (Cache c = new Cache(LocalBlobStore.open(cache), true, new Env(env::get))) {
            assertEquals(Files.readString(manifest), lying);
            c.split("train").manifest();
            assertEquals(lying, Files.readString(manifest), "valid by the quick checks: left alone");
            env.put("BGB_FORCE_MANIFEST_REBUILD", "1");
            Manifest m = c.split("train").manifest();
            assertEquals(TestCorpus.categories(s), m.file(name).orElseThrow().categories());
            assertNotEquals(lying, Files.readString(manifest), "rewritten from the files");
        }
    }

    @Test
    void aCacheWithoutMetadataIsNeverAddedToOrDeleted() throws IOException {
        builder().build();
        Files.delete(cache.resolve(".cache_metadata.json"));
        Map<String, String> before = Trees.snapshot(cache);
        CacheMismatchException e =
                assertThrows(CacheMismatchException.class, () -> builder().build());
        assertEquals("metadata", e.field());
        assertTrue(e.getMessage().contains("Python system would have deleted"), e.getMessage());
        assertEquals(before, Trees.snapshot(cache));
        Files.writeString(
                cache.resolve(".cache_metadata.json"),
                "{\"split_policy\":\"official_tusz\",\"created\":"
                        + "\"/app/configs/modal/train.yaml\",\"timestamp\":\"1727000000.0\"}");
        CacheMismatchException seed =
                assertThrows(CacheMismatchException.class, () -> builder().build());
        assertEquals("preprocessing", seed.field());
        try (Cache c = open()) {
            assertEquals("official_tusz", c.metadata().orElseThrow().splitPolicy());
            assertEquals(train.size(), c.split("train").manifest().files().size(), "still readable");
        }
        CacheTransfers.clean(
                LocalBlobStore.open(cache), io.github.braingobrr.storage.transfer.CleanOptions.deleteConfirmed());
        BuildResult fresh = builder().build();
        assertEquals(train.size(), fresh.split("train").built(), "after an explicit clean, a new build is allowed");
    }
}
