package io.github.braingobrr.mamba;

/** The kinds of device a {@link MambaBackend} runs on. */
public enum DeviceKind {
    /** The pure-Java, multi-threaded reference backend. */
    CPU,
    /** An NVIDIA GPU through JavaCPP's CUDA bindings (NVRTC kernels, cuBLAS). */
    CUDA
}
