package io.github.braingobrr.storage.tiered;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobNotFoundException;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.ChecksumMismatchException;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.DataSizes;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.InsufficientSpaceException;
import io.github.braingobrr.storage.Keys;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageException;
import io.github.braingobrr.storage.VerifyingInputStream;
import io.github.braingobrr.storage.WriteOptions;
import io.github.braingobrr.storage.local.LocalBlobStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local directory (typically a persistent SSD volume) managed as a cache of a slower store.
 *
 * <ul>
 *   <li><b>Only verified copies count.</b> A blob is present when its entry exists in
 *       {@code .bgb-tier/entries}, written after the data file was fetched into a temporary file, flushed,
 *       checked against the source's size and CRC32C, and renamed into place. A crash at any point leaves
 *       at most a temporary file (deleted when the volume next opens) or a data file without an entry,
 *       which never counts as present. Entries survive restarts, so nothing verified is fetched again.
 *   <li><b>Checked on use.</b> Opening a copy compares the data file's size and modification time with
 *       the entry; if they differ the file is hashed again, and a copy whose CRC32C no longer matches is
 *       dropped, so the next read-through fetches it again. {@link #checksum} (used by verify) hashes the
 *       content and drops a copy that does not match its entry.
 *   <li><b>One fetch per object.</b> Populating a key holds a lock on it that works across threads and
 *       processes; whoever waits finds the verified copy when the lock is released and fetches nothing.
 *   <li><b>Capacity budget.</b> Verified copies never total more than {@link #capacity()}: before a fetch,
 *       least recently used copies are evicted (never one that is open in this process). The disk's free
 *       space is checked too; a blob that cannot fit fails with {@link InsufficientSpaceException} naming
 *       the needed and the available bytes, before anything is downloaded.
 * </ul>
 *
 * <p>The data files sit at their keys under the directory, so other programs can read the cache directly.
 */
public final class SsdVolume implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(SsdVolume.class);
    private static final String STATE = ".bgb-tier";
    private static final long TOUCH_GRANULARITY_MS = 1000;

    /** Free space on the disk under a directory (replaced in tests to simulate a full disk). */
    @FunctionalInterface
    interface SpaceProbe {
        long usableBytes(Path directory) throws IOException;
    }

    private final Path directory;
    private final LocalBlobStore data;
    private final LocalBlobStore entries;
    private final VolumeLocks locks;
    private final long capacity;
    private final SpaceProbe space;
    private final ConcurrentHashMap<String, Entry> index = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> pins = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final ConcurrentHashMap<String, Long> diskTouches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A verified copy as recorded: size, checksum, the data file's modification time, last use. */
    record Entry(
            String key, long size, Crc32c crc32c, Instant dataModified, boolean sourceChecksummed, Instant lastAccess) {
        BlobInfo info() {
            return new BlobInfo(key, size, dataModified, Optional.of(crc32c));
        }

        Entry accessed(Instant when) {
            return new Entry(key, size, crc32c, dataModified, sourceChecksummed, when);
        }
    }

    /** How a key came to be present after {@link #populate}. */
    public enum Outcome {
        /** A verified copy was already there; nothing was read from the source. */
        PRESENT,
        /** A file already at the key matched the source's size and CRC32C and was adopted without a download. */
        ADOPTED,
        /** The blob was fetched from the source and verified. */
        FETCHED
    }

    /**
     * What {@link #populate} did.
     *
     * @param blob the verified copy (its CRC32C is the content's)
     * @param outcome whether it was already there, adopted or fetched
     * @param sourceChecksummed whether the source recorded a CRC32C the copy was checked against (when not,
     *     only the size could be checked against the source)
     */
    public record PopulateResult(BlobInfo blob, Outcome outcome, boolean sourceChecksummed) {}

    private SsdVolume(Path directory, long capacity, SpaceProbe space) throws IOException {
        this.directory = directory;
        this.capacity = capacity;
        this.space = space;
        this.data = LocalBlobStore.open(directory);
        Path state = directory.resolve(STATE);
        Files.createDirectories(state.resolve("entries"));
        this.entries = LocalBlobStore.open(state.resolve("entries"));
        this.locks = VolumeLocks.acquire(state.resolve("lock"));
    }

    /**
     * Opens (creating it if needed) the volume in {@code directory} with a budget of {@code capacityBytes};
     * its recorded copies are loaded and temporary files left by crashed fetches are deleted.
     */
    public static SsdVolume open(Path directory, long capacityBytes) throws IOException {
        return open(directory, capacityBytes, dir -> Files.getFileStore(dir).getUsableSpace());
    }

    static SsdVolume open(Path directory, long capacityBytes, SpaceProbe space) throws IOException {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacityBytes);
        }
        Path dir = directory.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        SsdVolume v = new SsdVolume(dir, capacityBytes, space);
        int removed;
        try {
            v.reload();
            removed = v.data.deleteLeftoverTemporaries(v::isAbandoned);
        } catch (IOException | RuntimeException e) {
            v.close();
            throw e;
        }
        if (removed > 0) {
            LOG.info("{}: removed {} temporary files left by interrupted fetches", dir, removed);
        }
        LOG.debug(
                "{}: {} verified copies, {} of {} used",
                dir,
                v.index.size(),
                DataSizes.format(v.used.get()),
                DataSizes.format(capacityBytes));
        return v;
    }

    private boolean isAbandoned(String key) {
        try (VolumeLocks.Held h = locks.tryLockKey(key)) {
            return h != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The directory holding the data files. */
    public Path directory() {
        return directory;
    }

    /** The budget for verified copies, in bytes. */
    public long capacity() {
        return capacity;
    }

    /** Bytes held by verified copies this process knows of. */
    public long usedBytes() {
        return used.get();
    }

    /** Free bytes on the disk holding the volume, less those promised to fetches in progress. */
    public long freeBytes() throws IOException {
        return Math.max(0, space.usableBytes(directory) - inFlight.get());
    }

    @Override
    public Location root() {
        return data.root();
    }

    // ---------------------------------------------------------------- entries

    private static String entryName(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16) + ".entry";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private Optional<Entry> readEntry(String key) throws IOException {
        String name = entryName(key);
        Optional<BlobInfo> file = entries.find(name);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = entries.openStream(name)) {
            Entry e = parseEntry(in.readAllBytes(), file.get().lastModified());
            if (!e.key().equals(key)) {
                LOG.warn("{}: entry {} names '{}', not '{}'; ignoring it", directory, name, e.key(), key);
                return Optional.empty();
            }
            return Optional.of(e);
        } catch (BlobNotFoundException gone) {
            return Optional.empty();
        } catch (IllegalArgumentException malformed) {
            LOG.warn(
                    "{}: entry for '{}' is unreadable ({}); treating the copy as absent",
                    directory,
                    key,
                    malformed.getMessage());
            return Optional.empty();
        }
    }

    private static Entry parseEntry(byte[] bytes, Instant lastAccess) throws IOException {
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(bytes));
        String key = p.getProperty("key");
        String size = p.getProperty("size");
        String crc = p.getProperty("crc32c");
        String modified = p.getProperty("modified");
        if (key == null || size == null || crc == null || modified == null) {
            throw new IllegalArgumentException("missing key, size, crc32c or modified");
        }
        try {
            return new Entry(
                    key,
                    Long.parseLong(size),
                    Crc32c.parseHex(crc),
                    Instant.parse(modified),
                    Boolean.parseBoolean(p.getProperty("sourceChecksummed")),
                    lastAccess);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private void writeEntry(Entry e) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", e.key());
        p.setProperty("size", Long.toString(e.size()));
        p.setProperty("crc32c", e.crc32c().hex());
        p.setProperty("modified", e.dataModified().toString());
        p.setProperty("sourceChecksummed", Boolean.toString(e.sourceChecksummed()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, "bgb SSD tier entry: a verified copy");
        entries.write(entryName(e.key()), out.toByteArray(), WriteOptions.defaults());
        remember(e.accessed(Instant.now()));
    }

    private void remember(Entry e) {
        Entry old = index.put(e.key(), e);
        used.addAndGet(e.size() - (old == null ? 0 : old.size()));
    }

    private void forget(String key) {
        Entry old = index.remove(key);
        if (old != null) {
            used.addAndGet(-old.size());
        }
    }

    /** Reloads every entry from disk: the view of all processes using this volume. */
    private void reload() throws IOException {
        ConcurrentHashMap<String, Entry> fresh = new ConcurrentHashMap<>();
        for (BlobInfo f : entries.list("")) {
            if (!f.key().endsWith(".entry")) {
                continue;
            }
            try (InputStream in = entries.openStream(f.key())) {
                Entry e = parseEntry(in.readAllBytes(), f.lastModified());
                if (entryName(e.key()).equals(f.key())) {
                    fresh.put(e.key(), e);
                }
            } catch (BlobNotFoundException gone) {
                // removed by another process meanwhile
            } catch (IllegalArgumentException malformed) {
                LOG.warn("{}: ignoring unreadable entry {} ({})", directory, f.key(), malformed.getMessage());
            }
        }
        // keep this process's more recent uses: touches reach the disk at most once a second
        fresh.replaceAll((k, e) -> {
            Entry mine = index.get(k);
            return mine != null && mine.lastAccess().isAfter(e.lastAccess()) ? e.accessed(mine.lastAccess()) : e;
        });
        index.clear();
        index.putAll(fresh);
        used.set(fresh.values().stream().mapToLong(Entry::size).sum());
    }

    /**
     * The recorded entry for {@code key} if its data file is still the one that was verified. A file whose
     * size or modification time changed is hashed again: if the content still matches it is kept (and the
     * entry refreshed), else the copy is dropped.
     */
    private Optional<Entry> validEntry(String key) throws IOException {
        Entry known = index.get(key);
        if (known != null) {
            try {
                BasicFileAttributes a = Files.readAttributes(data.pathOf(key), BasicFileAttributes.class);
                if (a.size() == known.size() && a.lastModifiedTime().toInstant().equals(known.dataModified())) {
                    return Optional.of(known); // the very file that was verified
                }
            } catch (NoSuchFileException gone) {
                // evicted or deleted, maybe by another process: consult the entry on disk
            }
        }
        Optional<Entry> e = readEntry(key);
        if (e.isEmpty()) {
            forget(key);
            return e;
        }
        Entry entry = e.get();
        Path file = data.pathOf(key);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            LOG.info("{}: the copy of '{}' is gone; it will be fetched again", directory, key);
            dropEntry(key);
            return Optional.empty();
        }
        if (a.size() == entry.size() && a.lastModifiedTime().toInstant().equals(entry.dataModified())) {
            if (!index.containsKey(key)) {
                remember(entry);
            }
            return e;
        }
        Crc32c actual = Crc32c.of(file);
        if (a.size() == entry.size() && actual.equals(entry.crc32c())) {
            Entry refreshed = new Entry(
                    key,
                    entry.size(),
                    entry.crc32c(),
                    a.lastModifiedTime().toInstant(),
                    entry.sourceChecksummed(),
                    Instant.now());
            writeEntry(refreshed);
            return Optional.of(refreshed);
        }
        LOG.warn(
                "{}: the copy of '{}' was modified ({} bytes, CRC32C {}; recorded {} bytes, {}); dropping it so"
                        + " it is fetched again",
                directory,
                key,
                a.size(),
                actual,
                entry.size(),
                entry.crc32c());
        drop(key);
        return Optional.empty();
    }

    private void dropEntry(String key) throws IOException {
        entries.delete(entryName(key));
        forget(key);
    }

    /** Removes the entry first (so the copy stops counting), then the data file. */
    private void drop(String key) throws IOException {
        dropEntry(key);
        data.delete(key);
    }

    // ---------------------------------------------------------------- cache API

    /** The verified copy of {@code key}, checked as described above, without counting it as a use. */
    public Optional<BlobInfo> verified(String key) throws IOException {
        checkOpen();
        return validEntry(key).map(Entry::info);
    }

    /** Opens the verified copy of {@code key} (a use, for LRU), or empty when there is none. */
    public Optional<InputFile> openIfPresent(String key) throws IOException {
        checkOpen();
        Optional<Entry> e = validEntry(key);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        pin(key);
        try {
            InputFile f = data.open(key);
            touch(e.get());
            return Optional.of(new PinnedInputFile(f, key));
        } catch (BlobNotFoundException evicted) {
            unpin(key);
            dropEntry(key);
            return Optional.empty();
        } catch (IOException | RuntimeException ex) {
            unpin(key);
            throw ex;
        }
    }

    /** Marks {@code key}'s copy as just used, so LRU eviction takes others first. */
    public void touch(String key) throws IOException {
        Entry e = index.get(key);
        if (e != null) {
            touch(e);
        }
    }

    private void touch(Entry e) throws IOException {
        Instant now = Instant.now();
        index.computeIfPresent(e.key(), (k, cur) -> cur.accessed(now));
        Long last = diskTouches.get(e.key());
        if (last != null && now.toEpochMilli() - last < TOUCH_GRANULARITY_MS) {
            return; // recorded in memory; the time on disk is refreshed at most once a second
        }
        diskTouches.put(e.key(), now.toEpochMilli());
        try {
            Files.setLastModifiedTime(entries.pathOf(entryName(e.key())), FileTime.from(now));
        } catch (NoSuchFileException gone) {
            forget(e.key());
        }
    }

    /** Drops the copy of {@code key} if there is one; the next read-through fetches it again. */
    @SuppressWarnings("try") // the lock is held for the whole block
    public void invalidate(String key) throws IOException {
        checkOpen();
        try (VolumeLocks.Held h = locks.lockKey(Keys.checkKey(key))) {
            if (readEntry(key).isPresent()) {
                drop(key);
            }
        }
    }

    /**
     * Makes {@code key} present: keeps a verified copy if there is one, else fetches it from
     * {@code source} into a temporary file, verifies its size and CRC32C against what the source recorded,
     * and renames it into place. Holds the key's lock throughout, so concurrent callers in any process fetch
     * once. A verified copy whose size or checksum differs from {@code known} (what a listing of the source
     * said) is replaced, but only after the new copy is verified.
     *
     * @param known the source's listing entry when the caller has it (saves a request); empty trusts any
     *     verified copy and asks the source only on a miss
     */
    @SuppressWarnings("try") // the lock is held for the whole block
    public PopulateResult populate(String key, BlobStore source, Optional<BlobInfo> known) throws IOException {
        checkOpen();
        Keys.checkKey(key);
        try (VolumeLocks.Held h = locks.lockKey(key)) {
            Optional<Entry> existing = validEntry(key);
            if (existing.isPresent()
                    && known.map(k -> matches(existing.get(), k)).orElse(true)) {
                touch(existing.get());
                return new PopulateResult(
                        existing.get().info(), Outcome.PRESENT, existing.get().sourceChecksummed());
            }
            BlobInfo info = known.isPresent() && known.get().crc32c().isPresent() ? known.get() : source.stat(key);
            if (info.crc32c().isEmpty() && source.localPath(key).isPresent()) {
                info = new BlobInfo(key, info.size(), info.lastModified(), Optional.of(source.checksum(key)));
            }
            return fetch(key, source, info);
        }
    }

    private static boolean matches(Entry e, BlobInfo source) {
        return e.size() == source.size()
                && source.crc32c().map(c -> c.equals(e.crc32c())).orElse(true);
    }

    private PopulateResult fetch(String key, BlobStore source, BlobInfo info) throws IOException {
        Location loc = data.root().resolve(key);
        Optional<PopulateResult> adopted = adopt(key, info);
        if (adopted.isPresent()) {
            return adopted.get();
        }
        try (Reservation r = reserve(loc, info.size(), key)) {
            return download(key, source, info, r);
        }
    }

    private PopulateResult download(String key, BlobStore source, BlobInfo info, Reservation reservation)
            throws IOException {
        boolean checksummed = info.crc32c().isPresent();
        WriteOptions expect = WriteOptions.defaults().withExpectedSize(info.size());
        if (checksummed) {
            expect = expect.withExpectedCrc32c(info.crc32c().get());
        }
        BlobInfo written;
        try (InputStream in = source.openStream(key)) {
            written = data.write(key, in, expect);
        }
        Path file = data.pathOf(key);
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        Entry e = new Entry(key, written.size(), written.crc32c().orElseThrow(), modified, checksummed, Instant.now());
        writeEntry(e);
        reservation.close(); // the bytes now count as used
        if (!checksummed) {
            LOG.info(
                    "{}: {} has no recorded CRC32C; its copy was checked by size only",
                    directory,
                    source.root().resolve(key));
        }
        return new PopulateResult(e.info(), Outcome.FETCHED, checksummed);
    }

    /** A file already at the key (copied by another tool, or left by a crash after the rename) is kept if it matches. */
    private Optional<PopulateResult> adopt(String key, BlobInfo info) throws IOException {
        Optional<BlobInfo> local = data.find(key);
        if (local.isEmpty()
                || local.get().size() != info.size()
                || info.crc32c().isEmpty()) {
            return Optional.empty();
        }
        Path file = data.pathOf(key);
        Crc32c actual = Crc32c.of(file);
        if (!actual.equals(info.crc32c().get())) {
            return Optional.empty();
        }
        Entry e = new Entry(
                key, info.size(), actual, Files.getLastModifiedTime(file).toInstant(), true, Instant.now());
        writeEntry(e);
        evictToBudget(data.root().resolve(key), 0, key);
        return Optional.of(new PopulateResult(e.info(), Outcome.ADOPTED, true));
    }

    /**
     * Makes room for {@code size} more bytes within the budget and on the disk, evicting least recently used
     * copies (not {@code except}, not open ones).
     */
    private Reservation reserve(Location loc, long size, String except) throws IOException {
        if (size > capacity) {
            throw new InsufficientSpaceException(
                    loc, "the SSD tier " + directory + " (capacity budget)", size, capacity, null);
        }
        synchronized (inFlight) {
            evictToBudget(loc, size, except);
            long free = space.usableBytes(directory) - inFlight.get();
            if (free < size) {
                throw new InsufficientSpaceException(
                        loc, "the disk holding " + directory, size, Math.max(0, free), null);
            }
            inFlight.addAndGet(size);
        }
        return new Reservation(size);
    }

    /** Bytes promised to a fetch in progress; they count against the budget until the copy is recorded. */
    private final class Reservation implements AutoCloseable {
        private long bytes;

        Reservation(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            inFlight.addAndGet(-bytes);
            bytes = 0;
        }
    }

    @SuppressWarnings("try") // the lock is held for the whole block
    private void evictToBudget(Location loc, long size, String except) throws IOException {
        if (used.get() + inFlight.get() + size <= capacity) {
            return;
        }
        try (VolumeLocks.Held v = locks.lockVolume()) {
            reload(); // other processes may have added or evicted copies
            long need = size + inFlight.get();
            if (used.get() + need <= capacity) {
                return;
            }
            List<Entry> byAge = new ArrayList<>(index.values());
            byAge.sort(Comparator.comparing(Entry::lastAccess));
            for (Entry victim : byAge) {
                if (used.get() + need <= capacity) {
                    break;
                }
                if (victim.key().equals(except) || isPinned(victim.key())) {
                    continue;
                }
                try (VolumeLocks.Held k = locks.tryLockKey(victim.key())) {
                    if (k == null) {
                        continue; // being fetched or replaced elsewhere
                    }
                    LOG.debug(
                            "{}: evicting '{}' ({}) to make room",
                            directory,
                            victim.key(),
                            DataSizes.format(victim.size()));
                    drop(victim.key());
                }
            }
            if (used.get() + need > capacity) {
                throw new InsufficientSpaceException(
                        loc,
                        "the SSD tier " + directory
                                + " (capacity budget; the rest is held by copies in use or being fetched)",
                        size,
                        Math.max(0, capacity - used.get() - inFlight.get()),
                        null);
            }
        }
    }

    private void pin(String key) {
        pins.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private void unpin(String key) {
        pins.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private boolean isPinned(String key) {
        AtomicInteger n = pins.get(key);
        return n != null && n.get() > 0;
    }

    private void checkOpen() throws StorageException {
        if (closed) {
            throw new StorageException(root(), "the SSD tier is closed");
        }
    }

    // ---------------------------------------------------------------- BlobStore

    /** Verified copies under {@code prefix}, as recorded by every process using this volume. */
    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        checkOpen();
        Keys.checkPrefix(prefix);
        reload();
        List<BlobInfo> out = new ArrayList<>();
        for (Entry e : index.values()) {
            if (e.key().startsWith(prefix)) {
                out.add(e.info());
            }
        }
        out.sort(Comparator.comparing(BlobInfo::key));
        return out;
    }

    @Override
    public Optional<BlobInfo> find(String key) throws IOException {
        return verified(key);
    }

    @Override
    public InputFile open(String key) throws IOException {
        return openIfPresent(key)
                .orElseThrow(() ->
                        new BlobNotFoundException(root().resolve(key), "no verified copy" + " on the SSD tier", null));
    }

    /** The verified copy as a stream; a copy found corrupt at the end of the stream is dropped. */
    @Override
    public InputStream openStream(String key) throws IOException {
        InputFile f = open(key);
        Entry e = index.get(key);
        InputStream verifying = new VerifyingInputStream(
                f.newStream(),
                f.location(),
                OptionalLong.of(f.length()),
                e == null ? Optional.empty() : Optional.of(e.crc32c()));
        return new FilterInputStream(verifying) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (ChecksumMismatchException corrupt) {
                    LOG.warn("{}: the copy of '{}' is corrupt ({}); dropping it", directory, key, corrupt.getMessage());
                    invalidate(key);
                    throw corrupt;
                }
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    f.close();
                }
            }
        };
    }

    @Override
    public BlobInfo write(String key, Path source, WriteOptions options) throws IOException {
        return store(key, Files.size(source), () -> data.write(key, source, options));
    }

    @Override
    public BlobInfo write(String key, InputStream source, WriteOptions options) throws IOException {
        return store(key, options.expectedSize().orElse(0), () -> data.write(key, source, options));
    }

    @Override
    public BlobInfo write(String key, byte[] content, WriteOptions options) throws IOException {
        return store(key, content.length, () -> data.write(key, content, options));
    }

    private interface Writer {
        BlobInfo write() throws IOException;
    }

    /** A direct write: the written content is the verified copy. */
    @SuppressWarnings("try") // the lock is held for the whole block
    private BlobInfo store(String key, long expectedSize, Writer writer) throws IOException {
        checkOpen();
        try (VolumeLocks.Held h = locks.lockKey(Keys.checkKey(key))) {
            Location loc = data.root().resolve(key);
            BlobInfo written;
            try (Reservation r = reserve(loc, expectedSize, key)) {
                written = writer.write();
            }
            Entry e = new Entry(
                    key,
                    written.size(),
                    written.crc32c().orElseThrow(),
                    Files.getLastModifiedTime(data.pathOf(key)).toInstant(),
                    true,
                    Instant.now());
            writeEntry(e);
            evictToBudget(loc, 0, key);
            return e.info();
        }
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the whole block
    public void delete(String key) throws IOException {
        checkOpen();
        try (VolumeLocks.Held h = locks.lockKey(Keys.checkKey(key))) {
            drop(key);
        }
    }

    @Override
    public int deleteByPrefix(String prefix) throws IOException {
        int n = 0;
        for (BlobInfo b : list(prefix)) {
            delete(b.key());
            n++;
        }
        return n;
    }

    /** Hashes the copy; a copy whose content no longer matches its entry is dropped (and the hash returned). */
    @Override
    public Crc32c checksum(String key) throws IOException {
        checkOpen();
        Optional<Entry> e = readEntry(key);
        Crc32c actual = data.checksum(key);
        if (e.isPresent() && !e.get().crc32c().equals(actual)) {
            LOG.warn(
                    "{}: the copy of '{}' has CRC32C {} but {} was recorded; dropping it",
                    directory,
                    key,
                    actual,
                    e.get().crc32c());
            invalidate(key);
        }
        return actual;
    }

    @Override
    public Optional<Path> localPath(String key) throws IOException {
        return verified(key).isPresent() ? data.localPath(key) : Optional.empty();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            locks.release();
        }
    }

    @Override
    public String toString() {
        return "SsdVolume[" + directory + ", " + DataSizes.format(used.get()) + " of " + DataSizes.format(capacity)
                + "]";
    }

    /** An open copy that may not be evicted until it is closed. */
    private final class PinnedInputFile implements InputFile {
        private final InputFile file;
        private final String key;
        private boolean released;

        PinnedInputFile(InputFile file, String key) {
            this.file = file;
            this.key = key;
        }

        @Override
        public Location location() {
            return file.location();
        }

        @Override
        public long length() {
            return file.length();
        }

        @Override
        public void readFully(long position, ByteBuffer destination) throws IOException {
            file.readFully(position, destination);
        }

        @Override
        public byte[] readTail(int length) throws IOException {
            return file.readTail(length);
        }

        @Override
        public InputStream newStream() throws IOException {
            return file.newStream();
        }

        @Override
        public synchronized void close() throws IOException {
            if (!released) {
                released = true;
                unpin(key);
            }
            file.close();
        }
    }
}
