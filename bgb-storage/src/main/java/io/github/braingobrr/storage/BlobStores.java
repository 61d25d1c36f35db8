package io.github.braingobrr.storage;

import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.s3.S3BlobStore;
import java.io.IOException;

/** Opens the store for a location, choosing the implementation by scheme ({@code file}, {@code s3}). */
public final class BlobStores {
    private BlobStores() {}

    /** Opens {@code root} with default options (S3 settings from the standard AWS chain and environment). */
    public static BlobStore open(Location root) throws IOException {
        return open(root, StoreOptions.defaults());
    }

    /** Opens {@code root}; S3 stores use {@code options}. */
    public static BlobStore open(Location root, StoreOptions options) throws IOException {
        return switch (root.scheme()) {
            case "file" -> LocalBlobStore.open(root.toPath());
            case "s3" -> S3BlobStore.open(root, options);
            case "s3a", "s3n" ->
                throw new InvalidLocationException(
                        root.toString(),
                        "the '" + root.scheme() + "' scheme is Hadoop's; write s3://" + root.bucket()
                                + (root.path().isEmpty() ? "" : "/" + root.path()));
            default ->
                throw new InvalidLocationException(
                        root.toString(), "unsupported scheme '" + root.scheme() + "'; bgb opens file:// and s3://");
        };
    }
}
