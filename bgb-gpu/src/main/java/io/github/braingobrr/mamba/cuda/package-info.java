/**
 * The CUDA backend: JavaCPP driver API, NVRTC-compiled kernels and cuBLAS. Probed once per JVM; on a
 * machine without CUDA the probe's {@link java.lang.LinkageError} is caught and reported as the reason.
 */
package io.github.braingobrr.mamba.cuda;
