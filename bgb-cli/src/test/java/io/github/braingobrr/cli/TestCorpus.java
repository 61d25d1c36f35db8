package io.github.braingobrr.cli;

import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Test support: one small synthetic corpus per test JVM, written once through the library. */
final class TestCorpus {
    /** The seed recipe's seizure labels, as SEED-PIPELINE.md §3 lists them. */
    static final Set<String> SEED_SEIZURE_LABELS =
            Set.of("seiz", "gnsz", "fnsz", "cpsz", "absz", "spsz", "tcsz", "tnsz", "mysz");

    /** The seed's 19 referential channels in its order (SEED-PIPELINE.md §1). */
    static final List<String> SEED_CHANNELS = List.of(
            "Fp1", "F3", "C3", "P3", "F7", "T3", "T5", "O1", "Fz", "Cz", "Pz", "Fp2", "F4", "C4", "P4", "F8", "T4",
            "T6", "O2");

    private static SyntheticCorpus corpus;

    private static Path cache;

    private TestCorpus() {}

    /** The corpus's train and dev splits built once into a local cache by the library; do not modify it. */
    static synchronized Path cache() {
        if (cache == null) {
            try {
                Path dir = Files.createTempDirectory("bgb-cli-cache");
                io.github.braingobrr.cache.CacheBuilder.from(get().root())
                        .to(dir)
                        .workers(2)
                        .build()
                        .requireSeizureWindows();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                cache = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cache;
    }

    static synchronized SyntheticCorpus get() {
        if (corpus == null) {
            try {
                Path root = Files.createTempDirectory("bgb-cli-corpus");
                corpus = SyntheticCorpus.builder()
                        .patients(4)
                        .minutesPerRecording(1.5)
                        .seed(11)
                        .writeTo(root);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return corpus;
    }

    /** The first recording that matches. */
    static SyntheticRecordingSpec find(Predicate<SyntheticRecordingSpec> test) {
        return get().recordings().stream()
                .filter(test)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the test corpus has no such recording"));
    }

    /**
     * The seed's per-sample mask computed from a {@code .csv} label file's rows, as SEED-PIPELINE.md §3 says:
     * {@code mask[int(start·fs):int(stop·fs)] = 1} for every row whose label is a seed seizure label.
     */
    static float[] seedMask(Path csv, double fs, int samples) throws IOException {
        float[] mask = new float[samples];
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (line.startsWith("#") || f.length < 4 || f[0].equals("channel")) {
                continue;
            }
            if (SEED_SEIZURE_LABELS.contains(f[3].trim())) {
                int from = (int) Math.min(samples, Double.parseDouble(f[1]) * fs);
                int to = (int) Math.min(samples, Double.parseDouble(f[2]) * fs);
                for (int i = from; i < to; i++) {
                    mask[i] = 1;
                }
            }
        }
        return mask;
    }

    /** A cache of the first two train recordings of the shared corpus, built into {@code cache} by {@code bgb}. */
    static Path smallCache(Path cache) {
        Cli.run(
                        "build-cache",
                        "--data-dir",
                        get().root().toString(),
                        "--cache-dir",
                        cache.toString(),
                        "--split",
                        "train",
                        "--limit-files",
                        "2")
                .ok();
        return cache;
    }

    /** Copies a directory tree, so that a test can change its own copy of the shared corpus or cache. */
    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static void delete(Path root) {
        for (Path p : Cli.files(root)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort at JVM exit
            }
        }
        try (var dirs = Files.walk(root)) {
            dirs.sorted(java.util.Comparator.reverseOrder())
                    .forEach(d -> d.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
