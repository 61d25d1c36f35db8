package io.github.braingobrr.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * Throughput of window reads so far.
 *
 * @param windows windows delivered
 * @param bytes payload bytes delivered (signals and labels as float32)
 * @param elapsed time since the first batch was requested
 */
public record ReadStats(long windows, long bytes, Duration elapsed) {
    /** Validates the fields. */
    public ReadStats {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Windows per second. */
    public double windowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? windows / s : 0;
    }

    /** Megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? bytes / 1e6 / s : 0;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%d windows in %.2f s: %.1f windows/s, %.1f MB/s",
                windows,
                elapsed.toNanos() / 1e9,
                windowsPerSecond(),
                megabytesPerSecond());
    }
}
