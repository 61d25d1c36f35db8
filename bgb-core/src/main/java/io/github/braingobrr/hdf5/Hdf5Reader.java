package io.github.braingobrr.hdf5;

import io.github.braingobrr.npy.NpyArray;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads EEG-like data from HDF5 files (any superblock version; contiguous, compact or chunked datasets,
 * deflate/shuffle/LZF-compressed) through jhdf, as {@link NpyArray}s and plain attribute values: for
 * example {@code read("/eeg/data")} is the {@code float32 (channels, samples)} array and
 * {@code attributes("/eeg/data").get("sfreq")} its sampling rate.
 */
public final class Hdf5Reader implements Closeable {
    private final HdfFile file;
    private final String name;

    private Hdf5Reader(HdfFile file, String name) {
        this.file = file;
        this.name = name;
    }

    /** Opens an HDF5 file for reading. */
    public static Hdf5Reader open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString());
        }
        try {
            return new Hdf5Reader(new HdfFile(path), path.toString());
        } catch (HdfException | IllegalArgumentException e) {
            throw new Hdf5Exception(path + " is not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    /** Every dataset reachable through groups (soft and external links are not followed), in file order. */
    public List<Hdf5DatasetInfo> datasets() throws Hdf5Exception {
        List<Hdf5DatasetInfo> out = new ArrayList<>();
        try {
            collect(file, out);
        } catch (HdfException e) {
            throw new Hdf5Exception(name + ": cannot list datasets: " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    private void collect(Group g, List<Hdf5DatasetInfo> out) {
        for (Node n : g.getChildren().values()) {
            if (n.isLink()) {
                continue;
            }
            if (n instanceof Dataset d) {
                out.add(describe(d));
            } else if (n instanceof Group child) {
                collect(child, out);
            }
        }
    }

    /** The description of one dataset. */
    public Hdf5DatasetInfo info(String path) throws Hdf5Exception {
        return describe(dataset(path));
    }

    private static Hdf5DatasetInfo describe(Dataset d) {
        int[] chunks = d instanceof ChunkedDataset c ? c.getChunkDimensions() : new int[0];
        List<String> filters = new ArrayList<>();
        for (PipelineFilterWithData f : d.getFilters()) {
            filters.add(f.getName());
        }
        return new Hdf5DatasetInfo(
                d.getPath(),
                Hdf5Arrays.dtypeOf(d.getDataType()),
                d.isEmpty() ? new long[0] : d.getDimensionsAsLong(),
                d.isEmpty(),
                d.getDataLayout().name(),
                chunks,
                filters);
    }

    private Dataset dataset(String path) throws Hdf5Exception {
        Node n;
        try {
            n = file.getByPath(path);
        } catch (HdfException e) {
            throw new Hdf5Exception(
                    name + " has no dataset '" + path + "' (" + e.getMessage() + "); it has " + datasetPaths(), e);
        }
        if (!(n instanceof Dataset d)) {
            throw new Hdf5Exception(name + ": '" + path + "' is a group, not a dataset; datasets: " + datasetPaths());
        }
        return d;
    }

    private List<String> datasetPaths() {
        List<String> paths = new ArrayList<>();
        try {
            for (Hdf5DatasetInfo i : datasets()) {
                paths.add(i.path());
            }
        } catch (Hdf5Exception e) {
            paths.add("(listing failed: " + e.getMessage() + ")");
        }
        return paths;
    }

    /**
     * Reads a whole dataset: its dtype (float16 widened to float32, fixed-length strings as {@code |S n},
     * variable-length strings as {@code <U n}) and shape, in C order.
     */
    public NpyArray read(String path) throws Hdf5Exception {
        Dataset d = dataset(path);
        if (d.isEmpty()) {
            throw new Hdf5Exception(name + ": dataset '" + path + "' has a null dataspace (no values to read)");
        }
        try {
            return Hdf5Arrays.toArray(d.getDataFlat(), d.getDataType(), d.getDimensionsAsLong(), name + ":" + path);
        } catch (HdfException e) {
            throw new Hdf5Exception(name + ": cannot read dataset '" + path + "': " + e.getMessage(), e);
        }
    }

    /**
     * Reads the hyperslab of a dataset starting at {@code offset} with dimensions {@code shape} (for
     * example one channel, or one time window of all channels); chunked datasets read only the chunks it
     * touches.
     */
    public NpyArray readSlice(String path, long[] offset, int[] shape) throws Hdf5Exception {
        Dataset d = dataset(path);
        long[] dims = d.getDimensionsAsLong();
        if (offset.length != dims.length || shape.length != dims.length) {
            throw new IllegalArgumentException(path + " has " + dims.length + " dimensions; got offset "
                    + Arrays.toString(offset) + " and shape " + Arrays.toString(shape));
        }
        for (int i = 0; i < dims.length; i++) {
            if (offset[i] < 0 || shape[i] < 0 || offset[i] > dims[i] - shape[i]) {
                throw new IndexOutOfBoundsException("slice at " + Arrays.toString(offset) + " of shape "
                        + Arrays.toString(shape) + " is outside " + path + " " + Arrays.toString(dims));
            }
        }
        long[] sliceShape = Arrays.stream(shape).asLongStream().toArray();
        try {
            Object data = d.getData(offset, shape);
            return Hdf5Arrays.toArray(Hdf5Arrays.flatten(data), d.getDataType(), sliceShape, name + ":" + path);
        } catch (HdfException e) {
            throw new Hdf5Exception(name + ": cannot read a slice of '" + path + "': " + e.getMessage(), e);
        }
    }

    /**
     * The attributes of a dataset or group ({@code "/"} for the root), by name: scalars as boxed numbers
     * or {@code String}s, arrays as Java arrays ({@code double[]}, {@code String[]}, ...), as jhdf decodes
     * them.
     */
    public Map<String, Object> attributes(String path) throws Hdf5Exception {
        Node n;
        try {
            n = path.equals("/") ? file : file.getByPath(path);
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<String, Attribute> e : n.getAttributes().entrySet()) {
                out.put(e.getKey(), e.getValue().getData());
            }
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(out));
        } catch (HdfException e) {
            throw new Hdf5Exception(name + ": cannot read the attributes of '" + path + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return "Hdf5Reader[" + name + "]";
    }
}
