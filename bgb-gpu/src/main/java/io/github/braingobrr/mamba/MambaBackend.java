package io.github.braingobrr.mamba;

/**
 * Where Mamba modules run: the pure-Java CPU backend or the CUDA backend. Obtain one from {@link Device}
 * and close it when done (a CUDA backend holds device memory and compiled kernels). Calls from several
 * threads are serialised.
 */
public interface MambaBackend extends AutoCloseable {

    /** What this backend runs on, and why it was chosen. */
    DeviceSelection selection();

    /** A human-readable description: device, threads, library versions, kernel build log. */
    String info();

    /**
     * Runs {@code module} over the batch {@code x} of shape {@code (B, L, d_model)} and returns a new tensor
     * of the same shape.
     *
     * @throws IllegalArgumentException if {@code x} does not have that shape
     * @throws IllegalStateException if the backend is closed
     * @throws DeviceException if the device fails during the call
     */
    Tensor forward(MambaModule module, Tensor x);

    /**
     * Runs a unidirectional {@code module} over the next chunk {@code x} {@code (B, L, d_model)} of
     * {@code B} sequences: it starts from {@code state} and leaves in it the state after the chunk, so that
     * consecutive chunks give the same output as one call over their concatenation.
     *
     * @throws IllegalArgumentException if {@code x} does not have that shape, or {@code state} belongs to
     *     another module or batch size
     * @throws IllegalStateException if the backend is closed
     * @throws DeviceException if the device fails during the call (the state is then undefined)
     */
    Tensor forward(MambaModule module, Tensor x, MambaState state);

    /** Releases threads, device memory and kernels; idempotent. */
    @Override
    void close();
}
