/**
 * EDF, EDF+ (continuous and discontinuous) and BDF/BDF+ files: lazy positional reading with {@link
 * io.github.braingobrr.edf.EdfFile}, writing with {@link io.github.braingobrr.edf.EdfWriter}.
 *
 * <p>Labels are exposed exactly as written (trailing padding removed), next to a normalized name in the TUSZ
 * convention ({@link io.github.braingobrr.edf.EdfSignal#normalizedName()}, the rule of {@link
 * io.github.braingobrr.montage.ChannelNames}); {@link io.github.braingobrr.edf.EdfFile#signal(String)} takes
 * either.
 */
package io.github.braingobrr.edf;
