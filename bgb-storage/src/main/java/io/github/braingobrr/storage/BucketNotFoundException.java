package io.github.braingobrr.storage;

/** The S3 bucket does not exist or is not visible with these credentials and endpoint (S3 {@code NoSuchBucket}). */
public final class BucketNotFoundException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final String bucket;

    /** Bucket {@code bucket} is absent; {@code location} is what was being accessed. */
    public BucketNotFoundException(Location location, String bucket, String endpoint, Throwable cause) {
        super(
                location,
                "bucket '" + bucket + "' does not exist at " + endpoint
                        + "; check the bucket name, the region and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_S3",
                cause);
        this.bucket = bucket;
    }

    /** The missing bucket's name. */
    public String bucket() {
        return bucket;
    }
}
