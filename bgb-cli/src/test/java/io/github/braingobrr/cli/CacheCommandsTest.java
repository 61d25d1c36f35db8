package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.Manifest;
import io.github.braingobrr.cache.WindowRef;
import io.github.braingobrr.preprocess.WindowCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb scan-cache}, {@code verify-cache} and {@code sample}. */
class CacheCommandsTest {
    @TempDir
    Path dir;

    private Path smallCache() {
        return TestCorpus.smallCache(dir.resolve("cache"));
    }

    @Test
    void scanRewritesALostManifestWithTheSameCounts() throws IOException {
        Path cache = smallCache();
        Manifest before = Cache.open(cache).split("train").manifest();
        Files.delete(cache.resolve("train/manifest.json"));
        JsonNode j = Cli.run("scan-cache", "--cache-dir", cache.toString(), "--split", "train", "--json")
                .ok()
                .json();
        assertTrue(Files.isRegularFile(cache.resolve("train/manifest.json")));
        JsonNode train = j.get("splits").get(0);
        assertEquals(before.files().size(), train.get("files").asInt());
        CategoryCounts c = before.counts();
        assertEquals(c.partialSeizure(), train.get("windows").get("partial").asLong());
        assertEquals(c.fullSeizure(), train.get("windows").get("full").asLong());
        assertEquals(c.noSeizure(), train.get("windows").get("none").asLong());
        assertEquals(
                c, Cache.open(cache).split("train").readManifest().orElseThrow().counts());
    }

    @Test
    void scanOfACacheWithoutSeizuresExitsTwo() throws IOException {
        Path cache = dir.resolve("empty");
        Files.createDirectories(cache);
        Cli.Result r = Cli.run("scan-cache", "--cache-dir", cache.toString());
        assertEquals(1, r.code(), r::err);
        assertTrue(r.err().contains("no split"), r.err());

        Path corpus = dir.resolve("corpus");
        io.github.braingobrr.synthetic.SyntheticCorpus.builder()
                .patients(2)
                .recordingsPerPatient(1)
                .minutesPerRecording(1.2)
                .seed(3)
                .writeTo(corpus);
        for (Path p : Cli.files(corpus)) {
            if (p.toString().endsWith(".csv")) {
                Files.delete(p);
            }
        }
        Path c = dir.resolve("c");
        Cli.Result b = Cli.run("build-cache", "--data-dir", corpus.toString(), "--cache-dir", c.toString());
        assertEquals(2, b.code(), b::err);
        Cli.Result s = Cli.run("scan-cache", "--cache-dir", c.toString());
        assertEquals(2, s.code(), s::err);
        assertTrue(s.err().startsWith("bgb: ") && s.err().contains("no seizure window"), s.err());
    }

    @Test
    void verifyPassesAGoodCacheAndNamesACorruptFile() throws IOException {
        Path cache = smallCache();
        JsonNode ok = Cli.run("verify-cache", "--cache-dir", cache.toString(), "--deep", "--json")
                .ok()
                .json();
        assertTrue(ok.get("valid").asBoolean());
        assertEquals(2, ok.get("filesChecked").asInt());

        Manifest m = Cache.open(cache).split("train").manifest();
        String victim = m.files().get(0).cacheFile();
        Path file = cache.resolve("train").resolve(victim);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes);
        Cli.Result bad = Cli.run("verify-cache", "--cache-dir", cache.toString(), "--deep");
        assertEquals(1, bad.code(), bad::err);
        assertTrue(bad.out().contains(victim), bad.out());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("bgb: ") && bad.err().contains("failed verification"), bad.err());
    }

    @Test
    void sampleKeepsEveryPartialWindowAndIsSeeded() throws IOException {
        Path cache = TestCorpus.cache();
        Manifest m = Cache.open(cache).split("train").manifest();
        JsonNode a = Cli.run("sample", "--cache-dir", cache.toString(), "--count", "1000000", "--json")
                .ok()
                .json();
        CategoryCounts c = m.counts();
        assertEquals(42, a.get("seed").asLong());
        assertEquals(c.partialSeizure(), a.get("partial").asLong(), "every partial window is drawn");
        assertTrue(a.get("full").asLong() <= c.fullSeizure());
        assertTrue(a.get("background").asLong() <= c.noSeizure());
        int size = a.get("size").asInt();
        assertEquals(
                a.get("partial").asInt()
                        + a.get("full").asInt()
                        + a.get("background").asInt(),
                size);
        assertEquals(size, a.get("windows").size());
        Set<WindowRef> known = new HashSet<>();
        for (WindowCategory k : WindowCategory.values()) {
            known.addAll(m.windows(k));
        }
        Set<WindowRef> drawn = new HashSet<>();
        for (JsonNode w : a.get("windows")) {
            WindowRef r = new WindowRef(
                    w.get("cacheFile").asText(), w.get("windowIdx").asInt());
            assertTrue(known.contains(r), r::toString);
            assertTrue(drawn.add(r), "no window twice");
        }
        JsonNode same = Cli.run("sample", "--cache-dir", cache.toString(), "--count", "1000000", "--json")
                .ok()
                .json();
        assertEquals(a, same);
        JsonNode other = Cli.run(
                        "sample", "--cache-dir", cache.toString(), "--seed", "7", "--count", "1000000", "--json")
                .ok()
                .json();
        assertNotEquals(a.get("windows"), other.get("windows"));
        String text = Cli.run("sample", "--cache-dir", cache.toString(), "--count", "3")
                .ok()
                .out();
        List<String> lines = text.lines().toList();
        assertEquals(4, lines.size(), text);
        assertTrue(lines.get(0).startsWith("train: " + size + " windows"), text);
        assertFalse(lines.get(1).isBlank());
        Cli.run("sample", "--cache-dir", cache.toString(), "--split", "val").usage("dev");
    }
}
