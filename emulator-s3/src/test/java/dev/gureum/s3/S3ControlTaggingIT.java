package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.S3ControlException;
import software.amazon.awssdk.services.s3control.model.Tag;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** S3 Control's tagging of buckets, and conditional writes of multipart uploads. */
class S3ControlTaggingIT {

    private static final String ACCOUNT = "000000000000";

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static S3ControlClient control;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        // the SDK sends to <account>.<endpoint host>, which need not resolve here: the account is in a header too
        control = SdkClients.configure(S3ControlClient.builder(),
                        java.net.URI.create("http://localhost:" + server.endpoint().getPort()))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                                                            ExecutionAttributes executionAttributes) {
                        return context.httpRequest().toBuilder().host(server.endpoint().getHost()).build();
                    }
                }))
                .build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        control.close();
        server.close();
    }

    @Test
    void bucketsAreTaggedByTheirArn() {
        String bucket = bucketName("control");
        s3.createBucket(b -> b.bucket(bucket));
        String arn = "arn:aws:s3:::" + bucket;
        control.tagResource(b -> b.accountId(ACCOUNT).resourceArn(arn).tags(Tag.builder().key("team").value("storage").build(),
                Tag.builder().key("cost").value("42").build()));
        assertThat(control.listTagsForResource(b -> b.accountId(ACCOUNT).resourceArn(arn)).tags())
                .extracting(Tag::key, Tag::value).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cost", "42"), org.assertj.core.groups.Tuple.tuple("team", "storage"));
        // the bucket's own tag set
        assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet()).hasSize(2);

        control.untagResource(b -> b.accountId(ACCOUNT).resourceArn(arn).tagKeys("cost"));
        assertThat(control.listTagsForResource(b -> b.accountId(ACCOUNT).resourceArn(arn)).tags())
                .extracting(Tag::key).containsExactly("team");

        S3ControlException missing = catchThrowableOfType(S3ControlException.class,
                () -> control.listTagsForResource(b -> b.accountId(ACCOUNT).resourceArn("arn:aws:s3:::no-such-bucket-here")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");

        // the rest of S3 Control is not served
        S3ControlException other = catchThrowableOfType(S3ControlException.class,
                () -> control.listAccessPoints(b -> b.accountId(ACCOUNT)));
        assertThat(other.statusCode()).isEqualTo(501);
        assertThat(other.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
    }

    @Test
    void aPathStyleBucketNamedLikeTheApiVersionIsStillABucket() throws Exception {
        HttpResponse<String> answer = RawS3.sendText(server.endpoint(), "GET", "/v20180820/tags/x",
                Map.of("Authorization", RawS3.AUTH), null);
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(RawS3.xmlText(answer.body(), "Code")).isEqualTo("NoSuchBucket");
        assertThat(RawS3.xmlText(answer.body(), "BucketName")).isEqualTo("v20180820");
    }

    @Test
    void completingAnUploadHonoursItsConditions() {
        String bucket = bucketName("conditional-complete");
        s3.createBucket(b -> b.bucket(bucket));
        String etag = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("first")).eTag();

        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        String part = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(upload).partNumber(1),
                RequestBody.fromString("second")).eTag();
        CompletedPart completed = CompletedPart.builder().partNumber(1).eTag(part).build();
        S3Exception exists = assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(upload)
                .ifNoneMatch("*").multipartUpload(m -> m.parts(completed))), 412, "PreconditionFailed");
        assertThat(exists.awsErrorDetails().errorMessage()).isEqualTo("At least one of the pre-conditions you specified did not hold");
        assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(upload)
                .ifMatch("\"0123456789abcdef0123456789abcdef\"").multipartUpload(m -> m.parts(completed))), 412,
                "PreconditionFailed");
        // S3 takes only '*' in If-None-Match of a write
        assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(upload)
                .ifNoneMatch(etag).multipartUpload(m -> m.parts(completed))), 501, "NotImplemented");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("first");

        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(upload).ifMatch(etag)
                .multipartUpload(m -> m.parts(completed)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("second");

        String another = s3.createMultipartUpload(b -> b.bucket(bucket).key("new")).uploadId();
        String newPart = s3.uploadPart(b -> b.bucket(bucket).key("new").uploadId(another).partNumber(1),
                RequestBody.fromString("created")).eTag();
        assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("new").uploadId(another).ifMatch(etag)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(newPart).build()))), 404, "NoSuchKey");
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("new").uploadId(another).ifNoneMatch("*")
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(newPart).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("new")).asUtf8String()).isEqualTo("created");
    }
}
