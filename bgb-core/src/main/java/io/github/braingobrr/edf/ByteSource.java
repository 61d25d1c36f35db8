package io.github.braingobrr.edf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/** Positional, thread-safe access to a file's bytes; subclasses read through a channel or a memory map. */
abstract class ByteSource implements Closeable {
    private final ThreadLocal<Scratch> scratch = new ThreadLocal<>();

    abstract long size() throws IOException;

    /** Fills {@code dst} from {@code position} on, or throws {@link java.io.EOFException}. */
    abstract void read(long position, ByteBuffer dst) throws IOException;

    void readBytes(long position, byte[] dst, int off, int n) throws IOException {
        read(position, ByteBuffer.wrap(dst, off, n));
    }

    /** Reads {@code n} little-endian 16-bit samples starting at byte {@code position}. */
    void readInt16(long position, short[] dst, int off, int n) throws IOException {
        Scratch s = scratch(n * 2);
        read(position, s.bytes);
        s.shorts.get(0, dst, off, n);
    }

    private Scratch scratch(int bytes) {
        Scratch s = scratch.get();
        if (s == null || s.bytes.capacity() < bytes) {
            s = new Scratch(Math.max(bytes, 4096));
            scratch.set(s);
        }
        s.bytes.clear().limit(bytes);
        return s;
    }

    /** A byte buffer and a 16-bit view of all of it, reused by one thread. */
    private static final class Scratch {
        final ByteBuffer bytes;
        final ShortBuffer shorts;

        Scratch(int capacity) {
            bytes = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
            shorts = bytes.asShortBuffer();
        }
    }
}
