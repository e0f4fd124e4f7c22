package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Explicit grants (an {@code AccessControlPolicy} document, {@code x-amz-grant-*} headers) are the whole ACL: the
 * owner's full control is listed only where a grant names it, unlike a canned ACL. Grantees S3 cannot resolve are
 * refused: a canonical id that is not one ({@code InvalidArgument}), an e-mail address of no account
 * ({@code UnresolvableGrantByEmailAddress}).
 */
class S3ExplicitGrantsIT {

    private static final String OTHER = "111111111111";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true).credentials(OTHER, "test"));

    private final S3Client owner = gureum.configure(S3Client.builder()).build();
    private final S3Client other = gureum.configure(S3Client.builder(), OTHER).build();

    private void bucketWithAcls(String bucket) {
        owner.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.OBJECT_WRITER));
    }

    @Test
    void anEmptyAccessControlListRevokesEveryGrantAndTheOwnerCanRestoreIt() {
        bucketWithAcls("revoke-all");
        GetBucketAclResponse before = owner.getBucketAcl(b -> b.bucket("revoke-all"));
        assertThat(before.grants()).hasSize(1);

        owner.putBucketAcl(b -> b.bucket("revoke-all").accessControlPolicy(AccessControlPolicy.builder()
                .owner(before.owner()).grants(List.of()).build()));
        assertThat(owner.getBucketAcl(b -> b.bucket("revoke-all")).grants()).isEmpty();

        owner.putBucketAcl(b -> b.bucket("revoke-all").accessControlPolicy(AccessControlPolicy.builder()
                .owner(before.owner()).grants(before.grants()).build()));
        Grant restored = owner.getBucketAcl(b -> b.bucket("revoke-all")).grants().get(0);
        assertThat(restored.permission()).isEqualTo(Permission.FULL_CONTROL);
        assertThat(restored.grantee().id()).isEqualTo(before.owner().id());
        assertThat(restored.grantee().displayName()).isEqualTo(before.owner().displayName());
    }

    @Test
    void grantHeadersReplaceTheWritersImplicitFullControl() {
        bucketWithAcls("grant-headers");
        String bucketOwnerId = owner.getBucketAcl(b -> b.bucket("grant-headers")).owner().id();
        owner.putBucketPolicy(b -> b.bucket("grant-headers").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                 "Action":"s3:PutObject","Resource":"arn:aws:s3:::grant-headers/*"}]}""".formatted(OTHER)));

        other.putObject(b -> b.bucket("grant-headers").key("k").grantFullControl("id=" + bucketOwnerId),
                RequestBody.fromString("v"));

        List<Grant> grants = owner.getObjectAcl(b -> b.bucket("grant-headers").key("k")).grants();
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).grantee().id()).isEqualTo(bucketOwnerId);
        assertThat(grants.get(0).permission()).isEqualTo(Permission.FULL_CONTROL);
    }

    @Test
    void aGranteeIdThatIsNoCanonicalIdIsAnInvalidArgument() {
        bucketWithAcls("bad-id");
        Grant bad = Grant.builder().permission(Permission.FULL_CONTROL)
                .grantee(Grantee.builder().type(Type.CANONICAL_USER).id("_foo").build()).build();
        GetBucketAclResponse acl = owner.getBucketAcl(b -> b.bucket("bad-id"));

        assertThatThrownBy(() -> owner.putBucketAcl(b -> b.bucket("bad-id").accessControlPolicy(
                AccessControlPolicy.builder().owner(acl.owner()).grants(acl.grants().get(0), bad).build())))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
        assertThatThrownBy(() -> owner.putBucketAcl(b -> b.bucket("bad-id").grantRead("id=_foo")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
        assertThat(owner.getBucketAcl(b -> b.bucket("bad-id")).grants()).hasSize(1);
    }

    @Test
    void anEmailAddressOfNoAccountIsUnresolvable() {
        bucketWithAcls("bad-email");
        Grant byEmail = Grant.builder().permission(Permission.FULL_CONTROL).grantee(Grantee.builder()
                .type(Type.AMAZON_CUSTOMER_BY_EMAIL).emailAddress("nobody@example.invalid").build()).build();
        GetBucketAclResponse acl = owner.getBucketAcl(b -> b.bucket("bad-email"));

        assertThatThrownBy(() -> owner.putBucketAcl(b -> b.bucket("bad-email").accessControlPolicy(
                AccessControlPolicy.builder().owner(acl.owner()).grants(acl.grants().get(0), byEmail).build())))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnresolvableGrantByEmailAddress");
                });
        assertThatThrownBy(() -> owner.putBucketAcl(b -> b.bucket("bad-email")
                .grantRead("emailAddress=nobody@example.invalid")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("UnresolvableGrantByEmailAddress"));
    }
}
