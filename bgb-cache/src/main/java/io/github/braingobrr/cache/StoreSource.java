package io.github.braingobrr.cache;

import io.github.braingobrr.npy.PositionalSource;
import io.github.braingobrr.storage.InputFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A blob opened from any store, seen by the NumPy readers: every {@link #readFully} is one positional read of the
 * {@link InputFile} (one ranged GET on S3).
 */
final class StoreSource implements PositionalSource {
    private final InputFile file;

    StoreSource(InputFile file) {
        this.file = file;
    }

    @Override
    public long length() {
        return file.length();
    }

    @Override
    public void readFully(long position, ByteBuffer dst) throws IOException {
        file.readFully(position, dst);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return file.location().toString();
    }
}
