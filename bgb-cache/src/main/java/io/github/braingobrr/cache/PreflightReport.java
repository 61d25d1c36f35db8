package io.github.braingobrr.cache;

import io.github.braingobrr.storage.Location;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@link Preflight} found, immutable: every problem with the fix to apply, and what the build would see and
 * produce (recordings by format, rate, reference and duration; seizure events per split; window and size estimates;
 * free space; the state of an existing cache). {@link #ready()} says whether the build can start.
 *
 * @param dataDir the data tree checked (a local folder or {@code s3://bucket/prefix})
 * @param cache the cache location checked, if one was given
 * @param configHash the hash of the requested preprocessing (as a cache records it)
 * @param splits the splits the build would cover
 * @param findings the problems, warnings and notes, errors first, each with its location and fix
 * @param recordings EDF files checked, per split the build covers
 * @param formats recordings by format ({@code EDF}, {@code EDF_PLUS_C}, ...; unreadable headers left out)
 * @param samplingRates recordings by the montage signals' sampling rate, in hertz as text ({@code 256}, {@code 250})
 * @param references recordings by the reference suffix of their EEG labels: {@code -REF}, {@code -LE}, {@code -AR},
 *     {@code mixed} or {@code none}
 * @param durations recordings by duration: {@code <1 min}, {@code 1-10 min}, {@code 10-30 min}, {@code 30-60 min},
 *     {@code >=60 min}
 * @param seizureEvents per split, the seizure events the preprocessing counts (one per distinct type, start and
 *     stop of a label file, however many channels repeat it), by seizure type code
 * @param backgroundTypes seizure events the preprocessing counts as background (for example {@code cnsz}
 *     under the seed preset), by type code, over the splits checked
 * @param windows per split, the windows by category the build would write (from the headers and labels; recordings
 *     that will fail left out)
 * @param estimatedBytes the cache size per layout: member data plus a per-file allowance for headers and metadata;
 *     with DEFLATED compression an upper bound
 * @param freeBytes usable bytes at a local cache location (its nearest existing folder); empty for {@code s3://}
 * @param existingCache the cache already at the location, when there is one
 * @param elapsed how long the preflight took
 */
public record PreflightReport(
        Location dataDir,
        Optional<Location> cache,
        String configHash,
        List<String> splits,
        List<Finding> findings,
        Map<String, Integer> recordings,
        Map<String, Integer> formats,
        Map<String, Integer> samplingRates,
        Map<String, Integer> references,
        Map<String, Integer> durations,
        Map<String, Map<String, Integer>> seizureEvents,
        Map<String, Integer> backgroundTypes,
        Map<String, CategoryCounts> windows,
        Map<CacheLayout, Long> estimatedBytes,
        OptionalLong freeBytes,
        Optional<ExistingCache> existingCache,
        Duration elapsed) {

    /** How much a finding matters. */
    public enum Severity {
        /** The build would fail, refuse to start, or produce a useless cache: fix it first. */
        ERROR,
        /** The build would run, but something is probably not what was meant. */
        WARNING,
        /** A note. */
        INFO
    }

    /** What part of the build a finding concerns. */
    public enum Check {
        /** The data directory itself. */
        DATA_DIR,
        /** Split folders and patients ({@code train}/{@code dev} present, no {@code val}, patients disjoint). */
        SPLITS,
        /** One EDF recording (its header, its channels under the preset). */
        RECORDING,
        /** One label file (present, parseable). */
        LABELS,
        /** Seizure events and windows of a split (the 0 %-seizures trap). */
        SEIZURES,
        /** Free space at the cache location. */
        SPACE,
        /** The cache already at the location (metadata, configuration hash, files done). */
        EXISTING_CACHE,
        /** The storage behind an {@code s3://} location (credentials, bucket, write access, region). */
        STORAGE
    }

    /**
     * One thing the preflight found.
     *
     * @param severity how much it matters
     * @param check what it concerns
     * @param location the file, folder or location concerned (an EDF path relative to the data directory, a label
     *     file, a split folder, a cache location; in a remote tree, its {@code s3://} location)
     * @param message what is wrong; for a recording that would fail, the reason the builder would record
     * @param fix what to do about it (empty for notes)
     */
    public record Finding(Severity severity, Check check, String location, String message, String fix) {
        /** Validates the fields. */
        public Finding {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(fix, "fix");
        }

        @Override
        public String toString() {
            return severity + " " + location + ": " + message + (fix.isEmpty() ? "" : " Fix: " + fix);
        }
    }

    /** What the build would do with the cache already at the location. */
    public enum Verdict {
        /** Every recording's cache file is current: nothing would be rebuilt. */
        REUSE,
        /** Some recordings are done; the build would do the rest. */
        RESUME,
        /** The location holds metadata but no cache file: the build starts from scratch there. */
        START,
        /** The cache was made differently; the build would refuse to touch it. */
        REFUSE
    }

    /**
     * The cache already at the location.
     *
     * @param verdict what the build would do
     * @param reason why (for {@link Verdict#REFUSE}, the builder's refusal)
     * @param configHash the preprocessing hash the cache records, if any
     * @param layout the layout the cache records, if any
     * @param bgbVersion the bgb version that last wrote its metadata, if recorded
     * @param cacheFiles cache files present in its split folders
     * @param filesDone recordings of the requested splits whose cache file is current (same source fingerprint and
     *     configuration, as the manifest records them)
     * @param filesToCheck recordings with a cache file the manifest does not describe (the build reads the file to
     *     decide)
     * @param filesTotal recordings in the requested splits
     */
    public record ExistingCache(
            Verdict verdict,
            String reason,
            Optional<String> configHash,
            Optional<CacheLayout> layout,
            Optional<String> bgbVersion,
            int cacheFiles,
            int filesDone,
            int filesToCheck,
            int filesTotal) {}

    /** Copies the collections, keeping their order. */
    public PreflightReport {
        splits = List.copyOf(splits);
        findings = List.copyOf(findings);
        recordings = ordered(recordings);
        formats = ordered(formats);
        samplingRates = ordered(samplingRates);
        references = ordered(references);
        durations = ordered(durations);
        Map<String, Map<String, Integer>> events = new LinkedHashMap<>();
        seizureEvents.forEach((k, v) -> events.put(k, ordered(v)));
        seizureEvents = Collections.unmodifiableMap(events);
        backgroundTypes = ordered(backgroundTypes);
        windows = ordered(windows);
        estimatedBytes = ordered(estimatedBytes);
        Objects.requireNonNull(freeBytes, "freeBytes");
        Objects.requireNonNull(existingCache, "existingCache");
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** EDF files checked, over all splits. */
    public int totalRecordings() {
        return recordings.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether the build can start: no {@link Severity#ERROR} finding. */
    public boolean ready() {
        return problems().isEmpty();
    }

    /** The {@link Severity#ERROR} findings. */
    public List<Finding> problems() {
        return findings(Severity.ERROR);
    }

    /** The findings of one severity, in report order. */
    public List<Finding> findings(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    /** The findings about one location (a relative EDF path, a label file, a folder), in report order. */
    public List<Finding> findingsAbout(String location) {
        return findings.stream().filter(f -> f.location().equals(location)).toList();
    }
}
