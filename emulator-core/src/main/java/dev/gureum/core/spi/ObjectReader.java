package dev.gureum.core.spi;

import java.io.InputStream;

/** Reads S3 objects on behalf of other services (Lambda function code and layers from {@code S3Bucket}/{@code S3Key}). */
public interface ObjectReader {

    /**
     * Opens the bytes of an object as the given account may read them.
     *
     * @param versionId a version id, or {@code null} for the current version
     * @throws dev.gureum.core.error.AwsException when the bucket or key does not exist or the account may not read it
     */
    InputStream open(String accountId, String bucket, String key, String versionId);
}
