package dev.gureum.s3.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class S3ControlTagsTest {

    @Test
    void controlRequestsAreToldFromPathStyleBuckets() {
        assertThat(S3ControlTags.addresses("/v20180820/tags/arn:aws:s3:::b", "localhost", "000000000000")).isTrue();
        assertThat(S3ControlTags.addresses("/v20180820/tags/arn:aws:s3:::b", "000000000000.s3-control.us-east-1.amazonaws.com",
                null)).isTrue();
        assertThat(S3ControlTags.addresses("/v20180820/tags/arn:aws:s3:::b", "localhost", null)).isFalse();
        assertThat(S3ControlTags.addresses("/v20180820/accesspoint/ap", "localhost", "000000000000")).isTrue();
        assertThat(S3ControlTags.addresses("/v20180820b/tags/x", "localhost", "000000000000")).isFalse();
    }

    @Test
    void theBucketOfAnArn() {
        assertThat(S3ControlTags.bucketOf("arn:aws:s3:::my-bucket")).isEqualTo("my-bucket");
        assertThat(S3ControlTags.bucketOf("arn:aws:s3express:us-east-1:000000000000:bucket/b--use1-az4--x-s3"))
                .isEqualTo("b--use1-az4--x-s3");
        assertThat(S3ControlTags.bucketOf("arn:aws:s3:::my-bucket/key")).isNull();
        assertThat(S3ControlTags.bucketOf("arn:aws:sqs:us-east-1:000000000000:q")).isNull();
        assertThat(S3ControlTags.bucketOf("not an arn")).isNull();
    }
}
