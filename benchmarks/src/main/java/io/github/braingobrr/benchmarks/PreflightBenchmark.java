package io.github.braingobrr.benchmarks;

import io.github.braingobrr.cache.Preflight;
import io.github.braingobrr.cache.PreflightReport;
import io.github.braingobrr.cache.PreflightRequest;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link Preflight} of a TUSZ-sized tree: 6,500 EDF files with their {@code .csv} label files, 650 patients in
 * {@code train/} and {@code dev/}, and an empty local cache location (its free space answered as unlimited, so the
 * report is ready on any disk). The EDF files are hard links (symbolic links
 * where the file system has none) to 16 synthetic 2.5–17.5 minute recordings (10 minutes on average, so the
 * estimated cache is TUSZ-sized, about 460 GB) at 250, 256, 400 and 512 Hz, with and
 * without seizures, {@code -REF} and {@code -LE}; every label file is a file of its own. One operation is one whole
 * preflight (every header opened, every label file parsed, window counts estimated). The files are in the page cache
 * after the first iteration, so this measures the work, not a cold disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PreflightBenchmark {
    static final int FILES = 6_500;
    static final int PER_PATIENT = 10;

    @Param({"1", "2"})
    int workers;

    private Path root;
    private Path data;

    @Setup(Level.Trial)
    public void writeTree() throws IOException {
        root = Files.createTempDirectory("bgb-preflight-bench");
        data = root.resolve("edf");
        writeTree(root.resolve("templates"), data);
    }

    /** Writes the 6,500-file tree under {@code data}, its recordings linked to templates written under {@code templates}. */
    static void writeTree(Path templates, Path data) throws IOException {
        SyntheticCorpus corpus = SyntheticCorpus.builder()
                .patients(16)
                .recordingsPerPatient(1)
                .minutesPerRecording(10)
                .durationJitter(0.75)
                .shortFraction(0)
                .seizureFraction(0.5)
                .seed(7)
                .writeTo(templates);
        List<SyntheticRecordingSpec> specs = corpus.recordings();
        for (int i = 0; i < FILES; i++) {
            int patient = i / PER_PATIENT;
            String split = patient % 5 == 0 ? "dev" : "train";
            String id = String.format(Locale.ROOT, "p%07d", patient);
            String stem = String.format(Locale.ROOT, "%s_s001_t%03d", id, i % PER_PATIENT);
            Path folder = data.resolve(split).resolve(id).resolve("s001_2015").resolve("01_tcp_ar");
            Files.createDirectories(folder);
            SyntheticRecordingSpec t = specs.get(i % specs.size());
            Path edf = folder.resolve(stem + ".edf");
            try {
                Files.createLink(edf, corpus.edfPath(t));
            } catch (UnsupportedOperationException | IOException e) {
                Files.createSymbolicLink(edf, corpus.edfPath(t).toAbsolutePath());
            }
            Files.copy(corpus.csvPath(t), folder.resolve(stem + ".csv"));
        }
    }

    @TearDown(Level.Trial)
    public void deleteTree() throws IOException {
        TempDirectories.delete(root);
    }

    @Benchmark
    public PreflightReport preflight() throws IOException {
        PreflightReport r = Preflight.withSpaceProvider(folder -> Long.MAX_VALUE)
                .run(PreflightRequest.of(data).withCache(root.resolve("cache")).withWorkers(workers));
        if (r.totalRecordings() != FILES || !r.ready()) {
            throw new IllegalStateException("the benchmark tree should be ready with " + FILES + " recordings: "
                    + r.totalRecordings() + ", " + r.problems());
        }
        return r;
    }
}
