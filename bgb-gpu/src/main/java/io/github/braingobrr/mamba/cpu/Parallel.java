package io.github.braingobrr.mamba.cpu;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Splits work between the calling thread and a pool, or runs it inline when there is no pool. */
final class Parallel {
    /** Runs everything on the calling thread. */
    static final Parallel INLINE = new Parallel(null, 1);

    /** A piece of work over the index range {@code [from, to)}. */
    interface RangeBody {
        void run(int from, int to);
    }

    private final ExecutorService pool;
    private final int threads;

    /** {@code pool} runs {@code threads - 1} tasks besides the caller's. */
    Parallel(ExecutorService pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /** Runs {@code body} over {@code [0, n)} in up to {@code threads} contiguous chunks of at least {@code grain}. */
    void forRange(int n, int grain, RangeBody body) {
        int chunks = pool == null ? 1 : Math.min(threads, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        Runnable[] tasks = new Runnable[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks[c] = () -> body.run(from, to);
        }
        runAll(tasks);
    }

    /** Runs {@code tasks[0]} on the caller and the others on the pool; waits for all, rethrows the first failure. */
    void runAll(Runnable[] tasks) {
        if (pool == null) {
            for (Runnable t : tasks) {
                t.run();
            }
            return;
        }
        Future<?>[] futures = new Future<?>[tasks.length - 1];
        for (int i = 1; i < tasks.length; i++) {
            futures[i - 1] = pool.submit(tasks[i]);
        }
        Throwable failure = null;
        try {
            tasks[0].run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("CPU worker failed", failure);
        }
    }
}
