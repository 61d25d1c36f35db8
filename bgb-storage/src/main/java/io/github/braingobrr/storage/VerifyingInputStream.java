package io.github.braingobrr.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * A stream that computes the CRC32C of what passes through and, on reaching the end, fails with
 * {@link ChecksumMismatchException} if the length or checksum differs from what was recorded. A consumer
 * that reads to the end therefore never accepts corrupt or truncated content silently.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final Location location;
    private final OptionalLong expectedSize;
    private final Optional<Crc32c> expectedCrc;
    private final CRC32C crc = new CRC32C();
    private long count;
    private boolean checked;

    /** Wraps {@code in}, the content of {@code location}; either expectation may be empty. */
    public VerifyingInputStream(
            InputStream in, Location location, OptionalLong expectedSize, Optional<Crc32c> expectedCrc) {
        super(in);
        this.location = location;
        this.expectedSize = expectedSize;
        this.expectedCrc = expectedCrc;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            crc.update(b, off, n);
            count += n;
            if (expectedSize.isPresent() && count > expectedSize.getAsLong()) {
                throw new ChecksumMismatchException(
                        location, "size", expectedSize.getAsLong() + " bytes", "more than that");
            }
        } else if (n < 0 && len > 0) {
            verify();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must still be checksummed
        byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would corrupt the running checksum
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void verify() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        if (expectedSize.isPresent() && count != expectedSize.getAsLong()) {
            throw new ChecksumMismatchException(
                    location, "size", expectedSize.getAsLong() + " bytes", count + " bytes (truncated)");
        }
        Crc32c actual = Crc32c.of(crc);
        if (expectedCrc.isPresent() && !expectedCrc.get().equals(actual)) {
            throw new ChecksumMismatchException(
                    location, "CRC32C", expectedCrc.get().hex(), actual.hex());
        }
    }
}
