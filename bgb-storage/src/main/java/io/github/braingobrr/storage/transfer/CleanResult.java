package io.github.braingobrr.storage.transfer;

import io.github.braingobrr.storage.Location;
import java.util.List;

/**
 * What {@link Transfers#clean} found and did.
 *
 * @param root the store
 * @param prefix the prefix cleaned
 * @param dryRun whether nothing was deleted on purpose
 * @param keys the blobs found under the prefix
 * @param bytes their total size
 * @param deleted how many were deleted (0 for a dry run)
 */
public record CleanResult(Location root, String prefix, boolean dryRun, List<String> keys, long bytes, int deleted) {
    /** Copies the list. */
    public CleanResult {
        keys = List.copyOf(keys);
    }
}
