package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build taken apart (plan, workers, finish) run here task by task, as an engine such as Spark runs it elsewhere:
 * the same cache files and manifests as {@link CacheBuilder#build()}, a task run twice writes nothing new, and
 * results that do not belong to the plan are refused.
 */
class DistributedBuildTest {
    @TempDir
    static Path dir;

    private static SyntheticCorpus corpus;
    private static Path reference;

    @BeforeAll
    static void build() throws IOException {
        corpus = TestCorpus.write(dir.resolve("edf"));
        reference = dir.resolve("reference");
        CacheBuilder.from(corpus.root()).to(reference).build();
    }

    private static List<DistributedBuild.TaskResult> runAll(DistributedBuild plan, Path cache) throws IOException {
        List<DistributedBuild.TaskResult> out = new ArrayList<>();
        try (LocalBlobStore store = LocalBlobStore.open(cache)) {
            Path staging = Files.createDirectories(cache.resolve(".bgb-staging/worker"));
            DistributedBuild.Worker w = DistributedBuild.worker(plan.spec(), store, staging);
            for (DistributedBuild.Task t : plan.tasks()) {
                out.add(w.run(t));
            }
        }
        return out;
    }

    @Test
    void planWorkersAndFinishBuildWhatTheBuilderBuilds() throws IOException {
        Path cache = dir.resolve("distributed");
        BuildResult r;
        try (DistributedBuild plan =
                DistributedBuild.plan(CacheBuilder.from(corpus.root()).to(cache))) {
            List<DistributedBuild.TaskResult> results = runAll(plan, cache);
            assertTrue(results.stream().allMatch(x -> x.status() == DistributedBuild.Status.BUILT));
            r = plan.finish(results);
        }
        assertEquals(0, r.failures().size());
        assertSameFiles(reference, cache);

        // a rerun: every task finds its file current
        try (DistributedBuild plan =
                DistributedBuild.plan(CacheBuilder.from(corpus.root()).to(cache))) {
            List<DistributedBuild.TaskResult> results = runAll(plan, cache);
            assertTrue(results.stream().allMatch(x -> x.status() == DistributedBuild.Status.SKIPPED));
            BuildResult again = plan.finish(results);
            assertEquals(
                    0,
                    again.splits().stream().mapToInt(BuildResult.Split::built).sum());
        }
        assertSameFiles(reference, cache);
    }

    @Test
    void resultsRecordedAsTheyArriveAreCheckpointedInTheManifest() throws IOException {
        Path cache = dir.resolve("checkpointed");
        try (DistributedBuild plan = DistributedBuild.plan(
                CacheBuilder.from(corpus.root()).to(cache).checkpointInterval(java.time.Duration.ZERO))) {
            List<DistributedBuild.TaskResult> results = runAll(plan, cache);
            DistributedBuild.TaskResult first = results.get(0);
            plan.record(first);
            // a driver killed now leaves a manifest of the finished file
            try (LocalBlobStore store = LocalBlobStore.open(cache)) {
                Manifest m = Cache.readManifest(store, first.split()).orElseThrow();
                assertEquals(1, m.files().size());
                assertEquals(first.source(), m.files().get(0).source().orElseThrow());
            }
            assertThrows(IllegalArgumentException.class, () -> plan.record(first));
            results.subList(1, results.size()).forEach(plan::record);
            BuildResult r = plan.finish();
            assertEquals(
                    results.size(),
                    r.splits().stream().mapToInt(BuildResult.Split::built).sum());
            assertThrows(IllegalStateException.class, () -> plan.record(first));
        }
        assertSameFiles(reference, cache);
    }

    @Test
    void twoAttemptsOfEveryTaskAtOnceLeaveOneWholeFileEach() throws Exception {
        // what speculative execution (or a retry racing a slow first attempt) does: two workers, each with its own
        // staging folder, build the same recordings into the same cache at the same time
        Path cache = dir.resolve("speculative");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DistributedBuild plan =
                        DistributedBuild.plan(CacheBuilder.from(corpus.root()).to(cache));
                LocalBlobStore store = LocalBlobStore.open(cache)) {
            List<Future<List<DistributedBuild.TaskResult>>> attempts = new ArrayList<>();
            for (String attempt : List.of("a", "b")) {
                Path staging = Files.createDirectories(cache.resolve(".bgb-staging/attempt-" + attempt));
                attempts.add(pool.submit(() -> {
                    List<DistributedBuild.TaskResult> out = new ArrayList<>();
                    try (DistributedBuild.Worker w = DistributedBuild.worker(plan.spec(), store, staging)) {
                        for (DistributedBuild.Task t : plan.tasks()) {
                            out.add(w.run(t));
                        }
                    }
                    return out;
                }));
            }
            List<DistributedBuild.TaskResult> first = attempts.get(0).get();
            List<DistributedBuild.TaskResult> second = attempts.get(1).get();
            for (List<DistributedBuild.TaskResult> results : List.of(first, second)) {
                assertTrue(
                        results.stream().noneMatch(x -> x.status() == DistributedBuild.Status.FAILED),
                        results.toString());
            }
            plan.finish(second);
        } finally {
            pool.shutdownNow();
        }
        assertSameFiles(reference, cache);
        assertEquals(regularFiles(reference), regularFiles(cache), "no second copy, temporary or staged file left");
    }

    private static Set<String> regularFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void refusesResultsThatAreMissingRepeatedOrForeign() throws IOException {
        Path cache = dir.resolve("refused");
        try (DistributedBuild plan =
                DistributedBuild.plan(CacheBuilder.from(corpus.root()).to(cache))) {
            List<DistributedBuild.TaskResult> results = runAll(plan, cache);
            List<DistributedBuild.TaskResult> missing = results.subList(1, results.size());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> plan.finish(missing))
                    .getMessage()
                    .contains("no result for " + results.get(0).split() + "/"
                            + results.get(0).source()));
            List<DistributedBuild.TaskResult> twice = new ArrayList<>(results);
            twice.add(results.get(0));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> plan.finish(twice))
                    .getMessage()
                    .contains("two results"));
            DistributedBuild.TaskResult r0 = results.get(0);
            List<DistributedBuild.TaskResult> foreign = new ArrayList<>(results);
            foreign.add(new DistributedBuild.TaskResult("eval", "eval/x.edf", r0.status(), 0, r0.json()));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> plan.finish(foreign))
                    .getMessage()
                    .contains("did not plan"));
            plan.finish(results);
            assertThrows(IllegalStateException.class, () -> plan.finish(results));
        }
    }

    @Test
    void refusesWhatOtherMachinesCannotRun() throws IOException {
        try (LocalBlobStore open = LocalBlobStore.open(dir.resolve("open"))) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> DistributedBuild.plan(CacheBuilder.from(corpus.root()).to(open)));
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> DistributedBuild.plan(
                        CacheBuilder.from(corpus.root()).to(dir.resolve("ff")).failFast()));
        try (LocalBlobStore store = LocalBlobStore.open(dir.resolve("bad-spec"))) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> DistributedBuild.worker("not json", store, dir));
            assertTrue(e.getMessage().contains("build spec"), e.getMessage());
        }
    }

    private static void assertSameFiles(Path want, Path got) throws IOException {
        Map<String, byte[]> a = npz(want);
        Map<String, byte[]> b = npz(got);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
        try (LocalBlobStore sa = LocalBlobStore.open(want);
                LocalBlobStore sb = LocalBlobStore.open(got)) {
            for (String split : List.of("train", "dev")) {
                Manifest ma = Cache.readManifest(sa, split).orElseThrow();
                Manifest mb = Cache.readManifest(sb, split).orElseThrow();
                assertEquals(ma.files(), mb.files(), split);
                assertEquals(ma.failures(), mb.failures(), split);
            }
        }
    }

    private static Map<String, byte[]> npz(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".npz")).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
