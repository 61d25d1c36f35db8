package io.github.braingobrr.cache;

import io.github.braingobrr.storage.InputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What identifies the inputs a cache file was built from: the EDF file's size, modification time and a SHA-256 of
 * its header, and the label file's name, size and SHA-256 (labels are part of every cache file, so a corrected label
 * file makes the cache file stale). A cache file is reused only when its recorded fingerprint equals the current one.
 * For a data tree on a remote store ({@code s3://}), the size and modification time are the listing's, the header is
 * read with ranged reads and the label file through the store, so checking a recording downloads no EDF file.
 *
 * @param size EDF bytes
 * @param modified EDF modification time, truncated to milliseconds
 * @param headerSha256 SHA-256 (hex) of the EDF header record (main header and signal headers)
 * @param labels the label file beside the EDF, empty when there is none
 */
public record SourceFingerprint(long size, Instant modified, String headerSha256, Optional<Labels> labels) {
    /** The largest header hashed: 256 bytes plus 256 per signal for 4,095 signals. */
    private static final int MAX_HEADER = 256 * 4096;

    /**
     * The label file's identity.
     *
     * @param file its file name
     * @param size its bytes
     * @param sha256 SHA-256 (hex) of its content
     */
    public record Labels(String file, long size, String sha256) {
        /** Validates the fields. */
        public Labels {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /** Validates the fields and truncates the time to milliseconds. */
    public SourceFingerprint {
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(headerSha256, "headerSha256");
        Objects.requireNonNull(labels, "labels");
        modified = modified.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The fingerprint of an EDF file and the label file at {@code labelFile} (which may not exist).
     *
     * @throws NoSuchFileException when the EDF file does not exist
     */
    public static SourceFingerprint of(Path edf, Path labelFile) throws IOException {
        BasicFileAttributes a = Files.readAttributes(edf, BasicFileAttributes.class);
        String header;
        try (FileChannel ch = FileChannel.open(edf, StandardOpenOption.READ)) {
            header = headerSha256(ch.size(), (position, dst) -> readFully(ch, dst, position));
        }
        Optional<Labels> labels = Optional.empty();
        if (labelFile != null && Files.isRegularFile(labelFile)) {
            labels = Optional.of(labels(labelFile.getFileName().toString(), Files.readAllBytes(labelFile)));
        }
        return new SourceFingerprint(a.size(), a.lastModifiedTime().toInstant(), header, labels);
    }

    /**
     * The fingerprint of an EDF blob of a remote store, from what its listing says (size, modification time), its
     * header read with positional reads (nothing else of the file is read), and the label file's content.
     *
     * @param labelName the label file's name, or null when there is none
     * @param labelBytes its content, or null when there is none
     */
    static SourceFingerprint of(InputFile edf, Instant modified, String labelName, byte[] labelBytes)
            throws IOException {
        String header = headerSha256(edf.length(), edf::readFully);
        Optional<Labels> labels = labelBytes == null ? Optional.empty() : Optional.of(labels(labelName, labelBytes));
        return new SourceFingerprint(edf.length(), modified, header, labels);
    }

    /** Positional reads of an EDF file, filling the buffer or stopping at the end. */
    private interface Reads {
        void readFully(long position, ByteBuffer dst) throws IOException;
    }

    /** SHA-256 (hex) of the header record: the first 256 bytes, then as many as the header declares. */
    private static String headerSha256(long length, Reads reads) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(256, length));
        reads.readFully(0, head);
        int headerBytes = declaredHeaderBytes(head.array());
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(length, Math.max(head.capacity(), headerBytes)));
        reads.readFully(0, all);
        return sha256(all.array(), all.capacity());
    }

    private static Labels labels(String name, byte[] content) {
        return new Labels(name, content.length, sha256(content, content.length));
    }

    /** The header size an EDF header declares in bytes 184–191, or 256 when the field is unreadable. */
    private static int declaredHeaderBytes(byte[] head) {
        if (head.length < 192) {
            return head.length;
        }
        try {
            long n = Long.parseLong(new String(head, 184, 8, StandardCharsets.US_ASCII).strip());
            return n >= 256 && n <= MAX_HEADER ? (int) n : 256;
        } catch (NumberFormatException e) {
            return 256;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        long p = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
    }

    private static String sha256(byte[] bytes, int length) {
        MessageDigest md = digest();
        md.update(bytes, 0, length);
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** What differs from {@code other}, in words, for logs and messages; empty when they are equal. */
    String differenceFrom(SourceFingerprint other) {
        if (size != other.size) {
            return "EDF size " + other.size + " -> " + size + " bytes";
        }
        if (!headerSha256.equals(other.headerSha256)) {
            return "EDF header changed";
        }
        if (!modified.equals(other.modified)) {
            return "EDF modified " + other.modified + " -> " + modified;
        }
        if (!labels.equals(other.labels)) {
            return labels.isEmpty()
                    ? "label file removed"
                    : other.labels.isEmpty()
                            ? "label file added"
                            : "label file " + labels.get().file() + " changed";
        }
        return "";
    }
}
