package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.BgbVersion;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb cache status} on a fresh, a stale, a partly populated SSD and an S3 copy of the same cache. */
class CacheStatusCommandTest {
    @TempDir
    Path dir;

    /** A copy of the shared test cache that this test may change. */
    private Path copy(String name) throws IOException {
        return TestCorpus.copyTree(TestCorpus.cache(), dir.resolve(name));
    }

    /** The {@code .npz} files of a split folder and their sizes, read from the disk. */
    private static Map<String, Long> npz(Path splitDir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(splitDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(".npz")) {
                    out.put(p.getFileName().toString(), Files.size(p));
                }
            }
        }
        return out;
    }

    private static long sum(Map<String, Long> sizes) {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static JsonNode split(JsonNode report, String name) {
        for (JsonNode s : report.get("splits")) {
            if (s.get("split").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no " + name + " in " + report);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Asserts the JSON report shows the shared test cache, with bytes from the files under {@code onDisk}. */
    private static void assertSameCache(JsonNode j, Path onDisk) throws IOException {
        assertEquals("VALID", j.get("state").asText());
        assertTrue(j.get("healthy").asBoolean());
        assertEquals(2, j.get("splits").size());
        long bytes = 0;
        int files = 0;
        CategoryCounts total = CategoryCounts.ZERO;
        for (String name : List.of("train", "dev")) {
            JsonNode s = split(j, name);
            Map<String, Long> disk = npz(onDisk.resolve(name));
            CategoryCounts c = Cache.open(TestCorpus.cache())
                    .split(name)
                    .readManifest()
                    .orElseThrow()
                    .counts();
            assertEquals("VALID", s.get("state").asText());
            assertEquals(disk.size(), s.get("cacheFiles").asInt());
            assertEquals(sum(disk), s.get("bytes").asLong());
            assertTrue(s.get("manifestPresent").asBoolean());
            assertEquals(disk.size(), s.get("manifestFiles").asInt());
            assertEquals(c.partialSeizure(), s.get("windows").get("partial").asLong());
            assertEquals(c.fullSeizure(), s.get("windows").get("full").asLong());
            assertEquals(c.noSeizure(), s.get("windows").get("none").asLong());
            assertEquals(c.total(), s.get("windows").get("total").asLong());
            assertEquals(List.of(), texts(s.get("missingFiles")));
            assertEquals(List.of(), texts(s.get("unlistedFiles")));
            assertEquals(0, s.get("failures").size());
            assertEquals(0, s.get("reasons").size());
            bytes += sum(disk);
            files += disk.size();
            total = total.plus(c);
        }
        assertEquals(files, j.get("totals").get("cacheFiles").asInt());
        assertEquals(bytes, j.get("totals").get("bytes").asLong());
        assertEquals(total.total(), j.get("totals").get("windows").get("total").asLong());
        assertTrue(total.seizure() > 0);
        assertEquals(0, j.get("totals").get("failures").asInt());
        JsonNode m = j.get("metadata");
        assertEquals("official_tusz", m.get("splitPolicy").asText());
        assertEquals("seed", m.get("preset").asText());
        assertEquals("windows", m.get("layout").asText());
        assertEquals(BgbVersion.get(), m.get("bgbVersion").asText());
        assertEquals(PreprocessingConfig.seed().hash(), m.get("configHash").asText());
        assertEquals(m.get("lastRun").get("build").asText(), j.get("lastBuild").asText());
    }

    @Test
    void aFreshCacheIsHealthyAsTableAndAsJson() throws IOException {
        Path cache = TestCorpus.cache();
        Cli.Result text =
                Cli.run("cache", "status", "--cache-dir", cache.toString()).ok();
        assertEquals("", text.err());
        List<String> lines = text.out().lines().toList();
        assertEquals(cache.toAbsolutePath() + ": valid", lines.get(0).replace("file://", ""), text.out());
        assertTrue(
                lines.get(1).matches("  split\\s+state\\s+npz\\s+size\\s+listed\\s+missing\\s+partial.*"),
                lines.get(1));
        String train =
                lines.stream().filter(l -> l.startsWith("  train ")).findFirst().orElseThrow();
        assertTrue(
                train.matches(
                        "  train\\s+valid\\s+" + npz(cache.resolve("train")).size() + "\\s.*"),
                train);
        assertTrue(text.out().contains("preset         seed"), text.out());
        assertTrue(text.out().contains("last populate  never"), text.out());

        JsonNode j = Cli.run("cache", "status", "--cache-dir", cache.toString(), "--json")
                .ok()
                .json();
        assertSameCache(j, cache);
        assertTrue(j.get("lastPopulate").isNull());
        assertEquals(0, j.get("problems").size());
    }

    @Test
    void aStaleCacheExitsOneAndNamesTheFileAddedAfterTheManifest() throws IOException {
        Path cache = copy("stale");
        Path train = cache.resolve("train");
        String first = npz(train).keySet().iterator().next();
        String added = "zzzzzzzz_s001_t000_windows.npz";
        Files.copy(train.resolve(first), train.resolve(added));

        Cli.Result text = Cli.run("cache", "status", "--cache-dir", cache.toString());
        text.fails(": stale; run 'bgb scan-cache --cache-dir " + cache + "'");
        assertTrue(text.out().contains("train: 1 cache file(s) are not in the manifest (first: " + added), text.out());

        Cli.Result r = Cli.run("cache", "status", "--cache-dir", cache.toString(), "--json");
        assertEquals(1, r.code());
        JsonNode j = r.json();
        assertEquals("STALE", j.get("state").asText());
        assertFalse(j.get("healthy").asBoolean());
        JsonNode t = split(j, "train");
        assertEquals("STALE", t.get("state").asText());
        assertEquals(List.of(added), texts(t.get("unlistedFiles")));
        assertEquals(npz(train).size(), t.get("cacheFiles").asInt());
        assertEquals(sum(npz(train)), t.get("bytes").asLong());
        assertEquals(npz(train).size() - 1, t.get("manifestFiles").asInt());
        assertTrue(t.get("reasons").get(0).asText().contains(added), t.toString());
        assertEquals("UNLISTED_FILE", j.get("problems").get(0).get("kind").asText());
        assertEquals(added, j.get("problems").get(0).get("file").asText());
        assertEquals("VALID", split(j, "dev").get("state").asText());
    }

    @Test
    void aPartlyPopulatedSsdCopyAndTheS3CopyItCameFrom() throws IOException {
        Path cache = TestCorpus.cache();
        try (EmbeddedS3Server s3 =
                EmbeddedS3Server.builder(dir.resolve("s3")).bucket("bgb").start()) {
            StoreOptions o = EmbeddedS3ServerTest.options(s3);
            Cli.run(o, "upload-cache", "--from", cache.toString(), "--to", "s3://bgb/c")
                    .ok();
            JsonNode remote = Cli.run(o, "cache", "status", "--cache-dir", "s3://bgb/c", "--json")
                    .ok()
                    .json();
            assertEquals("s3://bgb/c", remote.get("cache").asText());
            assertSameCache(remote, cache);
            JsonNode local = Cli.run("cache", "status", "--cache-dir", cache.toString(), "--json")
                    .ok()
                    .json();
            assertEquals(local.get("lastBuild"), remote.get("lastBuild"), "the build time travels with the copy");
            assertTrue(remote.get("metadata").get("lastRun").has("upload"));

            Path ssd = dir.resolve("ssd");
            Cli.run(o, "populate-cache", "--from", "s3://bgb/c", "--to", ssd.toString())
                    .ok();
            JsonNode whole = Cli.run("cache", "status", "--cache-dir", ssd.toString(), "--json")
                    .ok()
                    .json();
            assertSameCache(whole, cache);
            assertEquals(
                    "s3://bgb/c", whole.get("metadata").get("populatedFrom").asText());
            assertFalse(whole.get("lastPopulate").isNull());
            assertEquals(local.get("lastBuild"), whole.get("lastBuild"));

            Map<String, Long> dev = npz(ssd.resolve("dev"));
            String gone = dev.keySet().iterator().next();
            Files.delete(ssd.resolve("dev").resolve(gone));
            Cli.Result text = Cli.run("cache", "status", "--cache-dir", ssd.toString());
            text.fails(": incomplete copy; run 'bgb populate-cache --from s3://bgb/c --to " + ssd + "' again");
            assertTrue(
                    text.out()
                            .contains("last populate  "
                                    + whole.get("lastPopulate").asText() + " from s3://bgb/c"),
                    text.out());
            Cli.Result r = Cli.run("cache", "status", "--cache-dir", ssd.toString(), "--json");
            assertEquals(1, r.code());
            JsonNode d = split(r.json(), "dev");
            assertEquals("INCOMPLETE_COPY", r.json().get("state").asText());
            assertEquals("INCOMPLETE_COPY", d.get("state").asText());
            assertEquals(List.of(gone), texts(d.get("missingFiles")));
            assertEquals((long) dev.get(gone), d.get("missingBytes").asLong());
            assertEquals(dev.size() - 1, d.get("cacheFiles").asInt());
            assertEquals(dev.size(), d.get("manifestFiles").asInt());
            assertTrue(d.get("reasons").get(0).asText().contains(gone), d.toString());
            assertEquals("VALID", split(r.json(), "train").get("state").asText());
        }
    }

    @Test
    void nothingAtTheLocationIsMissing() {
        Path none = dir.resolve("no-cache-here");
        Cli.Result r = Cli.run("cache", "status", "--cache-dir", none.toString(), "--json");
        assertEquals(1, r.code(), r.err());
        assertEquals("MISSING", r.json().get("state").asText());
        assertTrue(r.json().get("metadata").isNull());
        assertTrue(r.err().contains("build it with 'bgb build-cache'"), r.err());
        assertFalse(Files.exists(none), "looking creates nothing");
    }

    @Test
    void helpAndUsageErrors() {
        Cli.Result help = Cli.run("cache", "status", "--help").ok();
        assertTrue(help.out().startsWith("Usage: bgb cache status "), help.out());
        assertTrue(help.out().contains("--cache-dir=C") && help.out().contains("--json"), help.out());
        assertTrue(help.out().contains("Exit codes: 0 healthy"), help.out());
        assertEquals(help.out(), Cli.run("cache", "help", "status").ok().out());
        assertTrue(Cli.run("--help").ok().out().contains("\n  cache "), "listed among the commands");
        assertTrue(Cli.run("cache", "--help").ok().out().contains("\n  status "));

        Cli.run("cache").usage("name a subcommand: status");
        Cli.run("cache", "status").usage("Missing required option: '--cache-dir=C'");
        Cli.run("cache", "status", "--cache-dir", "s3://").usage("no bucket");
        Cli.run("cache", "status", "--cache-dir", "relative/dir").usage("not an absolute path");
        Cli.run("cache", "stat", "--cache-dir", "/tmp").usage("Unmatched argument");
        Cli.run("cache", "status", "--cache-dir", "/tmp", "--deep").usage("Unknown option: '--deep'");
    }
}
