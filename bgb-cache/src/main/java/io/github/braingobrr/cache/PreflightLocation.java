package io.github.braingobrr.cache;

import io.github.braingobrr.cache.PreflightReport.Check;
import io.github.braingobrr.cache.PreflightReport.ExistingCache;
import io.github.braingobrr.cache.PreflightReport.Finding;
import io.github.braingobrr.cache.PreflightReport.Severity;
import io.github.braingobrr.cache.PreflightReport.Verdict;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.BucketNotFoundException;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageAccessDeniedException;
import io.github.braingobrr.storage.WriteOptions;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.s3.S3BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The cache-location half of a {@link Preflight}: free space at a local location, what the builder would do with the
 * cache already there (reuse, resume or refuse), and for {@code s3://} the credentials, bucket, region and write
 * access. Read only, except one zero-byte probe object on S3, deleted at once.
 */
final class PreflightLocation {
    private final PreflightRequest request;
    private final SourceTree tree;
    private final Preflight.SpaceProvider space;
    private final List<Finding> findings;

    PreflightLocation(
            PreflightRequest request, SourceTree tree, Preflight.SpaceProvider space, List<Finding> findings) {
        this.request = request;
        this.tree = tree;
        this.space = space;
        this.findings = findings;
    }

    private void add(Severity severity, Check check, String location, String message, String fix) {
        findings.add(new Finding(severity, check, location, message, fix));
    }

    // ------------------------------------------------------------------ the cache location

    /** The free space at a local location and the cache already there. */
    record State(OptionalLong free, Optional<ExistingCache> existing) {}

    /** Checks the location; every problem becomes a finding. */
    State check(
            Location location,
            List<String> splits,
            Map<String, List<SourceFile>> bySplit,
            Map<CacheLayout, Long> sizes) {
        String where = location.toString();
        if (location.isFile()) {
            Path dir = location.toPath();
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                add(
                        Severity.ERROR,
                        Check.EXISTING_CACHE,
                        where,
                        "the cache location is a file, not a folder",
                        "give a folder (new or holding a bgb cache)");
                return new State(OptionalLong.empty(), Optional.empty());
            }
            Optional<ExistingCache> existing = Optional.empty();
            long doneBytes = 0;
            if (Files.isDirectory(dir)) {
                try (BlobStore store = LocalBlobStore.open(dir)) {
                    Existing e = existing(store, splits, bySplit);
                    existing = e.cache();
                    doneBytes = e.doneBytes();
                } catch (IOException e) {
                    add(
                            Severity.ERROR,
                            Check.EXISTING_CACHE,
                            where,
                            "cannot read the cache folder: " + e.getMessage(),
                            "check the folder's permissions");
                }
            }
            return new State(checkSpace(dir, sizes, doneBytes), existing);
        }
        try (BlobStore store = BlobStores.open(location, request.storeOptions())) {
            if (store instanceof S3BlobStore s3 && !checkS3(s3)) {
                return new State(OptionalLong.empty(), Optional.empty());
            }
            return new State(
                    OptionalLong.empty(), existing(store, splits, bySplit).cache());
        } catch (IOException | RuntimeException e) {
            add(
                    Severity.ERROR,
                    Check.STORAGE,
                    where,
                    "cannot reach the cache location: " + e.getMessage(),
                    "check the location, the endpoint (AWS_ENDPOINT_URL) and the network");
            return new State(OptionalLong.empty(), Optional.empty());
        }
    }

    private OptionalLong checkSpace(Path dir, Map<CacheLayout, Long> sizes, long doneBytes) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return OptionalLong.empty();
        }
        long free;
        try {
            free = space.usableBytes(existing);
        } catch (IOException e) {
            add(
                    Severity.WARNING,
                    Check.SPACE,
                    existing.toString(),
                    "cannot tell the free space: " + e.getMessage(),
                    "check the volume by hand (df -h)");
            return OptionalLong.empty();
        }
        long needed = Math.max(0, sizes.get(request.layout()) - doneBytes);
        if (free < needed) {
            boolean deflate = request.compression() == NpzCompression.DEFLATED;
            long continuous = sizes.get(CacheLayout.CONTINUOUS);
            String other = request.layout() == CacheLayout.WINDOWS && continuous - doneBytes < free
                    ? ", or use the continuous layout (about " + gb(continuous) + ", not readable by the Python"
                            + " training code)"
                    : "";
            add(
                    deflate ? Severity.WARNING : Severity.ERROR,
                    Check.SPACE,
                    existing.toString(),
                    "the cache needs about " + gb(needed) + " ("
                            + request.layout().id() + " layout"
                            + (deflate ? ", an upper bound with deflate" : "") + ") but " + gb(free)
                            + " are free at " + existing,
                    "free at least " + gb(needed - free) + " there, or choose a cache location on a larger" + " volume"
                            + other);
        }
        return OptionalLong.of(free);
    }

    /** What the builder would do with the cache in {@code store} (read only; nothing is written). */
    private record Existing(Optional<ExistingCache> cache, long doneBytes) {}

    private Existing existing(BlobStore store, List<String> splits, Map<String, List<SourceFile>> bySplit)
            throws IOException {
        Map<String, Map<String, BlobInfo>> listings = new LinkedHashMap<>();
        int dataFiles = 0;
        for (String s : CacheKeys.SPLITS) {
            Map<String, BlobInfo> files = Cache.listFiles(store, s);
            listings.put(s, files);
            dataFiles += files.size();
        }
        Optional<CacheMetadata> meta;
        try {
            meta = Cache.readMetadata(store);
        } catch (CacheFormatException e) {
            meta = Optional.empty();
        }
        if (meta.isEmpty() && dataFiles == 0) {
            return new Existing(Optional.empty(), 0);
        }
        int total = 0;
        for (String s : splits) {
            total += bySplit.getOrDefault(s, List.of()).size();
        }
        Optional<String> hash = meta.flatMap(CacheMetadata::configHash);
        Optional<CacheLayout> layout = meta.flatMap(CacheMetadata::layout);
        Optional<String> version = meta.flatMap(CacheMetadata::bgbVersion);
        String where = store.root().toString();
        try {
            BuildRun.checkMetadata(store, dataFiles, request.preprocessing(), request.layout(), request.compression());
        } catch (CacheMismatchException e) {
            add(Severity.ERROR, Check.EXISTING_CACHE, where, e.getMessage(), refusalFix(e, meta, where));
            return new Existing(
                    Optional.of(new ExistingCache(
                            Verdict.REFUSE, e.getMessage(), hash, layout, version, dataFiles, 0, 0, total)),
                    0);
        }
        int done = 0;
        int toCheck = 0;
        long doneBytes = 0;
        String configHash = request.preprocessing().hash();
        for (String s : splits) {
            Map<String, BlobInfo> listing = listings.get(s);
            Manifest manifest;
            try {
                manifest = Cache.readManifest(store, s).orElse(null);
            } catch (CacheFormatException e) {
                add(
                        Severity.WARNING,
                        Check.EXISTING_CACHE,
                        store.locationOf(CacheKeys.manifest(s)).toString(),
                        e.getMessage() + "; the build would read every cache file of " + s + " to decide",
                        "none needed; or run bgb scan-cache to rebuild the manifest first");
                manifest = null;
            }
            boolean trusted = BuildRun.trusts(manifest, configHash, request.layout());
            for (SourceFile src : bySplit.getOrDefault(s, List.of())) {
                String name = request.layout().cacheFileName(src.stem());
                BlobInfo listed = listing.get(name);
                if (listed == null) {
                    continue;
                }
                Optional<Manifest.FileEntry> entry = trusted
                        ? manifest.file(name).filter(f -> f.fingerprint().isPresent())
                        : Optional.empty();
                if (entry.isEmpty()) {
                    toCheck++;
                    continue;
                }
                try {
                    if (BuildRun.isCurrent(entry.get(), tree.fingerprint(src), listed)) {
                        done++;
                        doneBytes += listed.size();
                    }
                } catch (IOException e) {
                    // the recording cannot be fingerprinted: it is rebuilt, and fails there as reported above
                }
            }
        }
        Verdict verdict;
        String reason;
        if (total > 0 && done == total) {
            verdict = Verdict.REUSE;
            reason = "every recording's cache file is current; the build would rebuild nothing";
        } else if (done + toCheck > 0) {
            verdict = Verdict.RESUME;
            reason = done + " of " + total + " recordings are done"
                    + (toCheck > 0
                            ? ", " + toCheck
                                    + " more have cache files the manifest does not list (the build reads them"
                                    + " to decide)"
                            : "")
                    + "; the build would do the rest";
        } else {
            verdict = Verdict.START;
            reason = dataFiles == 0
                    ? "the location holds metadata but no cache file; the build would start from scratch"
                    : "none of the " + dataFiles + " cache files there is current for these recordings; the"
                            + " build would rebuild them";
        }
        add(Severity.INFO, Check.EXISTING_CACHE, where, reason, "");
        return new Existing(
                Optional.of(new ExistingCache(verdict, reason, hash, layout, version, dataFiles, done, toCheck, total)),
                doneBytes);
    }

    private String refusalFix(CacheMismatchException e, Optional<CacheMetadata> meta, String where) {
        Optional<String> hash = meta.flatMap(CacheMetadata::configHash);
        Map<String, PreprocessingConfig> presets = new LinkedHashMap<>();
        presets.put("seed (PreprocessingConfig.seed(), bgb --preset seed)", PreprocessingConfig.seed());
        presets.put(
                "zero-phase (PreprocessingConfig.zeroPhase(), bgb --preset zero-phase)",
                PreprocessingConfig.zeroPhase());
        String same = "";
        if (e.field().equals("preprocessing") && hash.isPresent()) {
            for (Map.Entry<String, PreprocessingConfig> p : presets.entrySet()) {
                if (p.getValue().hash().equals(hash.get())) {
                    same = "build with the preset the cache was made with, " + p.getKey() + "; or ";
                }
            }
        }
        return same + "choose a new cache location; or remove this cache (bgb clean-cache --cache-dir " + where
                + " --yes) and build again";
    }

    // ------------------------------------------------------------------ s3

    /** Credentials, bucket, region and write access; false when the location cannot be used at all. */
    private boolean checkS3(S3BlobStore s3) {
        String where = s3.root().toString();
        String bucket = s3.root().bucket();
        String bucketRegion = null;
        try {
            bucketRegion = s3.bucketRegion();
            add(
                    Severity.INFO,
                    Check.STORAGE,
                    where,
                    "credentials resolve and bucket " + bucket + " exists (region " + bucketRegion + ")",
                    "");
        } catch (BucketNotFoundException e) {
            add(
                    Severity.ERROR,
                    Check.STORAGE,
                    where,
                    "bucket " + bucket + " does not exist: " + e.getMessage(),
                    "create it (aws s3 mb s3://" + bucket + " --region " + s3.region()
                            + "), or correct the bucket name");
            return false;
        } catch (StorageAccessDeniedException e) {
            if (isCredentialProblem(e.code())) {
                credentialsRefused(where, e);
                return false;
            }
            add(
                    Severity.WARNING,
                    Check.STORAGE,
                    where,
                    "cannot read the bucket's region (" + e.code() + "); the region check is skipped",
                    "allow s3:GetBucketLocation on arn:aws:s3:::" + bucket + " to have it checked");
        } catch (IOException e) {
            add(
                    Severity.ERROR,
                    Check.STORAGE,
                    where,
                    "cannot reach the bucket: " + e.getMessage(),
                    "check the endpoint (AWS_ENDPOINT_URL), the network and the bucket name");
            return false;
        }
        if (bucketRegion != null && !bucketRegion.equals(s3.region())) {
            add(
                    Severity.WARNING,
                    Check.STORAGE,
                    where,
                    "bucket " + bucket + " is in " + bucketRegion + " but the client signs for " + s3.region()
                            + "; cross-region traffic is slower and costs money",
                    "run the build in " + bucketRegion + " (AWS_REGION=" + bucketRegion + "), or use a bucket in "
                            + s3.region());
        }
        String probe = ".bgb-preflight-probe-" + UUID.randomUUID();
        try {
            s3.write(probe, new byte[0], WriteOptions.defaults());
        } catch (StorageAccessDeniedException e) {
            if (isCredentialProblem(e.code())) {
                credentialsRefused(where, e);
                return false;
            }
            notWritable(s3, probe, e);
            return true;
        } catch (IOException e) {
            notWritable(s3, probe, e);
            return true;
        }
        try {
            s3.delete(probe);
        } catch (IOException e) {
            add(
                    Severity.WARNING,
                    Check.STORAGE,
                    s3.locationOf(probe).toString(),
                    "the zero-byte probe object was written but cannot be deleted: " + e.getMessage(),
                    "delete it by hand, and grant s3:DeleteObject (cleaning the cache needs it)");
        }
        return true;
    }

    private void credentialsRefused(String where, StorageAccessDeniedException e) {
        add(
                Severity.ERROR,
                Check.STORAGE,
                where,
                "the credentials do not resolve or are not accepted: " + e.getMessage(),
                "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run where a role is"
                        + " available");
    }

    private void notWritable(S3BlobStore s3, String probe, IOException e) {
        String bucket = s3.root().bucket();
        add(
                Severity.ERROR,
                Check.STORAGE,
                s3.locationOf(probe).toString(),
                "the location is not writable: " + e.getMessage(),
                "grant s3:PutObject and s3:DeleteObject on arn:aws:s3:::" + bucket + "/"
                        + (s3.root().path().isEmpty() ? "" : s3.root().path() + "/") + "*");
    }

    private static boolean isCredentialProblem(String code) {
        return Set.of("no credentials", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken")
                .contains(code);
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
