package io.github.braingobrr.synthetic;

import io.github.braingobrr.labels.SeizureType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One seizure planted in a synthetic recording: an evolving rhythmic spike-wave discharge whose frequency
 * glides from {@link #startFrequencyHz()} to {@link #endFrequencyHz()} (both within 3–8 Hz) between
 * {@link #startSeconds()} and {@link #stopSeconds()}, on the listed electrodes only.
 *
 * <p>Times are multiples of 0.1 ms, exactly as the label files print them with four decimals. The TUSZ
 * label of every listed TCP channel in the per-channel {@code .csv} is {@link #type()} over this
 * interval; the {@code .csv_bi} has a {@code seiz} row over it.
 *
 * @param type the TUSZ seizure type: any epileptic type except the generic {@link SeizureType#SEIZ}
 * @param startSeconds onset, seconds from the first sample
 * @param stopSeconds offset, seconds from the first sample
 * @param focus the electrode a focal seizure spreads from; empty for a generalized seizure
 * @param electrodes the involved electrodes (TUH names, e.g. {@code T3}); only these carry the discharge
 * @param channels the involved TCP channels (those with an involved electrode), in montage order
 * @param startFrequencyHz discharge frequency at onset
 * @param endFrequencyHz discharge frequency at offset
 * @param amplitudeMicrovolts peak-to-peak amplitude at full development on a weight-1 electrode
 */
public record PlantedSeizure(
        SeizureType type,
        double startSeconds,
        double stopSeconds,
        String focus,
        List<String> electrodes,
        List<String> channels,
        double startFrequencyHz,
        double endFrequencyHz,
        double amplitudeMicrovolts) {

    /** Validates the fields and copies the lists. */
    public PlantedSeizure {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(focus, "focus");
        electrodes = List.copyOf(electrodes);
        channels = List.copyOf(channels);
        SeizureKind kind = SeizureKind.of(type);
        if (kind == null) {
            throw new IllegalArgumentException("seizure type '" + type.code() + "' is not planted; use one of "
                    + Arrays.stream(SeizureKind.values())
                            .map(k -> k.type.code())
                            .collect(Collectors.joining(" ")));
        }
        if (!(startSeconds >= 0 && stopSeconds > startSeconds) || !Double.isFinite(stopSeconds)) {
            throw new IllegalArgumentException(
                    "seizure " + type.code() + ": need 0 <= start < stop, got " + startSeconds + ".." + stopSeconds);
        }
        if (kind.generalized != focus.isEmpty()) {
            throw new IllegalArgumentException(
                    "seizure " + type.code() + " is " + (kind.generalized ? "generalized" : "focal")
                            + (kind.generalized ? " and must not name a focus" : " and must name its focus electrode"));
        }
        if (electrodes.isEmpty() || channels.isEmpty()) {
            throw new IllegalArgumentException("seizure " + type.code() + " at " + startSeconds
                    + " s involves no electrode or no TCP channel; list at least one of each");
        }
        if (!focus.isEmpty() && !electrodes.contains(focus)) {
            throw new IllegalArgumentException(
                    "seizure " + type.code() + ": focus " + focus + " is not among its electrodes " + electrodes);
        }
        for (double f : new double[] {startFrequencyHz, endFrequencyHz}) {
            if (!(f >= 3 && f <= 8)) {
                throw new IllegalArgumentException(
                        "seizure " + type.code() + ": frequency " + f + " Hz is outside the planted range 3..8 Hz");
            }
        }
        if (!(amplitudeMicrovolts > 0 && amplitudeMicrovolts <= 1000)) {
            throw new IllegalArgumentException(
                    "seizure " + type.code() + ": amplitude " + amplitudeMicrovolts + " uV must be in (0, 1000]");
        }
    }

    /** Whether the seizure is generalized (no focus, all electrodes involved). */
    public boolean generalized() {
        return focus.isEmpty();
    }

    /** {@code stop − start}, seconds. */
    public double durationSeconds() {
        return stopSeconds - startSeconds;
    }
}
