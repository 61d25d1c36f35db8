package io.github.braingobrr.cache.sampling;

import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.Manifest;
import io.github.braingobrr.cache.NoSeizureWindowsException;
import io.github.braingobrr.cache.WindowRef;
import io.github.braingobrr.preprocess.WindowCategory;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a balanced training set from a split's manifest with the SeizureTransformer recipe the Python system uses,
 * once, for all epochs:
 *
 * <ol>
 *   <li>every partial-seizure window ({@code P} of them), in manifest order;
 *   <li>{@code min(int(fullRatio·P), F)} of the {@code F} full-seizure windows, drawn without replacement;
 *   <li>{@code min(int(backgroundRatio·P), B)} of the {@code B} background windows, drawn without replacement;
 *   <li>the combined list shuffled.
 * </ol>
 *
 * The draws use NumPy's {@code default_rng(seed)} stream ({@code Generator.choice(…, replace=False)}, then
 * {@code Generator.shuffle}) in that order, so the same manifest and seed give the same windows in the same order as
 * the Python system's {@code BalancedSeizureDataset}; ratios default to 0.3 and 2.5 and the seed to 42.
 *
 * <pre>{@code
 * BalancedSample s = BalancedSampler.seed(42).sample(cache.split("train").requireSeizureWindows());
 * System.out.println(s);   // counts and seizure ratio
 * }</pre>
 */
public final class BalancedSampler {
    /** The Python system's full-seizure windows per partial window. */
    public static final double FULL_RATIO = 0.3;
    /** The Python system's background windows per partial window. */
    public static final double BACKGROUND_RATIO = 2.5;
    /** The Python system's seed. */
    public static final long DEFAULT_SEED = 42;

    private final long seed;
    private final double fullRatio;
    private final double backgroundRatio;

    private BalancedSampler(long seed, double fullRatio, double backgroundRatio) {
        if (seed < 0) {
            throw new IllegalArgumentException("the seed must be non-negative (as NumPy requires), got " + seed);
        }
        if (!(fullRatio >= 0)
                || !(backgroundRatio >= 0)
                || Double.isInfinite(fullRatio)
                || Double.isInfinite(backgroundRatio)) {
            throw new IllegalArgumentException(
                    "ratios must be finite and >= 0, got " + fullRatio + " and " + backgroundRatio);
        }
        this.seed = seed;
        this.fullRatio = fullRatio;
        this.backgroundRatio = backgroundRatio;
    }

    /** The recipe with seed 42 and ratios 0.3 and 2.5. */
    public static BalancedSampler defaults() {
        return new BalancedSampler(DEFAULT_SEED, FULL_RATIO, BACKGROUND_RATIO);
    }

    /** The recipe with this seed (non-negative, as NumPy requires). */
    public static BalancedSampler seed(long seed) {
        return new BalancedSampler(seed, FULL_RATIO, BACKGROUND_RATIO);
    }

    /** The same sampler with other ratios of full and background windows per partial window. */
    public BalancedSampler ratios(double full, double background) {
        return new BalancedSampler(seed, full, background);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /**
     * Draws from a manifest's three lists.
     *
     * @throws NoSeizureWindowsException when the manifest has no partial-seizure window (the recipe draws everything
     *     relative to them; the Python system raised here too)
     */
    public BalancedSample sample(Manifest manifest) {
        return sample(
                manifest.windows(WindowCategory.PARTIAL_SEIZURE),
                manifest.windows(WindowCategory.FULL_SEIZURE),
                manifest.windows(WindowCategory.NO_SEIZURE));
    }

    /**
     * Draws from three lists of windows (in manifest order: files sorted, windows in order).
     *
     * @throws NoSeizureWindowsException when {@code partial} is empty
     */
    public BalancedSample sample(List<WindowRef> partial, List<WindowRef> full, List<WindowRef> background) {
        if (partial.isEmpty()) {
            throw new NoSeizureWindowsException(
                    "the split",
                    new CategoryCounts(background.size(), 0, full.size()),
                    "the balanced recipe needs partial-seizure windows (it draws full and background windows"
                            + " relative to them); check the label files and build the cache again");
        }
        NumpyRandom rng = NumpyRandom.defaultRng(seed);
        List<WindowRef> out = new ArrayList<>(partial);
        int nFull = draw(rng, full, (int) (fullRatio * partial.size()), out);
        int nBackground = draw(rng, background, (int) (backgroundRatio * partial.size()), out);
        rng.shuffle(out);
        return new BalancedSample(out, partial.size(), nFull, nBackground, seed, fullRatio, backgroundRatio);
    }

    /** Appends {@code min(wanted, from.size())} windows of {@code from} drawn without replacement; returns how many. */
    private static int draw(NumpyRandom rng, List<WindowRef> from, int wanted, List<WindowRef> out) {
        if (from.isEmpty() || wanted <= 0) {
            return 0;
        }
        int[] idx = rng.choiceWithoutReplacement(from.size(), Math.min(wanted, from.size()));
        for (int i : idx) {
            out.add(from.get(i));
        }
        return idx.length;
    }

    @Override
    public String toString() {
        return "BalancedSampler[seed " + seed + ", full " + fullRatio + ", background " + backgroundRatio + "]";
    }
}
