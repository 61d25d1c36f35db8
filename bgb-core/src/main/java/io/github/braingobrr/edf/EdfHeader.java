package io.github.braingobrr.edf;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The parsed main header of an EDF/EDF+/BDF file, with the raw field texts kept beside their values.
 *
 * <p>Text fields are as written, without trailing padding.
 *
 * @param format the variant, from the version and reserved fields
 * @param version the version field ({@code 0} for EDF; {@code BIOSEMI} after the 0xFF byte for BDF)
 * @param patientField the 80-character local patient identification
 * @param recordingField the 80-character local recording identification
 * @param patient the EDF+ patient subfields, when the field follows the EDF+ structure
 * @param recording the EDF+ recording subfields, when the field follows the EDF+ structure
 * @param startDateField the start date field ({@code dd.mm.yy})
 * @param startTimeField the start time field ({@code hh.mm.ss})
 * @param startDateTime the header start date and time (whole seconds), the century taken from the EDF+
 *     recording start date when there is one, else from the rule 85-99 → 19xx, 00-84 → 20xx; empty when the
 *     date or time field is invalid
 * @param startOffset seconds from {@code startDateTime} to the first sample: the onset of the first record's
 *     time-keeping annotation in EDF+ files (for example 0.3945312), else 0
 * @param headerBytes the declared header size in bytes, which is where the data records begin
 * @param reservedField the 44-character reserved field ({@code EDF+C}, {@code EDF+D}, ...)
 * @param recordCountField the declared number of data records (-1 means unknown)
 * @param recordCount the number of complete data records actually readable
 * @param recordDurationField the record duration as written, for example {@code 1.000000}
 * @param recordDuration the record duration in seconds (0 in annotation-only files)
 * @param signalCount the number of signals, annotation signals included
 */
public record EdfHeader(
        EdfFormat format,
        String version,
        String patientField,
        String recordingField,
        Optional<EdfPatient> patient,
        Optional<EdfRecording> recording,
        String startDateField,
        String startTimeField,
        Optional<LocalDateTime> startDateTime,
        double startOffset,
        long headerBytes,
        String reservedField,
        long recordCountField,
        int recordCount,
        String recordDurationField,
        double recordDuration,
        int signalCount) {

    /** The date and time of the first sample: {@link #startDateTime()} plus {@link #startOffset()}. */
    public Optional<LocalDateTime> recordingStart() {
        return startDateTime.map(t -> t.plusNanos(Math.round(startOffset * 1e9)));
    }

    /** The recorded time in seconds: record count times record duration (gaps of EDF+D files excluded). */
    public double recordedDuration() {
        return recordCount * recordDuration;
    }
}
