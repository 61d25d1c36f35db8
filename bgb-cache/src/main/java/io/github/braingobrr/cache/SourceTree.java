package io.github.braingobrr.cache;

import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.LabelReader;
import io.github.braingobrr.labels.MissingLabels;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.PreprocessingException;
import io.github.braingobrr.preprocess.Preprocessor;
import io.github.braingobrr.preprocess.Recording;
import io.github.braingobrr.preprocess.SignalSource;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobNotFoundException;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.Keys;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The EDF tree a build reads, on any store: a local folder (a shared file system too), whose files are read in place,
 * or a prefix of a remote store ({@code s3://bucket/prefix}), whose EDF files are fetched one at a time into the
 * build's staging folder while they are built and deleted after. Discovery, fingerprints and the preprocessing call
 * are the same for both; only where the bytes come from differs.
 */
abstract sealed class SourceTree implements Closeable {
    /** Opens the tree at {@code data}; an {@code s3://} location is reached with {@code options}. */
    static SourceTree open(Location data, StoreOptions options) throws IOException {
        return data.isFile() ? new Local(data.toPath()) : new Remote(BlobStores.open(data, options));
    }

    /** The tree's root, for a distributed build's tasks (they open it again). */
    abstract Location location();

    /** The root as messages and the dataset index name it: the absolute path of a folder, else the location. */
    abstract String root();

    /** Where a key of the tree lives, as messages and the dataset index name it. */
    abstract String where(String key);

    /** The root's last name ({@code ""} when it has none) and where its parent is, for hints. */
    abstract String rootName();

    abstract String parent();

    /**
     * Every file of the tree with a name ending in {@code .edf} (any case), keys relative to the root, sorted by key.
     *
     * @throws NoSuchFileException when a local data directory does not exist
     */
    abstract List<BlobInfo> listEdf() throws IOException;

    /** The fingerprint of a recording found in this tree (a local one's as it has always been computed). */
    abstract SourceFingerprint fingerprint(SourceFile src) throws IOException;

    /**
     * Reads and preprocesses a recording with its label file; a remote EDF file is fetched into {@code staging} first
     * and deleted before this returns, also when it fails.
     */
    abstract Recording process(Preprocessor preprocessor, SourceFile src, Path staging) throws IOException;

    /**
     * Opens a recording for its header: a local file in place, a remote one through ranged reads (the header records
     * when it opens; samples only when they are read), so a preflight downloads no EDF file.
     */
    abstract EdfFile openHeader(SourceFile src) throws IOException;

    /**
     * The label file of a recording, read as the builder reads it (its format from its extension, else the
     * configured one, with the configured parse mode); empty when there is none and the configuration's
     * {@link io.github.braingobrr.labels.MissingLabels} is {@code BACKGROUND}.
     *
     * @throws io.github.braingobrr.preprocess.PreprocessingException when there is none and {@code FAIL} is configured
     */
    abstract Optional<LabelFile> readLabels(Preprocessor preprocessor, SourceFile src) throws IOException;

    /** Whether the tree holds a file at {@code key}. */
    abstract boolean exists(String key) throws IOException;

    @Override
    public void close() throws IOException {}

    /** The key of the label file of {@code format} beside the EDF file at {@code edfKey}. */
    static String labelsKey(String edfKey, LabelFormat format) {
        return Keys.directoryOf(edfKey)
                + format.siblingOf(Path.of(Keys.nameOf(edfKey))).getFileName();
    }

    private static boolean isEdf(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".edf");
    }

    /** A local folder: listed by walking it (following links, as a TUSZ tree of linked folders needs), read in place. */
    static final class Local extends SourceTree {
        private final Path given;
        private final Path root;

        Local(Path dataDir) {
            this.given = dataDir;
            this.root = dataDir.toAbsolutePath().normalize();
        }

        Path path(String key) {
            return root.resolve(key);
        }

        @Override
        Location location() {
            return Location.of(root);
        }

        @Override
        String root() {
            return root.toString();
        }

        @Override
        String where(String key) {
            return path(key).toString();
        }

        @Override
        String rootName() {
            return root.getFileName() == null ? "" : root.getFileName().toString();
        }

        @Override
        String parent() {
            return String.valueOf(root.getParent());
        }

        @Override
        List<BlobInfo> listEdf() throws IOException {
            if (!Files.isDirectory(given)) {
                throw new NoSuchFileException(
                        given.toString(), null, "the data directory does not exist or is not a folder");
            }
            List<BlobInfo> found = new ArrayList<>();
            Files.walkFileTree(
                    root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile()
                                    && isEdf(file.getFileName().toString())) {
                                found.add(new BlobInfo(
                                        key(file),
                                        attrs.size(),
                                        attrs.lastModifiedTime().toInstant(),
                                        Optional.empty()));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                            throw new IOException("cannot read " + file + " while looking for EDF files: " + exc, exc);
                        }
                    });
            found.sort(Comparator.comparing(BlobInfo::key));
            return found;
        }

        private String key(Path file) {
            StringBuilder sb = new StringBuilder();
            for (Path p : root.relativize(file)) {
                if (sb.length() > 0) {
                    sb.append('/');
                }
                sb.append(p);
            }
            return sb.toString();
        }

        @Override
        SourceFingerprint fingerprint(SourceFile src) throws IOException {
            return SourceFingerprint.of(path(src.relativePath()), path(src.labels()));
        }

        @Override
        Recording process(Preprocessor preprocessor, SourceFile src, Path staging) throws IOException {
            return preprocessor.process(path(src.relativePath()), path(src.labels()));
        }

        @Override
        EdfFile openHeader(SourceFile src) throws IOException {
            return EdfFile.open(path(src.relativePath()));
        }

        @Override
        Optional<LabelFile> readLabels(Preprocessor preprocessor, SourceFile src) throws IOException {
            return preprocessor.readLabels(where(src.relativePath()), path(src.labels()));
        }

        @Override
        boolean exists(String key) {
            return Files.exists(path(key));
        }
    }

    /** A prefix of a remote store: listed with one listing, EDF headers read with ranged reads, EDF files fetched. */
    static final class Remote extends SourceTree {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Remote.class);
        private final BlobStore store;

        Remote(BlobStore store) {
            this.store = store;
        }

        @Override
        Location location() {
            return store.root();
        }

        @Override
        String root() {
            return store.root().toString();
        }

        @Override
        String where(String key) {
            return store.locationOf(key).toString();
        }

        @Override
        String rootName() {
            return store.root().fileName();
        }

        @Override
        String parent() {
            return store.root().parent().map(Location::toString).orElse(root());
        }

        @Override
        List<BlobInfo> listEdf() throws IOException {
            List<BlobInfo> out = new ArrayList<>();
            for (BlobInfo b : store.list("")) {
                if (isEdf(Keys.nameOf(b.key()))) {
                    out.add(b);
                }
            }
            return out;
        }

        /** The label file's content, or null when there is none. */
        private byte[] labelBytes(SourceFile src) throws IOException {
            try (InputStream in = store.openStream(src.labels())) {
                return in.readAllBytes();
            } catch (BlobNotFoundException e) {
                return null;
            }
        }

        @Override
        SourceFingerprint fingerprint(SourceFile src) throws IOException {
            byte[] labels = labelBytes(src);
            try (InputFile edf = store.open(src.relativePath())) {
                return SourceFingerprint.of(edf, src.modified(), Keys.nameOf(src.labels()), labels);
            }
        }

        @Override
        Recording process(Preprocessor preprocessor, SourceFile src, Path staging) throws IOException {
            Optional<LabelFile> labels = readLabels(preprocessor, src);
            Path dir = Files.createDirectories(staging.resolve("sources"));
            Path local = Files.createTempFile(dir, src.stem() + "-", ".edf");
            try {
                fetch(src, local);
                try (FileChannel ch = FileChannel.open(local, StandardOpenOption.READ)) {
                    EdfFile edf = EdfFile.open(ch, where(src.relativePath()));
                    try (edf) {
                        SignalSource signals = SignalSource.of(edf);
                        return labels.isPresent()
                                ? preprocessor.process(signals, labels.get())
                                : preprocessor.process(signals);
                    }
                }
            } finally {
                Files.deleteIfExists(local);
            }
        }

        @Override
        Optional<LabelFile> readLabels(Preprocessor preprocessor, SourceFile src) throws IOException {
            PreprocessingConfig config = preprocessor.config();
            byte[] bytes = labelBytes(src);
            if (bytes == null) {
                if (config.labels().missing() == MissingLabels.FAIL) {
                    throw new PreprocessingException(where(src.relativePath()) + ": no label file ("
                            + where(src.labels()) + " does not exist) and MissingLabels.FAIL is configured; add the"
                            + " file, or choose MissingLabels.BACKGROUND");
                }
                return Optional.empty();
            }
            LabelFormat format = LabelFormat.of(Path.of(Keys.nameOf(src.labels())))
                    .orElse(config.labels().format());
            return Optional.of(LabelReader.parse(
                    new String(bytes, StandardCharsets.UTF_8),
                    where(src.labels()),
                    format,
                    config.labels().parseMode()));
        }

        @Override
        EdfFile openHeader(SourceFile src) throws IOException {
            InputFile file = store.open(src.relativePath());
            try {
                return EdfFile.open(new RangedChannel(file), where(src.relativePath()));
            } catch (IOException | RuntimeException e) {
                try {
                    file.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        @Override
        boolean exists(String key) throws IOException {
            return store.exists(key);
        }

        /** Downloads the EDF file, checked against the size the listing gave. */
        private void fetch(SourceFile src, Path local) throws IOException {
            try (InputStream in = store.openStream(src.relativePath())) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            long got = Files.size(local);
            if (got != src.size()) {
                throw new IOException(where(src.relativePath()) + ": fetched " + got + " bytes, but the listing said "
                        + src.size() + "; the file changed during the build, run it again");
            }
            LOG.debug("fetched {} ({} bytes) to {}", where(src.relativePath()), got, local);
        }

        @Override
        public void close() throws IOException {
            store.close();
        }
    }

    /**
     * A read-only channel over an {@link InputFile}: every read is one positional read of the blob (one ranged GET on
     * S3), nothing is fetched ahead.
     */
    private static final class RangedChannel implements SeekableByteChannel {
        private final InputFile file;
        private long position;
        private boolean open = true;

        RangedChannel(InputFile file) {
            this.file = file;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            checkOpen();
            long left = file.length() - position;
            if (left <= 0) {
                return dst.hasRemaining() ? -1 : 0;
            }
            int n = (int) Math.min(dst.remaining(), left);
            ByteBuffer slice = dst.slice();
            slice.limit(n);
            file.readFully(position, slice);
            dst.position(dst.position() + n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            checkOpen();
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            checkOpen();
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position " + newPosition);
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            checkOpen();
            return file.length();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            if (open) {
                open = false;
                file.close();
            }
        }

        private void checkOpen() throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
        }
    }
}
