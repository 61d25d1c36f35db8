package io.github.braingobrr.montage;

import java.io.IOException;
import java.util.List;

/** A recording lacks electrodes its montage needs, and the {@link MissingChannelPolicy} does not fill them. */
public final class MissingChannelsException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final List<String> missing;

    MissingChannelsException(
            String source, Montage montage, List<String> missing, MissingChannelPolicy policy, List<String> labels) {
        super(source + ": missing channels " + missing + " for montage " + montage + " (missing-channel policy: "
                + policy.describe() + "); the file has labels " + labels
                + ". Choose MissingChannelPolicy.interpolate() or .zero() to fill them, or leave the file out");
        this.source = source;
        this.missing = List.copyOf(missing);
    }

    /** The recording, as named by its source. */
    public String source() {
        return source;
    }

    /** The missing electrodes (canonical names). */
    public List<String> missing() {
        return missing;
    }
}
