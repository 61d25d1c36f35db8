package io.github.braingobrr.cache;

import java.nio.file.Path;

/**
 * One recording found in the data directory.
 *
 * @param split its split folder
 * @param relativePath the EDF path relative to the data directory, {@code /}-separated
 * @param edf the EDF file
 * @param labels the label file the preprocessing reads beside it (it may not exist)
 * @param stem the file name without extension
 * @param patient the stem before the first {@code _}
 * @param size the EDF file's bytes when it was found
 */
record SourceFile(String split, String relativePath, Path edf, Path labels, String stem, String patient, long size) {}
