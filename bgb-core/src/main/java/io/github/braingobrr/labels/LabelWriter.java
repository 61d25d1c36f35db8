package io.github.braingobrr.labels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes annotation files in TUSZ layout (LF line ends, 4-decimal times, the {@code duration} header with two
 * decimals as the corpus writes it), atomically: a temporary file beside the target, then a rename.
 */
public final class LabelWriter {
    private LabelWriter() {}

    /** The file text for {@code labels} in its format. */
    public static String format(LabelFile labels) {
        StringBuilder sb = new StringBuilder();
        String version = labels.version().isEmpty() ? LabelFile.defaultVersion(labels.format()) : labels.version();
        if (labels.format() == LabelFormat.CSV || labels.format() == LabelFormat.CSV_BI) {
            sb.append("# version = ").append(version).append('\n');
            if (!labels.bname().isEmpty()) {
                sb.append("# bname = ").append(labels.bname()).append('\n');
            }
            labels.duration().ifPresent(d -> sb.append(String.format(Locale.ROOT, "# duration = %.2f secs\n", d)));
            if (!labels.montageFile().isEmpty()) {
                sb.append("# montage_file = ").append(labels.montageFile()).append('\n');
            }
            sb.append("#\n");
            sb.append("channel,start_time,stop_time,label,confidence\n");
            for (LabelEvent e : labels.events()) {
                check(e.channel(), ",");
                check(e.label(), ",");
                sb.append(String.format(
                        Locale.ROOT,
                        "%s,%.4f,%.4f,%s,%.4f\n",
                        e.channel(),
                        e.start(),
                        e.stop(),
                        e.label(),
                        e.confidence()));
            }
        } else {
            sb.append("version = ").append(version).append("\n\n");
            for (LabelEvent e : labels.events()) {
                check(e.label(), " ");
                sb.append(String.format(
                        Locale.ROOT, "%.4f %.4f %s %.4f\n", e.start(), e.stop(), e.label(), e.confidence()));
            }
        }
        return sb.toString();
    }

    /**
     * Writes {@code labels} to {@code target} atomically, replacing an existing file: a temporary file beside it,
     * forced to disk, then renamed over it.
     */
    public static void write(Path target, LabelFile labels) throws IOException {
        byte[] bytes = format(labels).getBytes(StandardCharsets.US_ASCII);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void check(String field, String separator) {
        if (field.contains(separator) || field.contains("\n")) {
            throw new IllegalArgumentException("field '" + field + "' contains a separator and cannot be written");
        }
    }
}
