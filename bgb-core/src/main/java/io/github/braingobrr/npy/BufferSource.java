package io.github.braingobrr.npy;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Bytes already in memory. */
final class BufferSource implements PositionalSource {
    private final ByteBuffer bytes;
    private final String name;

    BufferSource(ByteBuffer bytes, String name) {
        this.bytes = bytes;
        this.name = name;
    }

    @Override
    public long length() {
        return bytes.capacity();
    }

    @Override
    public void readFully(long position, ByteBuffer dst) throws IOException {
        FileSource.checkRange(position, dst.remaining(), bytes.capacity(), name);
        dst.put(bytes.slice((int) position, dst.remaining()));
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return name;
    }
}
