package io.github.braingobrr.mamba;

import java.util.List;

/**
 * Thrown when a weight set does not fit the layer being loaded: missing keys, unexpected keys, or
 * tensors of the wrong shape. {@link #problems()} lists every problem, each naming the full key.
 */
public final class WeightsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    WeightsException(String what, List<String> problems) {
        super(what + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as one sentence, e.g. {@code missing key 'layers.0.forward_mamba_real.D' (expected (16,))}. */
    public List<String> problems() {
        return problems;
    }
}
