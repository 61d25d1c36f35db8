package io.github.braingobrr.mamba.cuda;

/**
 * The remembered outcome of the one-time CUDA probe: whether the JavaCPP CUDA libraries loaded and a
 * device answered, and a one-line detail (the device, or why not, e.g. {@code the CUDA native libraries
 * did not load (UnsatisfiedLinkError: no jnicudart in java.library.path ...)}).
 *
 * @param available whether the CUDA backend can be opened
 * @param detail the device description or the reason it is unavailable
 */
public record CudaStatus(boolean available, String detail) {}
