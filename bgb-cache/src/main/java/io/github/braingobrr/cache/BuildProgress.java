package io.github.braingobrr.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a running cache build, as a {@link BuildListener} receives it.
 *
 * @param filesDone recordings finished (built, skipped as current, or failed)
 * @param filesTotal recordings the build will look at
 * @param filesBuilt recordings turned into cache files in this run
 * @param filesSkipped recordings whose cache file was already current
 * @param filesFailed recordings that failed
 * @param windows windows written in this run
 * @param edfBytesDone EDF bytes read by the recordings built so far
 * @param edfBytesToBuild EDF bytes of every recording not skipped (known once each file is looked at)
 * @param elapsed time since the build started
 * @param eta the estimated time left at the EDF rate so far; empty until a recording has been built
 */
public record BuildProgress(
        int filesDone,
        int filesTotal,
        int filesBuilt,
        int filesSkipped,
        int filesFailed,
        long windows,
        long edfBytesDone,
        long edfBytesToBuild,
        Duration elapsed,
        Optional<Duration> eta) {
    /** Validates the fields. */
    public BuildProgress {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(eta, "eta");
    }

    /** EDF input rate so far, in MB/s (10^6 bytes). */
    public double edfMegabytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? edfBytesDone / 1e6 / s : 0;
    }

    /** Fraction of the recordings finished, 0 to 1. */
    public double fractionDone() {
        return filesTotal == 0 ? 1 : (double) filesDone / filesTotal;
    }
}
