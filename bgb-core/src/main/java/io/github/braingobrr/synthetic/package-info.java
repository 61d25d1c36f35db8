/**
 * A deterministic generator of a TUSZ-v2-like EEG corpus: patient-disjoint {@code train/dev/eval} splits,
 * TUH-style EDF headers and channel labels, 1/f background with a posterior alpha rhythm, planted
 * spike-wave seizures and the matching per-channel {@code .csv} and {@code .csv_bi} label files.
 *
 * <p>Entry point: {@link io.github.braingobrr.synthetic.SyntheticCorpus#builder()}. Planning
 * ({@link io.github.braingobrr.synthetic.SyntheticRecordingSpec}) is pure and cheap; signals are generated
 * on demand by {@link io.github.braingobrr.synthetic.SyntheticRecording}, any sample range of any signal
 * at a time, so a long recording is never held in memory; {@code writeTo(root)} writes the EDF files through
 * {@link io.github.braingobrr.edf.EdfWriter} (streaming the samples) and the label files through
 * {@link io.github.braingobrr.labels.LabelWriter}.
 */
package io.github.braingobrr.synthetic;
