package io.github.braingobrr.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The size and mix of a synthetic corpus. Immutable; {@link #builder()} gives a fluent builder with these
 * defaults: 6 patients, 2 recordings each, 5 minutes ± 20 %, seed 1, rates 250/256/400/512 Hz, 20 % of the
 * patients in {@code dev} and 10 % in {@code eval}, seizures in half of the recordings, 10 % of the
 * recordings shorter than 60 s, 10 % without Fz and/or Pz, a third of the sessions in the linked-ears
 * ({@code 02_tcp_le}) configuration.
 *
 * <p>Fractions become counts by rounding, with these guarantees: every split that has patients has at
 * least one recording with seizures (when {@code seizureFraction > 0} and a recording is long enough to
 * hold one, 14 s); corpora of three or more recordings have at least one short recording and one missing
 * Fz/Pz (when those fractions are above 0); {@code dev} has a patient when there are two or more and
 * {@code eval} when there are three or more (when their fractions are above 0); and every rate is used when
 * there are at least as many sessions as rates.
 *
 * @param patients number of patients, 1..456976
 * @param recordingsPerPatient recordings (EDF files) per patient, spread over 1-3 per session, 1..999
 * @param minutesPerRecording nominal length of a recording, minutes, (0, 1440]
 * @param durationJitter relative spread of lengths around the nominal one, [0, 0.9]
 * @param seed seed of the whole corpus
 * @param samplingRates rates to mix, Hz, each 64..8192
 * @param devFraction share of patients in {@code dev}
 * @param evalFraction share of patients in {@code eval}
 * @param seizureFraction share of recordings with seizures, per split
 * @param shortFraction share of recordings shorter than 60 s (15-59 s)
 * @param missingFzPzFraction share of recordings lacking Fz, Pz or both
 * @param linkedEarsFraction share of sessions recorded {@code -LE} ({@code 02_tcp_le}) rather than {@code -REF}
 */
public record SyntheticCorpusConfig(
        int patients,
        int recordingsPerPatient,
        double minutesPerRecording,
        double durationJitter,
        long seed,
        List<Integer> samplingRates,
        double devFraction,
        double evalFraction,
        double seizureFraction,
        double shortFraction,
        double missingFzPzFraction,
        double linkedEarsFraction) {

    /** Highest patient count: the number of distinct {@code aaaaXXXX} ids. */
    public static final int MAX_PATIENTS = 26 * 26 * 26 * 26;

    /** Validates every field; the message names the field, the value and the allowed range. */
    public SyntheticCorpusConfig {
        samplingRates = List.copyOf(Objects.requireNonNull(samplingRates, "samplingRates"));
        check("patients", patients, 1, MAX_PATIENTS);
        check("recordingsPerPatient", recordingsPerPatient, 1, 999);
        if (!(minutesPerRecording > 0 && minutesPerRecording <= 1440)) {
            throw new IllegalArgumentException("minutesPerRecording must be in (0, 1440], got " + minutesPerRecording);
        }
        check("durationJitter", durationJitter, 0, 0.9);
        if (samplingRates.isEmpty()) {
            throw new IllegalArgumentException("samplingRates must name at least one rate, e.g. 256");
        }
        for (int rate : samplingRates) {
            check("samplingRates", rate, 64, 8192);
        }
        check("devFraction", devFraction, 0, 1);
        check("evalFraction", evalFraction, 0, 1);
        if (devFraction + evalFraction >= 1) {
            throw new IllegalArgumentException("devFraction + evalFraction must leave patients for train, got "
                    + devFraction + " + " + evalFraction);
        }
        check("seizureFraction", seizureFraction, 0, 1);
        check("shortFraction", shortFraction, 0, 1);
        check("missingFzPzFraction", missingFzPzFraction, 0, 1);
        check("linkedEarsFraction", linkedEarsFraction, 0, 1);
    }

    private static void check(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** A builder with the defaults listed above. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every recording of the corpus, without generating any samples. Deterministic in the config. */
    public List<SyntheticRecordingSpec> plan() {
        return CorpusPlanner.plan(this);
    }

    /** Fluent builder of {@link SyntheticCorpusConfig}; each setter returns the builder. */
    public static final class Builder {
        private int patients = 6;
        private int recordingsPerPatient = 2;
        private double minutesPerRecording = 5;
        private double durationJitter = 0.2;
        private long seed = 1;
        private List<Integer> samplingRates = List.of(250, 256, 400, 512);
        private double devFraction = 0.2;
        private double evalFraction = 0.1;
        private double seizureFraction = 0.5;
        private double shortFraction = 0.1;
        private double missingFzPzFraction = 0.1;
        private double linkedEarsFraction = 1.0 / 3;

        private Builder() {}

        private Builder(SyntheticCorpusConfig c) {
            patients = c.patients;
            recordingsPerPatient = c.recordingsPerPatient;
            minutesPerRecording = c.minutesPerRecording;
            durationJitter = c.durationJitter;
            seed = c.seed;
            samplingRates = c.samplingRates;
            devFraction = c.devFraction;
            evalFraction = c.evalFraction;
            seizureFraction = c.seizureFraction;
            shortFraction = c.shortFraction;
            missingFzPzFraction = c.missingFzPzFraction;
            linkedEarsFraction = c.linkedEarsFraction;
        }

        public Builder patients(int patients) {
            this.patients = patients;
            return this;
        }

        public Builder recordingsPerPatient(int recordingsPerPatient) {
            this.recordingsPerPatient = recordingsPerPatient;
            return this;
        }

        public Builder minutesPerRecording(double minutesPerRecording) {
            this.minutesPerRecording = minutesPerRecording;
            return this;
        }

        public Builder durationJitter(double durationJitter) {
            this.durationJitter = durationJitter;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder samplingRates(int... samplingRates) {
            Integer[] boxed = new Integer[samplingRates.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = samplingRates[i];
            }
            this.samplingRates = List.of(boxed);
            return this;
        }

        /** Shares of the patients in {@code dev} and {@code eval}; the rest are in {@code train}. */
        public Builder splits(double devFraction, double evalFraction) {
            this.devFraction = devFraction;
            this.evalFraction = evalFraction;
            return this;
        }

        public Builder seizureFraction(double seizureFraction) {
            this.seizureFraction = seizureFraction;
            return this;
        }

        public Builder shortFraction(double shortFraction) {
            this.shortFraction = shortFraction;
            return this;
        }

        public Builder missingFzPzFraction(double missingFzPzFraction) {
            this.missingFzPzFraction = missingFzPzFraction;
            return this;
        }

        public Builder linkedEarsFraction(double linkedEarsFraction) {
            this.linkedEarsFraction = linkedEarsFraction;
            return this;
        }

        /** The configuration, validated. */
        public SyntheticCorpusConfig build() {
            return new SyntheticCorpusConfig(
                    patients,
                    recordingsPerPatient,
                    minutesPerRecording,
                    durationJitter,
                    seed,
                    samplingRates,
                    devFraction,
                    evalFraction,
                    seizureFraction,
                    shortFraction,
                    missingFzPzFraction,
                    linkedEarsFraction);
        }

        /** {@code build().plan()}. */
        public List<SyntheticRecordingSpec> plan() {
            return build().plan();
        }

        /** {@code SyntheticCorpus.write(build(), root)}: the EDF and label files of every recording under {@code root}. */
        public SyntheticCorpus writeTo(Path root) throws IOException {
            return SyntheticCorpus.write(build(), root);
        }
    }
}
