package io.github.braingobrr.mamba;

/**
 * The service-provider interface a backend implements: the primitive operations every layer's forward
 * pass is written in, over buffers of type {@code A} (a host {@code float[]} on the CPU, a device
 * allocation on CUDA). Users call {@link MambaBackend#forward}; backends call {@link #forward} here.
 *
 * <p>All buffers are row-major float32. A "row" is one position of one sequence; rows of a batch of
 * {@code nb} sequences of length {@code len} are laid out sequence after sequence ({@code rows = nb *
 * len}). A view of a buffer is given as an element offset and a row stride; operations read and write only
 * the elements their view describes. Weight tensors are never modified and can be cached by identity.
 *
 * @param <A> the buffer type
 */
public interface MambaKernels<A> {

    /** Named workspace buffers the forward passes use; a backend keeps and reuses one per slot. */
    enum Slot {
        /** Backend staging of the module input. */
        INPUT,
        /** Backend staging of the module output. */
        OUTPUT,
        /** Mamba1 {@code in_proj} output {@code [x, z]}. */
        M1_XZ,
        /** Mamba1 convolved, activated {@code x}. */
        M1_U,
        /** Mamba1 {@code x_proj} output {@code [dt, B, C]}. */
        M1_XDBL,
        /** Mamba1 {@code dt_proj} output before bias and softplus. */
        M1_DELTA,
        /** Mamba1 gated scan output. */
        M1_Y,
        /** Mamba2 {@code in_proj} output {@code [z, xBC, dt]}. */
        M2_ZXBCDT,
        /** Mamba2 convolved, activated {@code xBC}. */
        M2_XBC,
        /** Mamba2 scan and norm output. */
        M2_Y,
        /** BiMamba2 sanitised, clamped input (also the residual). */
        BI_INPUT,
        /** BiMamba2 {@code [forward, backward]} concatenation. */
        BI_CAT,
        /** BiMamba2 time-reversed input. */
        BI_FLIPPED,
        /** BiMamba2 backward-direction output (still reversed). */
        BI_BACKWARD,
        /** BiMamba2 {@code output_proj} result. */
        BI_PROJECTED,
        /** Stack ping buffer. */
        STACK_PING,
        /** Stack pong buffer. */
        STACK_PONG,
        /** Backend staging of a {@link MambaState}. */
        STATE
    }

    /**
     * Runs {@code module} over {@code nb} sequences of length {@code len} read densely from {@code x} at
     * {@code xOff} and written densely to {@code y} at {@code yOff}.
     */
    static <A> void forward(MambaKernels<A> k, MambaModule module, A x, int xOff, A y, int yOff, int nb, int len) {
        module.run(k, x, xOff, y, yOff, module.dModel(), nb, len, null);
    }

    /**
     * As {@link #forward(MambaKernels, MambaModule, Object, int, Object, int, int, int)}, for sequences
     * {@code firstSeq} to {@code firstSeq + nb - 1} of {@code state}, whose {@link #stateData} the backend
     * holds in {@code stateBuffer} (the array itself, or a device copy laid out the same way): the layers
     * start from it and leave the state after these positions in it.
     */
    static <A> void forward(
            MambaKernels<A> k,
            MambaModule module,
            A x,
            int xOff,
            A y,
            int yOff,
            int nb,
            int len,
            MambaState state,
            A stateBuffer,
            int firstSeq) {
        module.run(k, x, xOff, y, yOff, module.dModel(), nb, len, new Carry<>(stateBuffer, state, 0, firstSeq));
    }

    /** The flat array of a {@link MambaState}, for a backend to read and write (or copy to its device). */
    static float[] stateData(MambaState state) {
        return state.data;
    }

    /** A workspace buffer of at least {@code floats} elements, reused across calls; contents undefined. */
    A scratch(Slot slot, long floats);

    /**
     * {@code y[r, :] = x[r, :in] · wᵀ + bias} for {@code rows} rows, where {@code w} is {@code (out, in)}
     * and {@code bias} is {@code (out,)} or {@code null}.
     */
    void linear(A x, int xOff, int xStride, int rows, int in, Tensor w, Tensor bias, A y, int yOff, int yStride);

    /**
     * Causal depthwise convolution followed by SiLU: {@code y[t, c] = silu(bias[c] + Σ_j w[c, 0, j] ·
     * x[t - k + 1 + j, c])}; {@code w} is {@code (C, 1, k)}, {@code bias} {@code (C,)} or {@code null};
     * {@code y} is dense {@code (rows, C)} from offset 0. Before each sequence start, {@code x} reads as
     * zeros when {@code hist} is {@code null}, else as the dense {@code (nb, k - 1, C)} rows of {@code hist}
     * at {@code histOff} (the inputs that preceded each sequence, oldest first), which are then replaced by
     * each sequence's last {@code k - 1} inputs (older history kept when {@code len < k - 1}).
     */
    void causalConvSilu(A x, int xOff, int xStride, int nb, int len, Tensor w, Tensor bias, A y, A hist, int histOff);

    /**
     * The Mamba2 SSD recurrence per head {@code h} with scalar {@code A_h = -exp(A_log[h])}:
     * {@code dt = softplus(dt_raw + dt_bias)}, {@code s = exp(dt A_h) s + dt x ⊗ B}, {@code y = s C + D x}.
     * {@code zxbcdt} is the dense {@code (rows, d_in_proj)} in_proj output (raw {@code dt} at
     * {@code 2 d_inner + 2 d_state}), {@code xbc} the dense {@code (rows, conv_dim)} activated conv output,
     * {@code y} dense {@code (rows, d_inner)}. Each sequence starts from a zero state when {@code state} is
     * {@code null}, else from its dense {@code (d_state, d_inner)} block of {@code state} at {@code stateOff}
     * (sequence after sequence), which then receives the state after the last position.
     */
    void ssdScan(Mamba2 layer, A zxbcdt, A xbc, A y, int nb, int len, A state, int stateOff);

    /**
     * The Mamba1 selective scan with its gate: {@code delta = softplus(delta_raw + dt_proj.bias)},
     * {@code s = exp(delta A) s + delta B u}, {@code y = (s C + D u) · silu(z)}, with {@code A = -exp(A_log)}
     * of shape {@code (d_inner, N)}. Dense inputs: {@code u} and {@code delta} {@code (rows, d_inner)},
     * {@code xdbl} {@code (rows, dt_rank + 2N)} holding {@code [dt, B, C]}, {@code xz} {@code (rows, 2
     * d_inner)} holding {@code [x, z]}; output {@code y} dense {@code (rows, d_inner)}. The state is
     * started and returned as for {@link #ssdScan}: {@code (d_state, d_inner)} per sequence, or zeros.
     */
    void selectiveScan(Mamba1 layer, A u, A delta, A xdbl, A xz, A y, int nb, int len, A state, int stateOff);

    /**
     * Gated RMSNorm in place over dense {@code (rows, width)} {@code y}: {@code g = y · silu(z)},
     * {@code y = g / sqrt(mean(g²) + eps) · w}.
     */
    void gatedRmsNorm(A y, A z, int zOff, int zStride, int rows, int width, Tensor w, float eps);

    /** Reverses each sequence in time: {@code dst[s, len-1-t, c] = src[s, t, c]} for {@code c < width}. */
    void flip(A src, int srcOff, int srcStride, A dst, int dstOff, int dstStride, int nb, int len, int width);

    /** {@code dst[i] = clamp(finite(src[i]) ? src[i] : 0, ±limit)} for {@code n} dense elements. */
    void sanitizeClamp(A src, int srcOff, A dst, int dstOff, int n, float limit);

    /** {@code buf = clamp(buf, ±limit)} in place over a strided {@code (rows, width)} view. */
    void clamp(A buf, int off, int stride, int rows, int width, float limit);

    /**
     * {@code y = clamp(LayerNorm(r + clamp(p, ±pLimit)) · w + b, ±yLimit)} per row, with {@code p} and
     * {@code r} dense {@code (rows, width)} from offset 0 and the biased variance of {@code torch.nn.LayerNorm};
     * {@code p} is workspace and may be overwritten.
     */
    void residualLayerNorm(
            A p,
            A r,
            int rows,
            int width,
            Tensor w,
            Tensor b,
            float eps,
            float pLimit,
            float yLimit,
            A y,
            int yOff,
            int yStride);
}
