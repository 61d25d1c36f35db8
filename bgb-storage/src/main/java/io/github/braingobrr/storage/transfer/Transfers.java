package io.github.braingobrr.storage.transfer;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.ChecksumMismatchException;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.DataSizes;
import io.github.braingobrr.storage.InsufficientSpaceException;
import io.github.braingobrr.storage.Keys;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageException;
import io.github.braingobrr.storage.StorageUnavailableException;
import io.github.braingobrr.storage.WriteOptions;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.tiered.SsdVolume;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moving and checking whole trees of blobs between stores: upload/sync, populate, verify, clean. Each runs
 * files in parallel, reports progress to a {@link ProgressListener}, records per-file failures instead of
 * stopping at the first, and can simply be run again after a crash or a network failure: what is already
 * current is skipped, nothing verified is deleted or fetched twice.
 */
public final class Transfers {
    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);

    private Transfers() {}

    /** {@link #sync} from a local directory. */
    public static TransferResult upload(Path localDirectory, BlobStore target, TransferOptions options)
            throws IOException {
        return sync(LocalBlobStore.open(localDirectory), target, options);
    }

    /**
     * Copies every selected blob of {@code source} to {@code target}, skipping those the target already
     * holds with the same size and CRC32C (so a rerun after an interruption copies only what is missing).
     * Metadata files ({@link TransferOptions#metadataPatterns()}, {@code *.json} by default: manifests,
     * dataset indexes, cache metadata) are copied after all data files, and one is held back (recorded as a
     * failure) when a data file in its directory failed, so a reader never sees a manifest that names missing
     * objects. Nothing is deleted from the target.
     */
    public static TransferResult sync(BlobStore source, BlobStore target, TransferOptions options) throws IOException {
        List<BlobInfo> selected = select(source, options);
        Map<String, BlobInfo> existing =
                target.list(options.prefix()).stream().collect(Collectors.toMap(BlobInfo::key, Function.identity()));
        List<BlobInfo> data = new ArrayList<>();
        List<BlobInfo> metadata = new ArrayList<>();
        for (BlobInfo b : selected) {
            (options.isMetadata(b.key()) ? metadata : data).add(b);
        }
        Progress progress = new Progress("sync", options.listener(), selected.size(), total(selected));
        Run run = new Run(progress);
        parallel(data, options.parallelism(), b -> syncOne(source, target, b, existing.get(b.key()), options, run));
        Set<String> failedKeys = new HashSet<>();
        for (FileFailure f : run.failures) {
            failedKeys.add(f.key());
        }
        List<BlobInfo> ready = new ArrayList<>();
        for (BlobInfo m : metadata) {
            String dir = Keys.directoryOf(m.key());
            List<String> failedBelow =
                    failedKeys.stream().filter(k -> k.startsWith(dir)).sorted().toList();
            if (failedBelow.isEmpty()) {
                ready.add(m);
            } else {
                run.fail(
                        m,
                        new StorageException(
                                target.root().resolve(m.key()),
                                "held back because "
                                        + failedBelow.size() + " data file(s) under "
                                        + (dir.isEmpty() ? "the store" : "'" + dir + "'") + " failed (first: "
                                        + failedBelow.get(0)
                                        + "), and a manifest must not name missing objects; fix those and run the sync again"));
            }
        }
        parallel(ready, options.parallelism(), b -> syncOne(source, target, b, existing.get(b.key()), options, run));
        progress.report();
        return run.result("sync", source.root(), target.root(), selected.size());
    }

    private static void syncOne(
            BlobStore source, BlobStore target, BlobInfo src, BlobInfo listed, TransferOptions options, Run run) {
        String key = src.key();
        CountingSource counting = new CountingSource(source, run.progress);
        try {
            Optional<Crc32c> srcCrc = src.crc32c();
            if (listed != null && listed.size() == src.size()) {
                Crc32c have = srcCrc.isPresent() ? srcCrc.get() : sourceChecksum(source, key);
                srcCrc = Optional.of(have);
                Optional<Crc32c> there = listed.crc32c().isPresent()
                        ? listed.crc32c()
                        : target.find(key).flatMap(BlobInfo::crc32c);
                if (there.isPresent() && there.get().equals(have)) {
                    run.skip(src);
                    return;
                }
                if (there.isEmpty()) {
                    run.note(key + ": the target copy has no recorded CRC32C, so it was uploaded again");
                }
            }
            WriteOptions w = WriteOptions.defaults();
            if (options.storageClass().isPresent()) {
                w = w.withStorageClass(options.storageClass().get());
            }
            if (srcCrc.isPresent()) {
                w = w.withExpectedCrc32c(srcCrc.get());
            }
            WriteOptions write = w;
            withAttempts(key, options.fileAttempts(), counting, () -> {
                Optional<Path> local = source.localPath(key);
                if (local.isPresent()) {
                    target.write(key, local.get(), write);
                    run.progress.bytes(src.size());
                } else {
                    try (InputStream in = counting.openStream(key)) {
                        target.write(key, in, write);
                    }
                }
                return null;
            });
            run.transferred(src);
        } catch (IOException e) {
            run.fail(src, e);
        }
    }

    /** The source's recorded CRC32C, else its content hashed. */
    private static Crc32c sourceChecksum(BlobStore source, String key) throws IOException {
        if (source.localPath(key).isEmpty()) {
            Optional<Crc32c> recorded = source.find(key).flatMap(BlobInfo::crc32c);
            if (recorded.isPresent()) {
                return recorded.get();
            }
        }
        return source.checksum(key);
    }

    /**
     * Copies every selected blob of {@code source} into the SSD tier {@code target} once: each is fetched
     * into a temporary file, verified (size and, when the source recorded one, CRC32C), and only then made
     * present. Verified copies are kept (never deleted first), so a run after a crash or network failure
     * fetches only what is still missing; a copy whose size differs from the source is replaced after the new
     * one is verified. With {@link TransferOptions#deep()}, copies already present are hashed again, and
     * compared with the checksum the source records (one stat per file), and fetched again if either differs.
     *
     * @throws InsufficientSpaceException before anything is fetched, when the selection cannot fit in the
     *     tier's budget or on its disk (the message gives the needed and the available bytes)
     */
    public static TransferResult populate(BlobStore source, SsdVolume target, TransferOptions options)
            throws IOException {
        List<BlobInfo> selected = select(source, options);
        long total = total(selected);
        if (total > target.capacity()) {
            throw new InsufficientSpaceException(
                    target.root(),
                    "the SSD tier " + target.directory() + " (capacity budget)",
                    total,
                    target.capacity(),
                    null);
        }
        long missingBytes = 0;
        long presentBytes = 0;
        for (BlobInfo b : selected) {
            Optional<BlobInfo> copy = target.verified(b.key());
            if (copy.isPresent() && copy.get().size() == b.size()) {
                presentBytes += b.size();
                target.touch(b.key()); // keep the selection's own copies out of LRU eviction
            } else {
                missingBytes += b.size();
            }
        }
        long room = target.freeBytes() + Math.max(0, target.usedBytes() - presentBytes);
        if (missingBytes > room) {
            throw new InsufficientSpaceException(
                    target.root(), "the disk holding " + target.directory(), missingBytes, room, null);
        }
        Progress progress = new Progress("populate", options.listener(), selected.size(), missingBytes);
        Run run = new Run(progress);
        parallel(selected, options.parallelism(), b -> populateOne(source, target, b, options, run));
        progress.report();
        return run.result("populate", source.root(), target.root(), selected.size());
    }

    private static void populateOne(
            BlobStore source, SsdVolume target, BlobInfo src, TransferOptions options, Run run) {
        String key = src.key();
        CountingSource counting = new CountingSource(source, run.progress);
        try {
            BlobInfo known = src;
            if (options.deep()) {
                if (target.verified(key).isPresent()) {
                    target.checksum(key); // drops the copy if its content no longer matches its entry
                }
                // the source's recorded checksum, so a copy of an object replaced with one of the same size is
                // fetched again
                known = source.find(key).orElse(src);
            }
            BlobInfo listed = known;
            SsdVolume.PopulateResult r = withAttempts(
                    key, options.fileAttempts(), counting, () -> target.populate(key, counting, Optional.of(listed)));
            if (!r.sourceChecksummed()) {
                run.note(key + ": the source recorded no CRC32C, so the copy was verified by size only");
            }
            switch (r.outcome()) {
                case FETCHED -> run.transferred(src);
                case ADOPTED -> {
                    run.note(key + ": the file already on the SSD matched the source and was kept");
                    run.skip(src);
                }
                case PRESENT -> run.skip(src);
            }
        } catch (IOException e) {
            run.fail(src, e);
        }
    }

    /**
     * Compares {@code target} with {@code reference} (for example, the SSD tier with the S3 prefix it was
     * populated from): keys missing or extra, sizes, and CRC32Cs. The reference's checksums are those it
     * recorded; the target's are recorded ones too, or with {@link TransferOptions#deep()} computed from the
     * content (which, on an SSD tier, also drops a copy found corrupt, so the next read fetches it again).
     */
    public static VerifyReport verify(BlobStore target, BlobStore reference, TransferOptions options)
            throws IOException {
        List<ChecksumList.Item> expected = new ArrayList<>();
        for (BlobInfo b : select(reference, options)) {
            expected.add(new ChecksumList.Item(b.key(), b.size(), b.crc32c()));
        }
        return verify(target, ChecksumList.of(expected), Optional.of(reference), options);
    }

    /** Compares {@code target} with a checksum list (see {@link #verify(BlobStore, BlobStore, TransferOptions)}). */
    public static VerifyReport verify(BlobStore target, ChecksumList expected, TransferOptions options)
            throws IOException {
        List<ChecksumList.Item> selected = expected.items().stream()
                .filter(i -> i.key().startsWith(options.prefix()) && options.selects(i.key()))
                .toList();
        return verify(target, ChecksumList.of(selected), Optional.empty(), options);
    }

    private static VerifyReport verify(
            BlobStore target, ChecksumList expected, Optional<BlobStore> reference, TransferOptions options)
            throws IOException {
        Map<String, BlobInfo> actual =
                select(target, options).stream().collect(Collectors.toMap(BlobInfo::key, Function.identity()));
        List<String> missing = new ArrayList<>();
        List<ChecksumList.Item> common = new ArrayList<>();
        for (ChecksumList.Item i : expected.items()) {
            if (actual.containsKey(i.key())) {
                common.add(i);
            } else {
                missing.add(i.key());
            }
        }
        List<String> extra = actual.keySet().stream()
                .filter(k -> expected.get(k).isEmpty())
                .sorted()
                .toList();
        List<VerifyReport.Mismatch> sizes = Collections.synchronizedList(new ArrayList<>());
        List<VerifyReport.Mismatch> crcs = Collections.synchronizedList(new ArrayList<>());
        List<String> unverifiable = Collections.synchronizedList(new ArrayList<>());
        Progress progress = new Progress(
                "verify",
                options.listener(),
                common.size(),
                common.stream().mapToLong(ChecksumList.Item::size).sum());
        Run run = new Run(progress);
        parallel(common, options.parallelism(), item -> {
            String key = item.key();
            BlobInfo have = actual.get(key);
            BlobInfo asBlob = new BlobInfo(key, item.size(), have.lastModified(), item.crc32c());
            try {
                if (have.size() != item.size()) {
                    sizes.add(new VerifyReport.Mismatch(key, item.size() + " bytes", have.size() + " bytes"));
                    progress.fileDone();
                    return;
                }
                Optional<Crc32c> want = item.crc32c();
                if (want.isEmpty() && reference.isPresent()) {
                    want = reference.get().find(key).flatMap(BlobInfo::crc32c);
                }
                Optional<Crc32c> got = options.deep()
                        ? Optional.of(target.checksum(key))
                        : have.crc32c().or(() -> findQuietly(target, key));
                if (options.deep()) {
                    progress.bytes(have.size());
                }
                if (want.isEmpty() || got.isEmpty()) {
                    unverifiable.add(key);
                } else if (!want.get().equals(got.get())) {
                    crcs.add(new VerifyReport.Mismatch(
                            key, want.get().hex(), got.get().hex()));
                }
                progress.fileDone();
            } catch (IOException e) {
                run.fail(asBlob, e);
            }
        });
        progress.report();
        Collections.sort(missing);
        return new VerifyReport(
                target.root(),
                common.size(),
                missing,
                extra,
                sorted(sizes),
                sorted(crcs),
                unverifiable.stream().sorted().toList(),
                run.failures);
    }

    private static Optional<Crc32c> findQuietly(BlobStore target, String key) {
        try {
            return target.find(key).flatMap(BlobInfo::crc32c);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<VerifyReport.Mismatch> sorted(List<VerifyReport.Mismatch> l) {
        List<VerifyReport.Mismatch> copy = new ArrayList<>(l);
        copy.sort((a, b) -> a.key().compareTo(b.key()));
        return copy;
    }

    /**
     * Deletes every blob under {@code prefix} in {@code store}, or with {@link CleanOptions#listOnly()} only
     * lists them. Refuses to run without {@link CleanOptions#deleteConfirmed()}, and refuses prefixes that leave
     * the store root ({@code ..}, absolute paths) or a whole file-system root or home directory.
     *
     * @throws IllegalArgumentException when the deletion is not confirmed or not allowed; nothing is deleted
     */
    public static CleanResult clean(BlobStore store, String prefix, CleanOptions options) throws IOException {
        Keys.checkPrefix(prefix);
        Location root = store.root();
        if (prefix.isEmpty() && root.isFile()) {
            Path dir = root.toPath();
            Path home =
                    Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
            if (dir.getParent() == null || dir.equals(home)) {
                throw new IllegalArgumentException("refusing to clean all of " + root + ": it is a file-system root"
                        + " or the home directory; give the directory that holds the data, or a prefix");
            }
        }
        List<BlobInfo> found = store.list(prefix);
        List<String> keys = found.stream().map(BlobInfo::key).toList();
        long bytes = total(found);
        String what = (prefix.isEmpty() ? root.toString() : root + " under '" + prefix + "'") + ": " + keys.size()
                + " blob(s), " + DataSizes.format(bytes);
        Progress progress = new Progress("clean", options.listener(), keys.size(), bytes);
        if (options.dryRun()) {
            LOG.info("clean (dry run) of {} would delete them", what);
            progress.report();
            return new CleanResult(root, prefix, true, keys, bytes, 0);
        }
        if (!options.confirmed()) {
            throw new IllegalArgumentException("clean of " + what + " was not confirmed; nothing was deleted. Pass"
                    + " CleanOptions.deleteConfirmed() to delete them, or CleanOptions.listOnly() to list them");
        }
        int deleted = store.deleteByPrefix(prefix);
        LOG.info("cleaned {}", what);
        for (int i = 0; i < keys.size(); i++) {
            progress.fileDone();
        }
        return new CleanResult(root, prefix, false, keys, bytes, deleted);
    }

    // ---------------------------------------------------------------- shared machinery

    private static List<BlobInfo> select(BlobStore store, TransferOptions options) throws IOException {
        return store.list(options.prefix()).stream()
                .filter(b -> options.selects(b.key()))
                .toList();
    }

    private static long total(List<BlobInfo> blobs) {
        return blobs.stream().mapToLong(BlobInfo::size).sum();
    }

    @FunctionalInterface
    private interface IoTask<T> {
        void run(T item);
    }

    @FunctionalInterface
    private interface IoCall<R> {
        R call() throws IOException;
    }

    /** Runs {@code task} over {@code items} on {@code parallelism} threads and waits for all of them. */
    private static <T> void parallel(List<T> items, int parallelism, IoTask<T> task) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        int threads = Math.min(parallelism, items.size());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bgb-transfer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.run(item)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("transfer interrupted; run it again to resume");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs {@code call} up to {@code attempts} times, again only for what the storage client cannot retry
     * itself: content that failed its checksum, or a body that broke after bytes had arrived.
     */
    private static <R> R withAttempts(String key, int attempts, CountingSource counting, IoCall<R> call)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            long before = counting.count();
            try {
                return call.call();
            } catch (IOException e) {
                boolean brokeMidway = counting.count() > before
                        && (e instanceof StorageUnavailableException || !(e instanceof StorageException));
                boolean retryable = e instanceof ChecksumMismatchException || brokeMidway;
                if (!retryable || attempt >= attempts || e instanceof InterruptedIOException) {
                    throw e;
                }
                long backoff = Math.min(10_000L, 500L << (attempt - 1));
                LOG.info(
                        "{}: attempt {} of {} failed ({}); again in {} ms",
                        key,
                        attempt,
                        attempts,
                        e.getMessage(),
                        backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("transfer interrupted; run it again to resume");
                }
            }
        }
    }

    /** The running totals of one transfer. */
    private static final class Run {
        final Progress progress;
        final List<FileFailure> failures = Collections.synchronizedList(new ArrayList<>());
        final List<String> notes = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger transferred = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();

        Run(Progress progress) {
            this.progress = progress;
        }

        void transferred(BlobInfo b) {
            transferred.incrementAndGet();
            bytes.addAndGet(b.size());
            progress.fileDone();
        }

        void skip(BlobInfo b) {
            skipped.incrementAndGet();
            progress.skipped(b.size());
        }

        void fail(BlobInfo b, IOException e) {
            FileFailure f = FileFailure.of(b.key(), e);
            failures.add(f);
            LOG.warn("{}", f.reason());
            progress.fileFailed(f, b.size());
        }

        void note(String n) {
            notes.add(n);
        }

        TransferResult result(String operation, Location source, Location target, int total) {
            List<FileFailure> fs = new ArrayList<>(failures);
            fs.sort((a, b) -> a.key().compareTo(b.key()));
            List<String> ns = new ArrayList<>(notes);
            Collections.sort(ns);
            return new TransferResult(
                    operation,
                    source,
                    target,
                    total,
                    transferred.get(),
                    skipped.get(),
                    bytes.get(),
                    progress.elapsed(),
                    fs,
                    ns);
        }
    }
}
