/** Mamba state-space layers with a CPU reference backend and a CUDA backend. */
package io.github.braingobrr.mamba;
