package io.github.braingobrr.storage;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * An open blob that knows its length and serves positional reads: a local file channel, or ranged GETs on
 * S3 (one request per read, nothing downloaded ahead). Safe for concurrent reads from several threads.
 * Reads past the end fail with {@link java.io.EOFException} naming the blob, the offset and the length.
 */
public interface InputFile extends Closeable {
    /** Where this blob lives. */
    Location location();

    /** The length in bytes, fixed when the file was opened. */
    long length();

    /** Fills {@code destination}'s remaining bytes from {@code position} onwards. */
    void readFully(long position, ByteBuffer destination) throws IOException;

    /** Fills {@code buffer[offset, offset+length)} from {@code position} onwards. */
    default void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
        readFully(position, ByteBuffer.wrap(buffer, offset, length));
    }

    /** Fills all of {@code buffer} from {@code position} onwards. */
    default void readFully(long position, byte[] buffer) throws IOException {
        readFully(position, ByteBuffer.wrap(buffer));
    }

    /** The last {@code min(length, length())} bytes, with one request (for zip directories and footers). */
    byte[] readTail(int length) throws IOException;

    /** A stream of the whole content; closing it does not close this file. */
    InputStream newStream() throws IOException;

    /** Releases the file; later reads fail. */
    @Override
    void close() throws IOException;

    /**
     * For implementations: fails with a clear {@link EOFException} when {@code [position, position+count)}
     * is not inside a blob of {@code length} bytes, and with {@link IllegalArgumentException} for a
     * negative position.
     */
    static void checkRange(Location location, long length, long position, long count) throws EOFException {
        if (position < 0) {
            throw new IllegalArgumentException(location + ": negative read position " + position);
        }
        if (position > length || count > length - position) {
            throw new EOFException(location + ": cannot read " + count + " bytes at offset " + position
                    + "; the blob is " + length + " bytes long");
        }
    }
}
