package io.github.braingobrr.npy;

/** How a member of a {@code .npz} archive is stored. */
public enum NpzCompression {
    /** Uncompressed (what {@code numpy.savez} writes): members can be memory-mapped and sliced in place. */
    STORED,
    /** Deflate-compressed (what {@code numpy.savez_compressed} writes): smaller, but read sequentially. */
    DEFLATED
}
