package io.github.braingobrr.storage.testing;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.StorageUnavailableException;
import io.github.braingobrr.storage.WriteOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Injects faults into a store: streams that break after some bytes (a dropped connection), writes that fail,
 * and slow streams. Each fault names the keys it applies to and how often.
 */
public final class FailingBlobStore extends ForwardingStore {
    private final Map<String, Break> breaks = new ConcurrentHashMap<>();
    private volatile Predicate<String> failWrites = k -> false;
    private volatile long delayPerChunkNanos;

    private record Break(long afterBytes, AtomicInteger timesLeft) {}

    /** Injects faults into {@code delegate}. */
    public FailingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** The next {@code times} streams of {@code key} fail after {@code afterBytes} bytes. */
    public FailingBlobStore breakStream(String key, long afterBytes, int times) {
        breaks.put(key, new Break(afterBytes, new AtomicInteger(times)));
        return this;
    }

    /** Writes of keys matching {@code keys} fail with a storage error. */
    public FailingBlobStore failWrites(Predicate<String> keys) {
        this.failWrites = keys;
        return this;
    }

    /** Every 64 KiB read from a stream takes at least this long. */
    public FailingBlobStore slowStreams(Duration perChunk) {
        this.delayPerChunkNanos = perChunk.toNanos();
        return this;
    }

    @Override
    public InputStream openStream(String key) throws IOException {
        InputStream in = super.openStream(key);
        Break b = breaks.get(key);
        long limit = b != null && b.timesLeft().getAndDecrement() > 0 ? b.afterBytes() : Long.MAX_VALUE;
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (count >= limit) {
                    throw new StorageUnavailableException(
                            locationOf(key), "test", "connection reset after " + count + " bytes (injected)", null);
                }
                int n = in.read(buf, off, (int) Math.min(Math.min(len, 64 * 1024), limit - count));
                if (n > 0) {
                    count += n;
                    if (delayPerChunkNanos > 0) {
                        try {
                            Thread.sleep(delayPerChunkNanos / 1_000_000, (int) (delayPerChunkNanos % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException();
                        }
                    }
                }
                return n;
            }
        };
    }

    private void checkWrite(String key) throws IOException {
        if (failWrites.test(key)) {
            throw new StorageUnavailableException(locationOf(key), "test", "write refused (injected)", null);
        }
    }

    @Override
    public BlobInfo write(String key, Path source, WriteOptions options) throws IOException {
        checkWrite(key);
        return super.write(key, source, options);
    }

    @Override
    public BlobInfo write(String key, InputStream source, WriteOptions options) throws IOException {
        checkWrite(key);
        return super.write(key, source, options);
    }

    @Override
    public BlobInfo write(String key, byte[] content, WriteOptions options) throws IOException {
        checkWrite(key);
        return super.write(key, content, options);
    }
}
