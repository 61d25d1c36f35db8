package io.github.braingobrr.edf;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The EDF+ subfields of the recording identification: start date, admin code, technician, equipment and the
 * free remainder.
 *
 * <p>Unknown subfields (written {@code X}) are empty strings; underscores are read back as spaces.
 *
 * @param startdate the start date as written after {@code Startdate} ({@code dd-MMM-yyyy}), or empty
 * @param adminCode the hospital administration code of the investigation, or empty
 * @param technician the code or name of the responsible technician, or empty
 * @param equipment the code or name of the equipment, or empty
 * @param additional whatever follows the subfields, or empty
 */
public record EdfRecording(String startdate, String adminCode, String technician, String equipment, String additional) {
    public EdfRecording {
        Objects.requireNonNull(startdate, "startdate");
        Objects.requireNonNull(adminCode, "adminCode");
        Objects.requireNonNull(technician, "technician");
        Objects.requireNonNull(equipment, "equipment");
        Objects.requireNonNull(additional, "additional");
    }

    /** Recording subfields for a writer; the start date is taken from the writer's start time. */
    public static EdfRecording of(String adminCode, String technician, String equipment) {
        return new EdfRecording("", adminCode, technician, equipment, "");
    }

    /** The start date as a date, when it is written as a valid {@code dd-MMM-yyyy}. */
    public Optional<LocalDate> startdateValue() {
        return Subfields.parseDate(startdate);
    }
}
