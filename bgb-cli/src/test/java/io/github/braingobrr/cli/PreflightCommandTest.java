package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.storage.transfer.Transfers;
import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgb preflight}: exit codes, the printed findings with their fixes, and the JSON report. */
class PreflightCommandTest {
    @TempDir
    Path dir;

    private static String data() {
        return TestCorpus.get().root().toString();
    }

    private Path copy() throws IOException {
        return TestCorpus.copyTree(TestCorpus.get().root(), dir.resolve("edf"));
    }

    @Test
    void aCleanTreeIsReady() {
        Cli.Result r = Cli.run("preflight", "--data-dir", data()).ok();
        assertTrue(r.out().contains("ready: nothing found"), r.out());
        assertTrue(r.out().contains("train"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void theJsonReportEstimatesTheWindowsTheBuilderWrites() throws IOException {
        Path cache = TestCorpus.cache();
        JsonNode j = Cli.run("preflight", "--data-dir", data(), "--cache-dir", cache.toString(), "--json")
                .ok()
                .json();
        assertTrue(j.get("ready").asBoolean());
        assertEquals(0, j.get("errors").asInt());
        assertTrue(j.get("findings").isArray());
        for (String split : new String[] {"train", "dev"}) {
            CategoryCounts built;
            try (Cache c = Cache.open(cache)) {
                built = c.split(split).manifest().counts();
            }
            JsonNode w = j.get("windows").get(split);
            assertEquals(built.partialSeizure(), w.get("partial").asLong(), split);
            assertEquals(built.fullSeizure(), w.get("full").asLong(), split);
            assertEquals(built.noSeizure(), w.get("none").asLong(), split);
            assertEquals(
                    TestCorpus.get()
                            .recordings(split.equals("train") ? CorpusSplit.TRAIN : CorpusSplit.DEV)
                            .size(),
                    j.get("recordings").get(split).asInt());
        }
        JsonNode existing = j.get("existingCache");
        assertEquals("reuse", existing.get("verdict").asText());
        assertEquals(
                existing.get("filesTotal").asInt(), existing.get("filesDone").asInt());
        assertTrue(j.get("estimatedBytes").get("windows").asLong()
                > j.get("estimatedBytes").get("continuous").asLong());
        assertTrue(j.get("freeBytes").asLong() > 0);
    }

    @Test
    void aMissingLabelFileExitsOneWithTheFix() throws IOException {
        Path data = copy();
        SyntheticRecordingSpec s =
                TestCorpus.get().recordings(CorpusSplit.TRAIN).get(0);
        Path csv = data.resolve(s.relativeCsvPath());
        Files.delete(csv);
        Cli.Result r = Cli.run("preflight", "--data-dir", data.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ERROR " + csv + ": no label file"), r.out());
        assertTrue(r.out().contains("  fix: the folder has " + s.stem() + ".csv_bi"), r.out());
        assertTrue(r.out().contains("not ready: 1 problem(s)"), r.out());
        JsonNode j =
                Cli.run("preflight", "--data-dir", data.toString(), "--json").json();
        assertEquals(false, j.get("ready").asBoolean());
        JsonNode f = j.get("findings").get(0);
        assertEquals("ERROR", f.get("severity").asText());
        assertEquals("labels", f.get("check").asText());
        assertEquals(csv.toString(), f.get("location").asText());
    }

    @Test
    void aDataTreeOnS3IsCheckedInPlaceAndGivesTheLocalCounts() throws IOException {
        try (EmbeddedS3Server s3 = EmbeddedS3Server.builder(dir.resolve("s3"))
                        .bucket("bgb")
                        .start();
                BlobStore data =
                        BlobStores.open(Location.parse("s3://bgb/tusz/edf"), EmbeddedS3ServerTest.options(s3))) {
            Transfers.upload(TestCorpus.get().root(), data, TransferOptions.defaults());
            Cli.Result text = Cli.run(EmbeddedS3ServerTest.options(s3), "preflight", "--data-dir", "s3://bgb/tusz/edf")
                    .ok();
            assertTrue(text.out().startsWith("preflight of s3://bgb/tusz/edf "), text.out());
            assertTrue(text.out().contains("ready: nothing found"), text.out());
            JsonNode remote = Cli.run(
                            EmbeddedS3ServerTest.options(s3), "preflight", "--data-dir", "s3://bgb/tusz/edf", "--json")
                    .ok()
                    .json();
            JsonNode local =
                    Cli.run("preflight", "--data-dir", data(), "--json").ok().json();
            assertEquals("s3://bgb/tusz/edf", remote.get("dataDir").asText());
            for (String field : new String[] {"recordings", "formats", "samplingRates", "windows", "estimatedBytes"}) {
                assertEquals(local.get(field), remote.get(field), field);
            }
        }
    }

    @Test
    void anotherPresetThanTheCacheWasBuiltWithIsRefused() {
        JsonNode j = Cli.run(
                        "preflight",
                        "--data-dir",
                        data(),
                        "--cache-dir",
                        TestCorpus.cache().toString(),
                        "--preset",
                        "zero-phase",
                        "--json")
                .json();
        assertEquals("refuse", j.get("existingCache").get("verdict").asText());
        assertTrue(j.get("findings").get(0).get("fix").asText().contains("--preset seed"), j.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        Cli.run("preflight", "--data-dir", data(), "--split", "val").usage("'dev'");
        Cli.run("preflight").usage("--data-dir");
        Cli.run("preflight", "--data-dir", data(), "--preset", "fast").usage("fast");
        Cli.run("preflight", "--data-dir", "s3://").usage("no bucket");
    }
}
