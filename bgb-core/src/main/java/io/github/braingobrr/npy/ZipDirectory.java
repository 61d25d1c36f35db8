package io.github.braingobrr.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The central directory of a zip archive, read with a bounded number of positional reads (one for the
 * tail, at most one for a zip64 record, one for the directory itself), and validated strictly: every
 * offset and size must lie inside the archive. Handles zip64 as NumPy 2 writes it (zip64 extras in local
 * headers only) as well as full zip64 archives (sizes and offsets above 4 GiB, a zip64 end record).
 */
final class ZipDirectory {
    static final int STORED = 0;
    static final int DEFLATED = 8;

    private static final int EOCD_SIG = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int LOC_SIG = 0x04034b50;
    private static final int EOCD_SIZE = 22;
    private static final int CEN_SIZE = 46;
    static final int LOC_SIZE = 30;
    private static final long MAX_DIRECTORY = 64L << 20;
    private static final Charset CP437 = cp437();

    /** One member as the central directory describes it. */
    record Entry(
            String name,
            int method,
            int flags,
            long crc,
            long compressedSize,
            long size,
            long localHeaderOffset,
            int nameLength) {}

    private ZipDirectory() {}

    private static Charset cp437() {
        try {
            return Charset.forName("IBM437");
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** The members, and the offset where the central directory starts (member data must end before it). */
    record Directory(List<Entry> entries, long directoryOffset) {}

    static Directory read(PositionalSource src, String name) throws IOException {
        long length = src.length();
        if (length < EOCD_SIZE) {
            throw new NpyFormatException(name + " is not a .npz (zip) archive: it has only " + length + " bytes");
        }
        int tailSize = (int) Math.min(length, EOCD_SIZE + 0xffff);
        ByteBuffer tail = ByteBuffer.allocate(tailSize).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(length - tailSize, tail);
        tail.flip();
        int eocd = -1;
        for (int i = tailSize - EOCD_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIG && i + EOCD_SIZE + (tail.getShort(i + 20) & 0xffff) == tailSize) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            src.readFully(0, head);
            if (head.getInt(0) == LOC_SIG) {
                throw new NpyFormatException(name + " is a truncated zip archive: it starts like one but has no"
                        + " end-of-central-directory record in its last " + tailSize + " bytes; the file was not"
                        + " completely written, rebuild it");
            }
            throw new NpyFormatException(
                    name + " is not a .npz (zip) archive: no end-of-central-directory record" + " found");
        }
        long eocdPos = length - tailSize + eocd;
        int disk = tail.getShort(eocd + 4) & 0xffff;
        int cdDisk = tail.getShort(eocd + 6) & 0xffff;
        long count = tail.getShort(eocd + 10) & 0xffff;
        long cdSize = tail.getInt(eocd + 12) & 0xffffffffL;
        long cdOffset = tail.getInt(eocd + 16) & 0xffffffffL;
        long cdEnd = eocdPos;
        int loc = eocd - 20;
        boolean zip64 = loc >= 0 ? tail.getInt(loc) == ZIP64_LOCATOR_SIG : locatorBeforeTail(src, eocdPos);
        if (zip64) {
            ByteBuffer locator = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
            src.readFully(eocdPos - 20, locator);
            long z64Pos = locator.getLong(8);
            if (z64Pos < 0 || z64Pos > eocdPos - 20 - 56) {
                throw new NpyFormatException(name + ": the zip64 locator at offset " + (eocdPos - 20) + " points to "
                        + z64Pos + ", outside the archive; the file is corrupt");
            }
            ByteBuffer rec = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
            src.readFully(z64Pos, rec);
            if (rec.getInt(0) != ZIP64_EOCD_SIG) {
                throw new NpyFormatException(name + ": no zip64 end-of-central-directory record at offset " + z64Pos
                        + "; the file is corrupt");
            }
            disk = rec.getInt(16);
            cdDisk = rec.getInt(20);
            count = rec.getLong(32);
            cdSize = rec.getLong(40);
            cdOffset = rec.getLong(48);
            cdEnd = z64Pos;
        }
        if (disk != 0 || cdDisk != 0) {
            throw new NpyFormatException(name + " is part of a multi-volume zip archive, which is not supported");
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset > cdEnd - cdSize) {
            throw new NpyFormatException(name + ": the central directory (" + cdSize + " bytes at offset " + cdOffset
                    + ") does not end before the end record at offset " + cdEnd + "; the archive is truncated or"
                    + " corrupt");
        }
        if (cdSize > MAX_DIRECTORY || count > cdSize / CEN_SIZE) {
            throw new NpyFormatException(name + ": implausible central directory (" + count + " entries in " + cdSize
                    + " bytes); the archive is corrupt");
        }
        ByteBuffer cd = ByteBuffer.allocate((int) cdSize).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(cdOffset, cd);
        cd.flip();
        List<Entry> entries = new ArrayList<>((int) count);
        Set<String> names = new HashSet<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            Entry e = entry(cd, p, cdOffset, name);
            if (e.localHeaderOffset() > cdOffset - LOC_SIZE - e.nameLength()
                    || e.compressedSize() > cdOffset - e.localHeaderOffset()) {
                throw new NpyFormatException(name + ": member '" + e.name() + "' claims " + e.compressedSize()
                        + " bytes at offset " + e.localHeaderOffset() + ", past the central directory at " + cdOffset
                        + "; the archive is truncated or corrupt");
            }
            if (!names.add(e.name())) {
                throw new NpyFormatException(name + ": the archive lists member '" + e.name() + "' twice");
            }
            entries.add(e);
            p += CEN_SIZE
                    + (cd.getShort(p + 28) & 0xffff)
                    + (cd.getShort(p + 30) & 0xffff)
                    + (cd.getShort(p + 32) & 0xffff);
        }
        return new Directory(List.copyOf(entries), cdOffset);
    }

    private static boolean locatorBeforeTail(PositionalSource src, long eocdPos) throws IOException {
        if (eocdPos < 20) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(eocdPos - 20, b);
        return b.getInt(0) == ZIP64_LOCATOR_SIG;
    }

    private static Entry entry(ByteBuffer cd, int p, long cdOffset, String name) throws NpyFormatException {
        if (p > cd.limit() - CEN_SIZE || cd.getInt(p) != CEN_SIG) {
            throw new NpyFormatException(
                    name + ": bad central directory entry at offset " + (cdOffset + p) + "; the archive is corrupt");
        }
        int flags = cd.getShort(p + 8) & 0xffff;
        int method = cd.getShort(p + 10) & 0xffff;
        long crc = cd.getInt(p + 16) & 0xffffffffL;
        long csize = cd.getInt(p + 20) & 0xffffffffL;
        long size = cd.getInt(p + 24) & 0xffffffffL;
        int nlen = cd.getShort(p + 28) & 0xffff;
        int xlen = cd.getShort(p + 30) & 0xffff;
        int clen = cd.getShort(p + 32) & 0xffff;
        int diskStart = cd.getShort(p + 34) & 0xffff;
        long lho = cd.getInt(p + 42) & 0xffffffffL;
        if (p + CEN_SIZE + nlen + xlen + clen > cd.limit()) {
            throw new NpyFormatException(name + ": central directory entry at offset " + (cdOffset + p)
                    + " runs past the end of the directory; the archive is corrupt");
        }
        byte[] nameBytes = new byte[nlen];
        cd.get(p + CEN_SIZE, nameBytes);
        String member = new String(nameBytes, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : CP437);
        // zip64 extended information: present fields follow the order size, compressed size, offset, disk
        int x = p + CEN_SIZE + nlen;
        int xEnd = x + xlen;
        while (x + 4 <= xEnd) {
            int id = cd.getShort(x) & 0xffff;
            int len = cd.getShort(x + 2) & 0xffff;
            int d = x + 4;
            if (d + len > xEnd) {
                throw new NpyFormatException(name + ": malformed extra field in the directory entry of '" + member
                        + "'; the archive is corrupt");
            }
            if (id == 0x0001) {
                int q = d;
                if (size == 0xffffffffL) {
                    size = z64(cd, q, d + len, member, name);
                    q += 8;
                }
                if (csize == 0xffffffffL) {
                    csize = z64(cd, q, d + len, member, name);
                    q += 8;
                }
                if (lho == 0xffffffffL) {
                    lho = z64(cd, q, d + len, member, name);
                    q += 8;
                }
                if (diskStart == 0xffff) {
                    diskStart = 0;
                }
            }
            x = d + len;
        }
        if (size == 0xffffffffL || csize == 0xffffffffL || lho == 0xffffffffL) {
            throw new NpyFormatException(name + ": member '" + member + "' has 32-bit size fields of 0xFFFFFFFF but"
                    + " no zip64 extra field in the central directory; the archive is corrupt");
        }
        if ((flags & 0x1) != 0) {
            throw new NpyFormatException(name + ": member '" + member + "' is encrypted, which is not supported");
        }
        if (method != STORED && method != DEFLATED) {
            throw new NpyFormatException(name + ": member '" + member + "' uses zip compression method " + method
                    + "; NumPy writes only STORED (0) and DEFLATED (8) members");
        }
        if (method == STORED && csize != size) {
            throw new NpyFormatException(name + ": STORED member '" + member + "' records " + csize
                    + " stored bytes but a size of " + size + "; the archive is corrupt");
        }
        return new Entry(member, method, flags, crc, csize, size, lho, nlen);
    }

    private static long z64(ByteBuffer cd, int q, int end, String member, String name) throws NpyFormatException {
        if (q + 8 > end) {
            throw new NpyFormatException(
                    name + ": the zip64 extra field of '" + member + "' is too short; the" + " archive is corrupt");
        }
        long v = cd.getLong(q);
        if (v < 0) {
            throw new NpyFormatException(name + ": member '" + member + "' has a zip64 size or offset beyond 2^63");
        }
        return v;
    }

    /**
     * Reads the local header of {@code e} and returns where its data starts, plus the bytes read so far
     * (which usually include the beginning of the data).
     */
    static Local local(PositionalSource src, Entry e, long directoryOffset, String name) throws IOException {
        long lho = e.localHeaderOffset();
        int want = (int) Math.min(LOC_SIZE + e.nameLength() + 64 + 4096, directoryOffset - lho);
        ByteBuffer b = ByteBuffer.allocate(want).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(lho, b);
        b.flip();
        if (b.getInt(0) != LOC_SIG) {
            throw new NpyFormatException(name + ": no local file header for member '" + e.name() + "' at offset " + lho
                    + "; the archive is corrupt");
        }
        int nlen = b.getShort(26) & 0xffff;
        int xlen = b.getShort(28) & 0xffff;
        if (nlen != e.nameLength()) {
            throw new NpyFormatException(name + ": the local header of member '" + e.name() + "' at offset " + lho
                    + " names a different file; the archive is corrupt");
        }
        long dataStart = lho + LOC_SIZE + nlen + xlen;
        if (dataStart > directoryOffset - e.compressedSize()) {
            throw new NpyFormatException(name + ": the data of member '" + e.name() + "' (" + e.compressedSize()
                    + " bytes from offset " + dataStart + ") runs into the central directory at " + directoryOffset
                    + "; the archive is truncated or corrupt");
        }
        int skip = LOC_SIZE + nlen + xlen;
        ByteBuffer prefix = skip <= b.limit() ? b.position(skip).slice() : null;
        return new Local(dataStart, prefix);
    }

    /** Where a member's data starts, and the first bytes of it if they were read with the header. */
    record Local(long dataStart, ByteBuffer prefix) {}
}
