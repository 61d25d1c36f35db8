package io.github.braingobrr.preprocess;

/** A window's class by its seizure fraction, with the manifest key the Python training code reads. */
public enum WindowCategory {
    /** No seizure sample. */
    NO_SEIZURE("no_seizure"),
    /** Some, but fewer than the full threshold (0.99 in the seed). */
    PARTIAL_SEIZURE("partial_seizure"),
    /** At least the full threshold. */
    FULL_SEIZURE("full_seizure");

    private final String manifestKey;

    WindowCategory(String manifestKey) {
        this.manifestKey = manifestKey;
    }

    /** The key in {@code manifest.json}: {@code no_seizure}, {@code partial_seizure}, {@code full_seizure}. */
    public String manifestKey() {
        return manifestKey;
    }
}
