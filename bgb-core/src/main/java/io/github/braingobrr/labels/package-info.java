/**
 * TUSZ annotation files: readers for the v2 per-channel {@code .csv}, the term-based {@code .csv_bi} and the
 * older {@code .tse}/{@code .tse_bi} ({@link io.github.braingobrr.labels.LabelReader}), writers for the same
 * formats ({@link io.github.braingobrr.labels.LabelWriter}), the seizure-type taxonomy
 * ({@link io.github.braingobrr.labels.SeizureType}) and per-sample seizure masks
 * ({@link io.github.braingobrr.labels.LabelMask}).
 */
package io.github.braingobrr.labels;
