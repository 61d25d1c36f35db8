package io.github.braingobrr.npy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry points for single-array {@code .npy} files: read (from a path, a channel or a stream), memory-map,
 * open for partial reads, and write (atomically when writing to a path), exactly as NumPy reads and writes
 * them. For {@code .npz} archives see {@link NpzReader} and {@link NpzWriter}.
 */
public final class Npy {
    private static final String STREAM = "stream";

    private Npy() {}

    /** The header of a {@code .npy} file (reads only the first bytes). */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (NpyReader r = open(file)) {
            return r.header();
        }
    }

    /** Reads a whole {@code .npy} file into memory. */
    public static NpyArray read(Path file) throws IOException {
        try (NpyReader r = open(file)) {
            return r.read();
        }
    }

    /**
     * Reads the {@code .npy} data that starts at the channel's current position and leaves the channel
     * positioned after the array. The channel is not closed.
     */
    public static NpyArray read(SeekableByteChannel channel) throws IOException {
        long start = channel.position();
        PositionalSource whole = PositionalSource.of(channel);
        String name = channel.toString();
        SliceSource from = new SliceSource(whole, start, whole.length() - start, name);
        NpyReader r = NpyReader.open(from, name, false, null, DataBlocks.DEFAULT_BLOCK);
        NpyArray a = r.read();
        channel.position(start + r.dataOffset() + a.byteSize());
        return a;
    }

    /**
     * Reads exactly one {@code .npy} array from a stream (nothing after it is consumed). The stream is not
     * closed. Memory grows only as data arrives, so a header that lies about its size cannot exhaust it.
     */
    public static NpyArray read(InputStream in) throws IOException {
        byte[] pre = in.readNBytes(10);
        if (pre.length == 10 && HeaderCodec.hasMagic(ByteBuffer.wrap(pre)) && (pre[6] == 2 || pre[6] == 3)) {
            byte[] more = in.readNBytes(2);
            pre = Arrays.copyOf(pre, 10 + more.length);
            System.arraycopy(more, 0, pre, 10, more.length);
        }
        long end = HeaderCodec.headerEnd(ByteBuffer.wrap(pre), -1, STREAM);
        byte[] rest = in.readNBytes((int) (end - pre.length));
        if (rest.length != end - pre.length) {
            throw new NpyFormatException(STREAM + " is truncated: the header needs " + end + " bytes, the stream"
                    + " ended after " + (pre.length + rest.length));
        }
        ByteBuffer all = ByteBuffer.allocate((int) end).put(pre).put(rest).flip();
        HeaderCodec.Parsed parsed = HeaderCodec.decode(all, STREAM);
        NpyHeader h = parsed.header();
        NpyDtype t = h.dtype();
        DataBlocks data =
                DataBlocks.read(in, h.dataBytes(), t.itemSize(), t.byteOrder(), DataBlocks.DEFAULT_BLOCK, STREAM);
        return new NpyArray(h, data);
    }

    /**
     * Memory-maps a {@code .npy} file read-only: nothing is read until elements are accessed, and arrays far
     * larger than the heap or than 2 GiB work. The mapping stays valid after this returns.
     */
    public static NpyArray map(Path file) throws IOException {
        return map(file, DataBlocks.DEFAULT_BLOCK);
    }

    static NpyArray map(Path file, long maxBlock) throws IOException {
        try (NpyReader r = NpyReader.open(FileSource.open(file), file.toString(), true, null, maxBlock)) {
            return r.map();
        }
    }

    /** Opens a {@code .npy} file for partial reads (its header is read and checked now). */
    public static NpyReader open(Path file) throws IOException {
        return NpyReader.open(FileSource.open(file), file.toString(), true, null, DataBlocks.DEFAULT_BLOCK);
    }

    /**
     * Opens the {@code .npy} data in {@code source} (for example a blob in a remote store) for partial
     * reads; closing the reader closes the source.
     */
    public static NpyReader open(PositionalSource source) throws IOException {
        return NpyReader.open(source, source.toString(), true, null, DataBlocks.DEFAULT_BLOCK);
    }

    /** Writes {@code array} to {@code file} atomically (temporary file, flush, rename). */
    public static void write(Path file, NpyArray array) throws IOException {
        try (NpyArrayWriter w = writer(file, array.header())) {
            w.writeArray(array);
        }
    }

    /** Writes {@code array} to a stream as {@code .npy} bytes. The stream is flushed, not closed. */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        try (NpyArrayWriter w = writer(out, array.header())) {
            w.writeArray(array);
        }
    }

    /**
     * Starts writing a {@code .npy} file whose elements are streamed in afterwards; the file appears at
     * {@code file} (atomically) only when the writer is closed with every element written.
     */
    public static NpyArrayWriter writer(Path file, NpyHeader header) throws IOException {
        return pathWriter(file, header, false);
    }

    /**
     * Starts writing a C-order {@code .npy} file whose first-axis length is not known up front: rows of shape
     * {@code rowShape} are appended, and the header written when the writer is closed says how many (the
     * header has room for it because NumPy pads headers for exactly this).
     */
    public static NpyArrayWriter growingWriter(Path file, NpyDtype dtype, long... rowShape) throws IOException {
        long[] shape = new long[rowShape.length + 1];
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return pathWriter(file, NpyHeader.of(dtype, shape), true);
    }

    private static NpyArrayWriter pathWriter(Path file, NpyHeader header, boolean growing) throws IOException {
        AtomicFile target = AtomicFile.create(file);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(target.channel()), 1 << 20);
        byte[] first = HeaderCodec.encode(header);
        try {
            out.write(first); // for a growing array, a placeholder of the final header's length
        } catch (IOException | RuntimeException e) {
            target.abort();
            throw e;
        }
        return new NpyArrayWriter(
                header,
                growing,
                out,
                new NpyArrayWriter.Completion() {
                    @Override
                    public void complete(NpyHeader h) throws IOException {
                        out.flush();
                        if (growing) {
                            byte[] finalHeader = HeaderCodec.encode(h);
                            if (finalHeader.length != first.length) {
                                throw new IllegalStateException(
                                        "header length changed from " + first.length + " to " + finalHeader.length);
                            }
                            ByteBuffer b = ByteBuffer.wrap(finalHeader);
                            while (b.hasRemaining()) {
                                target.channel().write(b, b.position());
                            }
                        }
                        target.commit();
                    }

                    @Override
                    public void fail(Throwable cause) {
                        target.abort();
                    }
                },
                file.toString());
    }

    /** Starts writing {@code .npy} bytes to a stream; closing the writer flushes (not closes) the stream. */
    public static NpyArrayWriter writer(OutputStream out, NpyHeader header) throws IOException {
        out.write(HeaderCodec.encode(header));
        return new NpyArrayWriter(
                header,
                false,
                out,
                new NpyArrayWriter.Completion() {
                    @Override
                    public void complete(NpyHeader h) throws IOException {
                        out.flush();
                    }

                    @Override
                    public void fail(Throwable cause) {
                        // bytes already in the stream cannot be taken back; the caller sees the exception
                    }
                },
                STREAM);
    }
}
