package io.github.braingobrr.storage.s3;

import io.github.braingobrr.storage.BlobNotFoundException;
import io.github.braingobrr.storage.BucketNotFoundException;
import io.github.braingobrr.storage.ChecksumMismatchException;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageAccessDeniedException;
import io.github.braingobrr.storage.StorageException;
import io.github.braingobrr.storage.StorageThrottledException;
import io.github.braingobrr.storage.StorageUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps SDK failures to bgb's storage exceptions, with the bucket, key and endpoint in the message. */
final class S3Errors {
    private static final Set<String> THROTTLING =
            Set.of("SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests");

    private final String endpoint;
    private final int maxAttempts;

    S3Errors(String endpoint, int maxAttempts) {
        this.endpoint = endpoint;
        this.maxAttempts = maxAttempts;
    }

    /** Waits for {@code future}, turning failures into storage exceptions about {@code location}. */
    <T> T await(CompletableFuture<T> future, Location location) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException(location + ": interrupted");
            io.initCause(e);
            throw io;
        } catch (ExecutionException e) {
            throw map(e.getCause(), location);
        }
    }

    /** The storage exception for an SDK (or I/O) failure about {@code location}. */
    IOException map(Throwable failure, Location location) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof StorageException se) {
            return se;
        }
        if (t instanceof AwsServiceException e) {
            return mapService(e, location);
        }
        if (t instanceof SdkClientException e) {
            return mapClient(e, location);
        }
        if (t instanceof InterruptedIOException io) {
            return io;
        }
        if (t instanceof SdkException || t instanceof IOException) {
            return new StorageUnavailableException(location, endpoint, rootMessage(t), t);
        }
        return new StorageException(location, "unexpected failure: " + t, t);
    }

    private IOException mapService(AwsServiceException e, Location location) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if ("NoSuchBucket".equals(code)) {
            return new BucketNotFoundException(location, location.bucket(), endpoint, e);
        }
        if ("NoSuchKey".equals(code) || (status == 404 && (code == null || "NotFound".equals(code)))) {
            return new BlobNotFoundException(location, code == null ? "HTTP 404" : code, e);
        }
        if ((code != null && THROTTLING.contains(code)) || status == 503 || status == 429) {
            return new StorageThrottledException(
                    location, code == null ? "HTTP " + status : code + ", HTTP " + status, maxAttempts, e);
        }
        if (status == 403 || "AccessDenied".equals(code)) {
            String c = code == null ? "HTTP 403" : code;
            String advice = switch (c) {
                case "InvalidAccessKeyId" ->
                    "the access key id is not known to " + endpoint
                            + "; check AWS_ACCESS_KEY_ID, AWS_PROFILE or the configured credentials";
                case "SignatureDoesNotMatch" ->
                    "the secret key does not match the access key id; check"
                            + " AWS_SECRET_ACCESS_KEY (and the clock, and the region)";
                case "ExpiredToken", "InvalidToken" ->
                    "the session token is expired or invalid; refresh"
                            + " the credentials (aws sso login, or new temporary keys)";
                default ->
                    "the credentials are valid but may not access this bucket or key; check the"
                            + " IAM policy and the bucket policy for s3:GetObject, s3:PutObject, s3:ListBucket";
            };
            return new StorageAccessDeniedException(location, c, advice, e);
        }
        if (status == 412 || "PreconditionFailed".equals(code)) {
            return new StorageException(
                    location,
                    "the object changed since it was opened (its ETag no longer"
                            + " matches); open it again to read the new version",
                    e);
        }
        if ("BadDigest".equals(code) || "InvalidDigest".equals(code) || "XAmzContentSHA256Mismatch".equals(code)) {
            return new ChecksumMismatchException(
                    location,
                    "upload checksum (" + code + ")",
                    "the sent checksum",
                    "content that differs; the local file changed or was corrupted in transit, upload it again");
        }
        if (status >= 500) {
            return new StorageUnavailableException(
                    location,
                    endpoint,
                    "server error " + (code == null ? "" : code + " ") + "HTTP " + status + " after " + maxAttempts
                            + " attempts",
                    e);
        }
        String detail = e.awsErrorDetails() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        return new StorageException(
                location,
                "S3 refused the request: " + (code == null ? "" : code + " ") + "(HTTP "
                        + status + ") " + (detail == null ? "" : detail)
                        + (e.requestId() == null ? "" : "; request id " + e.requestId()),
                e);
    }

    private IOException mapClient(SdkClientException e, Location location) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Unable to load credentials") || m.contains("Unable to load region")) {
            return new StorageAccessDeniedException(
                    location,
                    "no credentials",
                    "no AWS credentials were found; set"
                            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run where an instance"
                            + " or container role is available",
                    e);
        }
        if (m.contains("checksum") && (m.contains("different") || m.contains("mismatch") || m.contains("match"))) {
            return new ChecksumMismatchException(
                    location, "CRC32C (checked by the SDK)", "the server's checksum", "different content: " + m);
        }
        return new StorageUnavailableException(location, endpoint, rootMessage(e), e);
    }

    /** A short description of the innermost cause, without exception class names. */
    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage();
        if (r instanceof java.net.ConnectException) {
            return "connection refused" + (m == null ? "" : ": " + m);
        }
        if (r instanceof java.nio.channels.ClosedChannelException) {
            return "the connection was closed";
        }
        if (r instanceof java.util.concurrent.TimeoutException
                || r instanceof java.net.SocketTimeoutException
                || r.getClass().getSimpleName().contains("Timeout")) {
            return "timed out" + (m == null ? "" : ": " + m);
        }
        if (m == null || m.isBlank()) {
            return r.getClass().getSimpleName().replace("Exception", " failure");
        }
        return m;
    }
}
