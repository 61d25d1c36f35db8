package io.github.braingobrr.cache;

import java.util.List;
import java.util.Locale;

/** The names of the files a cache holds, relative to the cache root. */
final class CacheKeys {
    /** Per split: the window categories. */
    static final String MANIFEST = "manifest.json";
    /** Per split: files and window counts. */
    static final String INDEX = "_dataset_index.json";
    /** At the root: policy, layout, configuration. */
    static final String METADATA = ".cache_metadata.json";
    /** The splits of the official TUSZ policy, in the order they are built. */
    static final List<String> SPLITS = List.of("train", "dev", "eval");
    /** The member bgb adds to every cache file: a JSON description of where it came from. */
    static final String META_MEMBER = "bgb_meta";

    private CacheKeys() {}

    static String manifest(String split) {
        return split + "/" + MANIFEST;
    }

    static String index(String split) {
        return split + "/" + INDEX;
    }

    static String file(String split, String cacheFile) {
        return split + "/" + cacheFile;
    }

    /** Whether a name in a split folder is a cache file ({@code *.npz}). */
    static boolean isCacheFile(String name) {
        return name.indexOf('/') < 0 && name.toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    /**
     * Checks a requested split name.
     *
     * @throws IllegalArgumentException for {@code val} (pointing to {@code dev}) and names other than the official
     *     splits
     */
    static String checkSplit(String split) {
        String s = split == null ? "" : split.strip();
        if (s.equalsIgnoreCase("val") || s.equalsIgnoreCase("valid") || s.equalsIgnoreCase("validation")) {
            throw new IllegalArgumentException("there is no split '" + s + "': TUSZ and bgb call the validation split"
                    + " 'dev' (the Python system's --split val also meant dev); ask for 'dev'");
        }
        if (!SPLITS.contains(s)) {
            throw new IllegalArgumentException("unknown split '" + s + "'; the official TUSZ splits are " + SPLITS);
        }
        return s;
    }
}
