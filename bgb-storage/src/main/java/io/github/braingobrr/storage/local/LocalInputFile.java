package io.github.braingobrr.storage.local;

import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/** Positional reads on a file channel; concurrent reads do not share a file position. */
final class LocalInputFile implements InputFile {
    private final Location location;
    private final FileChannel channel;
    private final long length;

    LocalInputFile(Location location, FileChannel channel) throws IOException {
        this.location = location;
        this.channel = channel;
        this.length = channel.size();
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
        InputFile.checkRange(location, length, position, destination.remaining());
        long p = position;
        try {
            while (destination.hasRemaining()) {
                int n = channel.read(destination, p);
                if (n < 0) {
                    throw new EOFException(location + ": file shrank to " + channel.size()
                            + " bytes while reading at offset " + p + "; it was replaced or truncated, open it again");
                }
                p += n;
            }
        } catch (ClosedChannelException e) {
            throw new StorageException(location, "read after close", e);
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
    public InputStream newStream() {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, len), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }

            @Override
            public long skip(long n) {
                long s = Math.max(0, Math.min(n, length - position));
                position += s;
                return s;
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
