/**
 * EDF, EDF+ (continuous and discontinuous) and BDF/BDF+ files: lazy positional reading with {@link
 * io.github.braingobrr.edf.EdfFile}, writing with {@link io.github.braingobrr.edf.EdfWriter}.
 *
 * <p>Labels are exposed exactly as written (trailing padding removed); channel-name normalization lives in
 * the montage package.
 */
package io.github.braingobrr.edf;
