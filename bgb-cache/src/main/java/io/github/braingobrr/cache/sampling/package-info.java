/**
 * Balanced sampling of a cache split for training: {@link io.github.braingobrr.cache.sampling.BalancedSampler} draws
 * the SeizureTransformer recipe the Python system uses (every partial-seizure window, 0.3× as many full-seizure and
 * 2.5× as many background windows, without replacement, shuffled) with NumPy's random stream, so a seed selects the
 * same windows in the same order as the Python system; the result is a
 * {@link io.github.braingobrr.cache.sampling.BalancedSample}.
 */
package io.github.braingobrr.cache.sampling;
