package io.github.braingobrr.mamba;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The causal depthwise convolution width rule: the causal-conv1d CUDA kernel supports widths 2 to 4 only,
 * so the original model built its layers with {@code d_conv if d_conv in (2, 3, 4) else 4} and warned
 * once. Both backends here use the coerced width, so CPU and GPU always compute the same layer.
 */
final class ConvWidth {
    private static final Logger LOG = LoggerFactory.getLogger(ConvWidth.class);
    private static final AtomicInteger WARNINGS = new AtomicInteger();

    private ConvWidth() {}

    static int coerce(int dConv) {
        if (dConv >= 2 && dConv <= 4) {
            return dConv;
        }
        if (WARNINGS.compareAndSet(0, 1)) {
            LOG.warn(
                    "d_conv={} is outside the causal-conv1d kernel range {2, 3, 4}; using d_conv=4, as the"
                            + " original model did (logged once)",
                    dConv);
        }
        return 4;
    }

    /** How many coercion warnings were logged in this JVM (0 or 1). */
    static int warningsLogged() {
        return WARNINGS.get();
    }
}
