package io.github.braingobrr.npy;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@code .npz} archive that {@code numpy.load} reads: each member {@code key.npy} STORED or
 * DEFLATED, zip64 whenever a member or the archive passes 4 GiB. Members are either whole arrays
 * ({@link #write}) or streamed chunk by chunk ({@link #member}; {@link #growingMember} when the number of
 * rows is not known up front) so a {@code (N, 19, 15360)} member never has to be in memory.
 *
 * <p>Writing to a {@link Path} is atomic: the archive is built under a temporary name and renamed into place
 * by {@link #close()} only if every member was completed; otherwise (or after {@link #abort()}) the previous
 * file, if any, is untouched. Writing to a plain {@link OutputStream} works too; STORED members streamed
 * there are first spooled to a temporary file, because a STORED zip entry on a stream needs its CRC-32
 * before its data. Member timestamps are fixed (1980-01-01) so equal content gives equal bytes.
 */
public final class NpzWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(NpzWriter.class);
    private static final long FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0)
            .atZone(ZoneId.systemDefault())
            .toInstant()
            .toEpochMilli();

    private final ZipArchiveOutputStream zip;
    private final Closeable underlying;
    private final boolean seekable;
    private final AtomicFile file;
    private final String name;
    private final Set<String> members = new HashSet<>();
    private int level = 6;
    private NpyArrayWriter current;
    private String currentName;
    private Throwable failure;
    private boolean closed;

    private NpzWriter(
            ZipArchiveOutputStream zip, Closeable underlying, boolean seekable, AtomicFile file, String name) {
        this.zip = zip;
        this.underlying = underlying;
        this.seekable = seekable;
        this.file = file;
        this.name = name;
        zip.setUseZip64(Zip64Mode.AsNeeded);
    }

    /** Creates (or, on successful close, atomically replaces) the archive at {@code file}. */
    public static NpzWriter create(Path file) throws IOException {
        AtomicFile target = AtomicFile.create(file);
        try {
            return new NpzWriter(
                    new ZipArchiveOutputStream(target.channel()), target.channel(), true, target, file.toString());
        } catch (RuntimeException e) {
            target.abort();
            throw e;
        }
    }

    /** Writes the archive to a channel from its current position; closing the writer closes the channel. */
    public static NpzWriter create(SeekableByteChannel channel) {
        return new NpzWriter(new ZipArchiveOutputStream(channel), channel, true, null, channel.toString());
    }

    /** Writes the archive to a stream; closing the writer finishes the archive and closes the stream. */
    public static NpzWriter create(OutputStream out) {
        return new NpzWriter(new ZipArchiveOutputStream(out), out, false, null, "stream");
    }

    /** The deflate level (0-9, or -1 for zlib's default) for DEFLATED members started from now on. */
    public NpzWriter deflateLevel(int level) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("deflate level must be -1..9, not " + level);
        }
        this.level = level;
        return this;
    }

    /** Adds {@code array} as the STORED member {@code name.npy}. */
    public void write(String name, NpyArray array) throws IOException {
        write(name, array, NpzCompression.STORED);
    }

    /** Adds {@code array} as the member {@code name.npy}. */
    public void write(String name, NpyArray array, NpzCompression compression) throws IOException {
        Objects.requireNonNull(array, "array");
        long crc = -1;
        if (compression == NpzCompression.STORED && !seekable) {
            CRC32 c = new CRC32();
            c.update(HeaderCodec.encode(array.header()));
            array.data().updateCrc(c);
            crc = c.getValue();
        }
        try (NpyArrayWriter w = start(name, array.header(), compression, crc)) {
            w.writeArray(array);
        }
    }

    /**
     * Starts the member {@code name.npy} whose elements are streamed into the returned writer; close it
     * (after writing every element) before starting the next member.
     */
    public NpyArrayWriter member(String name, NpyHeader header, NpzCompression compression) throws IOException {
        if (compression == NpzCompression.STORED && !seekable) {
            return spooled(name, header, false, compression);
        }
        return start(name, header, compression, -1);
    }

    /**
     * Starts a C-order member whose first-axis length is not known up front: rows of shape {@code rowShape}
     * are appended, and the member's length is the number of rows written when the returned writer is
     * closed. The rows are spooled to a temporary file until then, because the header comes first.
     */
    public NpyArrayWriter growingMember(String name, NpyDtype dtype, NpzCompression compression, long... rowShape)
            throws IOException {
        long[] shape = new long[rowShape.length + 1];
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return spooled(name, NpyHeader.of(dtype, shape), true, compression);
    }

    private String begin(String key, NpzCompression compression) {
        Objects.requireNonNull(key, "name");
        Objects.requireNonNull(compression, "compression");
        if (closed) {
            throw new IllegalStateException(name + ": the archive writer is closed");
        }
        if (failure != null) {
            throw new IllegalStateException(name + ": the archive writer failed earlier: " + failure);
        }
        if (current != null) {
            throw new IllegalStateException(
                    name + ": member '" + currentName + "' is still being written;" + " close its writer first");
        }
        if (key.isEmpty() || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid member name '" + key + "'");
        }
        String fileName = key + ".npy";
        if (!members.add(fileName)) {
            throw new IllegalArgumentException(name + " already has a member '" + fileName + "'");
        }
        currentName = fileName;
        return fileName;
    }

    /** Puts the zip entry (with a known CRC-32 when {@code crc >= 0}) and the header; the data follows. */
    private void putEntry(String fileName, byte[] header, long dataBytes, NpzCompression compression, long crc)
            throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(fileName);
        e.setMethod(
                compression == NpzCompression.STORED ? ZipArchiveOutputStream.STORED : ZipArchiveOutputStream.DEFLATED);
        e.setSize(header.length + dataBytes);
        e.setTime(FIXED_TIME);
        if (crc >= 0) {
            e.setCrc(crc);
            e.setCompressedSize(e.getSize());
        }
        if (compression == NpzCompression.DEFLATED) {
            zip.setLevel(level);
        }
        zip.putArchiveEntry(e);
        zip.write(header);
    }

    private NpyArrayWriter start(String key, NpyHeader header, NpzCompression compression, long crc)
            throws IOException {
        String fileName = begin(key, compression);
        try {
            putEntry(fileName, HeaderCodec.encode(header), header.dataBytes(), compression, crc);
        } catch (IOException | RuntimeException ex) {
            failure = ex;
            throw ex;
        }
        current = new NpyArrayWriter(
                header,
                false,
                zip,
                new NpyArrayWriter.Completion() {
                    @Override
                    public void complete(NpyHeader h) throws IOException {
                        zip.closeArchiveEntry();
                        current = null;
                    }

                    @Override
                    public void fail(Throwable cause) {
                        failure = cause;
                    }
                },
                name + "!" + fileName);
        return current;
    }

    /**
     * A member whose data goes to a temporary file first: a STORED member for a non-seekable stream (whose
     * entry needs its CRC-32 before its data), or a growing member (whose header is known only at the end).
     */
    private NpyArrayWriter spooled(String key, NpyHeader header, boolean growing, NpzCompression compression)
            throws IOException {
        String fileName = begin(key, compression);
        Path spool = Files.createTempFile("bgb-npz-", ".spool");
        CRC32 crc = new CRC32();
        if (!growing) {
            crc.update(HeaderCodec.encode(header));
        }
        OutputStream out;
        try {
            out = new CheckedOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 20), crc);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        current = new NpyArrayWriter(
                header,
                growing,
                out,
                new NpyArrayWriter.Completion() {
                    @Override
                    public void complete(NpyHeader h) throws IOException {
                        out.close();
                        byte[] headerBytes = HeaderCodec.encode(h);
                        long known = -1;
                        if (compression == NpzCompression.STORED && !seekable) {
                            known = growing ? crcOf(headerBytes, spool) : crc.getValue();
                        }
                        putEntry(fileName, headerBytes, h.dataBytes(), compression, known);
                        Files.copy(spool, zip);
                        zip.closeArchiveEntry();
                        Files.delete(spool);
                        current = null;
                    }

                    @Override
                    public void fail(Throwable cause) {
                        failure = cause;
                        try {
                            out.close();
                            Files.deleteIfExists(spool);
                        } catch (IOException e) {
                            LOG.warn("could not delete the spool file {}: {}", spool, e.toString());
                        }
                    }
                },
                name + "!" + fileName);
        return current;
    }

    private static long crcOf(byte[] header, Path spool) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(header);
        try (InputStream in = new CheckedInputStream(Files.newInputStream(spool), crc)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return crc.getValue();
    }

    /** Discards the archive: a target path is left as it was (no temporary file remains). */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        discard();
    }

    private void discard() {
        try {
            underlying.close();
        } catch (IOException e) {
            LOG.debug("closing {} after a failure: {}", name, e.toString());
        }
        if (file != null) {
            file.abort();
        }
    }

    /**
     * Finishes the archive (and, for a path, renames it into place). If a member is unfinished or a write
     * failed, the archive is discarded and an exception is thrown.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (current != null && failure == null) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        closed = true;
        if (failure != null) {
            discard();
            throw new IOException(name + " was not written: " + failure.getMessage(), failure);
        }
        try {
            zip.finish();
            if (file != null) {
                file.commit();
            }
            zip.close();
        } catch (IOException | RuntimeException e) {
            discard();
            throw e;
        }
    }
}
