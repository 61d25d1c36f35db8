package io.github.braingobrr.cache;

import java.time.Instant;

/**
 * One recording found in the data tree.
 *
 * @param split its split folder
 * @param relativePath the EDF file's key: its path relative to the data tree's root, {@code /}-separated
 * @param labels the key of the label file the preprocessing reads beside it (it may not exist)
 * @param stem the file name without extension
 * @param patient the stem before the first {@code _}
 * @param size the EDF file's bytes when it was found
 * @param modified the EDF file's modification time when it was found
 */
record SourceFile(
        String split, String relativePath, String labels, String stem, String patient, long size, Instant modified) {}
