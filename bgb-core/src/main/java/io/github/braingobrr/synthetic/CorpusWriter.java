package io.github.braingobrr.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the files of one synthetic recording. {@link SyntheticCorpus#write} decides the final paths and
 * hands the writer temporary paths in the same folder, then renames them into place, so a writer only has
 * to produce complete files and never sees a half-written corpus.
 *
 * <p>An EDF writer is plugged in as a lambda, e.g. {@code (path, rec) -> myEdfWriter.write(path, rec)};
 * it reads the header fields from {@code rec.spec()} and {@code rec.signals()} and the samples, one span
 * at a time, with {@link SyntheticRecording#read(int, long, double[], int, int)}.
 */
@FunctionalInterface
public interface CorpusWriter {

    /** Writes the EDF file of a recording to {@code edf} (a temporary path; the file is new). */
    void writeEdf(Path edf, SyntheticRecording recording) throws IOException;

    /**
     * Writes the per-channel {@code .csv} and term-based {@code .csv_bi} label files (temporary paths).
     * The default writes {@link SyntheticRecordingSpec#csvText()} and {@link SyntheticRecordingSpec#csvBiText()}.
     */
    default void writeLabels(Path csv, Path csvBi, SyntheticRecordingSpec spec) throws IOException {
        Files.writeString(csv, spec.csvText(), StandardCharsets.US_ASCII);
        Files.writeString(csvBi, spec.csvBiText(), StandardCharsets.US_ASCII);
    }
}
