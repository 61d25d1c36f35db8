/**
 * The preprocessing pipeline: a recording's signals ({@link io.github.braingobrr.preprocess.SignalSource}: an EDF
 * file through {@code SignalSource.of(EdfFile)}, or an in-memory {@link io.github.braingobrr.preprocess.RawRecording})
 * and its labels become a {@link io.github.braingobrr.preprocess.Recording} — float32 channels at the target rate, the
 * per-sample seizure mask, events and provenance — through a
 * {@link io.github.braingobrr.preprocess.Preprocessor} configured by an immutable
 * {@link io.github.braingobrr.preprocess.PreprocessingConfig} (presets {@code seed()} and {@code zeroPhase()},
 * canonical JSON and a content hash). {@link io.github.braingobrr.preprocess.Windower} cuts a recording into
 * fixed-length {@link io.github.braingobrr.preprocess.Window}s (views, not copies) with a
 * {@link io.github.braingobrr.preprocess.WindowCategory}.
 *
 * <pre>{@code
 * Recording rec = new Preprocessor(PreprocessingConfig.seed()).process(Path.of("aaaaaaab_s001_t000.edf"));
 * for (Window w : rec.windows(Windower.seed())) { ... }   // labels from aaaaaaab_s001_t000.csv beside it
 * }</pre>
 */
package io.github.braingobrr.preprocess;
