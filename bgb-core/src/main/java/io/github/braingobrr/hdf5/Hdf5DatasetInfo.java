package io.github.braingobrr.hdf5;

import io.github.braingobrr.npy.NpyDtype;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What an HDF5 file says about one dataset, without reading its values.
 *
 * @param path absolute path, for example {@code /eeg/data}
 * @param dtype the NumPy dtype {@link Hdf5Reader#read} returns (float16 data comes back as float32), or null
 *     when there is none (variable-length strings, whose width is known only after reading, and types such
 *     as compounds that do not convert)
 * @param shape dimensions ({@code []} for a scalar)
 * @param empty whether the dataset has a null dataspace (h5py's {@code Empty}): no values at all
 * @param layout {@code CONTIGUOUS}, {@code CHUNKED} or {@code COMPACT}
 * @param chunkShape the chunk dimensions of a chunked dataset, else empty
 * @param filters the filter pipeline, in order (for example {@code [shuffle, deflate]})
 */
public record Hdf5DatasetInfo(
        String path,
        NpyDtype dtype,
        long[] shape,
        boolean empty,
        String layout,
        int[] chunkShape,
        List<String> filters) {

    /** Copies the arrays and the list. */
    public Hdf5DatasetInfo {
        Objects.requireNonNull(path, "path");
        shape = shape.clone();
        chunkShape = chunkShape.clone();
        filters = List.copyOf(filters);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int[] chunkShape() {
        return chunkShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hdf5DatasetInfo i
                && path.equals(i.path)
                && Objects.equals(dtype, i.dtype)
                && Arrays.equals(shape, i.shape)
                && empty == i.empty
                && layout.equals(i.layout)
                && Arrays.equals(chunkShape, i.chunkShape)
                && filters.equals(i.filters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, dtype, Arrays.hashCode(shape), empty, layout, Arrays.hashCode(chunkShape), filters);
    }

    @Override
    public String toString() {
        return path + " " + (dtype == null ? "?" : dtype.descr()) + " " + Arrays.toString(shape) + " " + layout
                + (chunkShape.length > 0 ? " chunks " + Arrays.toString(chunkShape) : "")
                + (filters.isEmpty() ? "" : " " + filters) + (empty ? " (empty)" : "");
    }
}
