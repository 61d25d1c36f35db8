package io.github.braingobrr.cache;

import io.github.braingobrr.cache.PreflightReport.Check;
import io.github.braingobrr.cache.PreflightReport.ExistingCache;
import io.github.braingobrr.cache.PreflightReport.Finding;
import io.github.braingobrr.cache.PreflightReport.Severity;
import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfSignal;
import io.github.braingobrr.labels.LabelEvent;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.LabelMask;
import io.github.braingobrr.labels.MissingLabels;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.Preprocessor;
import io.github.braingobrr.preprocess.SignalSource;
import io.github.braingobrr.storage.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks in seconds what would ruin a long cache build, reading only EDF headers and label files: every recording
 * opens and has what the preset needs (the same checks, and the same failure reasons, as {@link CacheBuilder}), label
 * files are present and parse, every split has seizure events the preset counts, the split layout follows the
 * official TUSZ policy, the cache fits, an existing cache would be reused rather than refused, and an {@code s3://}
 * location is reachable and writable in the client's region. The data tree may be a local folder or
 * {@code s3://bucket/prefix}: there the EDF headers are read with ranged reads and no EDF file is downloaded.
 *
 * <pre>{@code
 * PreflightReport r = Preflight.check(PreflightRequest.of(Path.of("tusz/edf")).withCache(Path.of("/cache/tusz")));
 * if (!r.ready()) {
 *     r.problems().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Nothing is written, except one zero-byte probe object at an {@code s3://} location, deleted at once.
 */
public final class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);
    /** Bytes per cache file beyond its member data: zip entries, NumPy headers and the file's own description. */
    static final long FILE_OVERHEAD = 16 * 1024;

    private static final long MINUTE = 60;

    /** Usable bytes on the volume of a folder; replaceable so tests can simulate a full disk. */
    @FunctionalInterface
    public interface SpaceProvider {
        /** Bytes a new file in {@code existingFolder} may still take. */
        long usableBytes(Path existingFolder) throws IOException;

        /** The file system's own answer ({@link java.nio.file.FileStore#getUsableSpace()}). */
        SpaceProvider SYSTEM = folder -> Files.getFileStore(folder).getUsableSpace();
    }

    private final SpaceProvider space;
    private final UnaryOperator<String> environment;

    private Preflight(SpaceProvider space, UnaryOperator<String> environment) {
        this.space = space;
        this.environment = environment;
    }

    /** Runs the preflight of {@code request}. */
    public static PreflightReport check(PreflightRequest request) throws IOException {
        return withSpaceProvider(SpaceProvider.SYSTEM).run(request);
    }

    /** A preflight that asks {@code space} for the free space at a local cache location. */
    public static Preflight withSpaceProvider(SpaceProvider space) {
        return new Preflight(Objects.requireNonNull(space, "space"), System::getenv);
    }

    /** The same preflight reading {@code BGB_LIMIT_FILES} and {@code BGB_SMOKE_TEST} from {@code lookup} (tests). */
    Preflight environment(UnaryOperator<String> lookup) {
        return new Preflight(space, Objects.requireNonNull(lookup, "lookup"));
    }

    /**
     * Runs the preflight of {@code request}. Problems with the data, the labels and the cache location are findings in
     * the report, never exceptions.
     *
     * @throws IOException only when a local data directory cannot be walked (a folder that cannot be read), or the
     *     store of a remote one cannot be opened
     */
    public PreflightReport run(PreflightRequest request) throws IOException {
        try (SourceTree tree = SourceTree.open(request.dataDir(), request.storeOptions())) {
            return new Run(request, tree).run();
        }
    }

    /** What one recording's header and label file say. */
    private record Checked(
            SourceFile source,
            String format,
            String rate,
            String reference,
            String duration,
            List<Finding> findings,
            Map<String, Integer> seizures,
            Map<String, Integer> background,
            CategoryCounts windows,
            long windowsBytes,
            long continuousBytes,
            boolean fails) {}

    /** One preflight. */
    private final class Run {
        private final PreflightRequest request;
        private final PreprocessingConfig config;
        private final Preprocessor preprocessor;
        private final SourceTree tree;
        private final long started = System.nanoTime();
        private final List<Finding> findings = new ArrayList<>();

        Run(PreflightRequest request, SourceTree tree) {
            this.request = request;
            this.tree = tree;
            this.config = request.preprocessing();
            this.preprocessor = new Preprocessor(config);
        }

        PreflightReport run() throws IOException {
            List<String> splits = request.effectiveSplits();
            checkLimit();
            Map<String, List<SourceFile>> bySplit = discover(splits);
            List<SourceFile> sources = new ArrayList<>();
            Map<String, Integer> files = new LinkedHashMap<>();
            for (String s : splits) {
                sources.addAll(bySplit.getOrDefault(s, List.of()));
                files.put(s, bySplit.getOrDefault(s, List.of()).size());
            }
            List<Checked> checked = checkRecordings(sources);

            Map<String, Integer> formats = new TreeMap<>();
            Map<String, Integer> rates = new TreeMap<>();
            Map<String, Integer> references = new TreeMap<>();
            Map<String, Integer> durations = new LinkedHashMap<>();
            for (String b : List.of("<1 min", "1-10 min", "10-30 min", "30-60 min", ">=60 min")) {
                durations.put(b, 0);
            }
            Map<String, Map<String, Integer>> seizures = new LinkedHashMap<>();
            Map<String, CategoryCounts> windows = new LinkedHashMap<>();
            for (String s : splits) {
                seizures.put(s, new TreeMap<>());
                windows.put(s, CategoryCounts.ZERO);
            }
            Map<String, Integer> background = new TreeMap<>();
            long windowsBytes = 0;
            long continuousBytes = 0;
            int failing = 0;
            for (Checked c : checked) {
                findings.addAll(c.findings());
                if (c.format() != null) {
                    formats.merge(c.format(), 1, Integer::sum);
                    references.merge(c.reference(), 1, Integer::sum);
                    durations.merge(c.duration(), 1, Integer::sum);
                }
                if (c.rate() != null) {
                    rates.merge(c.rate(), 1, Integer::sum);
                }
                String split = c.source().split();
                c.seizures().forEach((t, n) -> seizures.get(split).merge(t, n, Integer::sum));
                c.background().forEach((t, n) -> background.merge(t, n, Integer::sum));
                windows.put(split, windows.get(split).plus(c.windows()));
                windowsBytes += c.windowsBytes();
                continuousBytes += c.continuousBytes();
                failing += c.fails() ? 1 : 0;
            }
            if (failing > 0) {
                LOG.info("{} of {} recordings would fail under the requested preprocessing", failing, sources.size());
            }
            checkSeizures(splits, bySplit, seizures, background, windows);
            Map<CacheLayout, Long> sizes = new EnumMap<>(CacheLayout.class);
            sizes.put(CacheLayout.WINDOWS, windowsBytes);
            sizes.put(CacheLayout.CONTINUOUS, continuousBytes);

            OptionalLong free = OptionalLong.empty();
            Optional<ExistingCache> existing = Optional.empty();
            if (request.cache().isPresent()) {
                PreflightLocation.State state = new PreflightLocation(request, tree, space, findings)
                        .check(request.cache().get(), splits, bySplit, sizes);
                free = state.free();
                existing = state.existing();
            }
            List<Finding> sorted = new ArrayList<>(findings);
            sorted.sort(java.util.Comparator.comparing(Finding::severity));
            return new PreflightReport(
                    request.dataDir(),
                    request.cache(),
                    config.hash(),
                    splits,
                    sorted,
                    files,
                    formats,
                    rates,
                    references,
                    durations,
                    seizures,
                    background,
                    windows,
                    sizes,
                    free,
                    existing,
                    Duration.ofNanos(System.nanoTime() - started));
        }

        private void add(Severity severity, Check check, String location, String message, String fix) {
            findings.add(new Finding(severity, check, location, message, fix));
        }

        /** A limit left in the environment turns the long build into a short one (or stops it). */
        private void checkLimit() {
            Env env = new Env(environment);
            try {
                OptionalInt limit = env.limit(OptionalInt.empty());
                if (limit.isPresent()) {
                    add(
                            Severity.WARNING,
                            Check.DATA_DIR,
                            env.limitSource(OptionalInt.empty()),
                            "a build started in this environment takes only the first " + limit.getAsInt()
                                    + " EDF files of each split (the counts and estimates here are for every file)",
                            "unset " + Env.LIMIT_FILES + " and " + Env.SMOKE_TEST + " for a full build");
                }
            } catch (IllegalArgumentException e) {
                add(
                        Severity.ERROR,
                        Check.DATA_DIR,
                        Env.LIMIT_FILES,
                        e.getMessage(),
                        "unset " + Env.LIMIT_FILES + ", or set it to a positive number of files");
            }
        }

        // ------------------------------------------------------------------ split layout

        /** The recordings by split, with every split-policy violation and missing split as a finding. */
        private Map<String, List<SourceFile>> discover(List<String> splits) throws IOException {
            SourceDiscovery.Found found;
            try {
                found = SourceDiscovery.find(tree, config.labels().format());
            } catch (NoSuchFileException e) {
                add(
                        Severity.ERROR,
                        Check.DATA_DIR,
                        tree.root(),
                        "the data directory does not exist or is not a folder",
                        "pass the folder that holds train/, dev/ and eval/ (for TUSZ v2, its edf/ folder)");
                return Map.of();
            } catch (IOException e) {
                if (tree instanceof SourceTree.Local) {
                    throw e;
                }
                add(
                        Severity.ERROR,
                        Check.DATA_DIR,
                        tree.root(),
                        "cannot list the data tree: " + e.getMessage(),
                        "check the location, the credentials, the endpoint (AWS_ENDPOINT_URL) and the network");
                return Map.of();
            }
            for (SourceDiscovery.Violation v : found.violations()) {
                add(Severity.ERROR, Check.SPLITS, v.file(), v.problem().strip(), v.fix());
            }
            for (String s : splits) {
                if (found.bySplit().get(s).isEmpty()) {
                    add(
                            Severity.ERROR,
                            Check.SPLITS,
                            tree.where(s),
                            "no EDF files under " + s + "/ of " + tree.root(),
                            s.equals("eval")
                                    ? "leave eval out of the splits, or put the evaluation recordings in " + s + "/"
                                    : "the build needs both train/ and dev/: check the data directory (TUSZ v2: its"
                                            + " edf/ folder), or move recordings of separate patients into " + s
                                            + "/");
                }
            }
            List<String> other = new ArrayList<>();
            for (String s : CacheKeys.SPLITS) {
                if (!splits.contains(s) && !found.bySplit().get(s).isEmpty()) {
                    other.add(s + " (" + found.bySplit().get(s).size() + " files)");
                }
            }
            if (!other.isEmpty()) {
                add(
                        Severity.INFO,
                        Check.SPLITS,
                        tree.root(),
                        "not checked, as the build would not cover them: " + String.join(", ", other),
                        "");
            }
            return found.bySplit();
        }

        // ------------------------------------------------------------------ recordings and labels

        private List<Checked> checkRecordings(List<SourceFile> sources) throws IOException {
            Checked[] out = new Checked[sources.size()];
            List<Integer> indices = new ArrayList<>(sources.size());
            for (int i = 0; i < sources.size(); i++) {
                indices.add(i);
            }
            Parallel.forEach(indices, request.workers(), "bgb-preflight", i -> out[i] = checkRecording(sources.get(i)));
            return List.of(out);
        }

        /**
         * Opens the header, reads the label file and plans the montage exactly as the builder's preprocessing does
         * (the same calls in the same order), so a recording that would fail fails here with the same reason.
         */
        private Checked checkRecording(SourceFile src) throws IOException {
            List<Finding> out = new ArrayList<>();
            String format = null;
            String rate = null;
            String reference = null;
            String duration = null;
            Optional<LabelFile> labels = Optional.empty();
            Preprocessor.Plan plan = null;
            try (EdfFile edf = tree.openHeader(src)) {
                format = edf.header().format().name();
                reference = reference(edf.dataSignals());
                duration = durationBucket(edf.header().recordedDuration());
                rate = headerRate(edf.dataSignals());
                SignalSource signals = SignalSource.of(edf);
                labels = tree.readLabels(preprocessor, src);
                plan = preprocessor.plan(signals);
                rate = rateText(plan.sourceRate());
            } catch (IOException | RuntimeException e) {
                BuildFailure.Kind kind = BuildFailure.Kind.of(e);
                out.add(new Finding(
                        Severity.ERROR,
                        kind == BuildFailure.Kind.BAD_LABELS ? Check.LABELS : Check.RECORDING,
                        src.relativePath(),
                        BuildRun.reason(src, e),
                        fixFor(kind)));
            }
            boolean fails = plan == null;
            Map<String, Integer> seizures = new TreeMap<>();
            Map<String, Integer> background = new TreeMap<>();
            if (labels.isEmpty() && config.labels().missing() != MissingLabels.FAIL && !tree.exists(src.labels())) {
                out.add(missingLabels(src));
            }
            CategoryCounts windows = CategoryCounts.ZERO;
            long windowsBytes = 0;
            long continuousBytes = 0;
            if (labels.isPresent()) {
                LabelFile lf = labels.get();
                countEvents(lf, seizures, background);
                labelWarnings(src, lf, out);
            }
            if (!fails) {
                int n = plan.outputSamples();
                double fs = config.targetRate();
                float[] mask = LabelMask.of(
                        labels.map(LabelFile::events).orElse(List.of()),
                        config.labels().seizureTypes(),
                        fs,
                        n,
                        config.labels().channel().orElse(null));
                windows = CategoryCounts.of(config.windows().categories(mask, fs));
                long w = config.windows().windowSamples(fs);
                int channels = config.montage().size();
                windowsBytes = windows.total() * (channels + 1) * w * Float.BYTES + FILE_OVERHEAD;
                continuousBytes = (long) n * channels * Float.BYTES + n + windows.total() * Long.BYTES + FILE_OVERHEAD;
            }
            return new Checked(
                    src,
                    format,
                    rate,
                    reference,
                    duration,
                    out,
                    seizures,
                    background,
                    windows,
                    windowsBytes,
                    continuousBytes,
                    fails);
        }

        /** Where the label file beside a recording is (it may not exist), as messages name it. */
        private String labelsOf(SourceFile src) {
            return tree.where(src.labels());
        }

        private Finding missingLabels(SourceFile src) throws IOException {
            List<String> others = new ArrayList<>();
            for (LabelFormat f : LabelFormat.values()) {
                String key = SourceTree.labelsKey(src.relativePath(), f);
                if (!key.equals(src.labels()) && tree.exists(key)) {
                    others.add(Keys.nameOf(key));
                }
            }
            String labelName = Keys.nameOf(src.labels());
            String fix = others.isEmpty()
                    ? "put the label file beside the EDF file (the preset reads " + labelName
                            + "), or remove the recording from the split"
                    : "the folder has " + String.join(", ", others) + " but the preset reads "
                            + config.labels().format().extension()
                            + " files: choose the label format the tree has (LabelOptions.format), or add "
                            + labelName;
            return new Finding(
                    Severity.ERROR,
                    Check.LABELS,
                    labelsOf(src),
                    "no label file beside " + src.relativePath() + "; the build would treat the whole recording as"
                            + " background (MissingLabels." + config.labels().missing() + ")",
                    fix);
        }

        /**
         * Seizure events by type: counted as seizure under the preset, or as background. A TUSZ {@code .csv} repeats
         * an event on every channel it involves, so an event is one distinct (type, start, stop) of the file.
         */
        private void countEvents(LabelFile lf, Map<String, Integer> seizures, Map<String, Integer> background) {
            Set<SeizureType> counted = config.labels().seizureTypes();
            String channel = config.labels().channel().orElse(null);
            Set<List<Object>> seen = new HashSet<>();
            for (LabelEvent e : lf.events()) {
                if (channel != null && !channel.equalsIgnoreCase(e.channel())) {
                    continue;
                }
                Optional<SeizureType> t = e.seizureType();
                if (t.isEmpty() || !seen.add(List.of(t.get(), e.start(), e.stop()))) {
                    continue;
                }
                (counted.contains(t.get()) ? seizures : background)
                        .merge(t.get().code(), 1, Integer::sum);
            }
        }

        private void labelWarnings(SourceFile src, LabelFile lf, List<Finding> out) {
            if (lf.warnings().isEmpty()) {
                return;
            }
            if (lf.events().isEmpty()) {
                out.add(new Finding(
                        Severity.ERROR,
                        Check.LABELS,
                        labelsOf(src),
                        "every row of the label file would be skipped ("
                                + lf.warnings().size()
                                + " malformed; first: " + lf.warnings().get(0) + "), so the recording would count"
                                + " as background",
                        "check that the file is in the format the preset reads ("
                                + config.labels().format().extension() + ": channel,start_time,stop_time,label,"
                                + "confidence rows after the # header) and fix its columns"));
            } else {
                out.add(new Finding(
                        Severity.WARNING,
                        Check.LABELS,
                        labelsOf(src),
                        lf.warnings().size() + " malformed row(s) would be skipped (first: "
                                + lf.warnings().get(0) + ")",
                        "fix the rows, or ignore this if they are meant to be left out"));
            }
        }

        /** A split without counted seizure events or seizure windows would train a detector on nothing. */
        private void checkSeizures(
                List<String> splits,
                Map<String, List<SourceFile>> bySplit,
                Map<String, Map<String, Integer>> seizures,
                Map<String, Integer> background,
                Map<String, CategoryCounts> windows) {
            if (!background.isEmpty()) {
                add(
                        Severity.INFO,
                        Check.SEIZURES,
                        tree.root(),
                        "seizure events of these types count as background under the requested preprocessing: "
                                + background,
                        "");
            }
            for (String s : splits) {
                if (bySplit.getOrDefault(s, List.of()).isEmpty()) {
                    continue; // reported as a missing split
                }
                int events = seizures.get(s).values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
                String where = tree.where(s);
                String counted = config.labels().seizureTypes().stream()
                        .map(SeizureType::code)
                        .sorted()
                        .toList()
                        .toString();
                if (events == 0) {
                    add(
                            Severity.ERROR,
                            Check.SEIZURES,
                            where,
                            s + " has no seizure event the preprocessing counts (types " + counted + ") in its "
                                    + config.labels().format().extension() + " label files"
                                    + (background.isEmpty()
                                            ? ""
                                            : "; these seizure types would count as background: "
                                                    + background.keySet()),
                            "check the label files and the label options (format, seizure types, channel): a cache"
                                    + " built like this has 0 % seizure windows");
                } else if (windows.get(s).seizure() == 0) {
                    add(
                            Severity.ERROR,
                            Check.SEIZURES,
                            where,
                            s + " has " + events + " seizure events, but none falls in a window the build would"
                                    + " write (recordings shorter than one window, or recordings that fail)",
                            "fix the recordings that fail, or check the label times against the recordings'"
                                    + " durations");
                }
            }
        }
    }

    private static String fixFor(BuildFailure.Kind kind) {
        return switch (kind) {
            case MISSING_CHANNELS ->
                "the build would skip this recording: re-export it with the montage's electrodes,"
                        + " choose a missing-channel policy that fills them (PreprocessingConfig.missingChannels), or move"
                        + " it out of the split folder";
            case CORRUPT_EDF ->
                "the build would skip this recording: copy the file again from its source (it may be"
                        + " truncated or damaged), or move it out of the split folder";
            case BAD_LABELS -> "fix the malformed row the message names, or read labels leniently (ParseMode.LENIENT)";
            case PREPROCESSING ->
                "the build would skip this recording: fix it as the message says, or move it out of"
                        + " the split folder";
            default -> "check the file's permissions and the disk it is on";
        };
    }

    /** The reference suffix of a recording's EEG signal labels. */
    private static String reference(List<EdfSignal> signals) {
        String found = null;
        for (EdfSignal s : signals) {
            String label = s.label().strip().toUpperCase(Locale.ROOT);
            if (!label.startsWith("EEG")) {
                continue;
            }
            String suffix = label.endsWith("-REF")
                    ? "-REF"
                    : label.endsWith("-LE") ? "-LE" : label.endsWith("-AR") ? "-AR" : "none";
            if (found == null) {
                found = suffix;
            } else if (!found.equals(suffix)) {
                return "mixed";
            }
        }
        return found == null ? "none" : found;
    }

    /** The sampling rate of the first EEG signal (else the first data signal), for a recording that fails. */
    private static String headerRate(List<EdfSignal> signals) {
        for (EdfSignal s : signals) {
            if (s.label().strip().toUpperCase(Locale.ROOT).startsWith("EEG")) {
                return rateText(s.samplingRate());
            }
        }
        return signals.isEmpty() ? null : rateText(signals.get(0).samplingRate());
    }

    private static String durationBucket(double seconds) {
        if (seconds < MINUTE) {
            return "<1 min";
        }
        if (seconds < 10 * MINUTE) {
            return "1-10 min";
        }
        if (seconds < 30 * MINUTE) {
            return "10-30 min";
        }
        return seconds < 60 * MINUTE ? "30-60 min" : ">=60 min";
    }

    private static String rateText(double hz) {
        return hz == Math.rint(hz) ? String.valueOf((long) hz) : String.valueOf(hz);
    }
}
