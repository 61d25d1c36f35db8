package io.github.braingobrr.storage.local;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobNotFoundException;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.InsufficientSpaceException;
import io.github.braingobrr.storage.InvalidLocationException;
import io.github.braingobrr.storage.Keys;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageAccessDeniedException;
import io.github.braingobrr.storage.StorageException;
import io.github.braingobrr.storage.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store on a local directory: each blob is the plain file {@code root/key}, readable by any program.
 *
 * <p>Writes go to a hidden temporary file beside the target ({@code .name.bgb-<random>.tmp}), are flushed
 * to disk, checked against the expected size and CRC32C, and only then renamed over the target, after
 * which the directory is flushed too; a crash leaves either the old file or the new one, plus at most a
 * temporary file that listings never show. Path segments starting with {@code .bgb-} are reserved for
 * bgb's own state and are neither listed nor writable. Listings do not descend into symbolic links to
 * directories, and deletes remove links, never what they point to.
 */
public final class LocalBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBlobStore.class);
    private static final String RESERVED = ".bgb-";
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.bgb-[0-9a-f]{16}\\.tmp");
    private static final int BUFFER = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final Location location;

    private LocalBlobStore(Path root) {
        this.root = root;
        this.location = Location.of(root);
    }

    /**
     * A store rooted at {@code directory}, which is created on the first write if it does not exist.
     *
     * @throws StorageException when {@code directory} exists and is not a directory
     */
    public static LocalBlobStore open(Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new StorageException(
                    Location.of(root),
                    "is a file, not a directory; a local store needs a"
                            + " directory (give its parent, or another path)");
        }
        return new LocalBlobStore(root);
    }

    /** The directory this store keeps its files in. */
    public Path directory() {
        return root;
    }

    @Override
    public Location root() {
        return location;
    }

    /** The file for {@code key}; the key is checked and may not name a reserved {@code .bgb-} segment. */
    public Path pathOf(String key) {
        Keys.checkKey(key);
        for (String segment : key.split("/")) {
            if (segment.startsWith(RESERVED)) {
                throw new InvalidLocationException(
                        key, "segments starting with '" + RESERVED + "' are reserved for bgb's own state");
            }
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new InvalidLocationException(key, "resolves outside the store root " + root);
        }
        return p;
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        Keys.checkPrefix(prefix);
        String dirPart = Keys.directoryOf(prefix);
        Path start = dirPart.isEmpty() ? root : root.resolve(dirPart);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<BlobInfo> out = new ArrayList<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(start) && dir.getFileName().toString().startsWith(RESERVED)
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (name.startsWith(RESERVED) || TEMPORARY.matcher(name).matches()) {
                    return FileVisitResult.CONTINUE;
                }
                BasicFileAttributes a = attrs;
                if (attrs.isSymbolicLink()) {
                    try {
                        a = Files.readAttributes(file, BasicFileAttributes.class);
                    } catch (NoSuchFileException dangling) {
                        return FileVisitResult.CONTINUE;
                    }
                }
                if (!a.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String key = keyOf(file);
                if (key != null && key.startsWith(prefix)) {
                    out.add(new BlobInfo(key, a.size(), a.lastModifiedTime().toInstant(), Optional.empty()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while listing
                }
                throw mapError(file, exc);
            }
        });
        out.sort(Comparator.comparing(BlobInfo::key));
        return out;
    }

    private String keyOf(Path file) {
        StringBuilder key = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(part);
        }
        try {
            return Keys.checkKey(key.toString());
        } catch (InvalidLocationException e) {
            LOG.debug("skipping {}: its name cannot be a blob key ({})", file, e.getMessage());
            return null;
        }
    }

    @Override
    public Optional<BlobInfo> find(String key) throws IOException {
        Path p = pathOf(key);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new BlobInfo(key, a.size(), a.lastModifiedTime().toInstant(), Optional.empty()));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw mapError(p, e);
        }
    }

    @Override
    public InputFile open(String key) throws IOException {
        Path p = pathOf(key);
        if (Files.isDirectory(p)) {
            throw new BlobNotFoundException(location.resolve(key), "it is a directory", null);
        }
        try {
            return new LocalInputFile(location.resolve(key), FileChannel.open(p, StandardOpenOption.READ));
        } catch (IOException e) {
            throw mapError(p, e);
        }
    }

    @Override
    public BlobInfo write(String key, Path source, WriteOptions options) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = in.size();
            return commit(key, options, size, (out, crc) -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
                long n = 0;
                while (in.read(buf) >= 0) {
                    buf.flip();
                    crc.update(buf.duplicate());
                    n += buf.remaining();
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    buf.clear();
                }
                return n;
            });
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(Location.of(source), "the source file to write from", e);
        }
    }

    @Override
    public BlobInfo write(String key, InputStream source, WriteOptions options) throws IOException {
        return commit(key, options, -1, (out, crc) -> {
            byte[] buf = new byte[BUFFER];
            long n = 0;
            for (int r; (r = source.read(buf)) >= 0; ) {
                crc.update(buf, 0, r);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, r);
                while (b.hasRemaining()) {
                    out.write(b);
                }
                n += r;
            }
            return n;
        });
    }

    @Override
    public BlobInfo write(String key, byte[] content, WriteOptions options) throws IOException {
        return commit(key, options, content.length, (out, crc) -> {
            crc.update(content, 0, content.length);
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                out.write(b);
            }
            return content.length;
        });
    }

    /** Copies content into the temporary file's channel, feeding the checksum; returns the byte count. */
    @FunctionalInterface
    private interface Content {
        long copyTo(FileChannel out, CRC32C crc) throws IOException;
    }

    private BlobInfo commit(String key, WriteOptions options, long knownSize, Content content) throws IOException {
        Path target = pathOf(key);
        Location loc = location.resolve(key);
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new StorageException(
                    loc,
                    "a file is in the way of directory " + e.getFile()
                            + "; a key cannot be both a blob and a prefix of another blob here",
                    e);
        } catch (IOException e) {
            throw mapError(dir, e);
        }
        if (Files.isDirectory(target)) {
            throw new StorageException(loc, "is a directory; cannot write a blob over it");
        }
        Path tmp = dir.resolve(temporaryName(target.getFileName().toString()));
        CRC32C crc = new CRC32C();
        long written = 0;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                written = content.copyTo(out, crc);
                out.force(true);
            }
            Crc32c actual = Crc32c.of(crc);
            options.check(loc, written, actual);
            moveAtomically(tmp, target);
            syncDirectory(dir);
            return new BlobInfo(key, written, Files.getLastModifiedTime(target).toInstant(), Optional.of(actual));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            if (e instanceof StorageException se) {
                throw se;
            }
            if (e instanceof IOException io && isOutOfSpace(io)) {
                long needed = options.expectedSize().orElse(knownSize >= 0 ? knownSize : written);
                throw new InsufficientSpaceException(loc, "the disk holding " + dir, needed, usableSpace(dir), io);
            }
            if (e instanceof IOException io) {
                throw mapError(target, io);
            }
            throw e;
        }
    }

    /** Renames {@code from} over {@code to} in one step (POSIX rename). */
    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "the file system of " + to + " cannot rename atomically, so it cannot hold a"
                            + " store whose readers must never see half a file",
                    e);
        }
    }

    /** Flushes a directory entry change to disk (a no-op where directories cannot be opened, as on Windows). */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.trace("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    private static String temporaryName(String name) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return "." + name + ".bgb-" + HexFormat.of().formatHex(r) + ".tmp";
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot remove temporary file {}: {}", p, e.toString());
        }
    }

    /** Whether an I/O error says the disk is full. */
    public static boolean isOutOfSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path p = pathOf(key);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return; // a prefix, not a blob
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw mapError(p, e);
        }
    }

    @Override
    public int deleteByPrefix(String prefix) throws IOException {
        Keys.checkPrefix(prefix);
        int n = 0;
        for (BlobInfo b : list(prefix)) {
            delete(b.key());
            n++;
        }
        String dirPart = Keys.directoryOf(prefix);
        Path start = dirPart.isEmpty() ? root : root.resolve(dirPart);
        pruneEmptyDirectories(start, prefix);
        return n;
    }

    /** Removes directories under {@code start} that became empty and lie under {@code prefix}. */
    private void pruneEmptyDirectories(Path start, String prefix) throws IOException {
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(start) && dir.getFileName().toString().startsWith(RESERVED)
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                if (!dir.equals(root)
                        && (root.relativize(dir).toString().replace('\\', '/') + "/").startsWith(prefix)) {
                    try {
                        Files.delete(dir);
                    } catch (IOException notEmpty) {
                        // still holds other files, or is in use
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes temporary files left by writes that never finished (a crash, a killed process). Only those for
     * which {@code abandoned} says yes are deleted; it gets the key the temporary file was meant to become.
     * Returns how many were deleted.
     */
    public int deleteLeftoverTemporaries(Predicate<String> abandoned) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int[] n = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && dir.getFileName().toString().startsWith(RESERVED)
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Matcher m = TEMPORARY.matcher(file.getFileName().toString());
                if (m.matches()) {
                    String key = keyOf(file.resolveSibling(m.group(1)));
                    if (key != null && abandoned.test(key)) {
                        try {
                            Files.deleteIfExists(file);
                            n[0]++;
                        } catch (IOException e) {
                            LOG.warn("cannot remove leftover temporary file {}: {}", file, e.toString());
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return n[0];
    }

    @Override
    public Crc32c checksum(String key) throws IOException {
        Path p = pathOf(key);
        try {
            return Crc32c.of(p);
        } catch (IOException e) {
            throw mapError(p, e);
        }
    }

    @Override
    public Optional<Path> localPath(String key) throws IOException {
        Path p = pathOf(key);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Turns a file-system error into the matching storage exception. */
    private StorageException mapError(Path p, IOException e) {
        Location loc = Location.of(p);
        if (e instanceof StorageException se) {
            return se;
        }
        if (e instanceof NoSuchFileException) {
            return new BlobNotFoundException(loc, null, e);
        }
        if (e instanceof AccessDeniedException) {
            return new StorageAccessDeniedException(
                    loc, "file permissions", "check that this process may read and write " + p, e);
        }
        return new StorageException(loc, e.toString(), e);
    }

    @Override
    public void close() {
        // nothing held: files are opened per call
    }

    @Override
    public String toString() {
        return "LocalBlobStore[" + root + "]";
    }
}
