package io.github.braingobrr.edf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Positional, thread-safe access to a file's bytes; subclasses read through a channel or a memory map. */
abstract class ByteSource implements Closeable {
    private final ThreadLocal<ByteBuffer> scratch = new ThreadLocal<>();

    abstract long size() throws IOException;

    /** Fills {@code dst} from {@code position} on, or throws {@link java.io.EOFException}. */
    abstract void read(long position, ByteBuffer dst) throws IOException;

    void readBytes(long position, byte[] dst, int off, int n) throws IOException {
        read(position, ByteBuffer.wrap(dst, off, n));
    }

    /** Reads {@code n} little-endian 16-bit samples starting at byte {@code position}. */
    void readInt16(long position, short[] dst, int off, int n) throws IOException {
        ByteBuffer b = scratch(n * 2);
        read(position, b);
        b.flip();
        b.asShortBuffer().get(dst, off, n);
    }

    private ByteBuffer scratch(int bytes) {
        ByteBuffer b = scratch.get();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocate(Math.max(bytes, 4096)).order(ByteOrder.LITTLE_ENDIAN);
            scratch.set(b);
        }
        b.clear().limit(bytes);
        return b;
    }
}
