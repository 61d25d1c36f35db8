package io.github.braingobrr.synthetic;

import io.github.braingobrr.edf.EdfWriter;
import io.github.braingobrr.labels.LabelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthetic TUSZ-like corpus that has been written: its configuration, its root (the folder holding
 * {@code train/}, {@code dev/} and {@code eval/}, like TUSZ's {@code edf/}) and every recording in it,
 * in split order and then path order. Tests compute their expectations from {@link #recordings()}: each
 * spec carries its split, patient, rate, duration, signals and planted seizures.
 *
 * <pre>{@code
 * var corpus = SyntheticCorpus.builder().patients(6).minutesPerRecording(5).seed(42)
 *         .writeTo(Path.of("demo/edf"));
 * Recording first = new Preprocessor(PreprocessingConfig.seed()).process(corpus.edfPath(corpus.recordings().get(0)));
 * }</pre>
 *
 * @param config the configuration it was generated from
 * @param root the corpus root
 * @param recordings every recording written
 */
public record SyntheticCorpus(SyntheticCorpusConfig config, Path root, List<SyntheticRecordingSpec> recordings) {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticCorpus.class);

    /** Copies the list. */
    public SyntheticCorpus {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(root, "root");
        recordings = List.copyOf(recordings);
    }

    /** A builder of the corpus configuration; finish with {@code writeTo(root)} or {@code plan()}. */
    public static SyntheticCorpusConfig.Builder builder() {
        return SyntheticCorpusConfig.builder();
    }

    /**
     * Plans the corpus and writes every recording under {@code root}: for each, the {@code .csv} and
     * {@code .csv_bi} label files (through {@link LabelWriter}), then the EDF file (through {@link EdfWriter},
     * its samples generated a batch of records at a time while it is written). Each file is written to a
     * temporary name beside its final one and renamed into place, replacing an older file of the same name;
     * other files under the root are left alone.
     *
     * @throws IOException if a folder cannot be created or a file cannot be written; the message names it.
     *     Files already in place stay complete.
     */
    public static SyntheticCorpus write(SyntheticCorpusConfig config, Path root) throws IOException {
        return write(config, root, spec -> {});
    }

    /**
     * {@link #write(SyntheticCorpusConfig, Path)}, calling {@code written} with each recording, in order, as soon
     * as its three files are in place (to show progress; {@code config.plan().size()} recordings in all).
     */
    public static SyntheticCorpus write(
            SyntheticCorpusConfig config, Path root, Consumer<SyntheticRecordingSpec> written) throws IOException {
        Objects.requireNonNull(written, "written");
        List<SyntheticRecordingSpec> plan = config.plan();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException(
                    "synthetic corpus root " + root + " is not a folder; choose a new or existing folder");
        }
        Files.createDirectories(root);
        long seconds = 0;
        for (SyntheticRecordingSpec spec : plan) {
            Path edf = root.resolve(spec.relativeEdfPath());
            Path csv = root.resolve(spec.relativeCsvPath());
            Path csvBi = root.resolve(spec.relativeCsvBiPath());
            Path current = csv;
            try {
                Files.createDirectories(edf.getParent());
                LabelWriter.write(csv, spec.labels());
                current = csvBi;
                LabelWriter.write(csvBi, spec.binaryLabels());
                current = edf;
                SyntheticRecording.of(spec).edfWriter().write(edf);
            } catch (IOException e) {
                throw new IOException("cannot write synthetic file " + current + ": " + e, e);
            }
            seconds += spec.durationSeconds();
            written.accept(spec);
            LOG.debug(
                    "wrote {} ({} Hz, {} s, {} seizures)",
                    edf,
                    spec.samplingRate(),
                    spec.durationSeconds(),
                    spec.seizures().size());
        }
        LOG.info("wrote synthetic corpus of {} recordings ({} min) to {}", plan.size(), seconds / 60, root);
        return new SyntheticCorpus(config, root, plan);
    }

    /** The EDF file of a recording. */
    public Path edfPath(SyntheticRecordingSpec spec) {
        return root.resolve(spec.relativeEdfPath());
    }

    /** The per-channel {@code .csv} label file of a recording. */
    public Path csvPath(SyntheticRecordingSpec spec) {
        return root.resolve(spec.relativeCsvPath());
    }

    /** The term-based {@code .csv_bi} label file of a recording. */
    public Path csvBiPath(SyntheticRecordingSpec spec) {
        return root.resolve(spec.relativeCsvBiPath());
    }

    /** The recordings of one split. */
    public List<SyntheticRecordingSpec> recordings(CorpusSplit split) {
        List<SyntheticRecordingSpec> out = new ArrayList<>();
        for (SyntheticRecordingSpec s : recordings) {
            if (s.split() == split) {
                out.add(s);
            }
        }
        return out;
    }

    /** The patient ids of one split, sorted. */
    public List<String> patients(CorpusSplit split) {
        TreeSet<String> ids = new TreeSet<>();
        for (SyntheticRecordingSpec s : recordings(split)) {
            ids.add(s.patient());
        }
        return List.copyOf(ids);
    }

    /** Total recorded time, seconds. */
    public long totalSeconds() {
        long sum = 0;
        for (SyntheticRecordingSpec s : recordings) {
            sum += s.durationSeconds();
        }
        return sum;
    }
}
