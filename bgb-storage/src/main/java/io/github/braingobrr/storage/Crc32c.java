package io.github.braingobrr.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * A CRC32C (Castagnoli) content checksum, the one S3 accepts as {@code x-amz-checksum-crc32c}. Shown as
 * eight lower-case hex digits; S3 headers carry the same four bytes, big-endian, in base64.
 *
 * @param value the 32 checksum bits
 */
public record Crc32c(int value) {
    private static final int BUFFER = 1 << 20;

    /** The checksum of {@code bytes}. */
    public static Crc32c of(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes, 0, bytes.length);
        return of(c);
    }

    /** The value accumulated so far in {@code crc}. */
    public static Crc32c of(CRC32C crc) {
        return new Crc32c((int) crc.getValue());
    }

    /** The checksum of a whole local file, read in 1 MiB blocks. */
    public static Crc32c of(Path file) throws IOException {
        CRC32C c = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                c.update(buf);
                buf.clear();
            }
        }
        return of(c);
    }

    /** The checksum of everything left in {@code in} (which is not closed). */
    public static Crc32c of(InputStream in) throws IOException {
        CRC32C c = new CRC32C();
        byte[] buf = new byte[BUFFER];
        for (int n; (n = in.read(buf)) >= 0; ) {
            c.update(buf, 0, n);
        }
        return of(c);
    }

    /** Parses eight hex digits. */
    public static Crc32c parseHex(String hex) {
        if (hex == null || hex.length() != 8) {
            throw new IllegalArgumentException("a CRC32C is 8 hex digits, got '" + hex + "'");
        }
        try {
            return new Crc32c((int) Long.parseLong(hex, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a CRC32C is 8 hex digits, got '" + hex + "'", e);
        }
    }

    /** Parses the base64 form used in S3 headers. */
    public static Crc32c parseBase64(String base64) {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 CRC32C: '" + base64 + "'", e);
        }
        if (b.length != 4) {
            throw new IllegalArgumentException("a base64 CRC32C decodes to 4 bytes, got " + b.length);
        }
        return new Crc32c(ByteBuffer.wrap(b).getInt());
    }

    /** Eight lower-case hex digits. */
    public String hex() {
        return HexFormat.of().toHexDigits(value);
    }

    /** The big-endian bytes in base64, as in {@code x-amz-checksum-crc32c}. */
    public String base64() {
        return Base64.getEncoder()
                .encodeToString(ByteBuffer.allocate(4).putInt(value).array());
    }

    @Override
    public String toString() {
        return hex();
    }
}
