package io.github.braingobrr.storage.transfer;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.InvalidLocationException;
import io.github.braingobrr.storage.Keys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expected contents of a tier: key, size and CRC32C per file, as a small text file that can travel
 * with a dataset. One line per file, {@code <crc32c-hex or -> <size> <key>}; lines starting with {@code #}
 * are comments.
 */
public final class ChecksumList {
    /**
     * One expected file.
     *
     * @param key the blob key
     * @param size its length
     * @param crc32c its checksum, when known
     */
    public record Item(String key, long size, Optional<Crc32c> crc32c) {}

    private final Map<String, Item> items;

    private ChecksumList(Map<String, Item> items) {
        this.items = items;
    }

    /** A list of these items. */
    public static ChecksumList of(List<Item> items) {
        Map<String, Item> m = new LinkedHashMap<>();
        items.stream().sorted(Comparator.comparing(Item::key)).forEach(i -> m.put(Keys.checkKey(i.key()), i));
        return new ChecksumList(m);
    }

    /**
     * What {@code store} holds under {@code prefix}: sizes from its listing, checksums as recorded (a stat
     * per file that the listing gave none for) or, with {@code hashContent}, computed by reading everything.
     */
    public static ChecksumList of(BlobStore store, String prefix, boolean hashContent) throws IOException {
        List<Item> out = new ArrayList<>();
        for (BlobInfo b : store.list(prefix)) {
            Optional<Crc32c> crc = b.crc32c();
            if (hashContent) {
                crc = Optional.of(store.checksum(b.key()));
            } else if (crc.isEmpty()) {
                crc = store.find(b.key()).flatMap(BlobInfo::crc32c);
            }
            out.add(new Item(b.key(), b.size(), crc));
        }
        return of(out);
    }

    /**
     * Reads a checksum file.
     *
     * @throws IOException naming the file and line when a line is malformed
     */
    public static ChecksumList read(Path file) throws IOException {
        List<Item> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ", 3);
                try {
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("expected '<crc32c> <size> <key>'");
                    }
                    Optional<Crc32c> crc =
                            parts[0].equals("-") ? Optional.empty() : Optional.of(Crc32c.parseHex(parts[0]));
                    long size = Long.parseLong(parts[1]);
                    if (size < 0) {
                        throw new IllegalArgumentException("negative size " + size);
                    }
                    out.add(new Item(Keys.checkKey(parts[2]), size, crc));
                } catch (IllegalArgumentException e) {
                    throw new IOException(
                            file + " line " + lineNo + ": " + e.getMessage()
                                    + (e instanceof InvalidLocationException ? "" : " in '" + line + "'")
                                    + "; each line is '<crc32c-hex or -> <size> <key>'",
                            e);
                }
            }
        }
        return of(out);
    }

    /** Writes this list atomically (temporary file, then rename). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    Writer w = new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8)) {
                w.write("# bgb checksum list: <crc32c-hex or -> <size> <key>\n");
                for (Item i : items.values()) {
                    w.write(i.crc32c().map(Crc32c::hex).orElse("-") + " " + i.size() + " " + i.key() + "\n");
                }
                w.flush();
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The items, sorted by key. */
    public List<Item> items() {
        return List.copyOf(items.values());
    }

    Optional<Item> get(String key) {
        return Optional.ofNullable(items.get(key));
    }
}
