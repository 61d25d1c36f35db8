package io.github.braingobrr.cache;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches of windows for a JVM training loop, read ahead: while the caller works on one batch, the next
 * {@link Builder#prefetch(int) prefetch} batches are being read, each window by its own positional reads, up to
 * {@link Builder#parallelism(int) parallelism} at once (parallel ranged GETs on S3). Memory is bounded by the batches
 * in flight. {@link #stats()} reports windows/s and MB/s.
 *
 * <pre>{@code
 * try (BatchIterator it = split.batches(sample.windows()).batchSize(32).prefetch(2).open()) {
 *     while (it.hasNext()) {
 *         Batch b = it.next();            // b.signals(): float[32 * 19 * 15360], b.labels()
 *     }
 *     System.out.println(it.stats());
 * }
 * }</pre>
 *
 * <p>The builder is also {@link Iterable}: a for-each loop opens an iterator that closes itself at the end (prefer
 * try-with-resources when the loop may stop early).
 */
public final class BatchIterator implements Iterator<Batch>, Closeable {
    private final List<WindowRef> windows;
    private final int batchSize;
    private final int prefetch;
    private final ExecutorService pool;
    private final ReaderPool readers;
    private final int channels;
    private final int length;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private int scheduled;
    private long delivered;
    private long bytes;
    private long startNanos = -1;
    private long endNanos = -1;
    private boolean closed;

    private record Pending(Batch batch, CompletableFuture<Void> done) {}

    /** Settings of a {@link BatchIterator}; {@link #open()} starts it. */
    public static final class Builder implements Iterable<Batch> {
        private final CacheSplit split;
        private final List<WindowRef> windows;
        private int batchSize = 32;
        private int prefetch = 2;
        private int parallelism = 8;
        private int maxOpenFiles = 256;

        private Builder(CacheSplit split, List<WindowRef> windows) {
            this.split = Objects.requireNonNull(split, "split");
            this.windows = List.copyOf(windows);
        }

        /** Windows per batch (default 32); the last batch may be smaller. */
        public Builder batchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + value);
            }
            batchSize = value;
            return this;
        }

        /** Batches read ahead (default 2; 0 reads each batch when it is asked for). */
        public Builder prefetch(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("prefetch must be at least 0, got " + value);
            }
            prefetch = value;
            return this;
        }

        /** Window reads in flight at once (default 8). */
        public Builder parallelism(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + value);
            }
            parallelism = value;
            return this;
        }

        /** Cache files kept open at once (default 256). */
        public Builder maxOpenFiles(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("max open files must be at least 1, got " + value);
            }
            maxOpenFiles = value;
            return this;
        }

        /** Starts reading; close the iterator when done. */
        public BatchIterator open() throws IOException {
            return new BatchIterator(this);
        }

        /** An iterator that closes itself after the last batch; read errors surface as {@link UncheckedIOException}. */
        @Override
        public Iterator<Batch> iterator() {
            try {
                return open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Builder over(CacheSplit split, List<WindowRef> windows) {
        return new Builder(split, windows);
    }

    private BatchIterator(Builder b) throws IOException {
        this.windows = b.windows;
        this.batchSize = b.batchSize;
        this.prefetch = b.prefetch;
        this.readers = new ReaderPool(b.split.store(), b.split.name(), b.maxOpenFiles);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(b.parallelism, r -> {
            Thread t = new Thread(r, "bgb-cache-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int c = 0;
        int l = 0;
        if (!windows.isEmpty()) {
            try {
                ReaderPool.Entry e = readers.acquire(windows.get(0).cacheFile());
                try {
                    c = e.reader().channelCount();
                    l = e.reader().windowLength();
                } finally {
                    readers.release(e);
                }
            } catch (IOException | RuntimeException ex) {
                close();
                throw ex;
            }
        }
        this.channels = c;
        this.length = l;
    }

    /** Windows per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Batches in all. */
    public int batchCount() {
        return (windows.size() + batchSize - 1) / batchSize;
    }

    private void schedule() {
        while (!closed && scheduled < windows.size() && pending.size() < Math.max(1, prefetch + 1)) {
            int from = scheduled;
            int n = Math.min(batchSize, windows.size() - from);
            List<WindowRef> refs = windows.subList(from, from + n);
            float[] signals = new float[n * channels * length];
            float[] labels = new float[n * length];
            Batch batch = new Batch(refs, channels, length, signals, labels);
            CompletableFuture<?>[] parts = new CompletableFuture<?>[n];
            for (int k = 0; k < n; k++) {
                WindowRef ref = refs.get(k);
                int slot = k;
                parts[k] = CompletableFuture.runAsync(
                        () -> {
                            try {
                                readInto(ref, signals, slot, labels);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        pool);
            }
            pending.add(new Pending(batch, CompletableFuture.allOf(parts)));
            scheduled += n;
        }
    }

    private void readInto(WindowRef ref, float[] signals, int slot, float[] labels) throws IOException {
        ReaderPool.Entry e = readers.acquire(ref.cacheFile());
        try {
            WindowReader r = e.reader();
            if (r.channelCount() != channels || r.windowLength() != length) {
                throw new CacheFormatException(r.location() + " holds windows of " + r.channelCount() + " x "
                        + r.windowLength() + ", the batch " + channels + " x " + length
                        + "; a cache's files must share one window shape (was it built with one configuration?)");
            }
            r.read(ref.windowIdx(), signals, slot * channels * length, labels, slot * length);
        } finally {
            readers.release(e);
        }
    }

    @Override
    public boolean hasNext() {
        boolean more = !closed && (!pending.isEmpty() || scheduled < windows.size());
        if (!more) {
            close();
        }
        return more;
    }

    /**
     * The next batch, or {@code null} after the last one.
     *
     * @throws IOException the first read error of the batch (its message names the file)
     */
    public Batch nextBatch() throws IOException {
        if (closed) {
            return null;
        }
        if (startNanos < 0) {
            startNanos = System.nanoTime();
        }
        schedule();
        Pending p = pending.poll();
        if (p == null) {
            close();
            return null;
        }
        try {
            p.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while reading a batch");
        } catch (ExecutionException e) {
            close();
            Throwable c = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("reading a batch failed: " + c, c);
        }
        delivered += p.batch().size();
        bytes += 4L * p.batch().size() * (long) (channels + 1) * length;
        schedule();
        return p.batch();
    }

    /** The next batch; read errors are thrown as {@link UncheckedIOException}. */
    @Override
    public Batch next() {
        try {
            Batch b = nextBatch();
            if (b == null) {
                throw new NoSuchElementException("no more batches");
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Windows delivered and the rates so far. */
    public ReadStats stats() {
        long elapsed = startNanos < 0 ? 0 : (endNanos >= 0 ? endNanos : System.nanoTime()) - startNanos;
        return new ReadStats(delivered, bytes, Duration.ofNanos(elapsed));
    }

    /** Stops reading ahead and closes the files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        endNanos = System.nanoTime();
        for (Pending p : new ArrayList<>(pending)) {
            p.done().cancel(true);
        }
        pending.clear();
        pool.shutdownNow();
        readers.close();
    }
}
