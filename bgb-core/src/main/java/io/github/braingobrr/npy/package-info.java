/**
 * NumPy {@code .npy} and {@code .npz} files, read and written exactly as NumPy does: every numeric dtype,
 * bool, {@code <U n} and {@code |S n} strings, both byte orders, C and Fortran order, 0-d and empty arrays,
 * format versions 1.0 to 3.0, STORED and DEFLATED members, zip64. Arrays may exceed 2 GiB and the heap
 * (memory mapping), and a slice of the first axis is read without reading the rest, through any
 * {@link io.github.braingobrr.npy.PositionalSource}.
 *
 * <p>Entry points: {@link io.github.braingobrr.npy.Npy} for {@code .npy} files,
 * {@link io.github.braingobrr.npy.NpzReader} and {@link io.github.braingobrr.npy.NpzWriter} for archives,
 * {@link io.github.braingobrr.npy.NpyArray} for the values.
 */
package io.github.braingobrr.npy;
