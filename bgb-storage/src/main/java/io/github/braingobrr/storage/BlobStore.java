package io.github.braingobrr.storage;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A flat namespace of blobs under one root {@link Location}: a local directory, an SSD tier, an S3 prefix,
 * or a decorator over those. Keys are relative to the root ({@link Keys} says what a valid key is).
 *
 * <p>Writes are atomic: a reader sees the old blob or the whole new one, never part of one (temp file +
 * rename locally; a single PUT or a completed multipart upload on S3). Failures are {@link StorageException}s
 * whose message names the blob and what to do. Implementations are safe for use from several threads.
 */
public interface BlobStore extends Closeable {
    /** The location keys are relative to. */
    Location root();

    /** Where {@code key} lives. */
    default Location locationOf(String key) {
        return root().resolve(key);
    }

    /**
     * Every blob whose key starts with {@code prefix} (a string prefix, as on S3; {@code ""} lists the whole
     * store), sorted by key. Paging is done inside; an absent prefix gives an empty list.
     */
    List<BlobInfo> list(String prefix) throws IOException;

    /** What the store knows about {@code key}, or empty when there is no such blob. */
    Optional<BlobInfo> find(String key) throws IOException;

    /** Like {@link #find} but a missing blob is a {@link BlobNotFoundException}. */
    default BlobInfo stat(String key) throws IOException {
        Optional<BlobInfo> info = find(key);
        if (info.isEmpty()) {
            throw new BlobNotFoundException(locationOf(key));
        }
        return info.get();
    }

    /** Whether {@code key} exists. */
    default boolean exists(String key) throws IOException {
        return find(key).isPresent();
    }

    /** Opens {@code key} for positional reads. */
    InputFile open(String key) throws IOException;

    /**
     * A stream of the whole blob (one GET on S3); checksums recorded with the blob are verified at the end.
     * The default opens the blob as an {@link InputFile} and closes it with the stream.
     */
    default InputStream openStream(String key) throws IOException {
        InputFile file = open(key);
        InputStream in;
        try {
            in = file.newStream();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    file.close();
                }
            }
        };
    }

    /** Writes (replaces) {@code key} atomically from a local file. */
    BlobInfo write(String key, Path source, WriteOptions options) throws IOException;

    /** Writes (replaces) {@code key} atomically from a stream, which is read to its end but not closed. */
    BlobInfo write(String key, InputStream source, WriteOptions options) throws IOException;

    /** Writes (replaces) {@code key} atomically from bytes. */
    default BlobInfo write(String key, byte[] content, WriteOptions options) throws IOException {
        return write(key, new ByteArrayInputStream(content), options);
    }

    /** Deletes {@code key}; deleting a missing blob is not an error. */
    void delete(String key) throws IOException;

    /** Deletes every blob under {@code prefix} and returns how many were deleted. */
    int deleteByPrefix(String prefix) throws IOException;

    /** The CRC32C of the content, computed by reading all of it (no recorded value is trusted). */
    default Crc32c checksum(String key) throws IOException {
        try (InputStream in = openStream(key)) {
            return Crc32c.of(in);
        }
    }

    /** The local file that holds {@code key}, for stores that keep blobs as plain files. */
    default Optional<Path> localPath(String key) throws IOException {
        return Optional.empty();
    }
}
