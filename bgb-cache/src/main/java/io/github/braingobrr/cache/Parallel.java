package io.github.braingobrr.cache;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a task over items on a few threads (reads of many small things from a remote store). */
final class Parallel {
    /** Per-file reads at once when checking or scanning a cache (enough to hide S3 latency). */
    static final int READERS = 8;

    /** A task on one item. */
    @FunctionalInterface
    interface Task<T> {
        void run(T item) throws IOException;
    }

    private Parallel() {}

    /** Runs {@code task} on every item, {@code threads} at a time; the first exception is rethrown after all stop. */
    static <T> void forEach(List<T> items, int threads, String name, Task<T> task) throws IOException {
        if (items.size() <= 1 || threads <= 1) {
            for (T t : items) {
                task.run(t);
            }
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    task.run(item);
                    return null;
                }));
            }
            IOException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Error err) {
                        throw err;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (first == null) {
                        first = (IOException) c;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + " was interrupted");
        } finally {
            pool.shutdownNow();
        }
    }
}
