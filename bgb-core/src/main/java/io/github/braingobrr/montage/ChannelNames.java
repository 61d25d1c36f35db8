package io.github.braingobrr.montage;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps EDF signal labels to 10-20 electrode names the way the seed pipeline does (SEED-PIPELINE.md §1):
 * remove spaces, strip a leading {@code EEG}, strip one suffix of {@code -LE}, {@code -REF}, {@code -AR},
 * match case-insensitively to a canonical electrode name, then apply the synonyms {@code T7→T3, T8→T4,
 * P7→T5, P8→T6}.
 *
 * <p>The prefix and suffix are matched case-insensitively here ({@code "EEG Fp1-Ref"} is {@code Fp1}), which
 * accepts a superset of the seed's labels and gives the same name for every label the seed recognises.
 * Canonical names are those of the standard 10-20 positions (MNE's {@code standard_1020}: {@code Fp1},
 * {@code Fz}, {@code A1}, …).
 */
public final class ChannelNames {
    /** The seed's 19 referential channels, in its order. */
    public static final List<String> SEED_19 = List.of(
            "Fp1", "F3", "C3", "P3", "F7", "T3", "T5", "O1", "Fz", "Cz", "Pz", "Fp2", "F4", "C4", "P4", "F8", "T4",
            "T6", "O2");

    private static final List<String> SUFFIXES = List.of("-LE", "-REF", "-AR");
    private static final Map<String, String> SYNONYMS = Map.of("T7", "T3", "T8", "T4", "P7", "T5", "P8", "T6");

    private ChannelNames() {}

    /**
     * The label with spaces removed, a leading {@code EEG} and one reference suffix stripped; case is kept
     * ({@code "EEG FP1-REF"} → {@code "FP1"}).
     */
    public static String normalize(String label) {
        String name = label.replace(" ", "");
        if (name.regionMatches(true, 0, "EEG", 0, 3)) {
            name = name.substring(3);
        }
        for (String suffix : SUFFIXES) {
            if (name.length() > suffix.length()
                    && name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length())) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        return name;
    }

    /**
     * The name a signal goes by: its canonical electrode name when it is an electrode ({@code "EEG FP1-REF"} →
     * {@code "Fp1"}, {@code "EEG T7-LE"} → {@code "T3"}), else the {@linkplain #normalize normalized} label
     * ({@code "EEG EKG1-REF"} → {@code "EKG1"}).
     */
    public static String name(String label) {
        return canonical(label).orElseGet(() -> normalize(label));
    }

    /** The canonical 10-20 electrode name of a label after synonyms, or empty when it is not an electrode. */
    public static Optional<String> canonical(String label) {
        String upper = normalize(label).toUpperCase(Locale.ROOT);
        String synonym = SYNONYMS.get(upper);
        if (synonym != null) {
            return Optional.of(synonym);
        }
        return Optional.ofNullable(StandardPositions.canonicalName(upper));
    }
}
