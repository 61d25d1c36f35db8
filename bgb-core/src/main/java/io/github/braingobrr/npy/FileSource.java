package io.github.braingobrr.npy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file read with positional reads; it can also map regions of itself. */
final class FileSource implements PositionalSource {
    /** Heap destinations are filled in pieces so the JDK's temporary direct buffers stay small. */
    private static final int HEAP_CHUNK = 1 << 20;

    private final FileChannel channel;
    private final String name;
    private final long length;

    FileSource(FileChannel channel, String name, Path path) throws IOException {
        this.channel = channel;
        this.name = path != null ? path.toString() : name;
        this.length = channel.size();
    }

    static FileSource open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new FileSource(ch, null, file);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void readFully(long position, ByteBuffer dst) throws IOException {
        checkRange(position, dst.remaining(), length, name);
        long pos = position;
        while (dst.hasRemaining()) {
            ByteBuffer piece = dst;
            int limit = dst.limit();
            if (!dst.isDirect() && dst.remaining() > HEAP_CHUNK) {
                dst.limit(dst.position() + HEAP_CHUNK);
            }
            try {
                int n = channel.read(piece, pos);
                if (n < 0) {
                    throw new EOFException(name + ": file ended at offset " + pos + " while reading "
                            + (limit - dst.position()) + " more bytes (was it truncated while open?)");
                }
                pos += n;
            } finally {
                dst.limit(limit);
            }
        }
    }

    /** Read-only mappings of a region of the file. */
    DataBlocks map(long position, long size, int itemSize, ByteOrder order, long maxBlock) throws IOException {
        checkRange(position, size, length, name);
        return DataBlocks.map(channel, position, size, itemSize, order, maxBlock);
    }

    static void checkRange(long position, long count, long length, String name) throws EOFException {
        if (position < 0 || count < 0 || position > length - count) {
            throw new EOFException(name + ": cannot read " + count + " bytes at offset " + position + ": the source"
                    + " has only " + length + " bytes");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
