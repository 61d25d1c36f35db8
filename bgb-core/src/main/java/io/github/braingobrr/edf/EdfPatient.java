package io.github.braingobrr.edf;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The EDF+ subfields of the patient identification: code, sex, birthdate, name and the free remainder.
 *
 * <p>Unknown subfields (written {@code X}) are empty strings; underscores in code and name are read back as
 * spaces, as EDF+ prescribes.
 *
 * @param code the hospital patient code, or empty
 * @param sex {@code M}, {@code F}, or empty when unknown
 * @param birthdate the birthdate as written ({@code dd-MMM-yyyy}, for example {@code 02-AUG-1951}), or empty
 * @param name the patient's name, or empty
 * @param additional whatever follows the four subfields, or empty
 */
public record EdfPatient(String code, String sex, String birthdate, String name, String additional) {
    public EdfPatient {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(birthdate, "birthdate");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(additional, "additional");
    }

    /** A patient with the given code, sex ({@code M}/{@code F}/empty), birthdate (or null) and name. */
    public static EdfPatient of(String code, String sex, LocalDate birthdate, String name) {
        return new EdfPatient(code, sex, birthdate == null ? "" : Subfields.formatDate(birthdate), name, "");
    }

    /** All subfields unknown. */
    public static EdfPatient unknown() {
        return new EdfPatient("", "", "", "", "");
    }

    /** The birthdate as a date, when it is written as a valid {@code dd-MMM-yyyy}. */
    public Optional<LocalDate> birthdateValue() {
        return Subfields.parseDate(birthdate);
    }
}
