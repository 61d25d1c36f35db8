package io.github.braingobrr.hdf5;

import java.io.IOException;

/**
 * An HDF5 file that cannot be read or written as asked: a missing dataset, a type with no NumPy
 * equivalent, or a malformed file. The message names the file and the dataset.
 */
public class Hdf5Exception extends IOException {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public Hdf5Exception(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause} (usually a jhdf exception). */
    public Hdf5Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
