/**
 * The preprocessing pipeline: a recording's signals ({@link io.github.braingobrr.preprocess.SignalSource}) and its
 * labels become a {@link io.github.braingobrr.preprocess.Recording} — float32 channels at the target rate, the
 * per-sample seizure mask, events and provenance — through a
 * {@link io.github.braingobrr.preprocess.Preprocessor} configured by an immutable
 * {@link io.github.braingobrr.preprocess.PreprocessingConfig} (presets {@code seed()} and {@code zeroPhase()},
 * canonical JSON and a content hash). {@link io.github.braingobrr.preprocess.Windower} cuts a recording into
 * fixed-length {@link io.github.braingobrr.preprocess.Window}s (views, not copies) with a
 * {@link io.github.braingobrr.preprocess.WindowCategory}.
 */
package io.github.braingobrr.preprocess;
