package io.github.braingobrr.cache;

import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.npy.NpyOrder;
import io.github.braingobrr.npy.NpyReader;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzEntry;
import io.github.braingobrr.npy.NpzReader;
import io.github.braingobrr.npy.PositionalSource;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.storage.BlobNotFoundException;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.local.LocalBlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads single windows of one cache file, of either {@link CacheLayout}, from any store: window {@code i} costs one
 * positional read per member (one ranged GET on S3, a copy from the page cache locally) when the members are STORED;
 * DEFLATED members (the Python system's compressed files) are inflated from their start, as NumPy does.
 *
 * <p>Opening reads the archive's directory and member headers (a few small reads); the continuous layout also reads
 * its window starts. Safe for concurrent reads from several threads. Close it to release the file.
 *
 * <pre>{@code
 * try (WindowReader r = WindowReader.open(store, "train/aaaaaaab_s001_t000_windows.npz")) {
 *     float[][] x = r.readSignals(3);   // [channel][sample]
 *     float[] y = r.readLabels(3);      // 0/1 per sample
 * }
 * }</pre>
 */
public final class WindowReader implements Closeable {
    private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();

    private final String name;
    private final Location location;
    private final PositionalSource source;
    private final NpzReader npz;
    private final CacheLayout layout;
    private final int windows;
    private final int channels;
    private final int length;
    private final boolean hasLabels;
    // WINDOWS layout: members read through NumPy's reader (mapped locally, inflated when DEFLATED), or, for STORED
    // members of a remote file, by one positional read at these offsets (-1: not so)
    private final NpyReader windowsMember;
    private final NpyReader labelsMember;
    private final long windowsRaw;
    private final long labelsRaw;
    // CONTINUOUS layout
    private final long[] starts;
    private final long signalsOffset;
    private final long labelsOffset;
    private final long samples;

    private WindowReader(String name, Location location, PositionalSource source, NpzReader npz, boolean mapped)
            throws IOException {
        this.name = name;
        this.location = location;
        this.source = source;
        this.npz = npz;
        if (npz.contains("windows")) {
            layout = CacheLayout.WINDOWS;
            NpzEntry w = npz.entry("windows");
            NpyHeader h = requireFloat32(w, 3);
            windows = checkedInt(h.dim(0), "windows");
            channels = checkedInt(h.dim(1), "channels");
            length = checkedInt(h.dim(2), "window length");
            if (!h.isCContiguous() && h.order() != NpyOrder.C) {
                throw bad("member 'windows' is in Fortran order; cache files store windows in C order");
            }
            hasLabels = npz.contains("labels");
            if (hasLabels) {
                NpyHeader l = requireFloat32(npz.entry("labels"), 2);
                if (l.dim(0) != windows || l.dim(1) != length) {
                    throw bad("member 'labels' has shape " + l.shapeString() + ", expected (" + windows + ", " + length
                            + ") to match 'windows' " + h.shapeString());
                }
            }
            windowsMember = npz.open("windows");
            labelsMember = hasLabels ? npz.open("labels") : null;
            windowsRaw = !mapped && w.compression() == NpzCompression.STORED ? w.dataOffset() : -1;
            labelsRaw = hasLabels && !mapped && npz.entry("labels").compression() == NpzCompression.STORED
                    ? npz.entry("labels").dataOffset()
                    : -1;
            starts = null;
            signalsOffset = -1;
            labelsOffset = -1;
            samples = 0;
        } else if (npz.contains("signals")) {
            layout = CacheLayout.CONTINUOUS;
            NpzEntry s = npz.entry("signals");
            NpyHeader h = requireFloat32(s, 2);
            if (s.compression() != NpzCompression.STORED) {
                throw bad("member 'signals' is DEFLATED; continuous cache files must be STORED (rebuild the file)");
            }
            channels = checkedInt(h.dim(0), "channels");
            samples = h.dim(1);
            if (h.order() != NpyOrder.FORTRAN && !h.isCContiguous()) {
                throw bad("member 'signals' is in C order; the continuous layout stores it in Fortran order so that"
                        + " a window is one contiguous read");
            }
            NpzEntry l = npz.entry("labels");
            NpyHeader lh = l.header();
            if (lh == null
                    || !lh.dtype().equals(NpyDtype.UINT8)
                    || lh.rank() != 1
                    || lh.dim(0) != samples
                    || l.compression() != NpzCompression.STORED) {
                throw bad("member 'labels' must be STORED uint8 of shape (" + samples + ",), found "
                        + (lh == null ? "no array" : lh.dtype() + " " + lh.shapeString()));
            }
            hasLabels = true;
            NpyArray st = npz.read("window_starts");
            NpyArray len = npz.read("window_length");
            if (!st.dtype().equals(NpyDtype.INT64) || st.rank() != 1 || len.elementCount() != 1) {
                throw bad("members 'window_starts' (int64, (N,)) and 'window_length' (one int64) are malformed");
            }
            starts = st.toLongArray();
            length = checkedInt(len.toLongArray()[0], "window length");
            windows = starts.length;
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] < 0 || starts[i] > samples - length) {
                    throw bad("window " + i + " starts at sample " + starts[i] + ", but a window of " + length
                            + " samples must start in [0, " + (samples - length) + "]");
                }
            }
            signalsOffset = s.dataOffset();
            labelsOffset = l.dataOffset();
            windowsMember = null;
            labelsMember = null;
            windowsRaw = -1;
            labelsRaw = -1;
        } else {
            throw bad("has neither a 'windows' member (windows layout) nor a 'signals' member (continuous layout);"
                    + " it holds " + npz.names() + ". Is it a cache file?");
        }
    }

    /**
     * Opens the cache file at {@code key} of {@code store} (for example {@code train/x_windows.npz}). A file of a plain
     * local directory is memory-mapped for reads; any other store is read with positional reads.
     *
     * @throws CacheFormatException when the file is not a cache file of either layout (the message names it)
     * @throws io.github.braingobrr.storage.BlobNotFoundException when there is no such file
     */
    public static WindowReader open(BlobStore store, String key) throws IOException {
        Location location;
        PositionalSource source;
        boolean mapped = store instanceof LocalBlobStore;
        if (mapped) {
            Path file = ((LocalBlobStore) store).pathOf(key);
            location = store.locationOf(key);
            if (!Files.isRegularFile(file)) {
                throw new BlobNotFoundException(location);
            }
            source = PositionalSource.of(file);
        } else {
            InputFile file = store.open(key);
            location = file.location();
            source = new StoreSource(file);
        }
        NpzReader npz = null;
        try {
            npz = NpzReader.open(source);
            return new WindowReader(key, location, source, npz, mapped);
        } catch (IOException | RuntimeException e) {
            if (npz != null) {
                npz.close();
            } else {
                source.close();
            }
            if (e instanceof CacheFormatException || e instanceof io.github.braingobrr.storage.StorageException) {
                throw e;
            }
            throw new CacheFormatException(
                    location + ": not a readable cache file (" + e.getMessage()
                            + "); rebuild it, or remove it and scan the cache",
                    e);
        }
    }

    private NpyHeader requireFloat32(NpzEntry e, int rank) throws CacheFormatException {
        NpyHeader h = e.header();
        if (h == null || !h.dtype().equals(NpyDtype.FLOAT32) || h.rank() != rank) {
            throw bad("member '" + e.name() + "' must be a float32 array of rank " + rank + ", found "
                    + (h == null ? "no array" : h.dtype() + " " + h.shapeString()));
        }
        return h;
    }

    private int checkedInt(long v, String what) throws CacheFormatException {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw bad(what + " " + v + " is out of range");
        }
        return (int) v;
    }

    private CacheFormatException bad(String what) {
        return new CacheFormatException(location + ": " + what);
    }

    /** The key the file was opened with. */
    public String name() {
        return name;
    }

    /** Where the file lives. */
    public Location location() {
        return location;
    }

    /** The file's layout. */
    public CacheLayout layout() {
        return layout;
    }

    /** Windows in the file. */
    public int windowCount() {
        return windows;
    }

    /** Channels per window (19 for the seed montage). */
    public int channelCount() {
        return channels;
    }

    /** Samples per window (15,360 for the seed's 60 s at 256 Hz). */
    public int windowLength() {
        return length;
    }

    /** Floats in one window's signals: channels × length. */
    public int windowElements() {
        return channels * length;
    }

    /** Whether the file holds labels (a Python-built file without label files has none; they read as zeros). */
    public boolean hasLabels() {
        return hasLabels;
    }

    /**
     * Reads window {@code i}: its signals into {@code signals[offset ..]} as {@code [channel][sample]} in C order
     * ({@link #windowElements()} floats), and, when {@code labels} is not null, its labels into
     * {@code labels[labelsOffset ..]} ({@link #windowLength()} floats, 0 or 1).
     */
    public void read(int i, float[] signals, int offset, float[] labels, int labelsOffset) throws IOException {
        checkIndex(i);
        if (offset < 0 || signals.length - offset < windowElements()) {
            throw new IllegalArgumentException(
                    "signals needs room for " + windowElements() + " floats at offset " + offset);
        }
        if (labels != null && (labelsOffset < 0 || labels.length - labelsOffset < length)) {
            throw new IllegalArgumentException("labels needs room for " + length + " floats at " + labelsOffset);
        }
        if (layout == CacheLayout.WINDOWS) {
            if (windowsRaw >= 0) {
                rawFloats(windowsRaw + 4L * i * windowElements(), signals, offset, windowElements());
            } else {
                windowsMember.readFloats(i, 1, signals, offset);
            }
            if (labels != null) {
                if (hasLabels) {
                    readWindowLabels(i, labels, labelsOffset);
                } else {
                    java.util.Arrays.fill(labels, labelsOffset, labelsOffset + length, 0f);
                }
            }
            return;
        }
        int bytes = 4 * channels * length;
        ByteBuffer buf = scratch(bytes);
        source.readFully(signalsOffset + 4L * channels * starts[i], buf);
        buf.flip();
        FloatBuffer f = buf.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int t = 0; t < length; t++) {
            int base = t * channels;
            for (int c = 0; c < channels; c++) {
                signals[offset + c * length + t] = f.get(base + c);
            }
        }
        if (labels != null) {
            ByteBuffer lb = scratch(length);
            source.readFully(this.labelsOffset + starts[i], lb);
            for (int t = 0; t < length; t++) {
                labels[labelsOffset + t] = lb.get(t) != 0 ? 1f : 0f;
            }
        }
    }

    private void readWindowLabels(int i, float[] dst, int offset) throws IOException {
        if (labelsRaw >= 0) {
            rawFloats(labelsRaw + 4L * i * length, dst, offset, length);
        } else {
            labelsMember.readFloats(i, 1, dst, offset);
        }
    }

    /** Little-endian float32s at {@code position} of the file, with one positional read into a reused buffer. */
    private void rawFloats(long position, float[] dst, int offset, int n) throws IOException {
        ByteBuffer b = scratch(4 * n);
        source.readFully(position, b);
        b.flip();
        b.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst, offset, n);
    }

    private static ByteBuffer scratch(int bytes) {
        ByteBuffer b = SCRATCH.get();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocate(Math.max(bytes, 1 << 16));
            SCRATCH.set(b);
        }
        b.clear().limit(bytes);
        return b;
    }

    /** Window {@code i}'s signals as {@code [channel][sample]}. */
    public float[][] readSignals(int i) throws IOException {
        float[] flat = new float[windowElements()];
        read(i, flat, 0, null, 0);
        float[][] out = new float[channels][length];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(flat, c * length, out[c], 0, length);
        }
        return out;
    }

    /** Window {@code i}'s labels (0 or 1 per sample; zeros when the file has no labels). */
    public float[] readLabels(int i) throws IOException {
        checkIndex(i);
        float[] out = new float[length];
        if (!hasLabels) {
            return out;
        }
        if (layout == CacheLayout.WINDOWS) {
            readWindowLabels(i, out, 0);
        } else {
            ByteBuffer lb = scratch(length);
            source.readFully(labelsOffset + starts[i], lb);
            for (int t = 0; t < length; t++) {
                out[t] = lb.get(t) != 0 ? 1f : 0f;
            }
        }
        return out;
    }

    /** The first sample of each window in the recording (0, stride, 2·stride, ... for cache files bgb writes). */
    long windowStart(int i) throws CacheFormatException {
        checkIndex(i);
        return starts == null ? -1 : starts[i];
    }

    /**
     * The category of every window from the labels alone (what a scan reads): the fraction of samples with a label
     * above 0, none at 0, full from {@code fullThreshold}. Reads the labels member in pieces of a few MiB.
     *
     * @throws CacheFormatException when the file has no labels (such a file is never counted as background)
     */
    List<WindowCategory> categories(double fullThreshold) throws IOException {
        if (!hasLabels) {
            throw bad("has no 'labels' member, so its windows cannot be categorized; it is left out of the manifest"
                    + " rather than counted as background. Rebuild it from its EDF and label file");
        }
        List<WindowCategory> out = new ArrayList<>(windows);
        if (layout == CacheLayout.WINDOWS) {
            int chunk = Math.max(1, (4 << 20) / Math.max(1, 4 * length));
            float[] buf = new float[chunk * length];
            for (int first = 0; first < windows; first += chunk) {
                int n = Math.min(chunk, windows - first);
                labelsMember.readFloats(first, n, buf, 0);
                for (int w = 0; w < n; w++) {
                    int positive = 0;
                    for (int t = w * length, end = t + length; t < end; t++) {
                        if (buf[t] > 0) {
                            positive++;
                        }
                    }
                    out.add(category(positive, length, fullThreshold));
                }
            }
            return out;
        }
        int[] prefix = new int[(int) samples + 1];
        int piece = 1 << 20;
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(piece, Math.max(1, samples)));
        for (long done = 0; done < samples; ) {
            int n = (int) Math.min(piece, samples - done);
            b.clear().limit(n);
            source.readFully(labelsOffset + done, b);
            for (int k = 0; k < n; k++) {
                prefix[(int) done + k + 1] = prefix[(int) done + k] + (b.get(k) != 0 ? 1 : 0);
            }
            done += n;
        }
        for (long s : starts) {
            out.add(category(prefix[(int) s + length] - prefix[(int) s], length, fullThreshold));
        }
        return out;
    }

    /** The Python system's rule: {@code ratio = mean(label > 0)}; 0 → none, at least the threshold → full. */
    static WindowCategory category(int positive, int length, double fullThreshold) {
        double fraction = (double) positive / length;
        if (fraction <= 0) {
            return WindowCategory.NO_SEIZURE;
        }
        return fraction >= fullThreshold ? WindowCategory.FULL_SEIZURE : WindowCategory.PARTIAL_SEIZURE;
    }

    /** The description bgb stored in the file, when it has one. */
    Optional<FileMeta> meta() throws IOException {
        if (!npz.contains(CacheKeys.META_MEMBER)) {
            return Optional.empty();
        }
        NpyArray a = npz.read(CacheKeys.META_MEMBER);
        if (a.dtype().kind() != NpyDtype.Kind.UNICODE || a.elementCount() != 1) {
            throw bad("member '" + CacheKeys.META_MEMBER + "' is not one string");
        }
        return Optional.of(
                FileMeta.parse(a.getString(new long[a.rank()]), location().toString()));
    }

    private void checkIndex(int i) throws CacheFormatException {
        if (i < 0 || i >= windows) {
            throw new CacheFormatException("there is no window " + i + " in " + location() + ", which has " + windows
                    + " windows; a manifest naming it is stale (scan the cache to rebuild it)");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (windowsMember != null) {
                windowsMember.close();
            }
            if (labelsMember != null) {
                labelsMember.close();
            }
        } finally {
            npz.close();
        }
    }

    @Override
    public String toString() {
        return "WindowReader[" + location() + ", " + layout.id() + ", " + windows + " x " + channels + " x " + length
                + "]";
    }
}
