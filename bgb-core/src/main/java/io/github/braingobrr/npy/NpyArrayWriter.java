package io.github.braingobrr.npy;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Streams the elements of one array into a {@code .npy} file or a {@code .npz} member whose header (dtype
 * and shape) is known up front, chunk by chunk, without holding the array in memory: for example one
 * {@code (19, 15360)} window at a time into a {@code (N, 19, 15360)} member.
 *
 * <p>Elements are written in the header's storage order (C: last index fastest; Fortran: first index
 * fastest) and converted to its byte order. The typed {@code write} methods require the matching dtype
 * ({@code float[]} for float32, {@code double[]} for float64, {@code long[]} for int64/uint64, and so on);
 * {@link #writeRaw} takes bytes already encoded. {@link #close()} completes the array and fails with
 * {@link IllegalStateException} if fewer elements were written than the header declares; an incomplete
 * array is never committed.
 */
public final class NpyArrayWriter implements Closeable {
    private static final int STAGE = 256 << 10;

    /** What happens when the array is complete or abandoned. */
    interface Completion {
        void complete() throws IOException;

        void fail(Throwable cause);
    }

    private final NpyHeader header;
    private final OutputStream out;
    private final Completion completion;
    private final String name;
    private final long expectedBytes;
    private final byte[] stage = new byte[STAGE];
    private final ByteBuffer stageBuffer;
    private long written;
    private boolean closed;
    private boolean failed;

    NpyArrayWriter(NpyHeader header, OutputStream out, Completion completion, String name) throws IOException {
        this.header = header;
        this.out = out;
        this.completion = completion;
        this.name = name;
        this.expectedBytes = header.dataBytes();
        this.stageBuffer = ByteBuffer.wrap(stage).order(header.dtype().byteOrder());
        byte[] h = HeaderCodec.encode(header);
        try {
            out.write(h);
        } catch (IOException | RuntimeException e) {
            failed = true;
            completion.fail(e);
            throw e;
        }
    }

    /** The header being written. */
    public NpyHeader header() {
        return header;
    }

    /** Elements written so far. */
    public long elementsWritten() {
        return written / header.dtype().itemSize();
    }

    /** Appends float32 elements. */
    public NpyArrayWriter write(float[] values) throws IOException {
        return write(values, 0, values.length);
    }

    /** Appends {@code length} float32 elements from {@code values[offset]}. */
    public NpyArrayWriter write(float[] values, int offset, int length) throws IOException {
        requireType(NpyDtype.Kind.FLOAT, 4, "float[]");
        Objects.checkFromIndexSize(offset, length, values.length);
        while (length > 0) {
            int k = Math.min(length, STAGE / 4);
            stageBuffer.clear();
            stageBuffer.asFloatBuffer().put(values, offset, k);
            emit(stage, 0, 4 * k);
            offset += k;
            length -= k;
        }
        return this;
    }

    /** Appends float64 elements. */
    public NpyArrayWriter write(double[] values) throws IOException {
        requireType(NpyDtype.Kind.FLOAT, 8, "double[]");
        for (int off = 0; off < values.length; ) {
            int k = Math.min(values.length - off, STAGE / 8);
            stageBuffer.clear();
            stageBuffer.asDoubleBuffer().put(values, off, k);
            emit(stage, 0, 8 * k);
            off += k;
        }
        return this;
    }

    /** Appends int64 or uint64 elements (uint64 as two's-complement bits). */
    public NpyArrayWriter write(long[] values) throws IOException {
        requireInteger(8, "long[]");
        for (int off = 0; off < values.length; ) {
            int k = Math.min(values.length - off, STAGE / 8);
            stageBuffer.clear();
            stageBuffer.asLongBuffer().put(values, off, k);
            emit(stage, 0, 8 * k);
            off += k;
        }
        return this;
    }

    /** Appends int32 or uint32 elements. */
    public NpyArrayWriter write(int[] values) throws IOException {
        requireInteger(4, "int[]");
        for (int off = 0; off < values.length; ) {
            int k = Math.min(values.length - off, STAGE / 4);
            stageBuffer.clear();
            stageBuffer.asIntBuffer().put(values, off, k);
            emit(stage, 0, 4 * k);
            off += k;
        }
        return this;
    }

    /** Appends int16 or uint16 elements. */
    public NpyArrayWriter write(short[] values) throws IOException {
        requireInteger(2, "short[]");
        for (int off = 0; off < values.length; ) {
            int k = Math.min(values.length - off, STAGE / 2);
            stageBuffer.clear();
            stageBuffer.asShortBuffer().put(values, off, k);
            emit(stage, 0, 2 * k);
            off += k;
        }
        return this;
    }

    /** Appends int8 or uint8 elements. */
    public NpyArrayWriter write(byte[] values) throws IOException {
        requireInteger(1, "byte[]");
        emit(values, 0, values.length);
        return this;
    }

    /** Appends bool elements. */
    public NpyArrayWriter write(boolean[] values) throws IOException {
        requireType(NpyDtype.Kind.BOOL, 1, "boolean[]");
        for (int off = 0; off < values.length; ) {
            int k = Math.min(values.length - off, STAGE);
            for (int i = 0; i < k; i++) {
                stage[i] = values[off + i] ? (byte) 1 : (byte) 0;
            }
            emit(stage, 0, k);
            off += k;
        }
        return this;
    }

    /**
     * Appends whole elements already encoded in the header's dtype and byte order (the remaining bytes of
     * {@code bytes}, which is consumed).
     */
    public NpyArrayWriter writeRaw(ByteBuffer bytes) throws IOException {
        int item = header.dtype().itemSize();
        if (bytes.remaining() % item != 0) {
            throw new IllegalArgumentException(bytes.remaining() + " bytes are not a whole number of " + item + "-byte "
                    + header.dtype().descr() + " elements");
        }
        if (bytes.hasArray()) {
            emit(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            bytes.position(bytes.limit());
            return this;
        }
        while (bytes.hasRemaining()) {
            int k = Math.min(bytes.remaining(), STAGE);
            bytes.get(stage, 0, k);
            emit(stage, 0, k);
        }
        return this;
    }

    /** Appends the stored bytes of {@code part}, whose dtype must equal the header's (any shape). */
    NpyArrayWriter writeArray(NpyArray part) throws IOException {
        if (!part.dtype().equals(header.dtype())) {
            throw new IllegalArgumentException(
                    "cannot append " + part.dtype() + " data to a " + header.dtype() + " array");
        }
        DataBlocks d = part.data();
        for (int i = 0; i < d.blockCount(); i++) {
            byte[] a = d.array(i);
            if (a != null) {
                emit(a, 0, a.length);
            } else {
                writeRaw(d.block(i));
            }
        }
        return this;
    }

    private void emit(byte[] b, int off, int len) throws IOException {
        if (closed || failed) {
            throw new IllegalStateException(name + ": the array writer is " + (failed ? "failed" : "closed"));
        }
        if (len > expectedBytes - written) {
            throw new IllegalStateException(
                    name + ": writing " + len / header.dtype().itemSize() + " more elements"
                            + " would exceed the " + header.elementCount() + " that the header " + header.shapeString()
                            + " declares (" + elementsWritten() + " written)");
        }
        try {
            out.write(b, off, len);
        } catch (IOException | RuntimeException e) {
            failed = true;
            completion.fail(e);
            throw e;
        }
        written += len;
    }

    private void requireType(NpyDtype.Kind kind, int size, String what) {
        NpyDtype t = header.dtype();
        if (t.kind() != kind || t.itemSize() != size) {
            throw new IllegalArgumentException(name + " holds " + t.descr() + " elements; " + what
                    + " cannot be written to it (use writeRaw for other encodings)");
        }
    }

    private void requireInteger(int size, String what) {
        NpyDtype t = header.dtype();
        if ((t.kind() != NpyDtype.Kind.INT && t.kind() != NpyDtype.Kind.UINT) || t.itemSize() != size) {
            throw new IllegalArgumentException(name + " holds " + t.descr() + " elements; " + what
                    + " cannot be written to it (use writeRaw for other encodings)");
        }
    }

    /**
     * Completes the array. If fewer elements were written than the header declares, nothing is committed
     * and {@link IllegalStateException} is thrown.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failed) {
            return;
        }
        if (written != expectedBytes) {
            failed = true;
            IllegalStateException e = new IllegalStateException(name + " is incomplete: " + elementsWritten()
                    + " of the " + header.elementCount() + " elements of " + header.shapeString()
                    + " were written; nothing was committed");
            completion.fail(e);
            throw e;
        }
        try {
            completion.complete();
        } catch (IOException | RuntimeException e) {
            failed = true;
            completion.fail(e);
            throw e;
        }
    }
}
