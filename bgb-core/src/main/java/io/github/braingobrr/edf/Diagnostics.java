package io.github.braingobrr.edf;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects warnings for one file; in strict mode every warning is thrown as an {@link EdfFormatException}. */
final class Diagnostics {
    private static final Logger LOG = LoggerFactory.getLogger(EdfFile.class);
    private static final int MAX_VALUE_CHARS = 60;

    private final String file;
    private final boolean strict;
    private final List<EdfWarning> warnings = new ArrayList<>();

    Diagnostics(String file, boolean strict) {
        this.file = file;
        this.strict = strict;
    }

    String file() {
        return file;
    }

    /** Records a tolerated deviation, or throws it when reading strictly. */
    void warn(String field, long offset, String value, String problem) throws EdfFormatException {
        if (strict) {
            throw new EdfFormatException(file, field, offset, value, problem + " (strict mode)");
        }
        EdfWarning w = new EdfWarning(file, field, offset, value, problem);
        synchronized (warnings) {
            warnings.add(w);
        }
        LOG.debug("{}", w);
    }

    /** An error to throw: input that cannot be read in any mode. */
    EdfFormatException error(String field, long offset, String value, String problem) {
        return new EdfFormatException(file, field, offset, value, problem);
    }

    List<EdfWarning> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    static String describe(String file, String field, long offset, String value, String problem) {
        StringBuilder sb = new StringBuilder().append(file).append(": ").append(field);
        if (offset >= 0) {
            sb.append(" (byte offset ").append(offset).append(')');
        }
        if (value != null) {
            String v = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) + "..." : value;
            sb.append(" value '").append(escape(v)).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
