package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.Manifest;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.storage.transfer.Transfers;
import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb build-cache}. */
class BuildCacheCommandTest {
    @TempDir
    Path dir;

    @Test
    void buildsTrainAndDevAndReportsTheManifestsCounts() throws IOException {
        SyntheticCorpus corpus = TestCorpus.get();
        Path cache = dir.resolve("cache");
        JsonNode j = Cli.run(
                        "build-cache",
                        "--data-dir",
                        corpus.root().toString(),
                        "--cache-dir",
                        cache.toString(),
                        "--workers",
                        "2",
                        "--json")
                .ok()
                .json();
        assertEquals(0, j.get("failures").size());
        assertEquals(2, j.get("splits").size());
        long seizure = 0;
        for (JsonNode s : j.get("splits")) {
            String name = s.get("split").asText();
            int edfs = corpus.recordings(CorpusSplit.valueOf(name.toUpperCase(java.util.Locale.ROOT)))
                    .size();
            assertEquals(edfs, s.get("found").asInt(), name);
            assertEquals(edfs, s.get("built").asInt(), name);
            Manifest m = Cache.open(cache).split(name).manifest();
            assertEquals(edfs, m.files().size(), name);
            CategoryCounts c = m.counts();
            assertEquals(c.partialSeizure(), s.get("windows").get("partial").asLong(), name);
            assertEquals(c.fullSeizure(), s.get("windows").get("full").asLong(), name);
            assertEquals(c.noSeizure(), s.get("windows").get("none").asLong(), name);
            assertTrue(c.total() > 0, name);
            seizure += c.seizure();
        }
        assertTrue(seizure > 0, "the corpus plants seizures");
        assertTrue(Files.notExists(cache.resolve("eval")), "eval is built only with --split all");

        Cli.Result again = Cli.run(
                        "build-cache", "--data-dir", corpus.root().toString(), "--cache-dir", cache.toString())
                .ok();
        assertTrue(again.out().contains("partial"), again.out());
        JsonNode k = Cli.run(
                        "build-cache",
                        "--data-dir",
                        corpus.root().toString(),
                        "--cache-dir",
                        cache.toString(),
                        "--json")
                .ok()
                .json();
        for (JsonNode s : k.get("splits")) {
            assertEquals(0, s.get("built").asInt(), "current cache files are skipped");
            assertEquals(s.get("found").asInt(), s.get("skipped").asInt());
        }
    }

    @Test
    void buildsIntoS3() throws IOException {
        SyntheticCorpus corpus = TestCorpus.get();
        try (EmbeddedS3Server s3 = EmbeddedS3Server.builder(dir.resolve("s3"))
                        .bucket("bgb")
                        .start();
                BlobStore store = BlobStores.open(Location.parse("s3://bgb/tusz"), EmbeddedS3ServerTest.options(s3))) {
            Cli.Result r = Cli.run(
                            EmbeddedS3ServerTest.options(s3),
                            "--progress",
                            "always",
                            "build-cache",
                            "--data-dir",
                            corpus.root().toString(),
                            "--cache-dir",
                            "s3://bgb/tusz",
                            "--split",
                            "train",
                            "--limit-files",
                            "2",
                            "--compression",
                            "deflate",
                            "--json")
                    .ok();
            assertTrue(r.err().contains("build-cache 100%") && r.err().contains("2/2 files"), r.err());
            JsonNode j = r.json();
            JsonNode train = j.get("splits").get(0);
            assertEquals("train", train.get("split").asText());
            assertEquals(2, train.get("built").asInt());
            List<String> keys = store.list("train/").stream().map(BlobInfo::key).toList();
            assertTrue(keys.contains("train/manifest.json"), keys.toString());
            assertEquals(
                    2, keys.stream().filter(k -> k.endsWith("_windows.npz")).count(), keys.toString());
            Manifest m = Cache.open(store).split("train").manifest();
            assertEquals(m.counts().total(), train.get("windows").get("total").asLong());
        }
    }

    @Test
    void buildsFromADataTreeOnS3() throws IOException {
        SyntheticCorpus corpus = TestCorpus.get();
        Path cache = dir.resolve("cache");
        try (EmbeddedS3Server s3 = EmbeddedS3Server.builder(dir.resolve("s3"))
                        .bucket("bgb")
                        .start();
                BlobStore data =
                        BlobStores.open(Location.parse("s3://bgb/tusz/edf"), EmbeddedS3ServerTest.options(s3))) {
            Transfers.upload(corpus.root(), data, TransferOptions.defaults());
            JsonNode j = Cli.run(
                            EmbeddedS3ServerTest.options(s3),
                            "build-cache",
                            "--data-dir",
                            "s3://bgb/tusz/edf",
                            "--cache-dir",
                            cache.toString(),
                            "--split",
                            "train",
                            "--limit-files",
                            "2",
                            "--json")
                    .ok()
                    .json();
            JsonNode train = j.get("splits").get(0);
            assertEquals(
                    corpus.recordings(CorpusSplit.TRAIN).size(),
                    train.get("found").asInt());
            assertEquals(2, train.get("built").asInt());
            assertEquals(0, j.get("failures").size());
            Manifest m = Cache.open(cache).split("train").manifest();
            assertEquals(2, m.files().size());
            assertEquals(m.counts().total(), train.get("windows").get("total").asLong());
            String index = Files.readString(cache.resolve("train/_dataset_index.json"));
            String first = corpus.recordings(CorpusSplit.TRAIN)
                    .get(0)
                    .relativeEdfPath()
                    .toString()
                    .replace('\\', '/');
            assertTrue(index.contains("s3://bgb/tusz/edf/" + first), index);
        }
    }

    @Test
    void noSeizureWindowsExitsTwo() throws IOException {
        SyntheticCorpus corpus = SyntheticCorpus.builder()
                .patients(2)
                .recordingsPerPatient(1)
                .minutesPerRecording(1.2)
                .seed(5)
                .writeTo(dir.resolve("corpus"));
        for (Path p : Cli.files(corpus.root())) {
            if (p.toString().endsWith(".csv")) {
                Files.delete(p);
            }
        }
        Cli.Result r = Cli.run(
                "build-cache",
                "--data-dir",
                corpus.root().toString(),
                "--cache-dir",
                dir.resolve("cache").toString());
        assertEquals(2, r.code(), r::err);
        assertTrue(r.err().startsWith("bgb: ") && r.err().contains("seizure"), r.err());
        assertTrue(r.out().contains("none"), r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.run("build-cache", "--data-dir", dir.toString(), "--cache-dir", dir.toString(), "--layout", "rows")
                .usage("'rows' is not a layout");
        Cli.run("build-cache", "--data-dir", dir.toString(), "--cache-dir", dir.toString(), "--workers", "0")
                .usage("workers must be at least 1");
    }
}
