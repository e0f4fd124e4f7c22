package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Under {@code --enforce-iam} (signatures not verified): S3 tells a missing key only to callers who may list the
 * bucket, and query requests signed with SigV2 act as their key.
 */
class IamEnforcementRequestsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true));

    private final IamClient rootIam = gureum.configure(IamClient.builder()).region(Region.AWS_GLOBAL).build();
    private final S3Client rootS3 = gureum.configure(S3Client.builder()).build();

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    private AccessKey user(String name, String policy) {
        rootIam.createUser(r -> r.userName(name));
        rootIam.putUserPolicy(r -> r.userName(name).policyName("inline").policyDocument(policy));
        return rootIam.createAccessKey(r -> r.userName(name)).accessKey();
    }

    private S3Client s3(AccessKey key) {
        return gureum.configure(S3Client.builder()).credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build();
    }

    private static void assertStatus(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (code != null) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            }
        });
    }

    @Test
    void aMissingKeyIs403WithoutListBucketAnd404WithIt() {
        rootS3.createBucket(b -> b.bucket("docs"));
        rootS3.putObject(b -> b.bucket("docs").key("here"), RequestBody.fromString("x"));
        S3Client reader = s3(user("reader", """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"}]}"""));
        S3Client lister = s3(user("lister", """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"},
                 {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::docs"}]}"""));

        assertThat(reader.getObjectAsBytes(b -> b.bucket("docs").key("here")).asUtf8String()).isEqualTo("x");
        assertThatThrownBy(() -> reader.getObject(b -> b.bucket("docs").key("gone")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/"
                            + "reader is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::docs\" "
                            + "because no identity-based policy allows the s3:ListBucket action");
                });
        assertStatus(() -> reader.headObject(b -> b.bucket("docs").key("gone")), 403, null);
        assertStatus(() -> lister.getObject(b -> b.bucket("docs").key("gone")), 404, "NoSuchKey");
        assertStatus(() -> lister.headObject(b -> b.bucket("docs").key("gone")), 404, null);
        // the root user may list its bucket
        assertStatus(() -> rootS3.getObject(b -> b.bucket("docs").key("gone")), 404, "NoSuchKey");
    }

    @Test
    void anAnonymousCallerOfAPublicReadBucketGets403ForAMissingKeyUnlessItMayList() {
        rootS3.createBucket(b -> b.bucket("site"));
        rootS3.putObject(b -> b.bucket("site").key("index.html"), RequestBody.fromString("hi"));
        rootS3.putBucketPolicy(b -> b.bucket("site").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::site/*"},
                 {"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::site",
                  "Condition":{"StringLike":{"s3:prefix":"public/*"}}}]}"""));
        S3Client anonymous = gureum.configure(S3Client.builder())
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        assertThat(anonymous.getObjectAsBytes(b -> b.bucket("site").key("index.html")).asUtf8String()).isEqualTo("hi");
        assertStatus(() -> anonymous.getObject(b -> b.bucket("site").key("missing.html")), 403, "AccessDenied");
        // listing is allowed under public/: a missing key there is told as missing
        assertStatus(() -> anonymous.getObject(b -> b.bucket("site").key("public/missing.html")), 404, "NoSuchKey");
    }

    @Test
    void aQueryRequestSignedWithSigV2ActsAsItsKey() throws Exception {
        AccessKey lister = user("queues", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:ListQueues","Resource":"*"}]}""");
        AccessKey nobody = user("nobody", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""");
        HttpResponse<String> allowed = sqsV2(lister.accessKeyId());
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).contains("<ListQueuesResponse");
        HttpResponse<String> denied = sqsV2(nobody.accessKeyId());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("<Code>AccessDenied</Code>")
                .contains("User: arn:aws:iam::000000000000:user/nobody is not authorized to perform: sqs:ListQueues");
    }

    /** SQS's ListQueues as older SDKs send it: a form signed with SigV2 (not verified here). */
    private static HttpResponse<String> sqsV2(String accessKeyId) throws Exception {
        String form = "Action=ListQueues&Version=2012-11-05&AWSAccessKeyId=" + accessKeyId + "&SignatureVersion=2"
                + "&SignatureMethod=HmacSHA256&Timestamp=2026-12-07T08%3A00%3A00Z&Signature=am9rZQ%3D%3D";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gureum.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
