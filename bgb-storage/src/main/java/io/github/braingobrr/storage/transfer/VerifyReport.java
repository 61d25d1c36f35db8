package io.github.braingobrr.storage.transfer;

import io.github.braingobrr.storage.Location;
import java.util.List;

/**
 * The differences between a tier and what it should hold.
 *
 * @param target the tier that was checked
 * @param checked files present on both sides that were compared
 * @param missing keys expected but absent from the target
 * @param extra keys in the target that were not expected
 * @param sizeMismatches files whose length differs
 * @param checksumMismatches files whose CRC32C differs
 * @param unverifiable keys whose checksum could not be compared (no CRC32C recorded on one side), sizes matched
 * @param failures files that could not be checked at all
 */
public record VerifyReport(
        Location target,
        int checked,
        List<String> missing,
        List<String> extra,
        List<Mismatch> sizeMismatches,
        List<Mismatch> checksumMismatches,
        List<String> unverifiable,
        List<FileFailure> failures) {
    /**
     * A difference in one file.
     *
     * @param key the blob key
     * @param expected what should be there
     * @param actual what is there
     */
    public record Mismatch(String key, String expected, String actual) {}

    /** Copies the lists. */
    public VerifyReport {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        sizeMismatches = List.copyOf(sizeMismatches);
        checksumMismatches = List.copyOf(checksumMismatches);
        unverifiable = List.copyOf(unverifiable);
        failures = List.copyOf(failures);
    }

    /** Whether the target holds exactly what was expected (unverifiable files do not count against it). */
    public boolean ok() {
        return missing.isEmpty()
                && extra.isEmpty()
                && sizeMismatches.isEmpty()
                && checksumMismatches.isEmpty()
                && failures.isEmpty();
    }

    /** One line: counts of each kind of difference. */
    public String summary() {
        return target + ": " + checked + " checked, " + missing.size() + " missing, " + extra.size() + " extra, "
                + sizeMismatches.size() + " size mismatches, " + checksumMismatches.size() + " checksum mismatches, "
                + unverifiable.size() + " without checksums, " + failures.size() + " unreadable";
    }
}
