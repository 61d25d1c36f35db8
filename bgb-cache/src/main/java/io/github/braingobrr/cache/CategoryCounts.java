package io.github.braingobrr.cache;

import io.github.braingobrr.preprocess.WindowCategory;
import java.util.List;

/**
 * Window counts per category (the manifest's {@code no_seizure}, {@code partial_seizure} and {@code full_seizure}).
 *
 * @param noSeizure windows without a seizure sample
 * @param partialSeizure windows partly in a seizure
 * @param fullSeizure windows (almost) entirely in a seizure
 */
public record CategoryCounts(long noSeizure, long partialSeizure, long fullSeizure) {
    /** No windows. */
    public static final CategoryCounts ZERO = new CategoryCounts(0, 0, 0);

    /** Validates the counts. */
    public CategoryCounts {
        if (noSeizure < 0 || partialSeizure < 0 || fullSeizure < 0) {
            throw new IllegalArgumentException(
                    "negative window count: " + noSeizure + "/" + partialSeizure + "/" + fullSeizure);
        }
    }

    /** The counts of a list of window categories. */
    public static CategoryCounts of(List<WindowCategory> categories) {
        long[] n = new long[3];
        for (WindowCategory c : categories) {
            n[c.ordinal()]++;
        }
        return new CategoryCounts(
                n[WindowCategory.NO_SEIZURE.ordinal()],
                n[WindowCategory.PARTIAL_SEIZURE.ordinal()],
                n[WindowCategory.FULL_SEIZURE.ordinal()]);
    }

    /** The count of one category. */
    public long get(WindowCategory category) {
        return switch (category) {
            case NO_SEIZURE -> noSeizure;
            case PARTIAL_SEIZURE -> partialSeizure;
            case FULL_SEIZURE -> fullSeizure;
        };
    }

    /** All windows. */
    public long total() {
        return noSeizure + partialSeizure + fullSeizure;
    }

    /** Windows with any seizure sample: partial + full. */
    public long seizure() {
        return partialSeizure + fullSeizure;
    }

    /** The sum of two counts. */
    public CategoryCounts plus(CategoryCounts o) {
        return new CategoryCounts(
                noSeizure + o.noSeizure, partialSeizure + o.partialSeizure, fullSeizure + o.fullSeizure);
    }

    /** As the CLI prints them: {@code partial/full/none}. */
    @Override
    public String toString() {
        return partialSeizure + " partial / " + fullSeizure + " full / " + noSeizure + " none";
    }
}
