package io.github.braingobrr.mamba;

/**
 * Where a stateful forward pass keeps the state of its layers: {@code buffer} holds {@link MambaState#data}
 * (the array itself on the CPU, a device copy on CUDA), {@code layer} is the layer being run and {@code seq}
 * the first sequence of the batch being run.
 */
record Carry<A>(A buffer, MambaState state, int layer, int seq) {

    /** The same pass at layer {@code i} of a stack. */
    Carry<A> layer(int i) {
        return new Carry<>(buffer, state, i, seq);
    }

    /** The offset of this layer's convolution history of sequence {@link #seq} in {@link #buffer}. */
    int convOffset() {
        return state.convOffset(layer, seq);
    }

    /** The offset of this layer's SSM state of sequence {@link #seq} in {@link #buffer}. */
    int ssmOffset() {
        return state.ssmOffset(layer, seq);
    }
}
