package io.github.braingobrr.cache.sampling;

import io.github.braingobrr.cache.BatchIterator;
import io.github.braingobrr.cache.CacheSplit;
import io.github.braingobrr.cache.WindowRef;
import java.util.List;

/**
 * The windows a {@link BalancedSampler} drew, in training order, with what went into them.
 *
 * @param windows the drawn windows, shuffled
 * @param partial partial-seizure windows among them (all of the split's)
 * @param full full-seizure windows among them
 * @param background no-seizure windows among them
 * @param seed the seed they were drawn with
 * @param fullRatio full windows drawn per partial window (at most)
 * @param backgroundRatio background windows drawn per partial window (at most)
 */
public record BalancedSample(
        List<WindowRef> windows,
        int partial,
        int full,
        int background,
        long seed,
        double fullRatio,
        double backgroundRatio) {
    /** Copies the list and checks the counts. */
    public BalancedSample {
        windows = List.copyOf(windows);
        if (partial + full + background != windows.size()) {
            throw new IllegalArgumentException("counts " + partial + " + " + full + " + " + background
                    + " do not add up to " + windows.size() + " windows");
        }
    }

    /** Windows drawn. */
    public int size() {
        return windows.size();
    }

    /** {@code (partial + full) / size}: the window-level seizure ratio the Python system logged (≈ 34 %). */
    public double seizureRatio() {
        return windows.isEmpty() ? 0 : (double) (partial + full) / windows.size();
    }

    /** Batches of these windows from {@code split}, read with prefetch; configure and open the iterator. */
    public BatchIterator.Builder batches(CacheSplit split) {
        return split.batches(windows);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "BalancedSample[%d windows: %d partial, %d full, %d background; seizure ratio %.1f %%; seed %d]",
                windows.size(),
                partial,
                full,
                background,
                100 * seizureRatio(),
                seed);
    }
}
