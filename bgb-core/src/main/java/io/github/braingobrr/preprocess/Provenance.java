package io.github.braingobrr.preprocess;

import java.util.List;
import java.util.Map;

/**
 * Where a {@link Recording} came from and what was done to it.
 *
 * @param source the signal source's name
 * @param sourceLabels for every electrode read, the label it was read from
 * @param sourceRate the recording's sampling rate, hertz
 * @param sourceSamples samples per signal in the recording
 * @param interpolated electrodes filled by interpolation
 * @param zeroed electrodes filled with zeros
 * @param labelSource the label file's name, or empty when there was none
 * @param labelsMissing true when there was no label file and the recording was treated as background
 * @param warnings notes: tolerated deviations of the source (EDF header), ambiguous labels, skipped label lines,
 *     missing label file
 * @param configHash {@link PreprocessingConfig#hash()} of the configuration used
 */
public record Provenance(
        String source,
        Map<String, String> sourceLabels,
        double sourceRate,
        int sourceSamples,
        List<String> interpolated,
        List<String> zeroed,
        String labelSource,
        boolean labelsMissing,
        List<String> warnings,
        String configHash) {
    public Provenance {
        sourceLabels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sourceLabels));
        interpolated = List.copyOf(interpolated);
        zeroed = List.copyOf(zeroed);
        warnings = List.copyOf(warnings);
    }
}
