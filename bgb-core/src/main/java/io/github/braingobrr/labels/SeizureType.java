package io.github.braingobrr.labels;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The TUSZ seizure labels, with the generic {@code seiz} of the binary ({@code _bi}) files. */
public enum SeizureType {
    /** Focal non-specific seizure. */
    FNSZ("fnsz", "focal non-specific seizure", true),
    /** Generalised non-specific seizure. */
    GNSZ("gnsz", "generalized non-specific seizure", true),
    /** Simple partial seizure. */
    SPSZ("spsz", "simple partial seizure", true),
    /** Complex partial seizure. */
    CPSZ("cpsz", "complex partial seizure", true),
    /** Absence seizure. */
    ABSZ("absz", "absence seizure", true),
    /** Tonic seizure. */
    TNSZ("tnsz", "tonic seizure", true),
    /** Clonic seizure. */
    CNSZ("cnsz", "clonic seizure", true),
    /** Tonic-clonic seizure. */
    TCSZ("tcsz", "tonic-clonic seizure", true),
    /** Atonic seizure. */
    ATSZ("atsz", "atonic seizure", true),
    /** Myoclonic seizure. */
    MYSZ("mysz", "myoclonic seizure", true),
    /** Non-epileptic seizure (not an epileptic event). */
    NESZ("nesz", "non-epileptic seizure", false),
    /** Seizure of unspecified type, as in {@code .csv_bi} / {@code .tse_bi} files. */
    SEIZ("seiz", "seizure (type not specified)", true);

    private final String code;
    private final String description;
    private final boolean epileptic;

    SeizureType(String code, String description, boolean epileptic) {
        this.code = code;
        this.description = description;
        this.epileptic = epileptic;
    }

    /** The label as written in TUSZ files, e.g. {@code "cpsz"}. */
    public String code() {
        return code;
    }

    /** A human-readable name. */
    public String description() {
        return description;
    }

    /** Whether it is an epileptic seizure (every type except {@link #NESZ}). */
    public boolean isEpileptic() {
        return epileptic;
    }

    /** The type of a label (case-insensitive, surrounding spaces ignored), or empty for background and other labels. */
    public static Optional<SeizureType> fromCode(String label) {
        String code = label.trim().toLowerCase(Locale.ROOT);
        for (SeizureType t : values()) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Every epileptic type: bgb's default seizure set. */
    public static Set<SeizureType> epileptic() {
        EnumSet<SeizureType> set = EnumSet.noneOf(SeizureType.class);
        for (SeizureType t : values()) {
            if (t.epileptic) {
                set.add(t);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    /**
     * The seed's set (SEED-PIPELINE.md §3): {@code seiz, gnsz, fnsz, cpsz, absz, spsz, tcsz, tnsz, mysz}. It
     * leaves out {@code cnsz} and {@code atsz}, which the seed therefore labelled as background.
     */
    public static Set<SeizureType> seed() {
        return Collections.unmodifiableSet(EnumSet.of(SEIZ, GNSZ, FNSZ, CPSZ, ABSZ, SPSZ, TCSZ, TNSZ, MYSZ));
    }
}
