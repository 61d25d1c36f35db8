package io.github.braingobrr.storage.testing;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A store that passes every call to another; test decorators override what they observe or break. */
public abstract class ForwardingStore implements BlobStore {
    /** The wrapped store. */
    protected final BlobStore delegate;

    /** Wraps {@code delegate}. */
    protected ForwardingStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Location root() {
        return delegate.root();
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public Optional<BlobInfo> find(String key) throws IOException {
        return delegate.find(key);
    }

    @Override
    public InputFile open(String key) throws IOException {
        return delegate.open(key);
    }

    @Override
    public InputStream openStream(String key) throws IOException {
        return delegate.openStream(key);
    }

    @Override
    public BlobInfo write(String key, Path source, WriteOptions options) throws IOException {
        return delegate.write(key, source, options);
    }

    @Override
    public BlobInfo write(String key, InputStream source, WriteOptions options) throws IOException {
        return delegate.write(key, source, options);
    }

    @Override
    public BlobInfo write(String key, byte[] content, WriteOptions options) throws IOException {
        return delegate.write(key, content, options);
    }

    @Override
    public void delete(String key) throws IOException {
        delegate.delete(key);
    }

    @Override
    public int deleteByPrefix(String prefix) throws IOException {
        return delegate.deleteByPrefix(prefix);
    }

    @Override
    public Crc32c checksum(String key) throws IOException {
        return delegate.checksum(key);
    }

    @Override
    public Optional<Path> localPath(String key) throws IOException {
        return delegate.localPath(key);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
