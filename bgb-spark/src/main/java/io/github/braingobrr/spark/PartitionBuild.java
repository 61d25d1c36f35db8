package io.github.braingobrr.spark;

import io.github.braingobrr.cache.DistributedBuild;
import io.github.braingobrr.cache.DistributedBuild.Task;
import io.github.braingobrr.cache.DistributedBuild.TaskResult;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.local.LocalBlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * The Spark task: reads its {@link TaskGroup}, opens the cache (and a remote data tree) on the executor and runs each task of its partition through the single-machine
 * per-file step ({@link DistributedBuild.Worker}), one recording at a time, staging cache files in a folder of this
 * task attempt alone (so retries and speculative copies never share a half-written file), and adds each result to
 * the job's results accumulator.
 */
final class PartitionBuild implements VoidFunction<Iterator<byte[]>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionBuild.class);

    /** Called before each recording of a task (tests: fail an attempt on purpose); never set in production. */
    interface Probe {
        Probe NONE = (task, attempt, index) -> {};

        void beforeFile(Task task, int attempt, int index) throws IOException;
    }

    static volatile Probe probe = Probe.NONE;

    /** The tasks of one partition, as the RDD carries them ({@link Wire}). */
    record TaskGroup(List<Task> tasks) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        TaskGroup {
            tasks = new ArrayList<>(tasks); // a serializable list
        }
    }

    private final String spec;
    private final String location;
    private final StoreSpec store;
    private final CollectionAccumulator<byte[]> results;
    private final LongAccumulator files;
    private final LongAccumulator windows;
    private final LongAccumulator bytes;

    PartitionBuild(
            String spec,
            Location location,
            StoreSpec store,
            CollectionAccumulator<byte[]> results,
            LongAccumulator files,
            LongAccumulator windows,
            LongAccumulator bytes) {
        this.spec = spec;
        this.location = location.toString();
        this.store = store;
        this.results = results;
        this.files = files;
        this.windows = windows;
        this.bytes = bytes;
    }

    @Override
    public void call(Iterator<byte[]> groups) throws IOException {
        List<Task> tasks = new ArrayList<>();
        groups.forEachRemaining(g -> tasks.addAll(Wire.read(g, TaskGroup.class).tasks()));
        if (tasks.isEmpty()) {
            return;
        }
        // Spark runs one task per core: FFTs of this task stay on its thread (JTransforms would otherwise start a
        // pool as large as the machine in every task)
        ConcurrencyUtils.setNumberOfThreads(1);
        TaskContext ctx = TaskContext.get();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        Location where = Location.parse(location);
        try (BlobStore opened = BlobStores.open(where, store.toOptions())) {
            Path staging = staging(opened, ctx);
            try (DistributedBuild.Worker worker = DistributedBuild.worker(spec, opened, store.toOptions(), staging)) {
                for (int i = 0; i < tasks.size(); i++) {
                    Task t = tasks.get(i);
                    probe.beforeFile(t, attempt, i);
                    TaskResult r = worker.run(t);
                    files.add(1);
                    windows.add(r.windows());
                    bytes.add(t.size());
                    results.add(Wire.write(r));
                }
            } finally {
                deleteTree(staging);
            }
        }
    }

    /**
     * A folder of this task attempt: inside a local cache (so that a finished file is renamed into place on the same
     * file system; {@code .bgb-} folders are never listed as cache files), else a temporary folder.
     */
    private static Path staging(BlobStore store, TaskContext ctx) throws IOException {
        String name = ctx == null
                ? "task-" + UUID.randomUUID()
                : "spark-" + ctx.stageId() + "-" + ctx.partitionId() + "-" + ctx.attemptNumber() + "-"
                        + UUID.randomUUID();
        if (store instanceof LocalBlobStore local) {
            return Files.createDirectories(
                    local.directory().resolve(".bgb-staging").resolve(name));
        }
        return Files.createTempDirectory("bgb-spark-" + name);
    }

    private static void deleteTree(Path root) {
        try {
            if (!Files.exists(root)) {
                return;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot remove the staging folder {}: {}", root, e.toString());
        }
    }
}
