package io.github.braingobrr.mamba;

import java.util.Arrays;
import java.util.List;

/**
 * The state a unidirectional module (a {@link Mamba1} or {@link Mamba2} layer, or a {@link MambaStack} of
 * them) carries from one chunk of a batch of sequences to the next, so that a long sequence can be
 * evaluated chunk by chunk: {@link MambaBackend#forward(MambaModule, Tensor, MambaState)} over consecutive
 * chunks gives the output of one call over the whole sequences. Per layer and sequence it holds the last
 * {@code d_conv - 1} inputs of the causal convolution and the SSM state ({@code d_state × d_inner}).
 *
 * <p>A {@link BiMamba2Layer} cannot carry state: its backward direction reads each sequence from the end, so
 * its output at any position depends on every later input. Evaluate it (and stacks holding it) over whole
 * sequences.
 *
 * <p>A state belongs to one module and batch size and is updated in place by each call; it is not
 * thread-safe. If a call fails, its contents are undefined: {@link #reset()} it.
 */
public final class MambaState {
    private final MambaModule module;
    private final int batch;
    /** Per layer: where its convolution history starts in {@link #data}, and its floats per sequence. */
    private final int[] convBase;

    private final int[] convPerSeq;
    /** Per layer: where its SSM state starts in {@link #data}, and its floats per sequence. */
    private final int[] ssmBase;

    private final int[] ssmPerSeq;
    /**
     * Layer after layer: the convolution history {@code (batch, d_conv - 1, conv channels)}, then the SSM
     * state {@code (batch, d_state, d_inner)}.
     */
    final float[] data;

    private MambaState(MambaModule module, int batch, List<MambaModule> layers) {
        this.module = module;
        this.batch = batch;
        int n = layers.size();
        convBase = new int[n];
        convPerSeq = new int[n];
        ssmBase = new int[n];
        ssmPerSeq = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            MambaModule m = layers.get(i);
            long conv;
            long ssm;
            if (m instanceof Mamba1 m1) {
                Mamba1Config c = m1.config();
                conv = (long) (c.dConv() - 1) * c.dInner();
                ssm = (long) c.dState() * c.dInner();
            } else {
                Mamba2Config c = ((Mamba2) m).config();
                conv = (long) (c.dConv() - 1) * c.convDim();
                ssm = (long) c.dState() * c.dInner();
            }
            convBase[i] = (int) total;
            total = grow(total, conv * batch, module, batch);
            ssmBase[i] = (int) total;
            total = grow(total, ssm * batch, module, batch);
            convPerSeq[i] = (int) conv;
            ssmPerSeq[i] = (int) ssm;
        }
        this.data = new float[(int) total];
    }

    private static long grow(long total, long more, MambaModule module, int batch) {
        if (total + more > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the state of " + module + " for a batch of " + batch
                    + " needs more floats than a Java array holds; use smaller batches");
        }
        return total + more;
    }

    /**
     * The state before the first position of {@code batch} sequences: all zeros, as if each sequence were
     * preceded by nothing.
     *
     * @throws IllegalArgumentException if {@code module} is or contains a {@link BiMamba2Layer}, or {@code
     *     batch} is negative
     */
    public static MambaState initial(MambaModule module, int batch) {
        if (module == null) {
            throw new IllegalArgumentException("a state needs a module");
        }
        if (batch < 0) {
            throw new IllegalArgumentException("batch must not be negative, got " + batch);
        }
        List<MambaModule> layers = module instanceof MambaStack s ? s.layers() : List.of(module);
        for (MambaModule m : layers) {
            if (m instanceof BiMamba2Layer) {
                throw new IllegalArgumentException(module + " cannot be evaluated in chunks: a BiMamba2Layer's"
                        + " backward direction reads each sequence from its end, so every output depends on every"
                        + " later input; run it over whole sequences");
            }
        }
        return new MambaState(module, batch, layers);
    }

    /** The module this state belongs to. */
    public MambaModule module() {
        return module;
    }

    /** The number of sequences. */
    public int batch() {
        return batch;
    }

    /** Returns to the {@link #initial} state, to start new sequences. */
    public void reset() {
        Arrays.fill(data, 0f);
    }

    /** Where the convolution history of {@code layer} for sequence {@code seq} starts in {@link #data}. */
    int convOffset(int layer, int seq) {
        return convBase[layer] + seq * convPerSeq[layer];
    }

    /** Where the SSM state of {@code layer} for sequence {@code seq} starts in {@link #data}. */
    int ssmOffset(int layer, int seq) {
        return ssmBase[layer] + seq * ssmPerSeq[layer];
    }

    @Override
    public String toString() {
        return "MambaState[" + module + ", batch " + batch + "]";
    }
}
