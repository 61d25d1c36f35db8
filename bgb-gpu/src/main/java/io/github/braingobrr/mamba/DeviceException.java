package io.github.braingobrr.mamba;

/**
 * Thrown when a device cannot be opened as asked (for example {@code BGB_DEVICE=cuda} on a machine
 * without CUDA) or fails during a call; the message names the failing call and its error code.
 */
public final class DeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public DeviceException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
