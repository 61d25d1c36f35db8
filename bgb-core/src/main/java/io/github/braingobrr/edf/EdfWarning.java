package io.github.braingobrr.edf;

/**
 * A deviation from the EDF specification that lenient reading tolerated.
 *
 * @param file the file's display name
 * @param field the header field or data part concerned
 * @param offset the byte offset of the field in the file, or -1 when no single offset applies
 * @param value the offending value as found (possibly empty), or {@code null} when there is none
 * @param message what is wrong and how it was handled
 */
public record EdfWarning(String file, String field, long offset, String value, String message) {
    @Override
    public String toString() {
        return Diagnostics.describe(file, field, offset, value, message);
    }
}
