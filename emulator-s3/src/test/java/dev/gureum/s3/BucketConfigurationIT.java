package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Bucket configuration documents: stored, returned, and applied where they change behaviour. */
class BucketConfigurationIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static String newBucket(String hint) {
        String name = bucketName(hint);
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    @Test
    void tagging() {
        String bucket = newBucket("tags");
        S3Exception missing = assertS3Error(() -> s3.getBucketTagging(b -> b.bucket(bucket)), 404, "NoSuchTagSet");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("The TagSet does not exist");

        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
                Tag.builder().key("team").value("구름").build(), Tag.builder().key("env").value("").build())));
        assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet())
                .containsExactlyInAnyOrder(Tag.builder().key("team").value("구름").build(), Tag.builder().key("env").value("").build());

        assertS3Error(() -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
                Tag.builder().key("aws:reserved").value("x").build()))), 400, "InvalidTag");
        assertS3Error(() -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
                Tag.builder().key("same").value("1").build(), Tag.builder().key("same").value("2").build()))),
                400, "InvalidTag");

        s3.deleteBucketTagging(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketTagging(b -> b.bucket(bucket)), 404, "NoSuchTagSet");
    }

    @Test
    void policy() {
        String bucket = newBucket("policy");
        S3Exception missing = assertS3Error(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), 404, "NoSuchBucketPolicy");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("The bucket policy does not exist");

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).isEqualTo(policy);
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isTrue();

        assertS3Error(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("not json")), 400, "MalformedPolicy");
        assertS3Error(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\"}")),
                400, "MalformedPolicy");
        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).isEqualTo(policy);

        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), 404, "NoSuchBucketPolicy");
    }

    @Test
    void corsIsStoredAndApplied() throws Exception {
        String bucket = newBucket("cors");
        S3Exception missing = assertS3Error(() -> s3.getBucketCors(b -> b.bucket(bucket)), 404, "NoSuchCORSConfiguration");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("The CORS configuration does not exist");

        CORSRule rule = CORSRule.builder().allowedOrigins("https://app.example.com").allowedMethods("GET", "PUT")
                .allowedHeaders("x-amz-*", "content-type").exposeHeaders("ETag").maxAgeSeconds(600).build();
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(rule)));
        assertThat(s3.getBucketCors(b -> b.bucket(bucket)).corsRules()).containsExactly(rule);
        s3.putObject(b -> b.bucket(bucket).key("page.html"), RequestBody.fromString("<p>hi</p>"));

        HttpResponse<String> preflight = RawS3.sendText(server.endpoint(), "OPTIONS", "/" + bucket + "/page.html",
                Map.of("Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT",
                        "Access-Control-Request-Headers", "X-Amz-Meta-Owner, Content-Type"), null);
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("x-amz-meta-owner, content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(preflight.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");

        HttpResponse<String> wrongOrigin = RawS3.sendText(server.endpoint(), "OPTIONS", "/" + bucket + "/page.html",
                Map.of("Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET"), null);
        assertThat(wrongOrigin.statusCode()).isEqualTo(403);
        assertThat(wrongOrigin.body()).contains("<Code>AccessForbidden</Code>")
                .contains("CORSResponse: This CORS request is not allowed.");
        assertThat(wrongOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> wrongMethod = RawS3.sendText(server.endpoint(), "OPTIONS", "/" + bucket + "/page.html",
                Map.of("Origin", "https://app.example.com", "Access-Control-Request-Method", "DELETE"), null);
        assertThat(wrongMethod.statusCode()).isEqualTo(403);

        HttpResponse<String> get = RawS3.sendText(server.endpoint(), "GET", "/" + bucket + "/page.html",
                Map.of("Origin", "https://app.example.com"), null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("<p>hi</p>");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(get.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");

        HttpResponse<String> noOrigin = RawS3.sendText(server.endpoint(), "GET", "/" + bucket + "/page.html",
                Map.of(), null);
        assertThat(noOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        s3.deleteBucketCors(b -> b.bucket(bucket));
        HttpResponse<String> disabled = RawS3.sendText(server.endpoint(), "OPTIONS", "/" + bucket + "/page.html",
                Map.of("Origin", "https://app.example.com", "Access-Control-Request-Method", "GET"), null);
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(disabled.body()).contains("CORS is not enabled for this bucket");
    }

    @Test
    void corsRulesAreValidated() {
        String bucket = newBucket("cors-bad");
        S3Exception e = assertS3Error(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("*").allowedMethods("PATCH").build()))), 400, "InvalidRequest");
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Found unsupported HTTP method in CORS config. Unsupported method is PATCH");
    }

    @Test
    void lifecycle() {
        String bucket = newBucket("lifecycle");
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), 404, "NoSuchLifecycleConfiguration");
        LifecycleRule rule = LifecycleRule.builder().id("expire-logs").status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("logs/")).expiration(x -> x.days(30)).build();
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rule)));
        GetBucketLifecycleConfigurationResponse stored = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket));
        assertThat(stored.rules()).hasSize(1);
        assertThat(stored.rules().get(0).id()).isEqualTo("expire-logs");
        assertThat(stored.rules().get(0).filter().prefix()).isEqualTo("logs/");
        assertThat(stored.rules().get(0).expiration().days()).isEqualTo(30);
        assertThat(stored.rules().get(0).status()).isEqualTo(ExpirationStatus.ENABLED);

        s3.deleteBucketLifecycle(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), 404, "NoSuchLifecycleConfiguration");
    }

    @Test
    void encryptionDefaultsToSseS3AndCanBeChanged() {
        String bucket = newBucket("sse");
        List<ServerSideEncryptionRule> defaults = s3.getBucketEncryption(b -> b.bucket(bucket))
                .serverSideEncryptionConfiguration().rules();
        assertThat(defaults).hasSize(1);
        assertThat(defaults.get(0).applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
        PutObjectResponse plain = s3.putObject(b -> b.bucket(bucket).key("before"), RequestBody.fromString("x"));
        assertThat(plain.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

        String keyArn = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                        .kmsMasterKeyID(keyArn)).bucketKeyEnabled(true))));
        ServerSideEncryptionRule rule = s3.getBucketEncryption(b -> b.bucket(bucket))
                .serverSideEncryptionConfiguration().rules().get(0);
        assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo(keyArn);
        assertThat(rule.bucketKeyEnabled()).isTrue();

        // new objects take the bucket's default
        PutObjectResponse kms = s3.putObject(b -> b.bucket(bucket).key("after"), RequestBody.fromString("x"));
        assertThat(kms.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(kms.ssekmsKeyId()).isEqualTo(keyArn);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("after")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("before")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);

        assertS3Error(() -> s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(
                r -> r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm("ROT13"))))), 400, "MalformedXML");

        s3.deleteBucketEncryption(b -> b.bucket(bucket));
        assertThat(s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void ownershipControls() {
        String bucket = newBucket("ownership");
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership())
                .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(o -> o.rules(r -> r
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED))));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership())
                .isEqualTo(ObjectOwnership.BUCKET_OWNER_PREFERRED);
        s3.deleteBucketOwnershipControls(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketOwnershipControls(b -> b.bucket(bucket)), 404, "OwnershipControlsNotFoundError");

        String publicRead = bucketName("public-read");
        S3Exception e = assertS3Error(() -> s3.createBucket(b -> b.bucket(publicRead).acl("public-read")),
                400, "InvalidBucketAclWithObjectOwnership");
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
        assertS3Error(() -> s3.headBucket(b -> b.bucket(publicRead)), 404, null);
        s3.createBucket(b -> b.bucket(publicRead).acl("public-read").objectOwnership(ObjectOwnership.OBJECT_WRITER));

        String writer = bucketName("writer");
        s3.createBucket(b -> b.bucket(writer).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(writer)).ownershipControls().rules().get(0).objectOwnership())
                .isEqualTo(ObjectOwnership.OBJECT_WRITER);
    }

    @Test
    void aclsAreRefusedWhenTheBucketOwnerEnforcesOwnership() {
        String bucket = newBucket("acl");
        S3Exception e = assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).acl("public-read")),
                400, "AccessControlListNotSupported");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The bucket does not allow ACLs");
        // every request that sets an ACL fails, the private one too; reading them still works
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).acl("private")), 400, "AccessControlListNotSupported");
        assertThat(s3.getBucketAcl(b -> b.bucket(bucket)).grants()).hasSize(1);
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).grantRead("uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"")),
                400, "AccessControlListNotSupported");

        // writes that set ACLs too
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("public").acl("public-read"),
                RequestBody.fromString("x")), 400, "AccessControlListNotSupported");
        assertS3Error(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("public").acl("public-read")),
                400, "AccessControlListNotSupported");
        s3.putObject(b -> b.bucket(bucket).key("owned").acl("bucket-owner-full-control"), RequestBody.fromString("x"));
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("owned").destinationBucket(bucket)
                .destinationKey("public").acl("public-read-write")), 400, "AccessControlListNotSupported");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("public")), 404, null);

        // once the bucket owner gives up enforcing ownership, ACLs are accepted
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(o -> o.rules(r -> r
                .objectOwnership(ObjectOwnership.OBJECT_WRITER))));
        s3.putObject(b -> b.bucket(bucket).key("public").acl("public-read"), RequestBody.fromString("x"));
        s3.putBucketAcl(b -> b.bucket(bucket).acl("public-read"));
    }

    @Test
    void notificationConfigurationRoundTrip() {
        String bucket = newBucket("events");
        GetBucketNotificationConfigurationResponse empty = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertThat(empty.queueConfigurations()).isEmpty();
        assertThat(empty.topicConfigurations()).isEmpty();

        String queueArn = "arn:aws:sqs:us-east-1:000000000000:uploads";
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
                .queueConfigurations(QueueConfiguration.builder().id("new-images").queueArn(queueArn)
                        .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED_DELETE)
                        .filter(f -> f.key(k -> k.filterRules(r -> r.name("prefix").value("images/"),
                                r -> r.name("suffix").value(".jpg")))).build())));
        GetBucketNotificationConfigurationResponse stored = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertThat(stored.queueConfigurations()).hasSize(1);
        QueueConfiguration queue = stored.queueConfigurations().get(0);
        assertThat(queue.id()).isEqualTo("new-images");
        assertThat(queue.queueArn()).isEqualTo(queueArn);
        assertThat(queue.events()).containsExactly(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED_DELETE);
        assertThat(queue.filter().key().filterRules()).extracting(r -> r.nameAsString() + "=" + r.value())
                .containsExactly("prefix=images/", "suffix=.jpg");

        assertS3Error(() -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
                .queueConfigurations(QueueConfiguration.builder().queueArn(queueArn).eventsWithStrings("s3:ObjectExploded:*")
                        .build()))), 400, "InvalidArgument");

        // an empty configuration turns notifications off
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> { }));
        assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).queueConfigurations()).isEmpty();
    }

    @Test
    void configurationOfAMissingBucket() {
        String bucket = bucketName("missing");
        for (Runnable call : List.<Runnable>of(
                () -> s3.getBucketCors(b -> b.bucket(bucket)),
                () -> s3.getBucketPolicy(b -> b.bucket(bucket)),
                () -> s3.getBucketEncryption(b -> b.bucket(bucket)),
                () -> s3.getBucketTagging(b -> b.bucket(bucket)),
                () -> s3.getBucketVersioning(b -> b.bucket(bucket)))) {
            assertS3Error(call, 404, "NoSuchBucket");
        }
    }
}
