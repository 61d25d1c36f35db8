package io.github.braingobrr.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The uncompressed bytes of a DEFLATED zip member, presented as a positional source. Reads that move
 * forward continue the inflation; a read before the current position starts again from the beginning,
 * so random access works but costs a re-inflation (STORED members are the fast path).
 */
final class InflatingSource implements PositionalSource {
    private static final int INPUT_CHUNK = 1 << 20;

    private final PositionalSource archive;
    private final long compressedStart;
    private final long compressedSize;
    private final long length;
    private final String name;

    private Inflater inflater;
    private final ByteBuffer input;
    private ByteBuffer skip;
    private long consumed; // compressed bytes handed to the inflater
    private long produced; // uncompressed bytes produced so far

    InflatingSource(PositionalSource archive, long compressedStart, long compressedSize, long length, String name) {
        this.archive = archive;
        this.compressedStart = compressedStart;
        this.compressedSize = compressedSize;
        this.length = length;
        this.name = name;
        this.input = ByteBuffer.allocate((int) Math.min(INPUT_CHUNK, Math.max(1, compressedSize)));
        restart();
    }

    private void restart() {
        if (inflater != null) {
            inflater.end();
        }
        inflater = new Inflater(true);
        consumed = 0;
        produced = 0;
        input.clear().limit(0);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public synchronized void readFully(long position, ByteBuffer dst) throws IOException {
        FileSource.checkRange(position, dst.remaining(), length, name);
        if (position < produced) {
            restart();
        }
        while (produced < position) {
            if (skip == null) {
                skip = ByteBuffer.allocate(64 << 10);
            }
            skip.clear().limit((int) Math.min(skip.capacity(), position - produced));
            inflateInto(skip);
        }
        inflateInto(dst);
    }

    private void inflateInto(ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            if (inflater.needsInput()) {
                fill();
            }
            int n;
            try {
                n = inflater.inflate(dst);
            } catch (DataFormatException e) {
                throw new NpyFormatException(
                        name + ": corrupt deflate data near compressed offset " + consumed + " (" + e.getMessage()
                                + "); the archive is damaged, rebuild it",
                        e);
            }
            produced += n;
            if (n == 0) {
                if (inflater.finished()) {
                    throw new NpyFormatException(name + ": the deflate stream ends after " + produced + " bytes but"
                            + " the archive records " + length + "; the archive is corrupt");
                }
                if (inflater.needsDictionary()) {
                    throw new NpyFormatException(name + ": the deflate stream asks for a preset dictionary, which"
                            + " zip members never use; the archive is corrupt");
                }
                if (!inflater.needsInput()) {
                    throw new NpyFormatException(
                            name + ": the deflate stream stalled after " + produced + " bytes; the archive is corrupt");
                }
            }
        }
    }

    private void fill() throws IOException {
        long left = compressedSize - consumed;
        if (left <= 0) {
            throw new NpyFormatException(name + ": the compressed data (" + compressedSize + " bytes) ran out after"
                    + " inflating " + produced + " of " + length + " bytes; the archive is truncated or corrupt");
        }
        input.clear().limit((int) Math.min(input.capacity(), left));
        archive.readFully(compressedStart + consumed, input);
        input.flip();
        consumed += input.remaining();
        inflater.setInput(input);
    }

    /**
     * After all {@link #length()} bytes were read in order, checks that the deflate stream ends there too.
     */
    synchronized void verifyEnd() throws IOException {
        if (produced != length) {
            throw new IllegalStateException("verifyEnd before the whole member was read");
        }
        ByteBuffer probe = ByteBuffer.allocate(1);
        while (!inflater.finished()) {
            if (inflater.needsInput()) {
                if (consumed >= compressedSize) {
                    throw new NpyFormatException(
                            name + ": the deflate stream is not terminated; the archive is" + " truncated or corrupt");
                }
                fill();
            }
            try {
                if (inflater.inflate(probe) > 0) {
                    throw new NpyFormatException(name + ": the member inflates to more than the " + length
                            + " bytes the archive records; the archive is corrupt");
                }
            } catch (DataFormatException e) {
                throw new NpyFormatException(name + ": corrupt deflate data at the end of the member", e);
            }
            if (!inflater.finished() && inflater.needsInput() && consumed >= compressedSize) {
                throw new NpyFormatException(
                        name + ": the deflate stream is not terminated; the archive is" + " truncated or corrupt");
            }
        }
    }

    @Override
    public synchronized void close() {
        inflater.end();
    }

    @Override
    public String toString() {
        return name;
    }
}
