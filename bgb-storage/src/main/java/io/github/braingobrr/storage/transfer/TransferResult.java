package io.github.braingobrr.storage.transfer;

import io.github.braingobrr.storage.Location;
import java.time.Duration;
import java.util.List;

/**
 * What a sync or populate did. It never stops at the first bad file: every failure is listed, and a rerun
 * picks up exactly the files that are not yet done.
 *
 * @param operation {@code sync} or {@code populate}
 * @param source where files came from
 * @param target where they went
 * @param filesTotal files selected (after include/exclude)
 * @param transferred files copied in this run
 * @param skipped files already current at the target (same size and CRC32C, or a verified copy)
 * @param bytesTransferred bytes copied in this run
 * @param elapsed wall time
 * @param failures files that failed, with the reason
 * @param notes things the user should know that are not failures (for example, files checked by size only
 *     because the source recorded no checksum)
 */
public record TransferResult(
        String operation,
        Location source,
        Location target,
        int filesTotal,
        int transferred,
        int skipped,
        long bytesTransferred,
        Duration elapsed,
        List<FileFailure> failures,
        List<String> notes) {
    /** Copies the lists. */
    public TransferResult {
        failures = List.copyOf(failures);
        notes = List.copyOf(notes);
    }

    /** Whether every selected file is now current at the target. */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** Average rate over the run, in bytes per second. */
    public double bytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : bytesTransferred / s;
    }
}
