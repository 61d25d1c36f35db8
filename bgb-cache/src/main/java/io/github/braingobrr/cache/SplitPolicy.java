package io.github.braingobrr.cache;

/**
 * How recordings are assigned to splits; recorded in {@code .cache_metadata.json} as {@code split_policy}, the key
 * the Python system checks.
 */
public enum SplitPolicy {
    /**
     * The official TUSZ split: the split is the folder under the data directory ({@code train}, {@code dev},
     * {@code eval}; {@code val} is refused in favour of {@code dev}), the patient is the file stem before the first
     * {@code _}, and no patient may appear in two splits.
     */
    OFFICIAL_TUSZ("official_tusz");

    private final String id;

    SplitPolicy(String id) {
        this.id = id;
    }

    /** The name written in metadata: {@code official_tusz}. */
    public String id() {
        return id;
    }

    /** The policy named {@code id}, or {@code null} when bgb does not know it. */
    static SplitPolicy byId(String id) {
        for (SplitPolicy p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        return null;
    }
}
