/**
 * Channel names and montages: normalising EDF signal labels to 10-20 electrode names
 * ({@link io.github.braingobrr.montage.ChannelNames}), the seed's 19-channel referential montage and the
 * 22-channel TCP bipolar montage ({@link io.github.braingobrr.montage.Montage}), and what to do with missing
 * electrodes ({@link io.github.braingobrr.montage.MissingChannelPolicy}: reject, zero-fill, or spherical-spline
 * interpolation from standard 10-20 positions as MNE-Python's {@code interpolate_bads} does), resolved per
 * recording into a {@link io.github.braingobrr.montage.MontagePlan}.
 */
package io.github.braingobrr.montage;
