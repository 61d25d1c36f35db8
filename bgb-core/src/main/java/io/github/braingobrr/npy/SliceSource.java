package io.github.braingobrr.npy;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A window {@code [offset, offset + length)} of another source, for example a STORED zip member. */
final class SliceSource implements PositionalSource {
    private final PositionalSource parent;
    private final long offset;
    private final long length;
    private final String name;

    SliceSource(PositionalSource parent, long offset, long length, String name) {
        this.parent = parent;
        this.offset = offset;
        this.length = length;
        this.name = name;
    }

    PositionalSource parent() {
        return parent;
    }

    long offset() {
        return offset;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void readFully(long position, ByteBuffer dst) throws IOException {
        FileSource.checkRange(position, dst.remaining(), length, name);
        parent.readFully(offset + position, dst);
    }

    /** Closes nothing: the parent belongs to whoever made the slice. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return name;
    }
}
