package io.github.braingobrr.mamba;

/**
 * The device a backend uses and the stated reason for it, e.g. {@code CPU: SEIZURE_MAMBA_FORCE_FALLBACK=1}
 * or {@code CPU: CUDA unavailable: no jnicudart in java.library.path}.
 *
 * @param kind the device kind
 * @param reason why this device was chosen, one line
 */
public record DeviceSelection(DeviceKind kind, String reason) {

    @Override
    public String toString() {
        return kind + ": " + reason;
    }
}
