package io.github.braingobrr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A test corpus, a Spark context for tests, and the comparison of two caches. */
final class SparkTesting {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Written by the builders at each run; everything else of these files must match. */
    private static final Set<String> TIMESTAMPS = Set.of("written", "created", "timestamp", "updated");

    private SparkTesting() {}

    /** A local Spark context of {@code threads} cores that retries a failed task once. */
    static JavaSparkContext context(int threads) {
        return new JavaSparkContext(conf(threads));
    }

    static SparkConf conf(int threads) {
        return new SparkConf()
                .setMaster("local[" + threads + ",2]")
                .setAppName("bgb-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    /**
     * Nine synthetic recordings (train and dev, one shorter than a window, some without Fz/Pz) and one file that is
     * not an EDF, which every build must record as a failure.
     */
    static SyntheticCorpus corpus(Path dir, int patients, double minutes) throws IOException {
        SyntheticCorpus c = SyntheticCorpus.builder()
                .patients(patients)
                .recordingsPerPatient(2)
                .minutesPerRecording(minutes)
                .durationJitter(0.3)
                .shortFraction(0.15)
                .missingFzPzFraction(0.3)
                .seizureFraction(0.7)
                .splits(0.25, 0.0)
                .seed(1207)
                .writeTo(dir);
        Path bad = dir.resolve("train/zz99/s001_2020/01_tcp_ar/zz99_s001_t000.edf");
        Files.createDirectories(bad.getParent());
        Files.write(bad, "this is not an EDF file".getBytes(StandardCharsets.US_ASCII));
        return c;
    }

    /** Every blob of a store by key. */
    static Map<String, byte[]> contents(BlobStore store) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (BlobInfo b : store.list("")) {
            try (InputStream in = store.openStream(b.key())) {
                out.put(b.key(), in.readAllBytes());
            }
        }
        return out;
    }

    /**
     * The two caches hold the same keys; cache files are byte-identical; JSON files are equal apart from the times
     * they were written.
     */
    static void assertSameCache(BlobStore expected, BlobStore actual) throws IOException {
        assertSameCache(expected, actual, "", "");
    }

    /**
     * {@link #assertSameCache(BlobStore, BlobStore)} of caches built from two copies of a data tree: in the expected
     * JSON files, {@code dataRoot} (where the EDF files are, as the dataset index and failure messages name them) is
     * read as {@code otherRoot}.
     */
    static void assertSameCache(BlobStore expected, BlobStore actual, String dataRoot, String otherRoot)
            throws IOException {
        Map<String, byte[]> want = contents(expected);
        Map<String, byte[]> got = contents(actual);
        assertEquals(want.keySet(), got.keySet(), "the keys of the two caches");
        for (Map.Entry<String, byte[]> e : want.entrySet()) {
            String key = e.getKey();
            if (key.endsWith(".json")) {
                byte[] json = dataRoot.isEmpty()
                        ? e.getValue()
                        : new String(e.getValue(), StandardCharsets.UTF_8)
                                .replace(dataRoot, otherRoot)
                                .getBytes(StandardCharsets.UTF_8);
                assertEquals(withoutTimes(json), withoutTimes(got.get(key)), key);
            } else {
                assertArrayEquals(e.getValue(), got.get(key), key);
            }
        }
    }

    private static JsonNode withoutTimes(byte[] json) throws IOException {
        JsonNode n = JSON.readTree(json);
        if (n instanceof ObjectNode o) {
            o.remove(TIMESTAMPS);
            // the operations that ran must match, not when they ran
            if (o.get("last_run") instanceof ObjectNode runs) {
                runs.fieldNames().forEachRemaining(op -> runs.put(op, "<time>"));
            }
        }
        return n;
    }
}
