package io.github.braingobrr.storage.s3;

import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageException;
import io.github.braingobrr.storage.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;

/** An S3 object opened with one HEAD; every read is one ranged GET guarded by the ETag seen then. */
final class S3InputFile implements InputFile {
    private final S3BlobStore store;
    private final String key;
    private final Location location;
    private final long length;
    private final String etag;
    private final Optional<Crc32c> crc;
    private volatile boolean closed;

    S3InputFile(S3BlobStore store, String key, long length, String etag, Optional<Crc32c> crc) {
        this.store = store;
        this.key = key;
        this.location = store.root().resolve(key);
        this.length = length;
        this.etag = etag;
        this.crc = crc;
    }

    @Override
    public Location location() {
        return location;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void readFully(long position, ByteBuffer destination) throws IOException {
        checkOpen();
        int n = destination.remaining();
        InputFile.checkRange(location, length, position, n);
        if (n == 0) {
            return;
        }
        byte[] bytes = store.getRange(key, position, position + n - 1, etag);
        if (bytes.length == n) {
            destination.put(bytes);
        } else if (bytes.length == length && position + n <= length) {
            destination.put(bytes, (int) position, n); // a server that ignores Range sends everything
        } else {
            throw S3BlobStore.shortRead(location, position, n, bytes.length);
        }
    }

    @Override
    public byte[] readTail(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("negative tail length " + n);
        }
        int len = (int) Math.min(n, length);
        byte[] b = new byte[len];
        readFully(length - len, b);
        return b;
    }

    @Override
    public InputStream newStream() throws IOException {
        checkOpen();
        return new VerifyingInputStream(
                new S3BlobStore.SdkErrorMappingStream(store.get(key, null, etag), location, store.errors()),
                location,
                OptionalLong.of(length),
                crc);
    }

    private void checkOpen() throws StorageException {
        if (closed) {
            throw new StorageException(location, "read after close");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
