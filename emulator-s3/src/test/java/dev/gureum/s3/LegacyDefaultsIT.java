package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** With {@code --s3-legacy-defaults}, new buckets as S3 made them before April 2023. */
class LegacyDefaultsIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static S3Client otherAccount;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(Map.of("s3.legacy-defaults", "true"), new S3Module());
        s3 = S3Clients.client(server);
        otherAccount = S3Clients.client(server, "us-east-1", S3Clients.OTHER_ACCOUNT);
    }

    @AfterAll
    static void stop() {
        s3.close();
        otherAccount.close();
        server.close();
    }

    @Test
    void objectWriterOwnershipAclsAndNoDefaultEncryption() {
        String bucket = bucketName("legacy");
        s3.createBucket(b -> b.bucket(bucket));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership())
                .isEqualTo(ObjectOwnership.OBJECT_WRITER);
        assertS3Error(() -> s3.getBucketEncryption(b -> b.bucket(bucket)), 404,
                "ServerSideEncryptionConfigurationNotFoundError");

        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("public").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x"));
        assertThat(put.serverSideEncryption()).isNull();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("public")).serverSideEncryption()).isNull();
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("public")).grants())
                .anyMatch(g -> g.permission() == Permission.READ && g.grantee().uri() != null
                        && g.grantee().uri().endsWith("/global/AllUsers"));

        // another account's object stays its own
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + S3Clients.OTHER_ACCOUNT + ":root\"},\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}"));
        otherAccount.putObject(b -> b.bucket(bucket).key("theirs").acl(ObjectCannedACL.BUCKET_OWNER_READ),
                RequestBody.fromString("x"));
        String writer = otherAccount.listBuckets().owner().id();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("theirs").fetchOwner(true)).contents().get(0).owner().id())
                .isEqualTo(writer).isNotEqualTo(s3.listBuckets().owner().id());

        // a default encryption set later applies
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
        assertThat(s3.putObject(b -> b.bucket(bucket).key("later"), RequestBody.fromString("x")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }
}
