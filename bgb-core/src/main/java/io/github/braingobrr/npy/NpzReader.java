package io.github.braingobrr.npy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Reads a {@code .npz} archive (as written by {@code numpy.savez} / {@code savez_compressed}, zip64
 * included) through positional reads: opening reads only the central directory; members are opened
 * lazily. STORED members can be memory-mapped or sliced in place (window {@code i} of a
 * {@code (N, 19, 15360)} member is one positional read); DEFLATED members are inflated as they are read.
 *
 * <p>Full reads ({@link #read}) and {@link #verify()} check each member's CRC-32; partial reads and
 * mappings cannot, and say so. Safe for concurrent use.
 */
public final class NpzReader implements Closeable {
    private final PositionalSource source;
    private final String name;
    private final ZipDirectory.Directory directory;
    private final Map<String, ZipDirectory.Entry> byKey = new LinkedHashMap<>();
    private final Map<String, ZipDirectory.Entry> byFileName = new LinkedHashMap<>();
    private final Map<String, NpzEntry> resolved = new ConcurrentHashMap<>();
    private final Map<String, ZipDirectory.Local> locals = new ConcurrentHashMap<>();
    private final long maxBlock;

    private NpzReader(PositionalSource source, String name, long maxBlock) throws IOException {
        this.source = source;
        this.name = name;
        this.maxBlock = maxBlock;
        this.directory = ZipDirectory.read(source, name);
        for (ZipDirectory.Entry e : directory.entries()) {
            byFileName.put(e.name(), e);
            byKey.putIfAbsent(key(e.name()), e);
        }
    }

    private static String key(String fileName) {
        return fileName.endsWith(".npy") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    /** Opens a {@code .npz} file (reads its central directory now). */
    public static NpzReader open(Path file) throws IOException {
        return open(FileSource.open(file), file.toString(), DataBlocks.DEFAULT_BLOCK);
    }

    /** Opens the archive held by {@code channel} from position 0; closing the reader closes the channel. */
    public static NpzReader open(SeekableByteChannel channel) throws IOException {
        PositionalSource s = PositionalSource.of(channel);
        return open(s, s.toString(), DataBlocks.DEFAULT_BLOCK);
    }

    /** Opens the archive held by {@code source}; closing the reader closes the source. */
    public static NpzReader open(PositionalSource source) throws IOException {
        return open(source, source.toString(), DataBlocks.DEFAULT_BLOCK);
    }

    static NpzReader open(PositionalSource source, String name, long maxBlock) throws IOException {
        try {
            return new NpzReader(source, name, maxBlock);
        } catch (IOException | RuntimeException e) {
            try {
                source.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The members' keys ({@code "windows"} for {@code windows.npy}) in archive order; reads nothing. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (ZipDirectory.Entry e : directory.entries()) {
            out.add(key(e.name()));
        }
        return List.copyOf(out);
    }

    /** Whether the archive has a member with this key or file name. */
    public boolean contains(String member) {
        return byKey.containsKey(member) || byFileName.containsKey(member);
    }

    /** Every member with its dtype and shape (reads each member's header, once). */
    public List<NpzEntry> entries() throws IOException {
        List<NpzEntry> out = new ArrayList<>();
        for (ZipDirectory.Entry e : directory.entries()) {
            out.add(resolve(e));
        }
        return List.copyOf(out);
    }

    /** One member by key ({@code "windows"}) or file name ({@code "windows.npy"}). */
    public NpzEntry entry(String member) throws IOException {
        return resolve(find(member));
    }

    private NpzEntry resolve(ZipDirectory.Entry e) throws IOException {
        NpzEntry known = resolved.get(e.name());
        if (known != null) {
            return known;
        }
        NpzCompression c = e.method() == ZipDirectory.STORED ? NpzCompression.STORED : NpzCompression.DEFLATED;
        ZipDirectory.Local local = local(e);
        NpyHeader header = null;
        long dataOffset = -1;
        if (e.name().endsWith(".npy")) {
            try (NpyReader r = openMember(e, local)) {
                header = r.header();
                if (c == NpzCompression.STORED) {
                    dataOffset = local.dataStart() + r.dataOffset();
                }
            }
        }
        NpzEntry entry = new NpzEntry(
                key(e.name()),
                e.name(),
                c,
                e.compressedSize(),
                e.size(),
                e.crc(),
                local.dataStart(),
                dataOffset,
                header);
        resolved.put(e.name(), entry);
        return entry;
    }

    /** The member's local header (read once; it also holds the member's first bytes). */
    private ZipDirectory.Local local(ZipDirectory.Entry e) throws IOException {
        ZipDirectory.Local known = locals.get(e.name());
        if (known == null) {
            known = ZipDirectory.local(source, e, directory.directoryOffset(), name);
            locals.put(e.name(), known);
        }
        return known;
    }

    private ZipDirectory.Entry find(String member) throws NoSuchFileException {
        ZipDirectory.Entry e = byFileName.get(member);
        if (e == null) {
            e = byKey.get(member);
        }
        if (e == null) {
            throw new NoSuchFileException(name, null, "no member '" + member + "'; the archive holds " + names());
        }
        return e;
    }

    /** Opens one member for partial reads; close the returned reader when done (the archive stays open). */
    public NpyReader open(String member) throws IOException {
        ZipDirectory.Entry e = find(member);
        return openMember(e, local(e));
    }

    private NpyReader openMember(ZipDirectory.Entry e, ZipDirectory.Local local) throws IOException {
        PositionalSource member = memberSource(e, local.dataStart());
        ByteBuffer prefix = null;
        if (e.method() == ZipDirectory.STORED && local.prefix() != null) {
            prefix = local.prefix().duplicate();
            prefix.limit((int) Math.min(prefix.limit(), e.size()));
        }
        return NpyReader.open(member, member.toString(), true, prefix, maxBlock);
    }

    private PositionalSource memberSource(ZipDirectory.Entry e, long dataStart) {
        String memberName = name + "!" + e.name();
        if (e.method() == ZipDirectory.STORED) {
            return new SliceSource(source, dataStart, e.size(), memberName);
        }
        return new InflatingSource(source, dataStart, e.compressedSize(), e.size(), memberName);
    }

    /** Reads a whole member into memory and checks its CRC-32. */
    public NpyArray read(String member) throws IOException {
        ZipDirectory.Entry e = find(member);
        try (NpyReader r = openMember(e, local(e))) {
            NpyArray a = r.read();
            CRC32 crc = new CRC32();
            crc.update(r.rawHeader());
            a.data().updateCrc(crc);
            long end = r.dataOffset() + a.byteSize();
            crcRange(r.source(), end, e.size() - end, crc);
            if (r.source() instanceof InflatingSource inflating) {
                inflating.verifyEnd();
            }
            if (crc.getValue() != e.crc()) {
                throw new NpzChecksumException(name, e.name(), e.crc(), crc.getValue());
            }
            return a;
        }
    }

    /**
     * Memory-maps a STORED member of an archive opened from a local file, reading nothing (no CRC check;
     * see {@link #verify()}).
     *
     * @throws UnsupportedOperationException if the member is DEFLATED or the archive is not a local file
     */
    public NpyArray map(String member) throws IOException {
        ZipDirectory.Entry e = find(member);
        if (e.method() != ZipDirectory.STORED) {
            throw new UnsupportedOperationException(name + ": member '" + e.name() + "' is DEFLATED and cannot be"
                    + " memory-mapped; use read(), or write the archive with STORED members");
        }
        try (NpyReader r = openMember(e, local(e))) {
            return r.map();
        }
    }

    /** Checks the CRC-32 of every member, reading each once in order, without keeping it in memory. */
    public void verify() throws IOException {
        for (ZipDirectory.Entry e : directory.entries()) {
            ZipDirectory.Local local = local(e);
            try (PositionalSource member = memberSource(e, local.dataStart())) {
                CRC32 crc = new CRC32();
                if (member instanceof SliceSource && source instanceof FileSource file && e.size() > 0) {
                    // a STORED member of a local file: checksum the mapping, no copy
                    file.map(local.dataStart(), e.size(), 1, ByteOrder.LITTLE_ENDIAN, DataBlocks.DEFAULT_BLOCK)
                            .updateCrc(crc);
                } else {
                    crcRange(member, 0, e.size(), crc);
                }
                if (member instanceof InflatingSource inflating) {
                    inflating.verifyEnd();
                }
                if (crc.getValue() != e.crc()) {
                    throw new NpzChecksumException(name, e.name(), e.crc(), crc.getValue());
                }
            }
        }
    }

    private static void crcRange(PositionalSource s, long from, long count, CRC32 crc) throws IOException {
        if (count <= 0) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 1 << 20));
        long done = 0;
        while (done < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            s.readFully(from + done, buf);
            buf.flip();
            crc.update(buf);
            done += buf.limit();
        }
    }

    /** Closes the archive (and its file, channel or source). */
    @Override
    public void close() throws IOException {
        source.close();
    }

    @Override
    public String toString() {
        return "NpzReader[" + name + ": " + names() + "]";
    }
}
