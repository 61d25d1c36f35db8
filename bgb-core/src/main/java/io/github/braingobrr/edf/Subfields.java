package io.github.braingobrr.edf;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and composing the EDF+ patient and recording subfields, and their {@code dd-MMM-yyyy} dates. */
final class Subfields {
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final Pattern DATE = Pattern.compile("(\\d{2})-([A-Za-z]{3})-(\\d{4})");
    private static final String UNKNOWN = "X";
    private static final String STARTDATE = "Startdate";

    private Subfields() {}

    static Optional<LocalDate> parseDate(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int month = MONTHS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
        if (month == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    static String formatDate(LocalDate date) {
        if (date.getYear() < 0 || date.getYear() > 9999) {
            throw new IllegalArgumentException("EDF+ dates need a 4-digit year: " + date);
        }
        return String.format(
                Locale.ROOT,
                "%02d-%s-%04d",
                date.getDayOfMonth(),
                MONTHS.get(date.getMonthValue() - 1),
                date.getYear());
    }

    /** The patient subfields, or empty when the field does not follow the EDF+ structure. */
    static Optional<EdfPatient> parsePatient(String field) {
        String[] t = tokens(field);
        if (t.length < 4) {
            return Optional.empty();
        }
        String sex = t[1];
        if (!sex.equals("M") && !sex.equals("F") && !sex.equals(UNKNOWN)) {
            return Optional.empty();
        }
        if (!t[2].equals(UNKNOWN) && parseDate(t[2]).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new EdfPatient(value(t[0]), sex.equals(UNKNOWN) ? "" : sex, value(t[2]), value(t[3]), remainder(t, 4)));
    }

    /** The recording subfields, or empty when the field does not start with {@code Startdate} and a date. */
    static Optional<EdfRecording> parseRecording(String field) {
        String[] t = tokens(field);
        if (t.length < 2 || !t[0].equals(STARTDATE)) {
            return Optional.empty();
        }
        if (!t[1].equals(UNKNOWN) && parseDate(t[1]).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new EdfRecording(value(t[1]), value(at(t, 2)), value(at(t, 3)), value(at(t, 4)), remainder(t, 5)));
    }

    /** Whether the recording field has all five EDF+ elements (Startdate, date, admin, technician, equipment). */
    static boolean recordingComplete(String field) {
        return tokens(field).length >= 5;
    }

    static String composePatient(EdfPatient p) {
        return join(subfield(p.code()), subfield(p.sex()), subfield(p.birthdate()), subfield(p.name()), p.additional());
    }

    static String composeRecording(LocalDate start, EdfRecording r) {
        return join(
                STARTDATE,
                formatDate(start),
                subfield(r.adminCode()),
                subfield(r.technician()),
                subfield(r.equipment()),
                r.additional());
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    private static String subfield(String s) {
        return s.isEmpty() ? UNKNOWN : s.replace(' ', '_');
    }

    private static String[] tokens(String field) {
        String s = field.strip();
        return s.isEmpty() ? new String[0] : s.split(" +");
    }

    private static String at(String[] t, int i) {
        return i < t.length ? t[i] : UNKNOWN;
    }

    private static String value(String token) {
        return token.equals(UNKNOWN) ? "" : token.replace('_', ' ');
    }

    private static String remainder(String[] t, int from) {
        return from >= t.length ? "" : String.join(" ", Arrays.asList(t).subList(from, t.length));
    }
}
