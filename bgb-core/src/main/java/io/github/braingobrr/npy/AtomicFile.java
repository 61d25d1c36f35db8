package io.github.braingobrr.npy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file written under a temporary name in the target's directory and renamed over the target only once
 * complete and flushed to disk, so readers never see a half-written file and a failed write leaves the
 * previous file untouched.
 */
final class AtomicFile {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean done;

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    static AtomicFile create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(
                    String.valueOf(dir), null, "cannot write " + target + ": the directory does not exist");
        }
        String tmpName = "." + abs.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
        Path temp = dir.resolve(tmpName);
        FileChannel ch = FileChannel.open(
                temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new AtomicFile(abs, temp, ch);
    }

    FileChannel channel() {
        return channel;
    }

    Path target() {
        return target;
    }

    /** Flushes the data to disk and renames the temporary file over the target. */
    void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("already committed or aborted: " + target);
        }
        done = true;
        try {
            channel.force(true);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            deleteTemp(e);
            throw e;
        }
    }

    /** Discards the temporary file; the target is left as it was. */
    void abort() {
        if (done) {
            return;
        }
        done = true;
        deleteTemp(null);
    }

    private void deleteTemp(Throwable cause) {
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
            LOG.warn("could not delete the temporary file {}: {}", temp, e.toString());
        }
    }
}
