/**
 * A bridge between HDF5 files and {@link io.github.braingobrr.npy.NpyArray}s for users whose EEG or caches
 * live in HDF5: {@link io.github.braingobrr.hdf5.Hdf5Reader} reads datasets (chunked, compressed, any
 * superblock version) and attributes; {@link io.github.braingobrr.hdf5.Hdf5Writer} writes datasets with
 * attributes. Both use jhdf.
 */
package io.github.braingobrr.hdf5;
