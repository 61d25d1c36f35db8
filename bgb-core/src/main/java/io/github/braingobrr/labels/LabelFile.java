package io.github.braingobrr.labels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The contents of one annotation file: header fields (empty strings when absent), events in file order, and
 * the warnings a lenient read recorded.
 *
 * @param source where it came from (a path, for messages)
 * @param format the file format
 * @param version the {@code version} header, e.g. {@code csv_v1.0.0}
 * @param bname the {@code bname} header (the recording's stem)
 * @param duration the {@code duration} header in seconds, when present
 * @param montageFile the {@code montage_file} header
 * @param events the events, in file order
 * @param warnings the malformed lines skipped in {@link ParseMode#LENIENT} mode, one message each
 */
public record LabelFile(
        String source,
        LabelFormat format,
        String version,
        String bname,
        OptionalDouble duration,
        String montageFile,
        List<LabelEvent> events,
        List<String> warnings) {
    public LabelFile {
        if (format == null) {
            throw new IllegalArgumentException("format is required");
        }
        source = source == null ? "" : source;
        version = version == null ? "" : version;
        bname = bname == null ? "" : bname;
        duration = duration == null ? OptionalDouble.empty() : duration;
        montageFile = montageFile == null ? "" : montageFile;
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
    }

    /** A new file's contents (for writing), with the format's usual version header. */
    public static LabelFile of(
            LabelFormat format, String bname, double duration, String montageFile, List<LabelEvent> events) {
        return new LabelFile(
                "", format, defaultVersion(format), bname, OptionalDouble.of(duration), montageFile, events, List.of());
    }

    static String defaultVersion(LabelFormat format) {
        return format == LabelFormat.CSV || format == LabelFormat.CSV_BI ? "csv_v1.0.0" : "tse_v1.0.0";
    }

    /** The events whose label is one of {@code types}. */
    public List<LabelEvent> seizures(Set<SeizureType> types) {
        List<LabelEvent> out = new ArrayList<>();
        for (LabelEvent e : events) {
            if (e.seizureType().filter(types::contains).isPresent()) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The term-based binary view, as TUSZ's {@code .csv_bi} files hold it: the union over channels of the events
     * of {@code types}, merged where they overlap or touch, as {@code TERM,…,seiz,1.0} rows; a recording without
     * seizures gets one {@code bckg} row over its duration (none when the duration is unknown).
     */
    public LabelFile toBinary(Set<SeizureType> types) {
        List<LabelEvent> seizures = seizures(types);
        seizures.sort(Comparator.comparingDouble(LabelEvent::start));
        List<LabelEvent> merged = new ArrayList<>();
        double start = Double.NaN;
        double stop = Double.NaN;
        for (LabelEvent e : seizures) {
            if (!Double.isNaN(start) && e.start() <= stop) {
                stop = Math.max(stop, e.stop());
                continue;
            }
            if (!Double.isNaN(start)) {
                merged.add(new LabelEvent(LabelEvent.TERM, start, stop, SeizureType.SEIZ.code(), 1.0));
            }
            start = e.start();
            stop = e.stop();
        }
        if (!Double.isNaN(start)) {
            merged.add(new LabelEvent(LabelEvent.TERM, start, stop, SeizureType.SEIZ.code(), 1.0));
        }
        if (merged.isEmpty() && duration.isPresent()) {
            merged.add(new LabelEvent(LabelEvent.TERM, 0.0, duration.getAsDouble(), "bckg", 1.0));
        }
        return new LabelFile(
                source,
                LabelFormat.CSV_BI,
                defaultVersion(LabelFormat.CSV_BI),
                bname,
                duration,
                montageFile,
                merged,
                List.of());
    }
}
