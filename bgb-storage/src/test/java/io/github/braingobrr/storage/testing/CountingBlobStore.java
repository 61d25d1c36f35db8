package io.github.braingobrr.storage.testing;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts every call that reaches the wrapped store, by kind, and remembers the order of writes. Tests put it
 * around the slow tier to prove that a read was served without reaching it.
 */
public final class CountingBlobStore extends ForwardingStore {
    /** Kinds of calls. */
    public enum Call {
        LIST,
        FIND,
        OPEN,
        /** One positional read or tail read on a file opened through this store. */
        READ,
        STREAM,
        WRITE,
        DELETE,
        CHECKSUM
    }

    private final Map<Call, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> writes = Collections.synchronizedList(new ArrayList<>());

    /** Counts calls to {@code delegate}. */
    public CountingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    private void hit(Call c) {
        counts.computeIfAbsent(c, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Calls of this kind so far. */
    public int count(Call c) {
        AtomicInteger n = counts.get(c);
        return n == null ? 0 : n.get();
    }

    /** Calls that fetch content: streams, opens and positional reads. */
    public int contentCalls() {
        return count(Call.STREAM) + count(Call.OPEN) + count(Call.READ) + count(Call.CHECKSUM);
    }

    /** All calls so far. */
    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The keys written, in order. */
    public List<String> writtenKeys() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    /** Forgets all counts. */
    public void reset() {
        counts.clear();
        writes.clear();
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        hit(Call.LIST);
        return super.list(prefix);
    }

    @Override
    public Optional<BlobInfo> find(String key) throws IOException {
        hit(Call.FIND);
        return super.find(key);
    }

    @Override
    public InputFile open(String key) throws IOException {
        hit(Call.OPEN);
        InputFile f = super.open(key);
        return new InputFile() {
            @Override
            public Location location() {
                return f.location();
            }

            @Override
            public long length() {
                return f.length();
            }

            @Override
            public void readFully(long position, ByteBuffer destination) throws IOException {
                hit(Call.READ);
                f.readFully(position, destination);
            }

            @Override
            public byte[] readTail(int length) throws IOException {
                hit(Call.READ);
                return f.readTail(length);
            }

            @Override
            public InputStream newStream() throws IOException {
                hit(Call.STREAM);
                return f.newStream();
            }

            @Override
            public void close() throws IOException {
                f.close();
            }
        };
    }

    @Override
    public InputStream openStream(String key) throws IOException {
        hit(Call.STREAM);
        return super.openStream(key);
    }

    @Override
    public BlobInfo write(String key, Path source, WriteOptions options) throws IOException {
        hit(Call.WRITE);
        writes.add(key);
        return super.write(key, source, options);
    }

    @Override
    public BlobInfo write(String key, InputStream source, WriteOptions options) throws IOException {
        hit(Call.WRITE);
        writes.add(key);
        return super.write(key, source, options);
    }

    @Override
    public BlobInfo write(String key, byte[] content, WriteOptions options) throws IOException {
        hit(Call.WRITE);
        writes.add(key);
        return super.write(key, content, options);
    }

    @Override
    public void delete(String key) throws IOException {
        hit(Call.DELETE);
        super.delete(key);
    }

    @Override
    public int deleteByPrefix(String prefix) throws IOException {
        hit(Call.DELETE);
        return super.deleteByPrefix(prefix);
    }

    @Override
    public Crc32c checksum(String key) throws IOException {
        hit(Call.CHECKSUM);
        return super.checksum(key);
    }
}
