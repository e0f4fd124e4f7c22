package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code BucketOwnerPreferred}: the bucket owner owns what others write with bucket-owner-full-control. */
class OwnershipPreferredIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static S3Client otherAccount;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        otherAccount = S3Clients.client(server, "us-east-1", S3Clients.OTHER_ACCOUNT);
    }

    @AfterAll
    static void stop() {
        s3.close();
        otherAccount.close();
        server.close();
    }

    private String ownerOf(String bucket, String key) {
        return s3.getObjectAcl(b -> b.bucket(bucket).key(key)).owner().id();
    }

    @Test
    void theCannedAclBucketOwnerFullControlGivesTheObjectToTheBucketOwner() {
        String bucket = bucketName("preferred");
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + S3Clients.OTHER_ACCOUNT + ":root\"},\"Action\":\"s3:*\","
                + "\"Resource\":[\"arn:aws:s3:::" + bucket + "/*\",\"arn:aws:s3:::" + bucket + "\"]}]}"));
        String bucketOwner = s3.listBuckets().owner().id();
        String writer = otherAccount.listBuckets().owner().id();

        otherAccount.putObject(b -> b.bucket(bucket).key("given").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("x"));
        otherAccount.putObject(b -> b.bucket(bucket).key("kept"), RequestBody.fromString("x"));
        otherAccount.putObject(b -> b.bucket(bucket).key("private").acl(ObjectCannedACL.PRIVATE), RequestBody.fromString("x"));
        assertThat(ownerOf(bucket, "given")).isEqualTo(bucketOwner);
        // the writer owns the others: the bucket owner may not even read their ACLs, as on S3
        assertThat(otherAccount.getObjectAcl(b -> b.bucket(bucket).key("kept")).owner().id()).isEqualTo(writer);
        assertThat(otherAccount.getObjectAcl(b -> b.bucket(bucket).key("private")).owner().id()).isEqualTo(writer);
        assertThatThrownBy(() -> ownerOf(bucket, "kept")).isInstanceOf(S3Exception.class)
                .hasMessageContaining("Access Denied");

        otherAccount.copyObject(b -> b.sourceBucket(bucket).sourceKey("kept").destinationBucket(bucket)
                .destinationKey("copied").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL));
        assertThat(ownerOf(bucket, "copied")).isEqualTo(bucketOwner);

        String uploadId = otherAccount.createMultipartUpload(b -> b.bucket(bucket).key("parts")
                .acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL)).uploadId();
        assertThat(otherAccount.listParts(b -> b.bucket(bucket).key("parts").uploadId(uploadId)).owner().id())
                .isEqualTo(bucketOwner);
    }
}
