package io.github.braingobrr.cache;

import io.github.braingobrr.npy.PositionalSource;
import io.github.braingobrr.storage.InputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blob opened from any store, seen by the NumPy readers: every {@link #readFully} is one positional read of the
 * {@link InputFile} (one ranged GET on S3). Counts the bytes read, for throughput figures.
 */
final class StoreSource implements PositionalSource {
    private final InputFile file;
    private final AtomicLong bytesRead = new AtomicLong();

    StoreSource(InputFile file) {
        this.file = file;
    }

    InputFile file() {
        return file;
    }

    long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public long length() {
        return file.length();
    }

    @Override
    public void readFully(long position, ByteBuffer dst) throws IOException {
        int n = dst.remaining();
        file.readFully(position, dst);
        bytesRead.addAndGet(n);
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
