package dev.gureum.core.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;

import java.lang.reflect.Method;
import java.net.URI;

/**
 * Points AWS SDK for Java v2 client builders (S3, SQS, SNS, Lambda, EC2, STS, CloudWatch Logs, sync or
 * async) at a server under test: the endpoint, a region, static credentials and, for S3, path-style
 * addressing (a bucket cannot be a sub-domain of 127.0.0.1).
 * <pre>{@code
 * S3Client s3 = SdkClients.configure(S3Client.builder(), server.endpoint()).build();
 * }</pre>
 * Signatures are not verified by default, so the secret key does not matter; a 12-digit access key id
 * is that account.
 */
public final class SdkClients {

    /** The access key id (and secret) of the default account. */
    public static final String ACCESS_KEY = "test";

    private SdkClients() {
    }

    /** The default account in us-east-1. */
    public static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, URI endpoint) {
        return configure(builder, endpoint, ACCESS_KEY, Region.US_EAST_1);
    }

    /** The account the access key id names, in us-east-1. */
    public static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, URI endpoint, String accessKeyId) {
        return configure(builder, endpoint, accessKeyId, Region.US_EAST_1);
    }

    /** The account the access key id names, in the region. */
    public static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, URI endpoint, String accessKeyId,
            Region region) {
        builder.endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, ACCESS_KEY)));
        forcePathStyle(builder);
        return builder;
    }

    /**
     * No retries: a 500 or a capacity error is seen as it is, not retried into a success or repeated.
     * Replaces any other override configuration of the builder.
     */
    public static <B extends AwsClientBuilder<B, C>, C> B withoutRetries(B builder) {
        builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        return builder;
    }

    /** S3 builders have {@code forcePathStyle(Boolean)}; a module's tests need not have the S3 client. */
    private static void forcePathStyle(Object builder) {
        Method m;
        try {
            m = builder.getClass().getMethod("forcePathStyle", Boolean.class);
        } catch (NoSuchMethodException e) {
            return;
        }
        try {
            m.setAccessible(true);
            m.invoke(builder, Boolean.TRUE);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot set path-style access on " + builder.getClass().getName(), e);
        }
    }
}
