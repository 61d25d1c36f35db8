package io.github.braingobrr.mamba;

/**
 * A loaded, immutable Mamba module ({@link Mamba1}, {@link Mamba2}, {@link BiMamba2Layer} or
 * {@link MambaStack}) that maps a float32 batch {@code (B, L, d_model)} to a batch of the same shape.
 * Modules hold weights only; a {@link MambaBackend} runs them. Safe to share between threads.
 */
public abstract sealed class MambaModule permits Mamba1, Mamba2, BiMamba2Layer, MambaStack {

    MambaModule() {}

    /** The input and output width. */
    public abstract int dModel();

    /**
     * An estimate of the floating-point operations per position (two per multiply-add of the projections,
     * convolutions and scans; element-wise activations and norms not counted), for throughput figures.
     */
    public abstract long flopsPerPosition();

    /** Runs this module on {@code backend}: shorthand for {@code backend.forward(this, x)}. */
    public final Tensor forward(Tensor x, MambaBackend backend) {
        return backend.forward(this, x);
    }

    /** Runs the next chunk on {@code backend}: shorthand for {@code backend.forward(this, x, state)}. */
    public final Tensor forward(Tensor x, MambaState state, MambaBackend backend) {
        return backend.forward(this, x, state);
    }

    /**
     * Checks that {@code x} is a {@code (B, L, d_model)} batch for this module.
     *
     * @throws IllegalArgumentException naming the expected and actual shapes
     */
    public final void checkInput(Tensor x) {
        if (x == null) {
            throw new IllegalArgumentException("input is null; expected a (B, L, " + dModel() + ") tensor");
        }
        if (x.rank() != 3 || x.dim(2) != dModel()) {
            throw new IllegalArgumentException("input has shape " + x.shapeString() + ", expected (B, L, " + dModel()
                    + ") (batch, length, d_model), batch-first");
        }
    }

    /**
     * Checks that {@code x} is a {@code (B, L, d_model)} batch for this module and {@code state} a state of
     * this module for {@code B} sequences.
     *
     * @throws IllegalArgumentException naming what does not match
     */
    public final void checkInput(Tensor x, MambaState state) {
        checkInput(x);
        if (state == null) {
            throw new IllegalArgumentException("state is null; create one with MambaState.initial(module, batch)");
        }
        if (state.module() != this) {
            throw new IllegalArgumentException("the state belongs to " + state.module() + ", not to " + this);
        }
        if (state.batch() != x.dim(0)) {
            throw new IllegalArgumentException("input has shape " + x.shapeString() + " but the state is for a batch"
                    + " of " + state.batch() + " sequences");
        }
    }

    /**
     * Writes this module's output for {@code nb} sequences of length {@code len} (see {@link MambaKernels}),
     * carrying the state in {@code carry} (unidirectional modules only), or from zeros when it is {@code null}.
     */
    abstract <A> void run(
            MambaKernels<A> k, A x, int xOff, A y, int yOff, int yStride, int nb, int len, Carry<A> carry);

    static long rows(int nb, int len) {
        return (long) nb * len;
    }
}
