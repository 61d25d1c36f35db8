package io.github.braingobrr.storage.tiered;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks that hold across threads and processes: one byte-range lock per key (and one for the whole
 * volume) in a single lock file, plus an in-JVM lock per range, because OS file locks are per process and
 * Java throws if one process asks twice. Keys map to ranges by hash; two keys that share a range merely
 * wait for each other.
 *
 * <p>One instance exists per lock file per JVM and its channel stays open while any volume on that
 * directory is open: on POSIX systems, closing any channel to a file drops all of the process's locks on it.
 */
final class VolumeLocks {
    private static final Map<Path, VolumeLocks> OPEN = new HashMap<>();
    private static final long VOLUME_SLOT = 0;

    private final Path file;
    private final FileChannel channel;
    private final ConcurrentHashMap<Long, Slot> slots = new ConcurrentHashMap<>();
    private int users;

    private VolumeLocks(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The shared locks for {@code lockFile}, created if needed; pair with {@link #release()}. */
    static VolumeLocks acquire(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        synchronized (OPEN) {
            VolumeLocks l = OPEN.get(key);
            if (l == null) {
                Files.createDirectories(key.getParent());
                l = new VolumeLocks(
                        key,
                        FileChannel.open(
                                key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
                OPEN.put(key, l);
            }
            l.users++;
            return l;
        }
    }

    /** Gives back one {@link #acquire}; the channel closes with the last user. */
    void release() throws IOException {
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(file);
                channel.close();
            }
        }
    }

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Waits for the lock on {@code key}. */
    Held lockKey(String key) throws IOException {
        return lock(slotOf(key), true);
    }

    /** The lock on {@code key} if it is free now, else null. */
    Held tryLockKey(String key) throws IOException {
        return lock(slotOf(key), false);
    }

    /** Waits for the volume-wide lock (capacity accounting and eviction). */
    Held lockVolume() throws IOException {
        return lock(VOLUME_SLOT, true);
    }

    private Held lock(long position, boolean wait) throws IOException {
        Slot slot = slots.computeIfAbsent(position, p -> new Slot());
        if (wait) {
            try {
                slot.local.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a lock in " + file);
            }
        } else if (!slot.local.tryLock()) {
            return null;
        }
        try {
            if (slot.local.getHoldCount() == 1) {
                FileLock os = wait ? channel.lock(position, 1, false) : channel.tryLock(position, 1, false);
                if (os == null) {
                    slot.local.unlock();
                    return null;
                }
                slot.os = os;
            }
        } catch (IOException | RuntimeException e) {
            slot.local.unlock();
            throw e;
        }
        return () -> {
            try {
                if (slot.local.getHoldCount() == 1 && slot.os != null) {
                    slot.os.release();
                    slot.os = null;
                }
            } finally {
                slot.local.unlock();
            }
        };
    }

    /** The lock range for a key: a stable 62-bit hash, never the volume slot. */
    static long slotOf(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return 1 + (h & 0x3FFF_FFFF_FFFF_FFFFL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static final class Slot {
        final ReentrantLock local = new ReentrantLock();
        volatile FileLock os;
    }
}
