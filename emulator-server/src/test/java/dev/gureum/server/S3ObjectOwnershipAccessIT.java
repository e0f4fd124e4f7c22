package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without {@code BucketOwnerEnforced}, an object another account uploads is that account's: the bucket's owner reads
 * it (or its ACL) only where the object's ACL grants it, and may still delete it; with it, the bucket owner owns all.
 */
class S3ObjectOwnershipAccessIT {

    private static final String OTHER = "111111111111";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true).credentials(OTHER, "test"));

    private final S3Client owner = gureum.configure(S3Client.builder()).build();
    private final S3Client other = gureum.configure(S3Client.builder(), OTHER).build();

    private void bucketWritableByOther(String bucket, ObjectOwnership ownership) {
        owner.createBucket(b -> b.bucket(bucket).objectOwnership(ownership));
        owner.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                 "Action":"s3:PutObject","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(OTHER, bucket)));
    }

    @Test
    void theBucketOwnerReadsAnotherAccountsObjectOnlyWhereItsAclGrantsIt() {
        bucketWritableByOther("writer-owned", ObjectOwnership.OBJECT_WRITER);
        other.putObject(b -> b.bucket("writer-owned").key("private"), RequestBody.fromString("theirs"));
        other.putObject(b -> b.bucket("writer-owned").key("granted").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("shared"));

        assertThatThrownBy(() -> owner.getObject(b -> b.bucket("writer-owned").key("private")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
        assertThatThrownBy(() -> owner.getObjectAcl(b -> b.bucket("writer-owned").key("private")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(owner.getObjectAsBytes(b -> b.bucket("writer-owned").key("granted")).asUtf8String())
                .isEqualTo("shared");
        // the bucket owner may still delete what is in its bucket
        owner.deleteObject(b -> b.bucket("writer-owned").key("private"));
    }

    @Test
    void withBucketOwnerEnforcedTheBucketOwnerOwnsEveryObject() {
        bucketWritableByOther("owner-enforced", ObjectOwnership.BUCKET_OWNER_ENFORCED);
        other.putObject(b -> b.bucket("owner-enforced").key("k"), RequestBody.fromString("v"));
        assertThat(owner.getObjectAsBytes(b -> b.bucket("owner-enforced").key("k")).asUtf8String()).isEqualTo("v");
    }
}
