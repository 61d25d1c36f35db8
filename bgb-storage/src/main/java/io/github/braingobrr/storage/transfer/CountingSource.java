package io.github.braingobrr.storage.transfer;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.WriteOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A read-only view of a source store that counts the bytes read through {@link #openStream}, for progress. */
final class CountingSource implements BlobStore {
    private final BlobStore source;
    private final Progress progress;
    private long count;

    CountingSource(BlobStore source, Progress progress) {
        this.source = source;
        this.progress = progress;
    }

    /** Bytes read through this view so far. */
    synchronized long count() {
        return count;
    }

    private synchronized void add(long n) {
        count += n;
    }

    @Override
    public Location root() {
        return source.root();
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        return source.list(prefix);
    }

    @Override
    public Optional<BlobInfo> find(String key) throws IOException {
        return source.find(key);
    }

    @Override
    public InputFile open(String key) throws IOException {
        return source.open(key);
    }

    @Override
    public InputStream openStream(String key) throws IOException {
        return new FilterInputStream(source.openStream(key)) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    counted(n);
                }
                return n;
            }
        };
    }

    private void counted(long n) {
        add(n);
        progress.bytes(n);
    }

    @Override
    public BlobInfo write(String key, Path content, WriteOptions options) {
        throw new UnsupportedOperationException("a transfer source is read-only");
    }

    @Override
    public BlobInfo write(String key, InputStream content, WriteOptions options) {
        throw new UnsupportedOperationException("a transfer source is read-only");
    }

    @Override
    public void delete(String key) {
        throw new UnsupportedOperationException("a transfer source is read-only");
    }

    @Override
    public int deleteByPrefix(String prefix) {
        throw new UnsupportedOperationException("a transfer source is read-only");
    }

    @Override
    public Optional<Path> localPath(String key) throws IOException {
        return source.localPath(key);
    }

    @Override
    public void close() {
        // the caller owns the source
    }
}
