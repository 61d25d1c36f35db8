package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CacheBuilder#from(io.github.braingobrr.storage.Location)} of a data tree on S3 (a real S3 API server
 * in-process): the same cache as the build from the local copy of the tree, a rerun that fetches no EDF file, bad files
 * recorded by their S3 location, and nothing left in staging.
 */
class CacheFromS3Test {
    private static final Logger LOG = LoggerFactory.getLogger(CacheFromS3Test.class);
    private static final String DATA = "s3://bgb/tusz/edf";

    @TempDir
    static Path dir;

    private static S3DataServer s3;
    private static SyntheticCorpus corpus;
    private static Path local;
    private static BuildResult localBuild;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3DataServer.start();
        corpus = TestCorpus.write(dir.resolve("edf"));
        s3.upload(corpus.root(), DATA);
        // the fingerprint holds the EDF file's modification time: give the local copy the times S3 recorded, so that
        // both trees are the same input
        try (BlobStore tree = BlobStores.open(io.github.braingobrr.storage.Location.parse(DATA), s3.options())) {
            for (BlobInfo b : tree.list("")) {
                Files.setLastModifiedTime(corpus.root().resolve(b.key()), FileTime.from(b.lastModified()));
            }
        }
        local = dir.resolve("local");
        localBuild = CacheBuilder.from(corpus.root())
                .to(local)
                .workers(1) // as the build from S3 below, so that their times compare
                .environment(name -> null)
                .build();
        assertTrue(localBuild.failures().isEmpty(), () -> localBuild.failures().toString());
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static int edfFiles() {
        return (int) corpus.recordings().stream()
                .filter(r -> !TestCorpus.source(r).startsWith("eval/"))
                .count();
    }

    @Test
    void aBuildFromS3IsTheLocalBuildAndARerunFetchesNoEdfFile() throws IOException {
        Path staging = dir.resolve("staging");
        List<String> leftWhileBuilding = new ArrayList<>();
        BuildListener watchStaging = p -> {
            // one worker: between recordings no fetched EDF file may be left in staging
            try (Stream<Path> s = Files.walk(staging)) {
                s.filter(f -> f.toString().endsWith(".edf")).forEach(f -> leftWhileBuilding.add(f.toString()));
            } catch (IOException e) {
                leftWhileBuilding.add(e.toString());
            }
        };
        s3.edfGets().clear();
        Path fromS3 = dir.resolve("from-s3");
        BuildResult r = CacheBuilder.from(DATA)
                .storeOptions(s3.options())
                .to(fromS3)
                .stagingDirectory(staging)
                .workers(1)
                .listener(watchStaging)
                .environment(name -> null)
                .build();
        LOG.info(
                "test corpus ({} EDF bytes): local build {}, build from S3Proxy {}",
                r.edfBytesRead(),
                localBuild.elapsed(),
                r.elapsed());
        assertTrue(r.failures().isEmpty(), () -> r.failures().toString());
        assertEquals(localBuild.counts(), r.counts());
        assertEquals(
                edfFiles(),
                r.splits().stream().mapToInt(BuildResult.Split::built).sum());
        assertEquals(List.of(), leftWhileBuilding);
        assertStagingEmpty(staging);
        assertEquals(
                edfFiles(),
                s3.edfGets().stream().filter(g -> g.endsWith(" ")).count(),
                () -> s3.edfGets().toString());
        assertSameCache(local, fromS3);

        s3.edfGets().clear();
        BuildResult again = CacheBuilder.from(DATA)
                .storeOptions(s3.options())
                .to(fromS3)
                .stagingDirectory(staging)
                .environment(name -> null)
                .build();
        assertEquals(
                0, again.splits().stream().mapToInt(BuildResult.Split::built).sum());
        assertEquals(
                edfFiles(),
                again.splits().stream().mapToInt(BuildResult.Split::skipped).sum());
        // the rerun read only EDF headers: ranged GETs inside each file's header record, never a whole file
        assertFalse(s3.edfGets().isEmpty());
        for (String get : s3.edfGets()) {
            String key = get.substring("tusz/edf/".length(), get.indexOf(' '));
            String range = get.substring(get.indexOf(' ') + 1);
            assertTrue(range.startsWith("bytes=0-"), get);
            long last = Long.parseLong(range.substring("bytes=0-".length()));
            assertTrue(last < TestCorpus.headerBytes(corpus.root().resolve(key)), get);
        }
        assertSameCache(local, fromS3);
    }

    @Test
    void aCorruptEdfOnS3IsARecordedFailureNamingItsLocation() throws IOException {
        List<SyntheticRecordingSpec> train = corpus.recordings().stream()
                .filter(r -> TestCorpus.source(r).startsWith("train/"))
                .toList();
        Path tree = Trees.copy(corpus.root(), dir.resolve("bad-edf"));
        String bad = TestCorpus.source(train.get(1));
        Files.write(tree.resolve(bad), "this is not an EDF file ".repeat(20).getBytes(StandardCharsets.US_ASCII));
        s3.upload(tree, "s3://bgb/bad/edf");
        Path staging = dir.resolve("staging-bad");

        BuildResult r = CacheBuilder.from("s3://bgb/bad/edf")
                .storeOptions(s3.options())
                .to(dir.resolve("bad-cache"))
                .split("train")
                .stagingDirectory(staging)
                .workers(2)
                .environment(name -> null)
                .build();

        assertEquals(1, r.failures().size(), () -> r.failures().toString());
        BuildFailure f = r.failures().get(0);
        assertEquals(bad, f.source());
        assertTrue(f.reason().contains("s3://bgb/bad/edf/" + bad), f.reason());
        assertEquals(train.size() - 1, r.split("train").built());
        assertStagingEmpty(staging);
    }

    @Test
    void anEmptyPrefixIsRefusedByName() {
        SplitPolicyException e = assertThrows(
                SplitPolicyException.class,
                () -> CacheBuilder.from("s3://bgb/nothing")
                        .storeOptions(s3.options())
                        .to(dir.resolve("nothing-cache"))
                        .environment(name -> null)
                        .build());
        assertTrue(e.getMessage().contains("no EDF files under train/ or dev/ of s3://bgb/nothing"), e.getMessage());
    }

    @Test
    void anEdfFileThatIsNotTheSizeListedFailsAndLeavesNothingInStaging() throws IOException {
        // any store can hold the tree; here a local store, and a listing that no longer matches the object
        SyntheticRecordingSpec spec = corpus.recordings().get(0);
        String key = TestCorpus.source(spec);
        long size = Files.size(corpus.root().resolve(key));
        SourceFile stale = new SourceFile(
                "train",
                key,
                SourceTree.labelsKey(key, io.github.braingobrr.labels.LabelFormat.CSV),
                spec.stem(),
                spec.patient(),
                size + 1,
                java.time.Instant.EPOCH);
        Path staging = Files.createDirectories(dir.resolve("staging-stale"));
        try (SourceTree tree =
                new SourceTree.Remote(io.github.braingobrr.storage.local.LocalBlobStore.open(corpus.root()))) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> tree.process(
                            new io.github.braingobrr.preprocess.Preprocessor(
                                    io.github.braingobrr.preprocess.PreprocessingConfig.seed()),
                            stale,
                            staging));
            assertTrue(
                    e.getMessage().contains(key) && e.getMessage().contains("listing said " + (size + 1)),
                    e.getMessage());
        }
        assertStagingEmpty(staging);
    }

    private static void assertStagingEmpty(Path staging) throws IOException {
        try (Stream<Path> s = Files.walk(staging)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            assertEquals(List.of(), files, "files left in staging");
        }
    }

    /** The same cache files byte for byte, the same manifest entries; the dataset index names the S3 objects. */
    private static void assertSameCache(Path want, Path got) throws IOException {
        Map<String, byte[]> a = npz(want);
        Map<String, byte[]> b = npz(got);
        assertEquals(a.keySet(), b.keySet());
        assertFalse(a.isEmpty());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
        try (BlobStore sa = BlobStores.open(io.github.braingobrr.storage.Location.of(want));
                BlobStore sb = BlobStores.open(io.github.braingobrr.storage.Location.of(got))) {
            for (String split : List.of("train", "dev")) {
                Manifest ma = Cache.readManifest(sa, split).orElseThrow();
                Manifest mb = Cache.readManifest(sb, split).orElseThrow();
                assertEquals(ma.files(), mb.files(), split);
                assertEquals(ma.failures(), mb.failures(), split);
                DatasetIndex ia = Cache.readIndex(sa, split).orElseThrow();
                DatasetIndex ib = Cache.readIndex(sb, split).orElseThrow();
                assertEquals(ia.windowCounts(), ib.windowCounts(), split);
                List<String> expected = new ArrayList<>();
                for (String f : ia.files()) {
                    expected.add(DATA + "/"
                            + corpus.root().relativize(Path.of(f)).toString().replace('\\', '/'));
                }
                assertEquals(expected, ib.files(), split);
            }
        }
    }

    private static Map<String, byte[]> npz(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".npz")).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
