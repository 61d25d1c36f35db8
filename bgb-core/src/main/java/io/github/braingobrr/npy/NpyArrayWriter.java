package io.github.braingobrr.npy;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Streams the elements of one array into a {@code .npy} file or a {@code .npz} member chunk by chunk,
 * without holding the array in memory: for example one {@code (19, 15360)} window at a time into a
 * {@code (N, 19, 15360)} member. The shape is either declared up front (then exactly that many elements
 * must be written) or, for a growing writer, only the shape of one row: the first-axis length is then the
 * number of whole rows written when the writer is closed.
 *
 * <p>Elements are written in the header's storage order (C: last index fastest; Fortran: first index
 * fastest) and converted to its byte order. The typed {@code write} methods require the matching dtype
 * ({@code float[]} for float32, {@code double[]} for float64, {@code long[]} for int64/uint64, and so on);
 * {@link #writeRaw} takes bytes already encoded. {@link #close()} completes the array and fails with
 * {@link IllegalStateException} if it is incomplete (fewer elements than declared, or a partial row); an
 * incomplete array is never committed.
 */
public final class NpyArrayWriter implements Closeable {
    private static final int STAGE = 256 << 10;

    /** What happens when the array is complete (with its final header) or abandoned. */
    interface Completion {
        void complete(NpyHeader header) throws IOException;

        void fail(Throwable cause);
    }

    private final NpyHeader template;
    private final boolean growing;
    private final OutputStream out;
    private final Completion completion;
    private final String name;
    private final long expectedBytes;
    private final long rowBytes;
    private final byte[] stage = new byte[STAGE];
    private final ByteBuffer stageBuffer;
    private long written;
    private boolean closed;
    private boolean failed;

    /**
     * A writer of the element bytes only (the caller writes or places the header).
     *
     * @param growing whether the first axis of {@code header} grows with the rows written
     */
    NpyArrayWriter(NpyHeader header, boolean growing, OutputStream out, Completion completion, String name) {
        if (growing && (header.rank() == 0 || header.order() != NpyOrder.C)) {
            throw new IllegalArgumentException("a growing array needs a C-order shape of rank >= 1");
        }
        this.template = header;
        this.growing = growing;
        this.out = out;
        this.completion = completion;
        this.name = name;
        this.expectedBytes = growing ? Long.MAX_VALUE : header.dataBytes();
        long row = template.dtype().itemSize();
        for (int k = 1; k < header.rank(); k++) {
            row *= header.dim(k);
        }
        this.rowBytes = row;
        if (growing && row == 0) {
            throw new IllegalArgumentException(
                    "rows of " + header.withFirstDimension(1).shapeString() + " hold no"
                            + " bytes, so their number cannot be counted; declare the whole shape instead");
        }
        this.stageBuffer = ByteBuffer.wrap(stage).order(template.dtype().byteOrder());
    }

    /** The header: as declared, or for a growing writer with the whole rows written so far. */
    public NpyHeader header() {
        return growing ? template.withFirstDimension(written / rowBytes) : template;
    }

    /** Elements written so far. */
    public long elementsWritten() {
        return written / template.dtype().itemSize();
    }

    /** Appends float32 elements. */
    public NpyArrayWriter write(float[] values) throws IOException {
        return write(values, 0, values.length);
    }

    /** Appends {@code length} float32 elements from {@code values[offset]}. */
    public NpyArrayWriter write(float[] values, int offset, int length) throws IOException {
        requireType(NpyDtype.Kind.FLOAT, 4, "float[]");
        Objects.checkFromIndexSize(offset, length, values.length);
        staged(offset, length, 4, (from, k) -> stageBuffer.asFloatBuffer().put(values, from, k));
        return this;
    }

    /** Appends float64 elements. */
    public NpyArrayWriter write(double[] values) throws IOException {
        requireType(NpyDtype.Kind.FLOAT, 8, "double[]");
        staged(0, values.length, 8, (from, k) -> stageBuffer.asDoubleBuffer().put(values, from, k));
        return this;
    }

    /** Appends int64 or uint64 elements (uint64 as two's-complement bits). */
    public NpyArrayWriter write(long[] values) throws IOException {
        requireInteger(8, "long[]");
        staged(0, values.length, 8, (from, k) -> stageBuffer.asLongBuffer().put(values, from, k));
        return this;
    }

    /** Appends int32 or uint32 elements. */
    public NpyArrayWriter write(int[] values) throws IOException {
        requireInteger(4, "int[]");
        staged(0, values.length, 4, (from, k) -> stageBuffer.asIntBuffer().put(values, from, k));
        return this;
    }

    /** Appends int16 or uint16 elements. */
    public NpyArrayWriter write(short[] values) throws IOException {
        requireInteger(2, "short[]");
        staged(0, values.length, 2, (from, k) -> stageBuffer.asShortBuffer().put(values, from, k));
        return this;
    }

    /** Puts {@code count} elements from index {@code from} of an array into the cleared stage buffer. */
    private interface Stager {
        void put(int from, int count);
    }

    /** Writes {@code length} elements of {@code width} bytes from {@code offset}, a stage buffer at a time. */
    private void staged(int offset, int length, int width, Stager stager) throws IOException {
        while (length > 0) {
            int k = Math.min(length, STAGE / width);
            stageBuffer.clear();
            stager.put(offset, k);
            emit(stage, 0, width * k);
            offset += k;
            length -= k;
        }
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
        int item = template.dtype().itemSize();
        if (bytes.remaining() % item != 0) {
            throw new IllegalArgumentException(bytes.remaining() + " bytes are not a whole number of " + item + "-byte "
                    + template.dtype().descr() + " elements");
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
        if (!part.dtype().equals(template.dtype())) {
            throw new IllegalArgumentException(
                    "cannot append " + part.dtype() + " data to a " + template.dtype() + " array");
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
            throw new IllegalStateException(name + ": writing "
                    + len / template.dtype().itemSize() + " more elements"
                    + " would exceed the " + template.elementCount() + " that the header " + template.shapeString()
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
        NpyDtype t = template.dtype();
        if (t.kind() != kind || t.itemSize() != size) {
            throw new IllegalArgumentException(name + " holds " + t.descr() + " elements; " + what
                    + " cannot be written to it (use writeRaw for other encodings)");
        }
    }

    private void requireInteger(int size, String what) {
        NpyDtype t = template.dtype();
        if ((t.kind() != NpyDtype.Kind.INT && t.kind() != NpyDtype.Kind.UINT) || t.itemSize() != size) {
            throw new IllegalArgumentException(name + " holds " + t.descr() + " elements; " + what
                    + " cannot be written to it (use writeRaw for other encodings)");
        }
    }

    /**
     * Completes the array. If it is incomplete (fewer elements than declared, or a partial row of a growing
     * array), nothing is committed and {@link IllegalStateException} is thrown.
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
        boolean complete = growing ? written % rowBytes == 0 : written == expectedBytes;
        if (!complete) {
            failed = true;
            IllegalStateException e = new IllegalStateException(name + " is incomplete: " + elementsWritten()
                    + (growing
                            ? " elements are not a whole number of rows of "
                                    + rowBytes / template.dtype().itemSize()
                            : " of the " + template.elementCount() + " elements of " + template.shapeString()
                                    + " were written")
                    + "; nothing was committed");
            completion.fail(e);
            throw e;
        }
        try {
            completion.complete(header());
        } catch (IOException | RuntimeException e) {
            failed = true;
            completion.fail(e);
            throw e;
        }
    }
}
