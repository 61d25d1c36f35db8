package io.github.braingobrr.cli;

import io.github.braingobrr.cache.Batch;
import io.github.braingobrr.cache.BatchIterator;
import io.github.braingobrr.cache.BuildListener;
import io.github.braingobrr.cache.BuildResult;
import io.github.braingobrr.cache.Cache;
import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.cache.CacheSplit;
import io.github.braingobrr.cache.CacheStatus;
import io.github.braingobrr.cache.CacheTransfers;
import io.github.braingobrr.cache.CategoryCounts;
import io.github.braingobrr.cache.Manifest;
import io.github.braingobrr.cache.Preflight;
import io.github.braingobrr.cache.PreflightReport;
import io.github.braingobrr.cache.PreflightRequest;
import io.github.braingobrr.cache.ValidationReport;
import io.github.braingobrr.cache.sampling.BalancedSample;
import io.github.braingobrr.cache.sampling.BalancedSampler;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StoreOptions;
import io.github.braingobrr.storage.tiered.SsdVolume;
import io.github.braingobrr.storage.transfer.TransferOptions;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticCorpusConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb demo}: the main job on a synthetic corpus and embedded defaults. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the main job end to end on a synthetic TUSZ-like corpus: preflight it, build the window cache, scan and verify"
                    + " it, upload it to an embedded S3 server (127.0.0.1), populate an SSD-tier folder from it,"
                    + " verify again, read a balanced batch from the SSD tier and from S3, and report the SSD copy's status.",
            "Everything is written under --dir; a rerun reuses what is current."
        })
final class DemoCommand extends CommandBase {
    private static final String BUCKET = "bgb-demo";
    private static final int BATCH = 32;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where everything is written (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("bgb-demo");

    @Option(names = "--json", description = "Print the summary as JSON instead of a table.")
    boolean json;

    private final Map<String, Double> seconds = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Path corpusDir = root.resolve("corpus");
        Path cacheDir = root.resolve("cache");
        Path ssdDir = root.resolve("ssd");
        Path s3Dir = root.resolve("s3");
        Files.createDirectories(s3Dir);

        SyntheticCorpusConfig config = SyntheticCorpusConfig.builder()
                .patients(4)
                .minutesPerRecording(1.5)
                .seed(2026)
                .build();
        long t = System.nanoTime();
        SyntheticCorpus corpus;
        try (Progress p = progress("corpus", config.plan().size(), "files")) {
            corpus = SyntheticCorpus.write(config, corpusDir, spec -> p.step());
        }
        lap("corpus", t);

        t = System.nanoTime();
        PreflightReport preflight = Preflight.check(
                PreflightRequest.of(corpusDir).withCache(cacheDir).withSplits("train", "dev", "eval"));
        lap("preflight", t);
        if (!preflight.ready()) {
            throw new IOException(
                    "the demo's preflight found " + preflight.problems().size() + " problem(s), first: "
                            + preflight.problems().get(0).message());
        }

        t = System.nanoTime();
        BuildResult build;
        try (Progress p = progress("build-cache", config.plan().size(), "files")) {
            build = CacheBuilder.from(corpusDir)
                    .to(cacheDir)
                    .allSplits()
                    .listener(new BuildListener() {
                        private int done;

                        @Override
                        public void progress(io.github.braingobrr.cache.BuildProgress b) {
                            p.max(b.filesTotal());
                            p.stepBy(b.filesDone() - done);
                            done = b.filesDone();
                        }
                    })
                    .build();
        }
        lap("build", t);
        if (!build.succeeded()) {
            throw new IOException(
                    "the demo's cache build failed for " + build.failures().size() + " recordings, first: "
                            + build.failures().get(0));
        }
        build.requireSeizureWindows();

        t = System.nanoTime();
        Map<String, Manifest> manifests = new LinkedHashMap<>();
        try (Cache local = Cache.open(cacheDir)) {
            for (String split : local.splits()) {
                manifests.put(split, local.split(split).scan());
            }
            lap("scan", t);
            t = System.nanoTime();
            requireValid(local.validator().checksums(true).headers(true).validate());
            lap("verify", t);
        }

        try (EmbeddedS3Server s3 =
                EmbeddedS3Server.builder(s3Dir).bucket(BUCKET).start()) {
            StoreOptions options = StoreOptions.defaults()
                    .withEndpoint(s3.endpoint())
                    .withRegion(EmbeddedS3Server.REGION)
                    .withCredentials(s3.accessKey(), s3.secretKey());
            String remoteUrl = "s3://" + BUCKET + "/cache";
            try (BlobStore remote = BlobStores.open(Location.parse(remoteUrl), options);
                    BlobStore localStore = BlobStores.open(Location.of(cacheDir))) {
                t = System.nanoTime();
                CacheTransfers.Result up;
                try (Progress p = progress("upload", 1, "B")) {
                    up = CacheTransfers.upload(
                            localStore, remote, TransferOptions.defaults().withListener(bytes(p)));
                }
                lap("upload", t);
                requireDone(up);

                Files.createDirectories(ssdDir);
                try (SsdVolume ssd =
                        SsdVolume.open(ssdDir, Files.getFileStore(ssdDir).getUsableSpace())) {
                    t = System.nanoTime();
                    CacheTransfers.Result pop;
                    try (Progress p = progress("populate", 1, "B")) {
                        pop = CacheTransfers.populate(
                                remote, ssd, TransferOptions.defaults().withListener(bytes(p)));
                    }
                    lap("populate", t);
                    requireDone(pop);
                    t = System.nanoTime();
                    requireValid(CacheTransfers.verify(ssd, false));
                    lap("verify-ssd", t);

                    Cache ssdCache = Cache.open(ssd);
                    Cache s3Cache = Cache.open(remote);
                    BalancedSample sample = BalancedSampler.defaults()
                            .sample(ssdCache.split("train").manifest());
                    List<io.github.braingobrr.cache.WindowRef> batch =
                            sample.windows().subList(0, Math.min(BATCH, sample.size()));
                    double ssdRate = read(ssdCache.split("train"), batch, "read-ssd");
                    double s3Rate = read(s3Cache.split("train"), batch, "read-s3");
                    CacheStatus ssdStatus = CacheStatus.of(ssd);
                    report(
                            corpus,
                            preflight,
                            manifests,
                            ssdStatus,
                            ordered(
                                    "cache", npzBytes(localStore),
                                    "s3", npzBytes(remote),
                                    "ssd", npzBytes(ssd)),
                            batch.size(),
                            ssdRate,
                            s3Rate,
                            ordered(
                                    "root", root.toString(),
                                    "corpus", corpusDir.toString(),
                                    "cache", cacheDir.toString(),
                                    "s3", remoteUrl + " (files under " + s3Dir + ")",
                                    "ssd", ssdDir.toString()));
                }
            }
        }
        return 0;
    }

    private void lap(String step, long startNanos) {
        seconds.put(step, (System.nanoTime() - startNanos) / 1e9);
    }

    /** Reads {@code windows} as one balanced batch from {@code split}; windows per second. */
    private double read(CacheSplit split, List<io.github.braingobrr.cache.WindowRef> windows, String step)
            throws IOException {
        long t = System.nanoTime();
        int read = 0;
        try (BatchIterator it = split.batches(windows).batchSize(windows.size()).open()) {
            while (it.hasNext()) {
                Batch b = it.nextBatch();
                read += b.size();
            }
        }
        lap(step, t);
        if (read != windows.size()) {
            throw new IOException(split + ": read " + read + " of " + windows.size() + " windows");
        }
        return read / seconds.get(step);
    }

    /** A map of key, value pairs in the order given (for the summary). */
    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... pairs) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return m;
    }

    private static long npzBytes(BlobStore store) throws IOException {
        long n = 0;
        for (BlobInfo b : store.list("")) {
            if (b.key().endsWith(".npz")) {
                n += b.size();
            }
        }
        return n;
    }

    private static void requireValid(ValidationReport r) throws IOException {
        if (!r.isValid()) {
            throw new IOException("the demo's cache failed verification: " + r.summary());
        }
    }

    private static void requireDone(CacheTransfers.Result r) throws IOException {
        if (!r.succeeded()) {
            throw new IOException(r.data().operation() + " to " + r.data().target() + " failed for "
                    + r.data().failures().size() + " files");
        }
    }

    private void report(
            SyntheticCorpus corpus,
            PreflightReport preflight,
            Map<String, Manifest> manifests,
            CacheStatus ssdStatus,
            Map<String, Long> sizes,
            int batch,
            double ssdRate,
            double s3Rate,
            Map<String, String> where) {
        CategoryCounts total = CategoryCounts.ZERO;
        int cacheFiles = 0;
        for (Manifest m : manifests.values()) {
            total = total.plus(m.counts());
            cacheFiles += m.files().size();
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recordings", corpus.recordings().size());
            m.put("cacheFiles", cacheFiles);
            Map<String, Object> estimated = new LinkedHashMap<>();
            preflight.windows().forEach((k, v) -> estimated.put(k, BuildCacheCommand.counts(v)));
            m.put("preflight", Map.of("ready", preflight.ready(), "windows", estimated));
            m.put("ssdStatus", ssdStatus.state().name().toLowerCase(Locale.ROOT));
            Map<String, Object> splits = new LinkedHashMap<>();
            manifests.forEach((k, v) -> splits.put(k, BuildCacheCommand.counts(v.counts())));
            m.put("splits", splits);
            m.put("windows", BuildCacheCommand.counts(total));
            m.put("bytes", sizes);
            m.put("batch", batch);
            m.put("windowsPerSecond", Map.of("ssd", ssdRate, "s3", s3Rate));
            m.put("seconds", seconds);
            m.put("where", where);
            printJson(m);
            return;
        }
        var out = out();
        Table t = new Table("split", "cache files", "windows", "partial", "full", "none");
        manifests.forEach((k, m) -> t.row(
                k,
                String.valueOf(m.files().size()),
                String.valueOf(m.counts().total()),
                String.valueOf(m.counts().partialSeizure()),
                String.valueOf(m.counts().fullSeizure()),
                String.valueOf(m.counts().noSeizure())));
        t.row(
                "all",
                String.valueOf(cacheFiles),
                String.valueOf(total.total()),
                String.valueOf(total.partialSeizure()),
                String.valueOf(total.fullSeizure()),
                String.valueOf(total.noSeizure()));
        out.printf(
                Locale.ROOT,
                "%d synthetic recordings -> %d cache files%n",
                corpus.recordings().size(),
                cacheFiles);
        t.print(out);
        out.printf(
                Locale.ROOT,
                "preflight: ready, %d windows estimated from headers and labels; ssd tier status: %s%n",
                preflight.windows().values().stream()
                        .mapToLong(CategoryCounts::total)
                        .sum(),
                ssdStatus.state().name().toLowerCase(Locale.ROOT));
        out.printf(
                Locale.ROOT,
                "sizes: cache %s MB, s3 %s MB, ssd %s MB%n",
                mb(sizes.get("cache")),
                mb(sizes.get("s3")),
                mb(sizes.get("ssd")));
        out.printf(
                Locale.ROOT,
                "balanced batch of %d windows: ssd %s windows/s, s3 %s windows/s%n",
                batch,
                Table.brief(ssdRate),
                Table.brief(s3Rate));
        StringBuilder times = new StringBuilder("timings:");
        seconds.forEach((k, v) -> times.append(String.format(Locale.ROOT, " %s %.2f s,", k, v)));
        out.println(times.substring(0, times.length() - 1));
        where.forEach((k, v) -> out.printf(Locale.ROOT, "%-7s %s%n", k + ":", v));
        out.flush();
    }

    private static String mb(long bytes) {
        return Table.number(Math.round(bytes / 1e5) / 10.0);
    }
}
