package io.github.braingobrr.cache;

import java.io.InterruptedIOException;

/**
 * Bounds the memory that recordings being built hold at once: a worker reserves its recording's estimated footprint
 * before preprocessing and returns it after the cache file is written. A recording larger than the whole budget runs
 * alone rather than not at all.
 */
final class MemoryBudget {
    private final long capacity;
    private long used;

    MemoryBudget(long capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Reserves {@code bytes} (at most the capacity), waiting until they are free; returns what was reserved. */
    synchronized long acquire(long bytes) throws InterruptedIOException {
        long b = Math.max(1, Math.min(bytes, capacity));
        try {
            while (used + b > capacity) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for memory to preprocess a recording");
        }
        used += b;
        return b;
    }

    /** Returns a reservation. */
    synchronized void release(long reserved) {
        used -= reserved;
        notifyAll();
    }

    /**
     * The heap a recording of an EDF file of {@code edfBytes} holds while it is built: the float32 output (about as
     * large as the 16-bit input for the 19 seed channels at a similar rate, up to twice for fewer signals), one
     * channel's double-precision working arrays, and the write buffers. Deliberately on the high side.
     */
    static long estimate(long edfBytes) {
        return 3 * edfBytes + (16L << 20);
    }
}
