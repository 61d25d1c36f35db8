package io.github.braingobrr.mamba.cpu;

import io.github.braingobrr.mamba.DeviceKind;
import io.github.braingobrr.mamba.DeviceSelection;
import io.github.braingobrr.mamba.MambaBackend;
import io.github.braingobrr.mamba.MambaKernels;
import io.github.braingobrr.mamba.MambaModule;
import io.github.braingobrr.mamba.MambaState;
import io.github.braingobrr.mamba.Tensor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pure-Java reference backend. With at least as many sequences as threads, each thread takes whole
 * sequences (dynamically, so a busy core does not hold the others back) and runs every layer on one
 * sequence at a time, keeping the workspace in cache; with fewer sequences, each operation is split
 * across the threads (rows of the projections, heads or channel blocks of the scans). Results do not
 * depend on the thread count. Workspace buffers are reused across calls; a call allocates only its result.
 */
public final class CpuBackend implements MambaBackend {
    private final int threads;
    private final DeviceSelection selection;
    private final ExecutorService pool;
    private final Parallel parallel;
    private final DerivedWeights derived = new DerivedWeights();
    private final CpuKernels[] workers;
    private final CpuKernels split;
    private boolean closed;

    /**
     * A backend with {@code threads} threads (the caller's plus {@code threads - 1} daemon workers).
     *
     * @param selection the reason this backend was chosen, reported by {@link #selection()}
     */
    public CpuBackend(int threads, DeviceSelection selection) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (selection.kind() != DeviceKind.CPU) {
            throw new IllegalArgumentException("a CPU backend cannot report selection " + selection);
        }
        this.threads = threads;
        this.selection = selection;
        AtomicInteger ids = new AtomicInteger();
        this.pool = threads == 1
                ? null
                : Executors.newFixedThreadPool(threads - 1, r -> {
                    Thread t = new Thread(r, "bgb-mamba-cpu-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.parallel = new Parallel(pool, threads);
        this.workers = new CpuKernels[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new CpuKernels(Parallel.INLINE, derived);
        }
        this.split = new CpuKernels(parallel, derived);
    }

    /** The number of threads. */
    public int threads() {
        return threads;
    }

    @Override
    public DeviceSelection selection() {
        return selection;
    }

    @Override
    public String info() {
        return "CPU backend: " + threads + " thread(s), Java " + Runtime.version() + " on "
                + System.getProperty("os.arch") + "; " + selection;
    }

    @Override
    public Tensor forward(MambaModule module, Tensor x) {
        module.checkInput(x);
        return run(module, x, null);
    }

    @Override
    public Tensor forward(MambaModule module, Tensor x, MambaState state) {
        module.checkInput(x, state);
        return run(module, x, state);
    }

    /** Runs {@code module} over {@code x}, carrying {@code state} in place when it is not {@code null}. */
    private synchronized Tensor run(MambaModule module, Tensor x, MambaState state) {
        if (closed) {
            throw new IllegalStateException("the CPU backend is closed");
        }
        int batch = x.dim(0);
        int len = x.dim(1);
        int seq = len * x.dim(2);
        float[] in = x.data();
        float[] out = new float[in.length];
        float[] carried = state == null ? null : MambaKernels.stateData(state);
        if (batch > 0 && len > 0) {
            if (batch >= threads) {
                AtomicInteger next = new AtomicInteger();
                Runnable[] tasks = new Runnable[threads];
                for (int w = 0; w < threads; w++) {
                    CpuKernels k = workers[w];
                    tasks[w] = () -> {
                        for (int s = next.getAndIncrement(); s < batch; s = next.getAndIncrement()) {
                            sequence(k, module, in, out, s, seq, len, state, carried);
                        }
                    };
                }
                parallel.runAll(tasks);
            } else {
                for (int s = 0; s < batch; s++) {
                    sequence(split, module, in, out, s, seq, len, state, carried);
                }
            }
        }
        return new Tensor(x.shape(), out);
    }

    private static void sequence(
            CpuKernels k,
            MambaModule module,
            float[] in,
            float[] out,
            int s,
            int seq,
            int len,
            MambaState state,
            float[] carried) {
        if (state == null) {
            MambaKernels.forward(k, module, in, s * seq, out, s * seq, 1, len);
        } else {
            MambaKernels.forward(k, module, in, s * seq, out, s * seq, 1, len, state, carried, s);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
        for (CpuKernels k : workers) {
            k.release();
        }
        split.release();
        derived.clear();
    }

    @Override
    public String toString() {
        return info();
    }
}
