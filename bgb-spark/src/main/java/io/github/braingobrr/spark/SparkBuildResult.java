package io.github.braingobrr.spark;

import io.github.braingobrr.cache.BuildResult;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link SparkCacheBuild} did: the cache build's own result (as {@link io.github.braingobrr.cache.CacheBuilder}
 * reports it) and the job's accumulators.
 *
 * @param build per-split counts, failures and bytes built, merged from every task
 * @param partitions the Spark tasks the recordings were split into
 * @param files recordings the tasks looked at (built, current or failed), counted once per successful task
 * @param windows windows of the cache files built or found current
 * @param edfBytes EDF bytes of the recordings the tasks looked at
 * @param elapsed the whole run: plan, Spark job, manifests
 */
public record SparkBuildResult(
        BuildResult build, int partitions, long files, long windows, long edfBytes, Duration elapsed) {
    /** Checks the fields. */
    public SparkBuildResult {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
