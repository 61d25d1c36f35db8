package io.github.braingobrr.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The bytes of an array, held in one or more {@link ByteBuffer}s so that arrays larger than 2 GiB work.
 * Every block but the last has the same size, a multiple of the item size, so no element straddles two
 * blocks. Addressing is by {@code long} byte offset.
 */
final class DataBlocks {
    /** Default block size: 1 GiB, rounded down to a multiple of the item size. */
    static final long DEFAULT_BLOCK = 1L << 30;

    private final ByteBuffer[] blocks; // writable or read-only originals; never handed out directly
    private final long blockBytes;
    private final long size;
    private final ByteOrder order;

    private DataBlocks(ByteBuffer[] blocks, long blockBytes, long size, ByteOrder order) {
        this.blocks = blocks;
        this.blockBytes = blockBytes;
        this.size = size;
        this.order = order;
        for (ByteBuffer b : blocks) {
            b.order(order);
        }
    }

    static long blockBytesFor(int itemSize, long maxBlock) {
        long b = (maxBlock / itemSize) * itemSize;
        return Math.max(b, itemSize);
    }

    /** Zero-filled heap blocks for {@code size} bytes. */
    static DataBlocks allocate(long size, int itemSize, ByteOrder order, long maxBlock) {
        long bb = blockBytesFor(itemSize, maxBlock);
        int n = size == 0 ? 1 : (int) ((size + bb - 1) / bb);
        ByteBuffer[] blocks = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long len = Math.min(bb, size - i * bb);
            blocks[i] = ByteBuffer.allocate((int) Math.max(0, len));
        }
        return new DataBlocks(blocks, bb, size, order);
    }

    /** One block holding the remaining bytes of {@code data} (not copied). */
    static DataBlocks wrap(ByteBuffer data, ByteOrder order) {
        ByteBuffer b = data.slice();
        return new DataBlocks(new ByteBuffer[] {b}, Math.max(1, b.capacity()), b.capacity(), order);
    }

    /** Read-only mappings of {@code size} bytes of {@code channel} from {@code position}. */
    static DataBlocks map(FileChannel channel, long position, long size, int itemSize, ByteOrder order, long maxBlock)
            throws IOException {
        long bb = blockBytesFor(itemSize, maxBlock);
        int n = size == 0 ? 1 : (int) ((size + bb - 1) / bb);
        ByteBuffer[] blocks = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long len = Math.max(0, Math.min(bb, size - i * bb));
            blocks[i] = len == 0
                    ? ByteBuffer.allocate(0)
                    : channel.map(FileChannel.MapMode.READ_ONLY, position + i * bb, len);
        }
        return new DataBlocks(blocks, bb, size, order);
    }

    /**
     * Reads exactly {@code size} bytes from a stream, growing the buffers only as data arrives so that a
     * header that lies about the size cannot make us allocate memory the stream does not back.
     */
    static DataBlocks read(InputStream in, long size, int itemSize, ByteOrder order, long maxBlock, String name)
            throws IOException {
        long bb = blockBytesFor(itemSize, maxBlock);
        List<ByteBuffer> blocks = new ArrayList<>();
        long remaining = size;
        do {
            int want = (int) Math.min(bb, remaining);
            byte[] buf = new byte[Math.min(want, 1 << 20)];
            int filled = 0;
            while (filled < want) {
                if (filled == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(want, 2L * buf.length));
                }
                int r = in.read(buf, filled, buf.length - filled);
                if (r < 0) {
                    throw new NpyFormatException(name + " is truncated: the header promises " + size
                            + " data bytes but the" + " stream ended after " + (size - remaining + filled));
                }
                filled += r;
            }
            blocks.add(ByteBuffer.wrap(buf, 0, filled).slice());
            remaining -= want;
        } while (remaining > 0);
        return new DataBlocks(blocks.toArray(new ByteBuffer[0]), bb, size, order);
    }

    long size() {
        return size;
    }

    ByteOrder order() {
        return order;
    }

    /** The size of every block but the last. */
    long blockBytes() {
        return blockBytes;
    }

    int blockCount() {
        return blocks.length;
    }

    /** A read-only view of block {@code i}, with the data's byte order. */
    ByteBuffer block(int i) {
        return blocks[i].asReadOnlyBuffer().order(order);
    }

    /** A writable view of block {@code i} (only for blocks this class allocated). */
    ByteBuffer writableBlock(int i) {
        return blocks[i].duplicate().order(order);
    }

    /** The heap array behind block {@code i}, or null when it is mapped or read-only. */
    byte[] array(int i) {
        ByteBuffer b = blocks[i];
        return b.hasArray() && b.arrayOffset() == 0 && b.array().length == b.capacity() ? b.array() : null;
    }

    private ByteBuffer at(long off) {
        return blocks[(int) (off / blockBytes)];
    }

    private int pos(long off) {
        return (int) (off % blockBytes);
    }

    byte get(long off) {
        return at(off).get(pos(off));
    }

    short getShort(long off) {
        return at(off).getShort(pos(off));
    }

    int getInt(long off) {
        return at(off).getInt(pos(off));
    }

    long getLong(long off) {
        return at(off).getLong(pos(off));
    }

    float getFloat(long off) {
        return at(off).getFloat(pos(off));
    }

    double getDouble(long off) {
        return at(off).getDouble(pos(off));
    }

    /** Copies {@code dst.remaining()} bytes starting at {@code off} into {@code dst}. */
    void copyTo(long off, ByteBuffer dst) {
        while (dst.hasRemaining()) {
            ByteBuffer b = at(off);
            int p = pos(off);
            int n = Math.min(dst.remaining(), b.capacity() - p);
            dst.put(b.slice(p, n));
            off += n;
        }
    }

    /** Copies {@code n} floats starting at byte {@code off} into {@code dst}, converting the byte order. */
    void copyFloats(long off, float[] dst, int dstOff, int n) {
        while (n > 0) {
            ByteBuffer b = at(off);
            int p = pos(off);
            int k = Math.min(n, (b.capacity() - p) / 4);
            b.slice(p, k * 4).order(order).asFloatBuffer().get(dst, dstOff, k);
            off += 4L * k;
            dstOff += k;
            n -= k;
        }
    }

    /** Copies {@code n} doubles starting at byte {@code off} into {@code dst}, converting the byte order. */
    void copyDoubles(long off, double[] dst, int dstOff, int n) {
        while (n > 0) {
            ByteBuffer b = at(off);
            int p = pos(off);
            int k = Math.min(n, (b.capacity() - p) / 8);
            b.slice(p, k * 8).order(order).asDoubleBuffer().get(dst, dstOff, k);
            off += 8L * k;
            dstOff += k;
            n -= k;
        }
    }

    /** Feeds all bytes, in order, to {@code crc}. */
    void updateCrc(CRC32 crc) {
        for (ByteBuffer b : blocks) {
            crc.update(b.duplicate().clear());
        }
    }

    /** Whether both hold the same bytes (block boundaries may differ). */
    boolean contentEquals(DataBlocks other) {
        if (size != other.size) {
            return false;
        }
        long off = 0;
        while (off < size) {
            ByteBuffer a = at(off);
            ByteBuffer b = other.at(off);
            int pa = pos(off);
            int pb = other.pos(off);
            int n = (int) Math.min(Math.min(a.capacity() - pa, b.capacity() - pb), size - off);
            if (!a.slice(pa, n).equals(b.slice(pb, n))) {
                return false;
            }
            off += n;
        }
        return true;
    }
}
