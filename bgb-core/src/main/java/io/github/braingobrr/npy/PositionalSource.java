package io.github.braingobrr.npy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * Bytes that can be read at any position: a local file, a channel, a buffer, or (in bgb-storage) a blob
 * on S3 read with ranged GETs. This is all the NumPy readers need, so one window of a STORED {@code .npz}
 * member costs exactly one {@link #readFully} call wherever the file lives.
 *
 * <p>Implementations must be safe for concurrent {@code readFully} calls, and their {@code toString()}
 * should name the file or location, because it appears in error messages.
 */
public interface PositionalSource extends Closeable {

    /** The total number of bytes. */
    long length() throws IOException;

    /**
     * Reads exactly {@code dst.remaining()} bytes starting at {@code position} into {@code dst}.
     *
     * @throws java.io.EOFException if the source ends before {@code dst} is full
     */
    void readFully(long position, ByteBuffer dst) throws IOException;

    /** A source over a local file, opened for reading (closing the source closes the file). */
    static PositionalSource of(Path file) throws IOException {
        return FileSource.open(file);
    }

    /**
     * A source over a channel, from its position 0 (closing the source closes the channel). A
     * {@link FileChannel} is read with positional reads; other channels are read under a lock.
     */
    static PositionalSource of(SeekableByteChannel channel) throws IOException {
        if (channel instanceof FileChannel fc) {
            return new FileSource(fc, channel.toString(), null);
        }
        return new ChannelSource(channel);
    }

    /** A source over the remaining bytes of a buffer (not copied). */
    static PositionalSource of(ByteBuffer bytes) {
        return new BufferSource(bytes.slice(), "buffer of " + bytes.remaining() + " bytes");
    }
}
