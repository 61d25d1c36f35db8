package io.github.braingobrr.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The single-machine {@link CacheBuilder} build taken apart for an engine that runs the per-file step on other
 * machines (bgb-spark): the driver {@link #plan plans} (discovery, limit, metadata check, resume state), each
 * {@link Task} is shipped anywhere and run there by a {@link Worker} (read the EDF, preprocess, write the cache file to
 * the store atomically — the same step {@link CacheBuilder#build()} runs on its threads), the driver
 * {@link #record records} each result as it comes back, and {@link #finish finishes}: each split's manifest and
 * dataset index, then the metadata.
 *
 * <p>Tasks and results are small serializable values (keys and JSON); the data tree must be reachable from every
 * machine — at the same path on a shared file system, or on a remote store ({@code s3://…}, each task fetching the EDF
 * files it builds) — and the cache must be given as a location (not an open store) so that every machine can open
 * it. Fail-fast is not available: a recording that fails is recorded and the build goes on.
 * Running a task twice (a retry, a speculative copy) writes the same cache file under the same name.
 */
public final class DistributedBuild implements Closeable {
    private final BuildRun run;
    private final BlobStore store;
    private final SourceTree source;
    private final Location location;
    private final CacheMetadata metadata;
    private final String spec;
    private final Map<String, BuildRun.PlannedFile> planned = new LinkedHashMap<>();
    private final List<Task> tasks = new ArrayList<>();
    private final Set<String> recorded = new HashSet<>();
    private boolean finished;

    private DistributedBuild(
            BuildRun run, BlobStore store, SourceTree source, Location location, CacheMetadata metadata, String spec) {
        this.run = run;
        this.store = store;
        this.source = source;
        this.location = location;
        this.metadata = metadata;
        this.spec = spec;
    }

    /**
     * Plans the build the builder describes: finds the recordings, applies the limit ({@code limit(n)}, else
     * {@code BGB_LIMIT_FILES} / {@code BGB_SMOKE_TEST}), checks and writes the cache metadata, and reads what the
     * cache already holds. The builder's workers and memory budget do not apply (each task builds one recording at a
     * time); its listener hears of each result as {@link #finish} records it.
     *
     * @throws IllegalArgumentException when the builder was given an open store or asks for fail-fast
     * @throws SplitPolicyException when the data directory breaks the split policy (nothing is built)
     * @throws CacheMismatchException when the cache was made differently (nothing is changed)
     */
    public static DistributedBuild plan(CacheBuilder builder) throws IOException {
        CacheBuilder.Settings s = builder.settings();
        if (builder.location() == null) {
            throw new IllegalArgumentException("a distributed build needs the cache as a location (to(Location),"
                    + " to(String) or to(Path)) that every machine can open, not an open store");
        }
        if (s.failFast()) {
            throw new IllegalArgumentException("a distributed build cannot stop its tasks at the first failure;"
                    + " leave fail-fast off (failures are recorded in the manifest)");
        }
        SourceTree source = builder.openSource();
        BlobStore store;
        try {
            store = builder.openStore();
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        try {
            BuildRun run = new BuildRun(s, store, source, builder.env());
            CacheMetadata metadata = run.plan();
            DistributedBuild d =
                    new DistributedBuild(run, store, source, builder.location(), metadata, spec(s, source));
            for (BuildRun.PlannedFile f : run.plannedFiles()) {
                String id = id(f.source().split(), f.source().relativePath());
                d.planned.put(id, f);
                d.tasks.add(new Task(
                        f.source().split(),
                        f.source().relativePath(),
                        f.source().size(),
                        ticket(f, run.configHash(), s.layout())));
            }
            return d;
        } catch (IOException | RuntimeException e) {
            try (source) {
                store.close();
            }
            throw e;
        }
    }

    /** The cache location every task writes to. */
    public Location location() {
        return location;
    }

    /** The settings every task needs (preprocessing JSON, layout, compression, data tree), as text. */
    public String spec() {
        return spec;
    }

    /** One task per selected recording, split by split, each split in path order. */
    public List<Task> tasks() {
        return List.copyOf(tasks);
    }

    /**
     * Records one task's result as it arrives (its progress goes to the builder's listener, and the manifests of the
     * work so far are written every minute, as during a single-machine build).
     *
     * @throws IllegalArgumentException when the result is not of this plan, was recorded already, or is malformed
     * @throws IllegalStateException when the build is finished
     */
    public void record(TaskResult result) {
        checkOpen();
        String id = check(result);
        BuildRun.FileOutcome o = outcome(result);
        recorded.add(id);
        run.recordOutcome(planned.get(id).source(), o);
    }

    /**
     * Records the remaining tasks' results and writes each split's manifest and dataset index, then the metadata, as
     * the single-machine build does. Nothing is recorded unless every task has its result, here or recorded before.
     *
     * @throws IllegalArgumentException when a result is missing, repeated, malformed, or not of this plan
     * @throws IllegalStateException when the build is finished already
     */
    public BuildResult finish(Iterable<TaskResult> results) throws IOException {
        checkOpen();
        Map<String, BuildRun.FileOutcome> byId = new LinkedHashMap<>();
        for (TaskResult r : results) {
            String id = check(r);
            if (byId.put(id, outcome(r)) != null) {
                throw new IllegalArgumentException("two results for " + id + "; give each task's result once");
            }
        }
        for (String id : planned.keySet()) {
            if (!recorded.contains(id) && !byId.containsKey(id)) {
                throw new IllegalArgumentException(
                        "no result for " + id + "; every task must have run before the build can finish");
            }
        }
        finished = true;
        try {
            byId.forEach((id, o) -> run.recordOutcome(planned.get(id).source(), o));
            run.writeManifestsAndMetadata(metadata);
        } finally {
            run.finishStaging();
        }
        return run.conclude();
    }

    /** {@link #finish(Iterable)} when every result was {@link #record recorded}. */
    public BuildResult finish() throws IOException {
        return finish(List.of());
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("this build is finished already; plan a new one");
        }
    }

    /** The result's task id, when this plan made that task and holds no result for it yet. */
    private String check(TaskResult r) {
        String id = id(r.split(), r.source());
        if (!planned.containsKey(id)) {
            throw new IllegalArgumentException("a result for " + id + ", which this build did not plan;"
                    + " results belong to the plan their tasks came from");
        }
        if (recorded.contains(id)) {
            throw new IllegalArgumentException("two results for " + id + "; give each task's result once");
        }
        return id;
    }

    /** Closes the driver's stores (and removes its staging folder when the build did not finish). */
    @Override
    public void close() throws IOException {
        if (!finished) {
            run.finishStaging();
        }
        try (source) {
            store.close();
        }
    }

    /**
     * A worker for the tasks of one plan whose data tree is a local folder or reached with default store options
     * (see {@link #worker(String, BlobStore, StoreOptions, Path)}).
     */
    public static Worker worker(String spec, BlobStore store, Path staging) throws IOException {
        return worker(spec, store, StoreOptions.defaults(), staging);
    }

    /**
     * A worker for the tasks of one plan, on any machine; close it when its tasks are done.
     *
     * @param spec {@link #spec()} of the plan
     * @param store the plan's {@link #location()}, opened on this machine (the worker does not close it)
     * @param sourceOptions how the data tree is reached when it is on a remote store ({@code s3://…})
     * @param staging a folder of this worker's own, where cache files are written before they are renamed into a local
     *     store (then it must be on the store's file system) or uploaded, and remote EDF files are fetched to
     * @throws IllegalArgumentException when the spec is not one {@link #spec()} wrote
     * @throws IOException when the data tree's store cannot be opened
     */
    public static Worker worker(String spec, BlobStore store, StoreOptions sourceOptions, Path staging)
            throws IOException {
        JsonNode n = parse(spec, "build spec");
        Location data = Location.parse(n.path("data_dir").asText());
        PreprocessingConfig config =
                PreprocessingConfig.seed().withJson(n.path("config").asText());
        CacheBuilder.Settings s = new CacheBuilder.Settings(
                data,
                List.of(),
                config,
                CacheLayout.parse(n.path("layout").asText()),
                NpzCompression.valueOf(n.path("compression").asText().toUpperCase(Locale.ROOT)),
                1,
                Runtime.getRuntime().maxMemory() / 2,
                OptionalInt.empty(),
                false,
                BuildListener.NONE,
                staging,
                Duration.ofSeconds(60));
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(staging, "staging");
        SourceTree source = SourceTree.open(data, Objects.requireNonNull(sourceOptions, "sourceOptions"));
        BuildRun run = new BuildRun(s, store, source, Env.system());
        run.stageIn(staging);
        return new Worker(run, source, s.layout());
    }

    /**
     * One recording to build: its split, its path relative to the data directory, its EDF bytes (for balancing work),
     * and the ticket a {@link Worker} runs.
     */
    public record Task(String split, String source, long size, String ticket) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Checks the fields. */
        public Task {
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    /**
     * What a task did: its recording, the outcome, the windows written (built or current), and the manifest entry or
     * failure as JSON for {@link #finish}.
     */
    public record TaskResult(String split, String source, Status status, int windows, String json)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Checks the fields. */
        public TaskResult {
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(json, "json");
        }
    }

    /** A task's outcome. */
    public enum Status {
        /** The cache file was written. */
        BUILT,
        /** The cache file was current (same source fingerprint and configuration) and left alone. */
        SKIPPED,
        /** The recording could not be cached; the failure is recorded in the manifest. */
        FAILED
    }

    /**
     * Runs tasks of one plan on this machine, one at a time; see {@link DistributedBuild#worker}. Closing it closes the
     * data tree's store, if it opened one.
     */
    public static final class Worker implements Closeable {
        private final BuildRun run;
        private final SourceTree source;
        private final CacheLayout layout;

        private Worker(BuildRun run, SourceTree source, CacheLayout layout) {
            this.run = run;
            this.source = source;
            this.layout = layout;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }

        /**
         * Runs the per-file step of a task: skips a current cache file, else builds and writes it. A problem with the
         * recording is its result ({@link Status#FAILED}), not an exception.
         *
         * @throws IllegalArgumentException when the ticket is not one {@link DistributedBuild#tasks()} made
         */
        public TaskResult run(Task task) {
            JsonNode t = parse(task.ticket(), "task ticket");
            SourceFile src = new SourceFile(
                    t.path("split").asText(),
                    t.path("source").asText(),
                    t.path("labels").asText(),
                    t.path("stem").asText(),
                    t.path("patient").asText(),
                    t.path("size").asLong(),
                    instant(t.path("modified"), "task ticket"));
            BlobInfo listed = null;
            if (t.has("listed")) {
                JsonNode l = t.get("listed");
                listed = new BlobInfo(
                        l.path("key").asText(),
                        l.path("size").asLong(),
                        instant(l.path("modified"), "task ticket"),
                        l.hasNonNull("crc32c")
                                ? Optional.of(Crc32c.parseHex(l.get("crc32c").asText()))
                                : Optional.empty());
            }
            Manifest.FileEntry previous = null;
            if (t.has("previous")) {
                previous = single(src.split(), t.get("previous"), "task ticket")
                        .files()
                        .get(0);
            }
            BuildRun.FileOutcome o = run.step(src.split(), src, listed, previous);
            Manifest m = Manifest.of(
                    src.split(),
                    run.configHash(),
                    layout,
                    o.entry() == null ? List.of() : List.of(o.entry()),
                    o.failure() == null ? List.of() : List.of(o.failure()),
                    Optional.empty());
            Status status = switch (o.outcome()) {
                case BUILT -> Status.BUILT;
                case SKIPPED -> Status.SKIPPED;
                default -> Status.FAILED;
            };
            return new TaskResult(
                    src.split(),
                    src.relativePath(),
                    status,
                    o.entry() == null ? 0 : o.entry().windows(),
                    new String(CacheJson.writeManifest(m), StandardCharsets.UTF_8));
        }
    }

    // ------------------------------------------------------------------ encoding

    private static String id(String split, String source) {
        return split + "/" + source;
    }

    private static String spec(CacheBuilder.Settings s, SourceTree source) {
        ObjectNode n = CacheJson.MAPPER.createObjectNode();
        n.put("data_dir", source.location().toString());
        n.put("config", s.config().toCanonicalJson());
        n.put("layout", s.layout().id());
        n.put("compression", s.compression().name().toLowerCase(Locale.ROOT));
        return text(n);
    }

    private static String ticket(BuildRun.PlannedFile f, String configHash, CacheLayout layout) {
        SourceFile src = f.source();
        ObjectNode n = CacheJson.MAPPER.createObjectNode();
        n.put("split", src.split());
        n.put("source", src.relativePath());
        n.put("labels", src.labels());
        n.put("stem", src.stem());
        n.put("patient", src.patient());
        n.put("size", src.size());
        n.put("modified", src.modified().toString());
        if (f.listed() != null) {
            ObjectNode l = n.putObject("listed");
            l.put("key", f.listed().key());
            l.put("size", f.listed().size());
            l.put("modified", f.listed().lastModified().toString());
            l.put("crc32c", f.listed().crc32c().map(Crc32c::hex).orElse(null));
        }
        if (f.previous() != null) {
            Manifest m =
                    Manifest.of(src.split(), configHash, layout, List.of(f.previous()), List.of(), Optional.empty());
            n.set("previous", parse(new String(CacheJson.writeManifest(m), StandardCharsets.UTF_8), "task ticket"));
        }
        return text(n);
    }

    private static BuildRun.FileOutcome outcome(TaskResult r) {
        Manifest m = single(r.split(), parse(r.json(), "task result of " + id(r.split(), r.source())), "task result");
        return switch (r.status()) {
            case BUILT ->
                new BuildRun.FileOutcome(BuildRun.Outcome.BUILT, m.files().get(0), null, null);
            case SKIPPED ->
                new BuildRun.FileOutcome(BuildRun.Outcome.SKIPPED, m.files().get(0), null, null);
            case FAILED ->
                new BuildRun.FileOutcome(
                        BuildRun.Outcome.FAILED, null, m.failures().get(0), null);
        };
    }

    /** A manifest of one entry or one failure, as tickets and results carry them. */
    private static Manifest single(String split, JsonNode n, String where) {
        try {
            Manifest m = CacheJson.readManifest(split, CacheJson.bytes(n), where);
            if (m.files().size() + m.failures().size() != 1) {
                throw new IllegalArgumentException(where + " holds " + m.files().size() + " entries and "
                        + m.failures().size() + " failures; expected one of either");
            }
            return m;
        } catch (CacheFormatException e) {
            throw new IllegalArgumentException(where + " is malformed: " + e.getMessage(), e);
        }
    }

    private static Instant instant(JsonNode n, String where) {
        try {
            return Instant.parse(n.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(where + " has no valid time '" + n.asText() + "': " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String text, String where) {
        try {
            JsonNode n = CacheJson.MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException(where + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n) {
        try {
            return CacheJson.MAPPER.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
    }
}
