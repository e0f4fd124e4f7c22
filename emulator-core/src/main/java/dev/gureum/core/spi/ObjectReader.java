package dev.gureum.core.spi;

import dev.gureum.core.auth.Principal;

import java.io.InputStream;

/** Reads S3 objects on behalf of other services (Lambda function code and layers from {@code S3Bucket}/{@code S3Key}). */
public interface ObjectReader {

    /**
     * Opens the bytes of an object as the reader may read them: a bucket of the reader's account, or one
     * whose bucket policy allows the reader {@code s3:GetObject} ({@code s3:GetObjectVersion} for a version).
     *
     * @param versionId a version id, or {@code null} for the current version
     * @throws dev.gureum.core.error.AwsException when the bucket or key does not exist or the reader may not read it
     */
    InputStream open(Principal reader, String bucket, String key, String versionId);
}
