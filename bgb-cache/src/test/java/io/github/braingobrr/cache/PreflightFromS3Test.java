package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.cache.PreflightReport.Check;
import io.github.braingobrr.cache.PreflightReport.Finding;
import io.github.braingobrr.cache.PreflightReport.Severity;
import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.MissingLabels;
import io.github.braingobrr.labels.ParseMode;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Preflight} of a data tree on S3 (a real S3 API server in-process): the report of the local copy of the same
 * tree, with locations that differ only by their root, from ranged reads of the EDF headers alone; planted faults named
 * by their {@code s3://} location.
 */
class PreflightFromS3Test {
    private static final Logger LOG = LoggerFactory.getLogger(PreflightFromS3Test.class);
    private static final String DATA = "s3://bgb/tusz/edf";

    @TempDir
    static Path dir;

    private static S3DataServer s3;
    private static SyntheticCorpus corpus;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3DataServer.start();
        corpus = TestCorpus.write(dir.resolve("edf"));
        s3.upload(corpus.root(), DATA);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @BeforeEach
    void clearGets() {
        s3.edfGets().clear();
    }

    private static PreflightReport check(PreflightRequest request) throws IOException {
        return Preflight.withSpaceProvider(folder -> Long.MAX_VALUE)
                .environment(name -> null)
                .run(request.withWorkers(2).withStoreOptions(s3.options()));
    }

    /** The local report's findings as they read for the tree at {@code remote}: its root replaced. */
    private static List<Finding> moved(List<Finding> local, Path localRoot, String remote) {
        String root = localRoot.toAbsolutePath().normalize().toString();
        List<Finding> out = new ArrayList<>();
        for (Finding f : local) {
            out.add(new Finding(
                    f.severity(),
                    f.check(),
                    f.location().replace(root, remote),
                    f.message().replace(root, remote),
                    f.fix().replace(root, remote)));
        }
        return out;
    }

    private static void assertSameReport(PreflightReport local, Path localRoot, PreflightReport remote, String at) {
        assertEquals(moved(local.findings(), localRoot, at), remote.findings());
        assertEquals(local.ready(), remote.ready());
        assertEquals(local.configHash(), remote.configHash());
        assertEquals(local.splits(), remote.splits());
        assertEquals(local.recordings(), remote.recordings());
        assertEquals(local.formats(), remote.formats());
        assertEquals(local.samplingRates(), remote.samplingRates());
        assertEquals(local.references(), remote.references());
        assertEquals(local.durations(), remote.durations());
        assertEquals(local.seizureEvents(), remote.seizureEvents());
        assertEquals(local.backgroundTypes(), remote.backgroundTypes());
        assertEquals(local.windows(), remote.windows());
        assertEquals(local.estimatedBytes(), remote.estimatedBytes());
    }

    private static List<SyntheticRecordingSpec> checked() {
        List<SyntheticRecordingSpec> out = new ArrayList<>(corpus.recordings(CorpusSplit.TRAIN));
        out.addAll(corpus.recordings(CorpusSplit.DEV));
        return out;
    }

    @Test
    void theTreeOnS3GivesTheLocalReportFromHeaderReadsAlone() throws IOException {
        PreflightReport local = check(PreflightRequest.of(corpus.root()));
        assertTrue(local.ready(), () -> "problems: " + local.problems());
        s3.edfGets().clear();
        PreflightReport remote = check(PreflightRequest.of(DATA));
        LOG.info(
                "preflight of the test corpus ({} recordings): local {}, from S3Proxy {}",
                remote.totalRecordings(),
                local.elapsed(),
                remote.elapsed());
        assertEquals(Location.parse(DATA), remote.dataDir());
        assertEquals(Location.of(corpus.root()), local.dataDir());
        assertEquals(checked().size(), remote.totalRecordings());
        assertFalse(remote.findings().isEmpty(), "the corpus gives notes (eval not checked, background types)");
        assertSameReport(local, corpus.root(), remote, DATA);

        // every EDF file was read, only by ranged GETs inside its header record: no EDF file was downloaded
        Map<String, Integer> getsPerFile = new TreeMap<>();
        for (String get : s3.edfGets()) {
            String key = get.substring("tusz/edf/".length(), get.indexOf(' '));
            String range = get.substring(get.indexOf(' ') + 1);
            assertTrue(range.startsWith("bytes="), () -> "a GET of the whole object: " + get);
            long last = Long.parseLong(range.substring(range.indexOf('-') + 1));
            assertTrue(last < TestCorpus.headerBytes(corpus.root().resolve(key)), get);
            getsPerFile.merge(key, 1, Integer::sum);
        }
        List<String> expected =
                checked().stream().map(TestCorpus::source).sorted().toList();
        assertEquals(expected, List.copyOf(getsPerFile.keySet()));
    }

    @Test
    void aMissingLabelFileAndACorruptHeaderOnS3AreNamedByTheirS3Keys() throws IOException {
        Path tree = Trees.copy(corpus.root(), dir.resolve("faults"));
        SyntheticRecordingSpec noLabels = corpus.recordings(CorpusSplit.TRAIN).get(0);
        SyntheticRecordingSpec corrupt = corpus.recordings(CorpusSplit.DEV).get(0);
        Files.delete(tree.resolve(noLabels.relativeCsvPath()));
        Files.write(
                tree.resolve(corrupt.relativeEdfPath()),
                "this is not an EDF file ".repeat(20).getBytes(StandardCharsets.US_ASCII));
        String at = "s3://bgb/faults/edf";
        s3.upload(tree, at);

        PreflightReport remote = check(PreflightRequest.of(at));
        assertFalse(remote.ready());
        // besides the two planted faults, only what they cause: a split left without counted seizure events
        assertEquals(
                2,
                remote.problems().stream()
                        .filter(f -> f.check() != Check.SEIZURES)
                        .count(),
                () -> remote.problems().toString());

        String csv = at + "/" + csvKey(noLabels);
        Finding missing = only(remote, Check.LABELS, csv);
        assertTrue(
                missing.message().startsWith("no label file beside " + TestCorpus.source(noLabels)), missing::message);
        assertTrue(missing.fix().startsWith("the folder has " + noLabels.stem() + ".csv_bi"), missing::fix);

        Finding bad = only(remote, Check.RECORDING, TestCorpus.source(corrupt));
        assertTrue(bad.message().contains(at + "/" + TestCorpus.source(corrupt)), bad::message);
        assertTrue(bad.fix().contains("copy the file again from its source"), bad::fix);

        assertSameReport(check(PreflightRequest.of(tree)), tree, remote, at);
    }

    @Test
    void aMissingLabelFileUnderMissingLabelsFailIsTheRecordingsFailureNamingTheKey() throws IOException {
        Path tree = Trees.copy(corpus.root(), dir.resolve("fail"));
        SyntheticRecordingSpec noLabels = corpus.recordings(CorpusSplit.TRAIN).get(1);
        Files.delete(tree.resolve(noLabels.relativeCsvPath()));
        String at = "s3://bgb/fail/edf";
        s3.upload(tree, at);
        PreprocessingConfig strict = PreprocessingConfig.seed().toBuilder()
                .labels(new PreprocessingConfig.LabelOptions(
                        LabelFormat.CSV, SeizureType.seed(), MissingLabels.FAIL, ParseMode.LENIENT, Optional.empty()))
                .build();

        PreflightReport remote = check(PreflightRequest.of(at).withPreprocessing(strict));
        assertEquals(1, remote.problems().size(), () -> remote.problems().toString());
        Finding f = only(remote, Check.RECORDING, TestCorpus.source(noLabels));
        assertTrue(f.message().contains(at + "/" + csvKey(noLabels) + " does not exist"), f::message);
        assertTrue(f.message().contains("MissingLabels.FAIL"), f::message);
    }

    @Test
    void aBucketThatDoesNotExistIsADataDirectoryError() throws IOException {
        PreflightReport r = check(PreflightRequest.of("s3://no-such-bucket/tusz/edf"));
        assertFalse(r.ready());
        Finding f = only(r, Check.DATA_DIR, "s3://no-such-bucket/tusz/edf");
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().startsWith("cannot list the data tree"), f::message);
        assertEquals(0, r.totalRecordings());
    }

    private static Finding only(PreflightReport r, Check check, String location) {
        List<Finding> f = r.findings().stream()
                .filter(x -> x.check() == check && x.location().equals(location))
                .toList();
        assertEquals(1, f.size(), () -> "one " + check + " finding about " + location + " expected: " + r.findings());
        return f.get(0);
    }

    private static String csvKey(SyntheticRecordingSpec spec) {
        return spec.relativeCsvPath().toString().replace('\\', '/');
    }
}
