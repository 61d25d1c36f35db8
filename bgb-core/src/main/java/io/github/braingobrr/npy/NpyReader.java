package io.github.braingobrr.npy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stored {@code .npy} array (a file, or a member of a {@code .npz}) whose header has been read and whose
 * data is read on demand: all of it, or a slice of the first axis without touching the rest. A C-order
 * slice costs one {@link PositionalSource#readFully} call, so window {@code i} of a {@code (N, 19, 15360)}
 * array is one ranged read wherever the file lives; file-backed readers copy straight from a memory mapping.
 *
 * <p>Safe for concurrent use. Obtain one from {@link Npy#open} or {@link NpzReader#open}.
 */
public final class NpyReader implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(NpyReader.class);
    private static final int FIRST_READ = 4096;
    private static final int READ_PIECE = 64 << 20;
    /** Reads at least this large from a local file copy from a memory mapping instead of a positional read. */
    private static final long MAP_THRESHOLD = 1 << 20;

    private final PositionalSource source;
    private final boolean ownsSource;
    private final String name;
    private final NpyHeader header;
    private final int majorVersion;
    private final long dataOffset;
    private final long dataBytes;
    private final ByteBuffer rawHeader;
    private final long maxBlock;
    private volatile DataBlocks mapped;

    private NpyReader(
            PositionalSource source,
            boolean ownsSource,
            String name,
            HeaderCodec.Parsed parsed,
            ByteBuffer rawHeader,
            long maxBlock) {
        this.source = source;
        this.ownsSource = ownsSource;
        this.name = name;
        this.header = parsed.header();
        this.majorVersion = parsed.major();
        this.dataOffset = parsed.dataOffset();
        this.dataBytes = header.dataBytes();
        this.rawHeader = rawHeader;
        this.maxBlock = maxBlock;
    }

    /**
     * Reads and checks the header of the array stored in {@code source}.
     *
     * @param prefetched the first bytes of the source if the caller already has them, or null
     */
    static NpyReader open(PositionalSource source, String name, boolean owns, ByteBuffer prefetched, long maxBlock)
            throws IOException {
        try {
            long length = source.length();
            ByteBuffer start = prefetched;
            if (start == null || start.remaining() < Math.min(length, FIRST_READ)) {
                start = ByteBuffer.allocate((int) Math.min(length, FIRST_READ));
                source.readFully(0, start);
                start.flip();
            }
            long end = HeaderCodec.headerEnd(start, length, name);
            if (start.remaining() < end) {
                start = ByteBuffer.allocate((int) end);
                source.readFully(0, start);
                start.flip();
            }
            HeaderCodec.Parsed parsed = HeaderCodec.decode(start, name);
            long bytes = parsed.header().dataBytes();
            if (bytes > length - end) {
                throw new NpyFormatException(name + " is truncated: its header (" + parsed.header() + ") promises "
                        + bytes + " data bytes from offset " + end + " but only " + (length - end) + " follow;"
                        + " the file was not completely written");
            }
            if (bytes < length - end) {
                LOG.debug("{}: {} bytes after the array data are ignored", name, length - end - bytes);
            }
            ByteBuffer raw = ByteBuffer.allocate((int) end);
            raw.put(start.duplicate().limit(start.position() + (int) end)).flip();
            return new NpyReader(source, owns, name, parsed, raw.asReadOnlyBuffer(), maxBlock);
        } catch (IOException | RuntimeException e) {
            if (owns) {
                try {
                    source.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The array's dtype, shape and order. */
    public NpyHeader header() {
        return header;
    }

    /** The {@code .npy} format version's major number: 1, 2 or 3. */
    public int formatVersion() {
        return majorVersion;
    }

    /** Where the element bytes start, relative to the start of the {@code .npy} data. */
    public long dataOffset() {
        return dataOffset;
    }

    /** The bytes from the start of the {@code .npy} data up to {@link #dataOffset()} (magic and header). */
    ByteBuffer rawHeader() {
        return rawHeader.duplicate();
    }

    PositionalSource source() {
        return source;
    }

    /** Reads the whole array into memory. */
    public NpyArray read() throws IOException {
        checkHeap(dataBytes);
        DataBlocks blocks = allocate(dataBytes);
        fill(blocks, 0, dataOffset, dataBytes);
        return new NpyArray(header, blocks);
    }

    /**
     * The array memory-mapped read-only, without reading it (only for arrays in local files, stored
     * uncompressed). Arrays larger than 2 GiB are mapped as several buffers.
     *
     * @throws UnsupportedOperationException when the array is not in a local file or is compressed
     */
    public NpyArray map() throws IOException {
        return new NpyArray(header, mapping());
    }

    /**
     * Reads {@code count} entries of the first axis starting at {@code first}: for a {@code (N, 19, 15360)}
     * array, {@code readSlice(i, 1)} is window {@code i} with shape {@code (1, 19, 15360)}.
     */
    public NpyArray readSlice(long first, long count) throws IOException {
        checkSlice(first, count);
        NpyHeader h = header.withFirstDimension(count);
        checkHeap(h.dataBytes());
        DataBlocks blocks = allocate(h.dataBytes());
        copySlice(first, count, blocks);
        return new NpyArray(h, blocks);
    }

    /**
     * Reads the stored bytes of a first-axis slice into {@code dst}, in the file's byte order and layout
     * (a Fortran-order slice comes out in Fortran order). {@code dst.remaining()} must equal the slice's
     * size in bytes. C-order slices take one positional read.
     */
    public void readSlice(long first, long count, ByteBuffer dst) throws IOException {
        checkSlice(first, count);
        long bytes = header.withFirstDimension(count).dataBytes();
        if (dst.remaining() != bytes) {
            throw new IllegalArgumentException("the slice holds " + bytes + " bytes, dst has " + dst.remaining());
        }
        DataBlocks view = DataBlocks.wrap(dst, ByteOrder.LITTLE_ENDIAN);
        copySlice(first, count, view);
        dst.position(dst.limit());
    }

    /**
     * Reads a first-axis slice as floats in C order into {@code dst} from {@code offset}: {@code count}
     * times the product of the other dimensions. For float32 C-order data this is a single copy from the
     * file mapping (or one positional read), with no allocation.
     */
    public void readFloats(long first, long count, float[] dst, int offset) throws IOException {
        checkSlice(first, count);
        long rowElements = rowElements();
        long n = count * rowElements;
        if (offset < 0 || offset > dst.length || n > dst.length - offset) {
            throw new IndexOutOfBoundsException(
                    "the slice holds " + n + " floats, dst has room for " + (dst.length - offset));
        }
        NpyDtype t = header.dtype();
        if (!(t.kind() == NpyDtype.Kind.FLOAT && t.itemSize() == 4 && header.isCContiguous())) {
            float[] f = readSlice(first, count).toFloatArray();
            System.arraycopy(f, 0, dst, offset, f.length);
            return;
        }
        long start = first * rowElements * 4;
        if (mappable()) {
            mapping().copyFloats(start, dst, offset, (int) n);
            return;
        }
        int done = 0;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(4 * n, READ_PIECE)).order(t.byteOrder());
        while (done < n) {
            int k = (int) Math.min(n - done, buf.capacity() / 4);
            buf.clear().limit(4 * k);
            source.readFully(dataOffset + start + 4L * done, buf);
            buf.flip();
            buf.asFloatBuffer().get(dst, offset + done, k);
            done += k;
        }
    }

    private void checkSlice(long first, long count) {
        if (header.rank() == 0) {
            throw new IllegalStateException(name + " holds a 0-d array, which has no first axis to slice");
        }
        long n0 = header.dim(0);
        if (first < 0 || count < 0 || first > n0 - count) {
            throw new IndexOutOfBoundsException("slice [" + first + ", " + first + " + " + count + ") is outside"
                    + " the first axis of " + name + " (length " + n0 + ")");
        }
    }

    private long rowElements() {
        long r = 1;
        for (int k = 1; k < header.rank(); k++) {
            r *= header.dim(k);
        }
        return r;
    }

    /** Copies the stored bytes of a first-axis slice into {@code dst} (from its offset 0). */
    private void copySlice(long first, long count, DataBlocks dst) throws IOException {
        int item = header.dtype().itemSize();
        long rowElements = rowElements();
        if (header.isCContiguous() || count == 0) {
            fill(dst, 0, dataOffset + first * rowElements * item, count * rowElements * item);
            return;
        }
        // Fortran order: the slice is one run of `count` elements per combination of the other indices
        long n0 = header.dim(0);
        long run = count * item;
        for (long r = 0; r < rowElements; r++) {
            fill(dst, r * run, dataOffset + (first + n0 * r) * item, run);
        }
    }

    /** Reads {@code len} stored bytes at {@code srcPos} of the source into {@code dst} at {@code dstOff}. */
    private void fill(DataBlocks dst, long dstOff, long srcPos, long len) throws IOException {
        if (len == 0) {
            return;
        }
        if (mappable() && (mapped != null || len >= MAP_THRESHOLD)) {
            DataBlocks m = mapping();
            long from = srcPos - dataOffset;
            copyBetween(m, from, dst, dstOff, len);
            return;
        }
        long done = 0;
        while (done < len) {
            ByteBuffer block = dst.writableBlock((int) ((dstOff + done) / dst.blockBytes()));
            int p = (int) ((dstOff + done) % dst.blockBytes());
            int n = (int) Math.min(Math.min(len - done, block.capacity() - p), READ_PIECE);
            source.readFully(srcPos + done, block.position(p).limit(p + n));
            done += n;
        }
    }

    private static void copyBetween(DataBlocks src, long srcOff, DataBlocks dst, long dstOff, long len) {
        long done = 0;
        long bs = dst.blockBytes();
        while (done < len) {
            ByteBuffer block = dst.writableBlock((int) ((dstOff + done) / bs));
            int p = (int) ((dstOff + done) % bs);
            int n = (int) Math.min(len - done, block.capacity() - p);
            src.copyTo(srcOff + done, block.position(p).limit(p + n));
            done += n;
        }
    }

    private DataBlocks allocate(long bytes) {
        NpyDtype t = header.dtype();
        return DataBlocks.allocate(bytes, t.itemSize(), t.byteOrder(), maxBlock);
    }

    private void checkHeap(long bytes) throws IOException {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IOException(name + ": the array needs " + bytes + " bytes, more than the whole Java heap (" + max
                    + "); read it with map() or in slices with readSlice()");
        }
    }

    private boolean mappable() {
        return fileOf(source) != null;
    }

    private DataBlocks mapping() throws IOException {
        DataBlocks m = mapped;
        if (m == null) {
            synchronized (this) {
                m = mapped;
                if (m == null) {
                    FileSource file = fileOf(source);
                    if (file == null) {
                        throw new UnsupportedOperationException(name + " cannot be memory-mapped: only arrays stored"
                                + " uncompressed in a local file can; use read() or readSlice()");
                    }
                    NpyDtype t = header.dtype();
                    m = file.map(absolute(source, dataOffset), dataBytes, t.itemSize(), t.byteOrder(), maxBlock);
                    mapped = m;
                }
            }
        }
        return m;
    }

    private static FileSource fileOf(PositionalSource s) {
        if (s instanceof FileSource f) {
            return f;
        }
        if (s instanceof SliceSource slice) {
            return fileOf(slice.parent());
        }
        return null;
    }

    private static long absolute(PositionalSource s, long position) {
        return s instanceof SliceSource slice ? absolute(slice.parent(), slice.offset() + position) : position;
    }

    /** Closes the underlying source if this reader owns it (a reader from {@link Npy#open} does). */
    @Override
    public void close() throws IOException {
        if (ownsSource) {
            source.close();
        }
    }

    @Override
    public String toString() {
        return "NpyReader[" + name + ": " + header + "]";
    }
}
