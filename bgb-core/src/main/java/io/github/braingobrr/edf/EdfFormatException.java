package io.github.braingobrr.edf;

import java.io.IOException;

/**
 * The bytes are not a readable EDF, EDF+ or BDF file (or break the specification while reading strictly).
 *
 * <p>The message names the file, the header field or data part, its byte offset, the offending value and what
 * to do; the same facts are available from the accessors.
 */
public final class EdfFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String field;
    private final long offset;
    private final String value;

    EdfFormatException(String file, String field, long offset, String value, String problem) {
        super(Diagnostics.describe(file, field, offset, value, problem));
        this.file = file;
        this.field = field;
        this.offset = offset;
        this.value = value;
    }

    /** The file's display name (its path, or the name given with a channel). */
    public String file() {
        return file;
    }

    /** The header field or data part at fault, for example {@code number of data records}. */
    public String field() {
        return field;
    }

    /** The byte offset of the field in the file, or -1 when no single offset applies. */
    public long offset() {
        return offset;
    }

    /** The offending value as found in the file (possibly empty), or {@code null} when there is none. */
    public String value() {
        return value;
    }
}
