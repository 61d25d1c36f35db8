/**
 * Digital signal processing in double precision, numerically equivalent to the SciPy functions the
 * original Python recipe used: Butterworth design ({@link io.github.braingobrr.signal.Butterworth}) as
 * transfer functions ({@link io.github.braingobrr.signal.TransferFunction}) and second-order sections
 * ({@link io.github.braingobrr.signal.SosFilter}), causal and zero-phase filtering, the IIR notch
 * ({@link io.github.braingobrr.signal.Notch}), FFT and polyphase resampling
 * ({@link io.github.braingobrr.signal.Resample}), and the element-wise steps of normalisation
 * ({@link io.github.braingobrr.signal.Signals}).
 */
package io.github.braingobrr.signal;
