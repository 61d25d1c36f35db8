package io.github.braingobrr.npy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A seekable channel that has no positional read: each read seeks and reads under a lock. */
final class ChannelSource implements PositionalSource {
    private final SeekableByteChannel channel;
    private final String name;

    ChannelSource(SeekableByteChannel channel) {
        this.channel = channel;
        this.name = channel.toString();
    }

    @Override
    public synchronized long length() throws IOException {
        return channel.size();
    }

    @Override
    public synchronized void readFully(long position, ByteBuffer dst) throws IOException {
        FileSource.checkRange(position, dst.remaining(), channel.size(), name);
        channel.position(position);
        while (dst.hasRemaining()) {
            if (channel.read(dst) < 0) {
                throw new EOFException(name + ": channel ended at offset " + channel.position());
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
