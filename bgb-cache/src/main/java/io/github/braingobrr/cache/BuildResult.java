package io.github.braingobrr.cache;

import io.github.braingobrr.storage.Location;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a cache build did: per split the recordings found, selected, built, skipped and failed and the windows per
 * category in its manifest; every failure with its reason; timings. A build never stops at the first bad file (unless
 * fail-fast), so check {@link #failures()}.
 *
 * @param cache the cache root
 * @param splits one entry per split built, in build order
 * @param failures every recording that failed, in split and path order
 * @param elapsed wall time
 * @param edfBytesRead EDF bytes of the recordings built in this run
 */
public record BuildResult(
        Location cache, List<Split> splits, List<BuildFailure> failures, Duration elapsed, long edfBytesRead) {
    /**
     * One split's outcome.
     *
     * @param split {@code train}, {@code dev} or {@code eval}
     * @param found EDF files of the split in the data directory
     * @param selected how many the build took (the first ones, under a limit)
     * @param limit the limit in force, if any
     * @param built cache files written in this run
     * @param skipped recordings whose cache file was already current
     * @param failed recordings that failed
     * @param cacheFiles cache files the manifest lists (built, skipped, and files present from earlier builds)
     * @param counts windows per category in the manifest
     */
    public record Split(
            String split,
            int found,
            int selected,
            OptionalInt limit,
            int built,
            int skipped,
            int failed,
            int cacheFiles,
            CategoryCounts counts) {}

    /** Copies the lists. */
    public BuildResult {
        Objects.requireNonNull(cache, "cache");
        splits = List.copyOf(splits);
        failures = List.copyOf(failures);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Windows per category over all splits. */
    public CategoryCounts counts() {
        CategoryCounts c = CategoryCounts.ZERO;
        for (Split s : splits) {
            c = c.plus(s.counts());
        }
        return c;
    }

    /** The outcome of one split. */
    public Split split(String name) {
        for (Split s : splits) {
            if (s.split().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("this build did not build split '" + name + "'; it built "
                + splits.stream().map(Split::split).toList());
    }

    /** Whether every selected recording now has a current cache file. */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** Recordings per minute over the run (built ones; skipped ones cost next to nothing). */
    public double recordingsPerMinute() {
        int built = splits.stream().mapToInt(Split::built).sum();
        double min = elapsed.toNanos() / 6e10;
        return min > 0 ? built / min : 0;
    }

    /** EDF input rate over the run, MB/s. */
    public double edfMegabytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? edfBytesRead / 1e6 / s : 0;
    }

    /**
     * The training gate: fails when the built splits have no partial and no full seizure window (the Python CLI's exit
     * code 2).
     *
     * @throws NoSeizureWindowsException saying what to check
     */
    public BuildResult requireSeizureWindows() {
        CategoryCounts c = counts();
        if (c.seizure() == 0) {
            throw new NoSeizureWindowsException(
                    "the cache at " + cache,
                    c,
                    "check that a label file (.csv for the seed preset) lies beside every EDF file and that the"
                            + " preprocessing counts its seizure types; see the failures of the build");
        }
        return this;
    }
}
