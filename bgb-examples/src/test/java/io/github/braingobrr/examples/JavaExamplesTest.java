package io.github.braingobrr.examples;

import static io.github.braingobrr.examples.CacheFacts.LENGTH;
import static io.github.braingobrr.examples.CacheFacts.balancedCounts;
import static io.github.braingobrr.examples.CacheFacts.balancedTrainWindows;
import static io.github.braingobrr.examples.CacheFacts.first;
import static io.github.braingobrr.examples.CacheFacts.json;
import static io.github.braingobrr.examples.CacheFacts.labels;
import static io.github.braingobrr.examples.CacheFacts.manifest;
import static io.github.braingobrr.examples.CacheFacts.npzFiles;
import static io.github.braingobrr.examples.CacheFacts.seizureSamples;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.cache.WindowRef;
import io.github.braingobrr.cli.EmbeddedS3Server;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpzReader;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticCorpusConfig;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import io.github.braingobrr.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each Java example's main method and checks what it prints and writes. */
class JavaExamplesTest {
    /** The seed's seizure labels (SEED-PIPELINE.md §3). */
    private static final Set<String> SEED_SEIZURES =
            Set.of("seiz", "gnsz", "fnsz", "cpsz", "absz", "spsz", "tcsz", "tnsz", "mysz");

    @TempDir
    Path dir;

    @Test
    void readEdfExamplePrintsTheHeaderSignalsAnnotationsAndSamples() throws IOException {
        // facts from shared/testdata/README.md
        String out = capture(() -> ReadEdfExample.main(
                new String[] {TestData.file("edf/pyedflib/test_subsecond.edf").toString()}));
        assertTrue(
                out.contains(": EDF_PLUS_C, 2 signals, 698 records of 1 s, starts 2020-01-24T04:05:56.394531200"), out);
        assertTrue(out.contains("  signal 0 'Fp1' (Fp1) 128.0 Hz, uV"), out);
        assertTrue(out.contains("  annotation at 2.3457031 s: XLSpike"), out);
        assertTrue(out.contains("  annotation at 583.9667968 s: XLSpike"), out);
        assertTrue(out.contains("  first 2.0 s of 'Fp1': 256 samples, first 6.247303 uV"), out);
    }

    @Test
    void buildCacheExamplePrintsTheManifestCountsAndReadsABalancedBatch() throws IOException {
        SyntheticCorpus corpus = SyntheticCorpus.builder()
                .patients(4)
                .minutesPerRecording(1.5)
                .seed(2026)
                .writeTo(dir.resolve("edf"));
        Path cache = dir.resolve("cache");
        String printed =
                capture(() -> BuildCacheExample.main(new String[] {corpus.root().toString(), cache.toString()}));
        for (String split : List.of("train", "dev")) {
            JsonNode m = manifest(cache, split);
            String line = split + ": partial " + m.get("partial_seizure").size() + ", full "
                    + m.get("full_seizure").size() + ", none "
                    + m.get("no_seizure").size();
            assertTrue(printed.contains(line), "expected '" + line + "' in:\n" + printed);
        }
        int sample = IntStream.of(balancedCounts(manifest(cache, "train"))).sum();
        assertTrue(
                printed.contains("balanced sample: " + sample + " windows; first batch: " + Math.min(4, sample)
                        + " windows of 19 x 15360"),
                printed);
    }

    @Test
    void readWindowsExamplePrintsTheManifestsAWindowAndTheBalancedBatchesAsTheFilesHoldThem() throws IOException {
        // seizures in every recording, long enough for full-seizure windows: a sample of all three categories
        Path cache = buildCache(SyntheticCorpusConfig.builder()
                .patients(2)
                .minutesPerRecording(4)
                .seizureFraction(1)
                .seed(2026));
        String printed = capture(() -> ReadWindowsExample.main(new String[] {cache.toString()}));

        JsonNode meta = json(cache.resolve(".cache_metadata.json"));
        assertTrue(
                printed.contains(": layout " + meta.get("layout").asText() + ", configuration "
                        + meta.get("config_hash").asText() + "\n"),
                printed);
        for (String split : List.of("train", "dev")) {
            JsonNode m = manifest(cache, split);
            int partial = m.get("partial_seizure").size();
            int full = m.get("full_seizure").size();
            int none = m.get("no_seizure").size();
            String line = split + ": " + npzFiles(cache.resolve(split)).size() + " cache files, "
                    + (partial + full + none) + " windows: partial " + partial + ", full " + full + ", none " + none
                    + "\n";
            assertTrue(printed.contains(line), "expected '" + line + "' in:\n" + printed);
        }

        WindowRef first = first(manifest(cache, "train"), "partial_seizure");
        double fraction = (double) seizureSamples(labels(cache.resolve("train"), first)) / LENGTH;
        assertTrue(fraction > 0 && fraction < 0.99, "a partial window: " + fraction);
        assertTrue(
                printed.contains(String.format(
                        Locale.ROOT, "window %s: 19 x 15360 samples, seizure fraction %.4f%n", first, fraction)),
                printed);

        // the balanced sample: sizes by the recipe (SEED-PIPELINE.md), labels straight from the npz files
        int[] pfb = balancedCounts(manifest(cache, "train"));
        int n = IntStream.of(pfb).sum();
        assertTrue(pfb[1] > 0 && pfb[2] > 0, "the corpus gives windows of every category: " + Arrays.toString(pfb));
        assertTrue(
                printed.contains(String.format(
                        Locale.ROOT,
                        "balanced sample: %d windows (partial %d, full %d, background %d), seizure windows %.4f%n",
                        n,
                        pfb[0],
                        pfb[1],
                        pfb[2],
                        (double) (pfb[0] + pfb[1]) / n)),
                printed);
        assertTrue(
                printed.contains((n + 7) / 8 + " batches of up to 8; the first: signals " + Math.min(8, n)
                        + " x 19 x 15360, labels " + Math.min(8, n) + " x 15360\n"),
                printed);
        long positive = 0;
        for (WindowRef w : balancedTrainWindows(cache)) {
            positive += seizureSamples(labels(cache.resolve("train"), w));
        }
        assertTrue(
                printed.contains(String.format(
                        Locale.ROOT,
                        "seizure-labelled samples in the sample: %.6f; read %d windows, ",
                        (double) positive / ((long) n * LENGTH),
                        n)),
                printed);
    }

    @Test
    void tieredStorageExamplePopulatesAnIdenticalCopyAndReadsTheSameWindowsFromS3AndTheSsdTier() throws IOException {
        Path cache = buildCache(SyntheticCorpusConfig.builder()
                .patients(4)
                .minutesPerRecording(1.5)
                .seed(2026));
        Path s3Dir = dir.resolve("s3");
        Path ssd = dir.resolve("ssd");
        String printed;
        Map<String, String> credentials = Map.of(
                "aws.accessKeyId", EmbeddedS3Server.DEFAULT_ACCESS_KEY,
                "aws.secretAccessKey", EmbeddedS3Server.DEFAULT_SECRET_KEY,
                "aws.region", EmbeddedS3Server.REGION);
        try (EmbeddedS3Server s3 =
                EmbeddedS3Server.builder(s3Dir).bucket("examples").start()) {
            credentials.forEach(System::setProperty); // the AWS SDK's chain reads these before the environment
            printed = capture(() -> TieredStorageExample.main(new String[] {
                cache.toString(),
                "s3://examples/tiered",
                ssd.toString(),
                s3.endpoint().toString()
            }));
        } finally {
            credentials.keySet().forEach(System::clearProperty);
        }

        // every cache file, manifest and index is byte for byte the same in S3 and in the SSD tier
        List<Path> files;
        try (Stream<Path> s = Files.walk(cache)) {
            files = s.filter(Files::isRegularFile)
                    .filter(x -> !x.getFileName().toString().equals(".cache_metadata.json"))
                    .toList();
        }
        int cacheFiles = 0;
        for (Path file : files) {
            String rel = cache.relativize(file).toString();
            byte[] source = Files.readAllBytes(file);
            assertArrayEquals(
                    source, Files.readAllBytes(s3Dir.resolve("examples/tiered").resolve(rel)), "s3 " + rel);
            assertArrayEquals(source, Files.readAllBytes(ssd.resolve(rel)), "ssd " + rel);
            cacheFiles += rel.endsWith(".npz") ? 1 : 0;
        }
        assertTrue(cacheFiles > 0 && files.size() > cacheFiles, files.toString());
        assertTrue(
                printed.contains("upload to s3://examples/tiered: " + cacheFiles + " cache files copied (0 already"),
                printed);
        assertTrue(
                printed.contains("populate to " + Location.of(ssd) + ": " + cacheFiles + " cache files copied (0"),
                printed);

        // the batch: the first 16 windows of the balanced sample, their samples summed from the npz files
        List<WindowRef> batch = balancedTrainWindows(cache);
        batch = batch.subList(0, Math.min(16, batch.size()));
        double sum = 0;
        for (WindowRef w : batch) {
            try (NpzReader z = NpzReader.open(cache.resolve("train").resolve(w.cacheFile()))) {
                float[] all = z.read("windows").toFloatArray();
                for (int i = w.windowIdx() * 19 * 15360, end = i + 19 * 15360; i < end; i++) {
                    sum += all[i];
                }
            }
        }
        for (String tier : List.of("s3", "ssd tier")) {
            String line =
                    String.format(Locale.ROOT, "%s: %d x 19 x 15360, sum of samples %.6f, ", tier, batch.size(), sum);
            assertTrue(printed.contains(line), "expected '" + line + "' in:\n" + printed);
        }
        assertTrue(printed.contains("same samples from both tiers: true\n"), printed);
    }

    @Test
    void preprocessExampleWritesTheSeedCacheLayoutForOneRecording() throws IOException {
        SyntheticCorpus corpus = SyntheticCorpus.builder()
                .patients(1)
                .recordingsPerPatient(3)
                .minutesPerRecording(1.6)
                .seed(3)
                .writeTo(dir.resolve("edf"));
        SyntheticRecordingSpec spec = corpus.recordings().stream()
                .filter(s -> s.hasSeizures() && s.durationSeconds() >= 70)
                .findFirst()
                .orElseThrow();
        Path out = dir.resolve(spec.stem() + "_windows.npz");
        String printed = capture(
                () -> PreprocessExample.main(new String[] {corpus.edfPath(spec).toString(), out.toString()}));
        int n = spec.durationSeconds() * 256;
        int windows = (n - 15360) / 2560 + 1; // SEED-PIPELINE.md §2
        float[] mask = seedMask(corpus.csvPath(spec), n);
        int none = 0;
        int full = 0;
        try (NpzReader z = NpzReader.open(out)) {
            assertArrayEquals(
                    new long[] {windows, 19, 15360}, z.entry("windows").header().shape());
            NpyArray labels = z.read("labels");
            assertArrayEquals(new long[] {windows, 15360}, labels.shape());
            float[] all = labels.toFloatArray();
            for (int w = 0; w < windows; w++) {
                float[] expected = Arrays.copyOfRange(mask, w * 2560, w * 2560 + 15360);
                float[] got = Arrays.copyOfRange(all, w * 15360, (w + 1) * 15360);
                assertArrayEquals(expected, got, "labels of window " + w);
                double fraction = 0;
                for (float v : got) {
                    fraction += v;
                }
                fraction /= 15360;
                none += fraction == 0 ? 1 : 0;
                full += fraction >= 0.99 ? 1 : 0;
            }
        }
        assertTrue(printed.contains("-> " + windows + " windows of 15360 samples"), printed);
        assertTrue(printed.contains("  NO_SEIZURE: " + none + "\n"), printed);
        assertTrue(printed.contains("  FULL_SEIZURE: " + full + "\n"), printed);
        assertTrue(printed.contains("  PARTIAL_SEIZURE: " + (windows - none - full) + "\n"), printed);
    }

    private static float[] seedMask(Path csv, int samples) throws IOException {
        float[] mask = new float[samples];
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (!line.startsWith("#") && f.length >= 4 && SEED_SEIZURES.contains(f[3])) {
                int from = (int) Math.min(samples, Double.parseDouble(f[1]) * 256);
                int to = (int) Math.min(samples, Double.parseDouble(f[2]) * 256);
                Arrays.fill(mask, from, to, 1f);
            }
        }
        return mask;
    }

    /** The window cache of this synthetic corpus, built with the API. */
    private Path buildCache(SyntheticCorpusConfig.Builder corpus) throws IOException {
        Path cache = dir.resolve("cache");
        CacheBuilder.from(corpus.writeTo(dir.resolve("edf")).root())
                .to(cache)
                .build()
                .requireSeizureWindows();
        return cache;
    }

    interface Main {
        void run() throws IOException;
    }

    private static String capture(Main main) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(), out.lines().filter(l -> l.contains("Exception")).toList(), out);
        return out;
    }
}
