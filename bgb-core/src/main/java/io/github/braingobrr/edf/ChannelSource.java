package io.github.braingobrr.edf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads through a channel: positional reads on a {@link FileChannel}, seek-and-read under a lock on any other
 * {@link SeekableByteChannel}.
 */
final class ChannelSource extends ByteSource {
    private final SeekableByteChannel channel;
    private final String name;

    ChannelSource(SeekableByteChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    SeekableByteChannel channel() {
        return channel;
    }

    @Override
    long size() throws IOException {
        return channel.size();
    }

    @Override
    void read(long position, ByteBuffer dst) throws IOException {
        int wanted = dst.remaining();
        if (channel instanceof FileChannel fc) {
            long p = position;
            while (dst.hasRemaining()) {
                int n = fc.read(dst, p);
                if (n < 0) {
                    throw eof(position, wanted);
                }
                p += n;
            }
            return;
        }
        synchronized (channel) {
            channel.position(position);
            while (dst.hasRemaining()) {
                if (channel.read(dst) < 0) {
                    throw eof(position, wanted);
                }
            }
        }
    }

    private EOFException eof(long position, int wanted) {
        return new EOFException(name + ": the file ended while reading " + wanted + " bytes at byte offset " + position
                + "; it is shorter than when it was opened (truncated while open?)");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
