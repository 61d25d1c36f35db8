package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.Manifest;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb upload-cache}, {@code populate-cache} and {@code clean-cache}. */
class TransferCommandsTest {
    @TempDir
    Path dir;

    private Path smallCache() {
        return TestCorpus.smallCache(dir.resolve("cache"));
    }

    private static List<String> keys(BlobStore store) throws IOException {
        return store.list("").stream().map(BlobInfo::key).toList();
    }

    @Test
    void uploadThenPopulateGivesTheSameCacheOnTheSsdTier() throws IOException {
        Path cache = smallCache();
        Manifest local = Cache.open(cache).split("train").manifest();
        try (EmbeddedS3Server s3 = EmbeddedS3Server.builder(dir.resolve("s3"))
                        .bucket("bgb")
                        .start();
                BlobStore remote = BlobStores.open(Location.parse("s3://bgb/c"), EmbeddedS3ServerTest.options(s3))) {
            StoreOptions o = EmbeddedS3ServerTest.options(s3);
            JsonNode up = Cli.run(o, "upload-cache", "--from", cache.toString(), "--to", "s3://bgb/c", "--json")
                    .ok()
                    .json();
            assertTrue(up.get("succeeded").asBoolean());
            assertEquals(2, up.get("files").asInt());
            assertEquals(2, up.get("transferred").asInt());
            List<String> k = keys(remote);
            assertTrue(k.contains("train/manifest.json") && k.contains(".cache_metadata.json"), k.toString());
            for (Manifest.FileEntry f : local.files()) {
                assertTrue(k.contains("train/" + f.cacheFile()), k.toString());
            }
            JsonNode again = Cli.run(o, "upload-cache", "--from", cache.toString(), "--to", "s3://bgb/c", "--json")
                    .ok()
                    .json();
            assertEquals(0, again.get("transferred").asInt());
            assertEquals(2, again.get("skipped").asInt());

            Path ssd = dir.resolve("ssd");
            String text = Cli.run(o, "populate-cache", "--from", "s3://bgb/c", "--to", ssd.toString())
                    .ok()
                    .out();
            assertTrue(text.contains("2 copied"), text);
            assertEquals(
                    local.counts(), Cache.open(ssd).split("train").manifest().counts());
            for (Manifest.FileEntry f : local.files()) {
                Path file = ssd.resolve("train").resolve(f.cacheFile());
                assertEquals(-1L, Files.mismatch(cache.resolve("train").resolve(f.cacheFile()), file));
            }
            Cli.run("verify-cache", "--cache-dir", ssd.toString(), "--deep").ok();
            Cli.run(o, "verify-cache", "--cache-dir", "s3://bgb/c").ok();

            String victim = local.files().get(0).cacheFile();
            JsonNode ex = Cli.run(
                            o,
                            "upload-cache",
                            "--from",
                            cache.toString(),
                            "--to",
                            "s3://bgb/partial",
                            "--exclude",
                            victim,
                            "--json")
                    .ok()
                    .json();
            assertEquals(1, ex.get("files").asInt());
            try (BlobStore partial =
                    BlobStores.open(Location.parse("s3://bgb/partial"), EmbeddedS3ServerTest.options(s3))) {
                assertFalse(keys(partial).contains("train/" + victim));
            }
            Cli.run(o, "upload-cache", "--from", cache.toString(), "--to", "s3://bgb/x", "--storage-class", "BOGUS")
                    .usage("BOGUS");
        }
    }

    @Test
    void cleanRefusesWithoutYesListsOnDryRunAndDeletesWithYes() throws IOException {
        Path cache = smallCache();
        List<Path> before = Cli.files(cache.resolve("train"));
        assertFalse(before.isEmpty());
        Cli.run("clean-cache", "--cache-dir", cache.toString()).usage("add --yes");
        JsonNode dry = Cli.run("clean-cache", "--cache-dir", cache.toString(), "--dry-run", "--json")
                .ok()
                .json();
        assertTrue(dry.get("dryRun").asBoolean());
        assertEquals(0, dry.get("deleted").asInt());
        assertTrue(dry.get("keys").size() >= 3, dry.toString());
        assertEquals(before, Cli.files(cache.resolve("train")), "a dry run deletes nothing");
        String text = Cli.run("clean-cache", "--cache-dir", cache.toString(), "--yes")
                .ok()
                .out();
        assertTrue(text.startsWith("deleted " + dry.get("keys").size() + " files"), text);
        assertTrue(
                !Files.exists(cache.resolve("train"))
                        || Cli.files(cache.resolve("train")).isEmpty(),
                "every file of the split is gone");
    }
}
