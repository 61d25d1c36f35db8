package io.github.braingobrr.labels;

import java.io.IOException;

/** A malformed annotation file; the message names the file and line and what is wrong. */
public final class LabelFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    LabelFormatException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file, as named when it was read. */
    public String file() {
        return file;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }
}
