package io.github.braingobrr.montage;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to do when a recording lacks electrodes the montage needs: {@link Action#REJECT} the recording,
 * {@link Action#ZERO zero-fill} them, or {@link Action#INTERPOLATE} them by spherical splines from the present
 * electrodes of the montage. {@code only}, when not empty, restricts filling to those electrodes: a missing
 * electrode outside it rejects the recording.
 *
 * @param action what to do with missing electrodes
 * @param only the electrodes that may be filled (canonical names); empty means any
 */
public record MissingChannelPolicy(Action action, Set<String> only) {
    /** The choice for missing electrodes. */
    public enum Action {
        /** Fail with a {@link MissingChannelsException}. */
        REJECT,
        /** Fill with zeros. */
        ZERO,
        /** Spherical-spline interpolation from the present electrodes. */
        INTERPOLATE
    }

    public MissingChannelPolicy {
        if (action == null) {
            throw new IllegalArgumentException("action is required");
        }
        TreeSet<String> names = new TreeSet<>();
        for (String name : only == null ? Set.<String>of() : only) {
            names.add(ChannelNames.canonical(name)
                    .orElseThrow(() -> new IllegalArgumentException("not a 10-20 electrode name: " + name)));
        }
        only = java.util.Collections.unmodifiableSortedSet(names);
    }

    /** Reject any recording with a missing electrode. */
    public static MissingChannelPolicy reject() {
        return new MissingChannelPolicy(Action.REJECT, Set.of());
    }

    /** Zero-fill any missing electrode. */
    public static MissingChannelPolicy zero() {
        return new MissingChannelPolicy(Action.ZERO, Set.of());
    }

    /** Interpolate any missing electrode. */
    public static MissingChannelPolicy interpolate() {
        return new MissingChannelPolicy(Action.INTERPOLATE, Set.of());
    }

    /** Interpolate the given electrodes when they are missing; reject a recording that misses any other. */
    public static MissingChannelPolicy interpolateOnly(String... electrodes) {
        return new MissingChannelPolicy(Action.INTERPOLATE, Set.of(electrodes));
    }

    /** The seed's behaviour: interpolate Fz and Pz, reject anything else missing. */
    public static MissingChannelPolicy seed() {
        return interpolateOnly("Fz", "Pz");
    }

    /** Whether a missing electrode may be filled under this policy. */
    public boolean fills(String electrode) {
        return action != Action.REJECT && (only.isEmpty() || only.contains(electrode));
    }

    /** Short text for messages and provenance, e.g. {@code "interpolate only [Fz, Pz]"}. */
    public String describe() {
        String a = action.name().toLowerCase(Locale.ROOT);
        return only.isEmpty() || action == Action.REJECT ? a : a + " only " + only;
    }
}
