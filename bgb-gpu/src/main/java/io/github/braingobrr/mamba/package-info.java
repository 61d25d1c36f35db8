/**
 * Mamba state-space layers with mamba-ssm 2.2.2-compatible weights: {@link
 * io.github.braingobrr.mamba.Mamba1}, {@link io.github.braingobrr.mamba.Mamba2}, the original seizure
 * model's {@link io.github.braingobrr.mamba.BiMamba2Layer} and {@link io.github.braingobrr.mamba.MambaStack},
 * run by a {@link io.github.braingobrr.mamba.MambaBackend} that {@link io.github.braingobrr.mamba.Device}
 * chooses at run time: CUDA when it is available, else the pure-Java CPU reference, with the reason stated.
 *
 * <pre>{@code
 * MambaWeights w = MambaWeights.read(Path.of("model.safetensors"), "node_mamba."); // or an .npz
 * MambaStack stack = MambaStack.biMamba2(Mamba2Config.nodeStream(), 6, w);
 * try (MambaBackend backend = Device.auto()) {
 *     Tensor y = stack.forward(x, backend);                    // x: (B, L, 64) float32
 *     System.out.println(backend.selection());                 // e.g. CPU: CUDA unavailable: ...
 * }
 * }</pre>
 *
 * <p>Unidirectional modules ({@code Mamba1}, {@code Mamba2} and stacks of them) can also run a long
 * sequence chunk by chunk, carrying a {@link io.github.braingobrr.mamba.MambaState}:
 *
 * <pre>{@code
 * MambaState state = MambaState.initial(layer, batch);
 * for (Tensor chunk : chunks) {                                // each (batch, L_i, d_model)
 *     Tensor y = backend.forward(layer, chunk, state);         // as if the chunks were one sequence
 * }
 * }</pre>
 */
package io.github.braingobrr.mamba;
