package io.github.braingobrr.storage.transfer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts a transfer's files and bytes and reports them to the listener, throttled and one call at a time. */
final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final long REPORT_EVERY_NANOS = 200_000_000L;

    private final String operation;
    private final ProgressListener listener;
    private final int filesTotal;
    private final long start = System.nanoTime();
    private final AtomicLong bytesTotal;
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicInteger filesFailed = new AtomicInteger();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean listenerFailed;

    Progress(String operation, ProgressListener listener, int filesTotal, long bytesTotal) {
        this.operation = operation;
        this.listener = listener;
        this.filesTotal = filesTotal;
        this.bytesTotal = new AtomicLong(bytesTotal);
    }

    void bytes(long n) {
        bytesDone.addAndGet(n);
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
            report();
        }
    }

    /** A file turned out to be current already: its bytes no longer need moving. */
    void skipped(long size) {
        bytesTotal.addAndGet(-size);
        fileDone();
    }

    void fileDone() {
        filesDone.incrementAndGet();
        report();
    }

    void fileFailed(FileFailure failure, long size) {
        filesFailed.incrementAndGet();
        filesDone.incrementAndGet();
        bytesTotal.addAndGet(-size);
        synchronized (this) {
            tell(() -> listener.onFileFailed(failure));
        }
        report();
    }

    long bytesDone() {
        return bytesDone.get();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    synchronized void report() {
        Duration elapsed = elapsed();
        long done = bytesDone.get();
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long left = Math.max(0, bytesTotal.get() - done);
        Optional<Duration> eta =
                rate > 0 ? Optional.of(Duration.ofMillis((long) (left / rate * 1000))) : Optional.empty();
        TransferProgress p = new TransferProgress(
                operation,
                filesDone.get(),
                filesTotal,
                filesFailed.get(),
                done,
                Math.max(done, bytesTotal.get()),
                elapsed,
                rate,
                eta);
        tell(() -> listener.onProgress(p));
    }

    /** Calls the listener; a failing listener is logged once and never stops the transfer. */
    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.warn("the progress listener failed ({}); the transfer goes on without it", e.toString());
            }
        }
    }
}
