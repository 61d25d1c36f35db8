package io.github.braingobrr.cache;

import io.github.braingobrr.storage.BlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open {@link WindowReader}s shared by the threads of a {@link BatchIterator}: a file is opened once (its directory and
 * headers read once) and kept while it is used; beyond {@code capacity} open files, the least recently used idle ones
 * are closed. Opening happens outside the pool's lock, so slow opens (S3) run in parallel.
 */
final class ReaderPool implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderPool.class);

    private final BlobStore store;
    private final String split;
    private final int capacity;
    private final Map<String, Entry> entries = new HashMap<>();
    private long tick;
    private boolean closed;

    /** A pooled reader; {@link #reader()} opens it on first use. */
    final class Entry {
        private final String file;
        private WindowReader reader;
        private int users;
        private long lastUse;

        private Entry(String file) {
            this.file = file;
        }

        synchronized WindowReader reader() throws IOException {
            if (reader == null) {
                reader = WindowReader.open(store, CacheKeys.file(split, file));
            }
            return reader;
        }

        private synchronized WindowReader detach() {
            WindowReader r = reader;
            reader = null;
            return r;
        }
    }

    ReaderPool(BlobStore store, String split, int capacity) {
        this.store = store;
        this.split = split;
        this.capacity = Math.max(1, capacity);
    }

    /** Takes the entry of {@code file}; give it back with {@link #release}. */
    synchronized Entry acquire(String file) throws IOException {
        if (closed) {
            throw new IOException("the batch iterator over " + store.locationOf(split) + " is closed");
        }
        Entry e = entries.computeIfAbsent(file, Entry::new);
        e.users++;
        e.lastUse = ++tick;
        return e;
    }

    void release(Entry e) {
        List<WindowReader> toClose = new ArrayList<>();
        synchronized (this) {
            e.users--;
            while (entries.size() > capacity) {
                Entry victim = null;
                for (Entry x : entries.values()) {
                    if (x.users == 0 && (victim == null || x.lastUse < victim.lastUse)) {
                        victim = x;
                    }
                }
                if (victim == null) {
                    break;
                }
                entries.remove(victim.file);
                WindowReader r = victim.detach();
                if (r != null) {
                    toClose.add(r);
                }
            }
        }
        closeAll(toClose);
    }

    private static void closeAll(List<WindowReader> readers) {
        for (WindowReader r : readers) {
            try {
                r.close();
            } catch (IOException ex) {
                LOG.debug("closing {}: {}", r.location(), ex.toString());
            }
        }
    }

    @Override
    public void close() {
        List<WindowReader> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Entry e : entries.values()) {
                WindowReader r = e.detach();
                if (r != null) {
                    toClose.add(r);
                }
            }
            entries.clear();
        }
        closeAll(toClose);
    }
}
