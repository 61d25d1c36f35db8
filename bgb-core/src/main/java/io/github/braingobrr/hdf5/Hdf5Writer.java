package io.github.braingobrr.hdf5;

import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyDtype;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.exceptions.HdfException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes datasets with attributes to a new HDF5 file through jhdf's writer: by default chunked with the
 * shuffle and deflate filters, as EEG tools usually store {@code float32 (channels, samples)} data. jhdf
 * writes the file when it is closed; this class does that under a temporary name and renames the result
 * into place, so a failed write never leaves a partial file.
 *
 * <p>Attribute values may be boxed numbers, {@code String}s, primitive or {@code String} arrays, or
 * {@link NpyArray}s (converted like datasets).
 */
public final class Hdf5Writer implements Closeable {
    /** Deflate level used by {@link #dataset(String, NpyArray, Map)}. */
    public static final int DEFAULT_DEFLATE_LEVEL = 4;

    private static final long TARGET_CHUNK_BYTES = 1 << 20;

    private final Path target;
    private final Path temp;
    private final WritableHdfFile file;
    private final Map<String, WritableGroup> groups = new HashMap<>();
    private boolean closed;
    private Throwable failure;

    private Hdf5Writer(Path target, Path temp, WritableHdfFile file) {
        this.target = target;
        this.temp = temp;
        this.file = file;
        groups.put("", file);
    }

    /** Starts a new file; it appears at {@code path} when the writer is closed. */
    public static Hdf5Writer create(Path path) throws IOException {
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(
                    String.valueOf(dir), null, "cannot write " + path + ": the directory does not exist");
        }
        Path temp = dir.resolve("." + abs.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            return new Hdf5Writer(abs, temp, HdfFile.write(temp));
        } catch (HdfException e) {
            Files.deleteIfExists(temp);
            throw new Hdf5Exception("cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds a dataset, chunked (about 1 MiB per chunk along the last axis) with shuffle and deflate level
     * {@value #DEFAULT_DEFLATE_LEVEL} (a 0-d array is stored contiguous), with attributes; missing parent
     * groups are created.
     */
    public Hdf5Writer dataset(String path, NpyArray data, Map<String, ?> attributes) throws Hdf5Exception {
        int[] chunks = defaultChunks(data); // null for a 0-d array: stored contiguous
        return dataset(path, data, attributes, chunks, chunks == null ? 0 : DEFAULT_DEFLATE_LEVEL);
    }

    /**
     * Adds a dataset with explicit storage: {@code chunkShape} null for contiguous storage (then
     * {@code deflateLevel} must be 0), otherwise chunked, with shuffle and deflate when {@code deflateLevel}
     * is 1-9.
     */
    public Hdf5Writer dataset(String path, NpyArray data, Map<String, ?> attributes, int[] chunkShape, int deflateLevel)
            throws Hdf5Exception {
        checkOpen();
        if (deflateLevel < 0 || deflateLevel > 9 || (chunkShape == null && deflateLevel != 0)) {
            throw new IllegalArgumentException(
                    "deflate level " + deflateLevel + " needs chunked storage and 1..9" + " (or 0 for none)");
        }
        if (chunkShape != null && chunkShape.length != data.rank()) {
            throw new IllegalArgumentException(
                    "chunk shape of rank " + chunkShape.length + " for a dataset of rank " + data.rank());
        }
        String[] parts = split(path);
        Object java = Hdf5Arrays.toJava(data, path);
        DatasetCreationOptions.Builder options = DatasetCreationOptions.builder();
        NpyDtype t = data.dtype();
        if (t.kind() == NpyDtype.Kind.UINT) {
            options.unsigned();
        }
        if (chunkShape != null && data.rank() > 0) {
            options.chunkDimensions(chunkShape);
            if (deflateLevel > 0) {
                options.shuffle().deflate(deflateLevel);
            }
        }
        try {
            WritableDataset d = group(parts[0]).putDataset(parts[1], java, options.build());
            putAttributes(d, attributes, path);
        } catch (HdfException | IllegalArgumentException | UnsupportedOperationException e) {
            failure = e;
            throw new Hdf5Exception(target + ": cannot add dataset '" + path + "': " + e.getMessage(), e);
        }
        return this;
    }

    /** Adds attributes to a group ({@code "/"} for the root), creating it if needed. */
    public Hdf5Writer attributes(String groupPath, Map<String, ?> attributes) throws Hdf5Exception {
        checkOpen();
        String g = groupPath.equals("/") ? "" : split(groupPath + "/x")[0];
        try {
            putAttributes(group(g), attributes, groupPath);
        } catch (HdfException | IllegalArgumentException e) {
            failure = e;
            throw new Hdf5Exception(target + ": cannot add attributes to '" + groupPath + "': " + e.getMessage(), e);
        }
        return this;
    }

    private static void putAttributes(WritableNode node, Map<String, ?> attributes, String where) {
        for (Map.Entry<String, ?> e : attributes.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                throw new IllegalArgumentException("attribute '" + e.getKey() + "' of " + where + " is null");
            }
            node.putAttribute(e.getKey(), v instanceof NpyArray a ? Hdf5Arrays.toJava(a, where + "@" + e.getKey()) : v);
        }
    }

    private static int[] defaultChunks(NpyArray data) {
        long[] shape = data.shape();
        if (shape.length == 0) {
            return null;
        }
        int[] chunks = new int[shape.length];
        java.util.Arrays.fill(chunks, 1);
        long last = shape[shape.length - 1];
        long fit = Math.max(1, TARGET_CHUNK_BYTES / data.dtype().itemSize());
        chunks[shape.length - 1] = (int) Math.max(1, Math.min(last, fit));
        return chunks;
    }

    /** {parent group path without the leading slash ("" for the root), leaf name}. */
    private static String[] split(String path) {
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("//") || path.length() < 2) {
            throw new IllegalArgumentException("HDF5 paths look like /group/name, not '" + path + "'");
        }
        int cut = path.lastIndexOf('/');
        return new String[] {cut == 0 ? "" : path.substring(1, cut), path.substring(cut + 1)};
    }

    private WritableGroup group(String path) {
        String p = path;
        WritableGroup g = groups.get(p);
        if (g == null) {
            int cut = p.lastIndexOf('/');
            WritableGroup parent = group(cut < 0 ? "" : p.substring(0, cut));
            g = parent.putGroup(p.substring(cut + 1));
            groups.put(p, g);
        }
        return g;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(target + ": the writer is closed");
        }
    }

    /** Writes the file and renames it into place (or, after a failed call, discards it). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            file.close();
        } catch (HdfException | IllegalStateException e) {
            Files.deleteIfExists(temp);
            throw new Hdf5Exception("cannot write " + target + ": " + e.getMessage(), e);
        }
        if (failure != null) {
            Files.deleteIfExists(temp);
            throw new Hdf5Exception(
                    target + " was not written because an earlier call failed: " + failure.getMessage(), failure);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
