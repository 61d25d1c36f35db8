package io.github.braingobrr.labels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Reads TUSZ annotation files: {@code .csv} / {@code .csv_bi} ({@code # key = value} header lines, a column line
 * {@code channel,start_time,stop_time,label,confidence}, then one event per line) and {@code .tse} /
 * {@code .tse_bi} ({@code version = tse_v1.0.0}, then {@code start stop label probability} lines).
 */
public final class LabelReader {
    private LabelReader() {}

    /** Reads a file strictly, its format chosen by its extension. */
    public static LabelFile read(Path file) throws IOException {
        return read(file, ParseMode.STRICT);
    }

    /** Reads a file, its format chosen by its extension. */
    public static LabelFile read(Path file, ParseMode mode) throws IOException {
        LabelFormat format = LabelFormat.of(file)
                .orElseThrow(() -> new IOException(file + ": not a label file (expected one of .csv, .csv_bi, .tse,"
                        + " .tse_bi); pass the format explicitly"));
        return read(file, format, mode);
    }

    /** Reads a file in the given format. */
    public static LabelFile read(Path file, LabelFormat format, ParseMode mode) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString(), format, mode);
    }

    /** Parses file contents; {@code source} names the file in messages. */
    public static LabelFile parse(String content, String source, LabelFormat format, ParseMode mode)
            throws LabelFormatException {
        Parser p = new Parser(source, format, mode);
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            p.line(i + 1, line);
        }
        return new LabelFile(source, format, p.version, p.bname, p.duration, p.montageFile, p.events, p.warnings);
    }

    private static final class Parser {
        final String source;
        final LabelFormat format;
        final ParseMode mode;
        String version = "";
        String bname = "";
        OptionalDouble duration = OptionalDouble.empty();
        String montageFile = "";
        final List<LabelEvent> events = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        boolean seenColumns;

        Parser(String source, LabelFormat format, ParseMode mode) {
            this.source = source;
            this.format = format;
            this.mode = mode;
        }

        void line(int number, String raw) throws LabelFormatException {
            String line = raw.strip();
            if (line.isEmpty()) {
                return;
            }
            if (format.isCsv()) {
                if (line.startsWith("#")) {
                    header(number, line.substring(1).strip());
                    return;
                }
                if (!seenColumns
                        && line.toLowerCase(Locale.ROOT).replace(" ", "").startsWith("channel,")) {
                    seenColumns = true;
                    return;
                }
                csvRow(number, line);
            } else {
                if (line.startsWith("#")) {
                    return;
                }
                if (line.contains("=")) {
                    header(number, line);
                    return;
                }
                tseRow(number, line);
            }
        }

        void header(int number, String text) throws LabelFormatException {
            int eq = text.indexOf('=');
            if (eq < 0) {
                return; // a bare "#" separator or free comment
            }
            String key = text.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = text.substring(eq + 1).strip();
            switch (key) {
                case "version" -> version = value;
                case "bname" -> bname = value;
                case "montage_file" -> montageFile = value;
                case "duration" -> {
                    String number0 = value.toLowerCase(Locale.ROOT)
                            .replace("secs", "")
                            .replace("sec", "")
                            .strip();
                    try {
                        double d = Double.parseDouble(number0);
                        if (!Double.isFinite(d) || d < 0) {
                            throw new NumberFormatException();
                        }
                        duration = OptionalDouble.of(d);
                    } catch (NumberFormatException e) {
                        problem(number, "duration header '" + value + "' is not a number of seconds");
                    }
                }
                default -> {
                    // other header keys are kept out of the model
                }
            }
        }

        void csvRow(int number, String line) throws LabelFormatException {
            String[] f = line.split(",", -1);
            if (f.length < 4 || f.length > 5) {
                problem(
                        number,
                        "expected 5 comma-separated fields channel,start_time,stop_time,label,confidence, got "
                                + f.length + ": '" + line + "'");
                return;
            }
            event(number, f[0].strip(), f[1], f[2], f[3], f.length == 5 ? f[4] : "1.0", line);
        }

        void tseRow(int number, String line) throws LabelFormatException {
            String[] f = line.split("\\s+");
            if (f.length < 3 || f.length > 4) {
                problem(
                        number,
                        "expected 4 space-separated fields start stop label probability, got " + f.length + ": '" + line
                                + "'");
                return;
            }
            event(number, LabelEvent.TERM, f[0], f[1], f[2], f.length == 4 ? f[3] : "1.0", line);
        }

        void event(int number, String channel, String start, String stop, String label, String confidence, String line)
                throws LabelFormatException {
            double s;
            double e;
            double c;
            try {
                s = Double.parseDouble(start.strip());
                e = Double.parseDouble(stop.strip());
                c = Double.parseDouble(confidence.strip());
            } catch (NumberFormatException ex) {
                problem(number, "start, stop and confidence must be numbers: '" + line + "'");
                return;
            }
            if (!Double.isFinite(s) || !Double.isFinite(e) || !Double.isFinite(c)) {
                problem(number, "start, stop and confidence must be finite: '" + line + "'");
                return;
            }
            if (s < 0 || e < s) {
                problem(number, "need 0 <= start <= stop, got " + s + " .. " + e + ": '" + line + "'");
                return;
            }
            if (channel.isEmpty() || label.isBlank()) {
                problem(number, "channel and label must not be empty: '" + line + "'");
                return;
            }
            events.add(new LabelEvent(channel, s, e, label, c));
        }

        void problem(int number, String message) throws LabelFormatException {
            if (mode == ParseMode.STRICT) {
                throw new LabelFormatException(source, number, message);
            }
            warnings.add(source + ":" + number + ": " + message + " (skipped)");
        }
    }
}
