package io.github.braingobrr.storage.tiered;

/** Which tier a {@link TieredBlobStore} asks first. */
public enum TierPolicy {
    /**
     * Serve the fast tier's verified copy without asking the slow store at all; only a miss reaches the
     * slow store (one stat and one GET), and fills the fast tier on the way back.
     */
    FAST_FIRST,
    /**
     * The seed project's {@code s3_first}: ask the slow, authoritative store for the blob's size and
     * checksum on every open (a HEAD, never a GET when the copy is current), serve the fast copy if it
     * matches, and refresh it if not. If the slow store cannot be reached, a verified fast copy is served
     * with a warning.
     */
    SLOW_FIRST
}
