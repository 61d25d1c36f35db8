/**
 * A blob store on S3 or an S3-compatible server, over the AWS SDK v2 asynchronous client: ranged GETs,
 * multipart uploads, CRC32C checksums, the SDK's adaptive retries, and errors mapped to bgb's exceptions.
 */
package io.github.braingobrr.storage.s3;
