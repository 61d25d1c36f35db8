package io.github.braingobrr.synthetic;

import io.github.braingobrr.labels.LabelEvent;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.LabelWriter;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.montage.ChannelNames;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything about one synthetic recording except its samples: where it goes in the TUSZ v2 layout, its EDF
 * header fields and signals, and the seizures planted in it. {@link SyntheticRecording#of} turns it into
 * samples; the same spec always gives the same samples.
 *
 * <p>The layout is {@code <split>/<patient>/<session dir>/<montage dir>/<patient>_sNNN_tNNN.edf} under the
 * corpus root, for example {@code train/aaaaaxyz/s001_2012/01_tcp_ar/aaaaaxyz_s001_t000.edf}, with
 * {@code .csv} and {@code .csv_bi} siblings. Data records last one second, so {@link #durationSeconds()} is
 * also the number of records.
 *
 * @param split the split the patient belongs to
 * @param patient patient id, lower-case letters and digits (TUSZ style: {@code aaaaaxyz})
 * @param session session number, 1–999
 * @param sessionYear year in the session folder name and the EDF start date
 * @param token token (segment) number within the session, 0–999
 * @param montage recording configuration (montage folder, label suffix)
 * @param samplingRate rate of the EEG and ECG signals, Hz
 * @param durationSeconds whole seconds
 * @param signals the signals in EDF order
 * @param seizures planted seizures in time order, non-overlapping
 * @param alphaFrequencyHz frequency of the posterior alpha rhythm
 * @param seed seed of every random quantity in the samples
 */
public record SyntheticRecordingSpec(
        CorpusSplit split,
        String patient,
        int session,
        int sessionYear,
        int token,
        TuhMontage montage,
        int samplingRate,
        int durationSeconds,
        List<SyntheticSignal> signals,
        List<PlantedSeizure> seizures,
        double alphaFrequencyHz,
        long seed) {

    /** The 19 referential 10-20 electrodes of the seed pipeline ({@link ChannelNames#SEED_19}), in TUH spelling. */
    static final List<String> TEN_TWENTY =
            ChannelNames.SEED_19.stream().map(e -> e.toUpperCase(Locale.ROOT)).toList();

    /** The {@code montage_file} header of the label files, as TUSZ v2 writes it. */
    static final String LABEL_MONTAGE_FILE = "$NEDC_NFC/lib/nedc_eas_default_montage.txt";

    private static final String BACKGROUND = "bckg";

    private static final Pattern PATIENT = Pattern.compile("[a-z0-9]{1,32}");

    /** Validates the spec; the messages name the field and the recording. */
    public SyntheticRecordingSpec {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(montage, "montage");
        signals = List.copyOf(signals);
        seizures = List.copyOf(seizures);
        String where = "synthetic recording " + patient + "_s" + session + "_t" + token + ": ";
        if (!PATIENT.matcher(patient).matches()) {
            throw new IllegalArgumentException(
                    where + "patient id must be 1-32 lower-case letters or digits (no '_'), got '" + patient + "'");
        }
        if (session < 1 || session > 999 || token < 0 || token > 999) {
            throw new IllegalArgumentException(where + "session must be 1..999 and token 0..999");
        }
        if (sessionYear < 1985 || sessionYear > 2084) {
            throw new IllegalArgumentException(
                    where + "sessionYear " + sessionYear + " must be 1985..2084 (EDF two-digit years)");
        }
        if (samplingRate < 64 || samplingRate > 8192) {
            throw new IllegalArgumentException(where + "samplingRate " + samplingRate + " must be 64..8192 Hz");
        }
        if (durationSeconds < 1) {
            throw new IllegalArgumentException(where + "durationSeconds must be at least 1, got " + durationSeconds);
        }
        if (!(alphaFrequencyHz >= 7 && alphaFrequencyHz <= 14)) {
            throw new IllegalArgumentException(where + "alphaFrequencyHz " + alphaFrequencyHz + " must be 7..14");
        }
        if (signals.isEmpty()) {
            throw new IllegalArgumentException(where + "needs at least one signal");
        }
        Set<String> labels = new HashSet<>();
        Set<String> present = new HashSet<>();
        for (SyntheticSignal s : signals) {
            if (!labels.add(s.label())) {
                throw new IllegalArgumentException(where + "duplicate signal label '" + s.label() + "'");
            }
            if (s.source() != SyntheticSignal.Source.FLAT && s.samplingRate() != samplingRate) {
                throw new IllegalArgumentException(where + "signal '" + s.label() + "' has " + s.samplingRate()
                        + " samples per record; EEG and ECG signals must run at " + samplingRate + " Hz");
            }
            if (s.source() == SyntheticSignal.Source.EEG) {
                if (!Electrodes.known(s.electrode())) {
                    throw new IllegalArgumentException(
                            where + "signal '" + s.label() + "': no scalp position for electrode " + s.electrode());
                }
                if (!present.add(s.electrode())) {
                    throw new IllegalArgumentException(where + "electrode " + s.electrode() + " appears twice");
                }
            }
        }
        double previousStop = 0;
        for (PlantedSeizure z : seizures) {
            if (z.startSeconds() < previousStop || z.stopSeconds() > durationSeconds) {
                throw new IllegalArgumentException(where + "seizure " + z.type().code() + " " + z.startSeconds() + ".."
                        + z.stopSeconds() + " s must lie within 0.." + durationSeconds
                        + " s, after the previous one, without overlap");
            }
            previousStop = z.stopSeconds();
            for (String e : z.electrodes()) {
                if (!present.contains(e) || !Electrodes.seizureCandidate(e)) {
                    throw new IllegalArgumentException(where + "seizure "
                            + z.type().code() + " involves electrode " + e + " that has no scalp signal");
                }
            }
            if (!montage.tcpChannels().containsAll(z.channels())) {
                throw new IllegalArgumentException(where + "seizure " + z.type().code()
                        + " lists channels outside the TCP montage: " + z.channels());
            }
        }
    }

    /** The file stem, {@code <patient>_sNNN_tNNN}; its part before the first {@code _} is the patient. */
    public String stem() {
        return String.format(Locale.ROOT, "%s_s%03d_t%03d", patient, session, token);
    }

    /** The session folder, {@code sNNN_YYYY}. */
    public String sessionDirectory() {
        return String.format(Locale.ROOT, "s%03d_%04d", session, sessionYear);
    }

    /** The EDF file relative to the corpus root. */
    public Path relativeEdfPath() {
        return Path.of(split.directory(), patient, sessionDirectory(), montage.directory(), stem() + ".edf");
    }

    /** The per-channel label file relative to the corpus root. */
    public Path relativeCsvPath() {
        return relativeEdfPath().resolveSibling(stem() + ".csv");
    }

    /** The term-based (binary) label file relative to the corpus root. */
    public Path relativeCsvBiPath() {
        return relativeEdfPath().resolveSibling(stem() + ".csv_bi");
    }

    /** Data records in the EDF file (one second each). */
    public int numberOfRecords() {
        return durationSeconds;
    }

    /** EDF record duration, seconds. */
    public int recordDurationSeconds() {
        return 1;
    }

    /** EDF+ style patient field: the patient id, then TUSZ v2's anonymised {@code X X X}. */
    public String patientField() {
        return patient + " X X X";
    }

    /** EDF+ style recording field, as TUSZ v2 writes it: {@code Startdate 01-JAN-YYYY X X X}. */
    public String recordingField() {
        return "Startdate 01-JAN-" + sessionYear + " X X X";
    }

    /** EDF start date and time: midnight on 1 January of the session year (TUSZ v2's anonymised start). */
    public LocalDateTime startDateTime() {
        return LocalDateTime.of(sessionYear, 1, 1, 0, 0, 0);
    }

    /** The EEG electrodes present, in signal order. */
    public List<String> electrodes() {
        List<String> out = new ArrayList<>();
        for (SyntheticSignal s : signals) {
            if (s.source() == SyntheticSignal.Source.EEG) {
                out.add(s.electrode());
            }
        }
        return out;
    }

    /** Those of the 19 10-20 electrodes of the seed pipeline that this recording lacks (e.g. {@code FZ}). */
    public List<String> missingElectrodes() {
        List<String> have = electrodes();
        List<String> out = new ArrayList<>();
        for (String e : TEN_TWENTY) {
            if (!have.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The index of the signal with this EDF label, or −1. */
    public int signalIndex(String label) {
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether any seizure is planted. */
    public boolean hasSeizures() {
        return !seizures.isEmpty();
    }

    /** Total planted seizure time, seconds. */
    public double seizureSeconds() {
        double sum = 0;
        for (PlantedSeizure z : seizures) {
            sum += z.durationSeconds();
        }
        return sum;
    }

    /**
     * The TUSZ v2 per-channel labels ({@code .csv}) of this recording: on each of the 22 TCP channels, contiguous
     * rows over the whole recording, {@code bckg} between seizures and the seizure's type where the channel is
     * involved. {@link LabelWriter} writes them as TUSZ does ({@code csv_v1.0.0}, four-decimal times).
     */
    public LabelFile labels() {
        List<LabelEvent> rows = new ArrayList<>();
        for (String channel : montage.tcpChannels()) {
            double t = 0;
            for (PlantedSeizure z : seizures) {
                if (!z.channels().contains(channel)) {
                    continue;
                }
                if (z.startSeconds() > t) {
                    rows.add(new LabelEvent(channel, t, z.startSeconds(), BACKGROUND, 1));
                }
                rows.add(new LabelEvent(
                        channel, z.startSeconds(), z.stopSeconds(), z.type().code(), 1));
                t = z.stopSeconds();
            }
            if (t < durationSeconds) {
                rows.add(new LabelEvent(channel, t, durationSeconds, BACKGROUND, 1));
            }
        }
        return LabelFile.of(LabelFormat.CSV, stem(), durationSeconds, LABEL_MONTAGE_FILE, rows);
    }

    /**
     * The TUSZ v2 term-based labels ({@code .csv_bi}): the binary view of {@link #labels()}
     * ({@link LabelFile#toBinary}), one {@code TERM,…,seiz} row per seizure, or a single whole-recording
     * {@code bckg} row when there is none, as in TUSZ v2.0.x.
     */
    public LabelFile binaryLabels() {
        return labels().toBinary(SeizureType.epileptic());
    }
}
