package io.github.braingobrr.storage;

/**
 * A location string or blob key that cannot be used: malformed, unsupported scheme, or a key that would
 * leave the store's root. The message quotes the input and says what a valid one looks like.
 */
public final class InvalidLocationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String input;

    /** An invalid {@code input} with a sentence saying why. */
    public InvalidLocationException(String input, String reason) {
        super("invalid location or key '" + input + "': " + reason);
        this.input = input;
    }

    /** The rejected text, as given. */
    public String input() {
        return input;
    }
}
