package io.github.braingobrr.preprocess;

import java.io.IOException;

/** A recording that cannot be preprocessed as configured; the message names the recording and what to change. */
public class PreprocessingException extends IOException {
    private static final long serialVersionUID = 1L;

    /** With a message that names the recording, the problem and the remedy. */
    public PreprocessingException(String message) {
        super(message);
    }
}
