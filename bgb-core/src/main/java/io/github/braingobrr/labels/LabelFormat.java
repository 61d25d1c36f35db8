package io.github.braingobrr.labels;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The TUSZ annotation file formats, each with its file extension. */
public enum LabelFormat {
    /** TUSZ v2 per-channel events with seizure types: {@code channel,start_time,stop_time,label,confidence}. */
    CSV(".csv", true),
    /** TUSZ v2 term-based binary events ({@code TERM} channel, {@code seiz}/{@code bckg}), same columns. */
    CSV_BI(".csv_bi", true),
    /** Older term-based events with seizure types: {@code start stop label probability}. */
    TSE(".tse", false),
    /** Older term-based binary events ({@code seiz}/{@code bckg}). */
    TSE_BI(".tse_bi", false);

    private final String extension;
    private final boolean csv;

    LabelFormat(String extension, boolean csv) {
        this.extension = extension;
        this.csv = csv;
    }

    /** The file extension, with its dot. */
    public String extension() {
        return extension;
    }

    boolean isCsv() {
        return csv;
    }

    /** The format named by a file's extension (case-insensitive), or empty. */
    public static Optional<LabelFormat> of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (LabelFormat f : values()) {
            if (name.endsWith(f.extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The label file of this format beside a recording: {@code x.edf} → {@code x.csv} and so on. */
    public Path siblingOf(Path recording) {
        String name = recording.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return recording.resolveSibling(stem + extension);
    }
}
