package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb demo}, the README's main job, end to end. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsTheMainJobAndItsSummaryMatchesTheManifests() throws IOException {
        Path demo = dir.resolve("demo");
        JsonNode j = Cli.run("demo", "--dir", demo.toString(), "--json").ok().json();
        try (Stream<Path> s = Files.list(demo)) {
            assertEquals(
                    Set.of("corpus", "cache", "s3", "ssd"),
                    s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        long npzOnDisk = 0;
        for (Path p : Cli.files(demo.resolve("cache"))) {
            if (p.toString().endsWith(".npz")) {
                npzOnDisk += Files.size(p);
            }
        }
        long edfs = Cli.files(demo.resolve("corpus")).stream()
                .filter(p -> p.toString().endsWith(".edf"))
                .count();
        assertEquals(edfs, j.get("recordings").asLong());
        CategoryCounts total = CategoryCounts.ZERO;
        int files = 0;
        for (Path tier : List.of(demo.resolve("cache"), demo.resolve("ssd"))) {
            try (Cache cache = Cache.open(tier)) {
                for (String split : List.of("train", "dev", "eval")) {
                    Manifest m = cache.split(split).manifest();
                    JsonNode c = j.get("splits").get(split);
                    assertEquals(m.counts().partialSeizure(), c.get("partial").asLong(), split);
                    assertEquals(m.counts().fullSeizure(), c.get("full").asLong(), split);
                    assertEquals(m.counts().noSeizure(), c.get("none").asLong(), split);
                    // the preflight's estimate, from headers and labels only, is what the build wrote
                    JsonNode e = j.get("preflight").get("windows").get(split);
                    assertEquals(m.counts().partialSeizure(), e.get("partial").asLong(), split);
                    assertEquals(m.counts().fullSeizure(), e.get("full").asLong(), split);
                    assertEquals(m.counts().noSeizure(), e.get("none").asLong(), split);
                    if (tier.endsWith("cache")) {
                        total = total.plus(m.counts());
                        files += m.files().size();
                    }
                }
            }
        }
        assertEquals(edfs, files, "one cache file per recording");
        assertEquals(total.total(), j.get("windows").get("total").asLong());
        assertEquals(total.partialSeizure(), j.get("windows").get("partial").asLong());
        assertTrue(total.seizure() > 0);
        assertEquals(files, j.get("cacheFiles").asInt());
        assertEquals(npzOnDisk, j.get("bytes").get("cache").asLong());
        assertEquals(npzOnDisk, j.get("bytes").get("s3").asLong());
        assertEquals(npzOnDisk, j.get("bytes").get("ssd").asLong());
        assertTrue(j.get("preflight").get("ready").asBoolean());
        assertEquals("valid", j.get("ssdStatus").asText());
        assertTrue(j.get("batch").asInt() > 0);
        assertTrue(j.get("windowsPerSecond").get("ssd").asDouble() > 0);
        assertTrue(j.get("windowsPerSecond").get("s3").asDouble() > 0);

        String text = Cli.run("demo", "--dir", demo.toString()).ok().out();
        assertTrue(text.contains(edfs + " synthetic recordings -> " + files + " cache files"), text);
        assertTrue(text.contains(String.valueOf(total.total())), text);
        assertTrue(
                text.contains("preflight: ready, " + total.total() + " windows estimated")
                        && text.contains("ssd tier status: valid"),
                text);
        assertTrue(
                text.contains("windows/s")
                        && text.contains(demo.toAbsolutePath().toString()),
                text);
    }
}
