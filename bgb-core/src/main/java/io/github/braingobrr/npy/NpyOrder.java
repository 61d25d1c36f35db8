package io.github.braingobrr.npy;

/** The memory layout of an array's elements in a {@code .npy} file: the header's {@code fortran_order}. */
public enum NpyOrder {
    /** Row-major: the last index varies fastest ({@code fortran_order: False}). */
    C,
    /** Column-major: the first index varies fastest ({@code fortran_order: True}). */
    FORTRAN
}
