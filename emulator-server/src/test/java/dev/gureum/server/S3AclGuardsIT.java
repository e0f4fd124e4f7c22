package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What refuses an ACL before it is set: a public access block's {@code BlockPublicAcls} (a public ACL, one granting
 * the AllUsers or AuthenticatedUsers group anything, is {@code AccessDenied} on PutBucketAcl, PutObjectAcl and the
 * writes that carry one), and object ownership {@code BucketOwnerEnforced} (writes may name no ACL or
 * {@code bucket-owner-full-control} only, and PutBucketAcl/PutObjectAcl always fail, {@code private} included, with
 * {@code AccessControlListNotSupported}). Also the bucket policy checks done when it is put: {@code NotPrincipal}
 * with {@code Allow} is refused as malformed.
 */
class S3AclGuardsIT {

    private static final String OTHER = "111111111111";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true).credentials(OTHER, "test"));

    private final S3Client owner = gureum.configure(S3Client.builder()).build();
    private final S3Client other = gureum.configure(S3Client.builder(), OTHER).build();

    private static void assertS3Error(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    private void blockPublicAcls(String bucket) {
        owner.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        owner.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true).ignorePublicAcls(false).blockPublicPolicy(false).restrictPublicBuckets(false)));
    }

    @Test
    void blockPublicAclsRefusesPublicBucketAndObjectAcls() {
        blockPublicAcls("block-acls");
        for (String canned : new String[] {"public-read", "public-read-write", "authenticated-read"}) {
            assertS3Error(() -> owner.putBucketAcl(b -> b.bucket("block-acls").acl(canned)), 403, "AccessDenied");
            assertS3Error(() -> owner.putObject(b -> b.bucket("block-acls").key(canned).acl(canned),
                    RequestBody.fromString("x")), 403, "AccessDenied");
        }
        assertS3Error(() -> owner.putBucketAcl(b -> b.bucket("block-acls")
                .grantRead("uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"")), 403, "AccessDenied");
        assertThat(owner.getBucketAcl(b -> b.bucket("block-acls")).grants()).hasSize(1);

        // private ACLs, and grants to accounts, are not public
        owner.putObject(b -> b.bucket("block-acls").key("private").acl("private"), RequestBody.fromString("x"));
        owner.putObject(b -> b.bucket("block-acls").key("granted").grantRead("id=" + canonicalId(OTHER)),
                RequestBody.fromString("x"));
        owner.putBucketAcl(b -> b.bucket("block-acls").acl("private"));

        assertS3Error(() -> owner.putObjectAcl(b -> b.bucket("block-acls").key("private").acl("public-read")),
                403, "AccessDenied");
        assertS3Error(() -> owner.copyObject(b -> b.sourceBucket("block-acls").sourceKey("private")
                .destinationBucket("block-acls").destinationKey("copy").acl("public-read")), 403, "AccessDenied");
        assertS3Error(() -> owner.createMultipartUpload(b -> b.bucket("block-acls").key("upload")
                .acl("authenticated-read")), 403, "AccessDenied");
        assertThat(owner.listObjectsV2(b -> b.bucket("block-acls")).contents())
                .extracting(o -> o.key()).containsExactly("granted", "private");

        // without the block, the same ACLs are set
        owner.deletePublicAccessBlock(b -> b.bucket("block-acls"));
        owner.putObjectAcl(b -> b.bucket("block-acls").key("private").acl("public-read"));
        assertThat(owner.getObjectAcl(b -> b.bucket("block-acls").key("private")).grants()).hasSize(2);
    }

    private String canonicalId(String account) {
        S3Client client = account.equals(OTHER) ? other : owner;
        return client.listBuckets().owner().id();
    }

    @Test
    void bucketOwnerEnforcedAcceptsNoAclOrTheBucketOwnersFullControlOnly() {
        owner.createBucket(b -> b.bucket("enforced"));
        owner.putObject(b -> b.bucket("enforced").key("plain"), RequestBody.fromString("x"));
        owner.putObject(b -> b.bucket("enforced").key("full").acl("bucket-owner-full-control"),
                RequestBody.fromString("x"));
        owner.createMultipartUpload(b -> b.bucket("enforced").key("upload").acl("bucket-owner-full-control"));

        // the bucket owner's private ACL is the bucket owner's full control; another account's is not
        owner.putObject(b -> b.bucket("enforced").key("owners-private").acl("private"), RequestBody.fromString("x"));
        owner.putBucketPolicy(b -> b.bucket("enforced").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                 "Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::enforced/*"}]}""".formatted(OTHER)));
        assertS3Error(() -> other.putObject(b -> b.bucket("enforced").key("private").acl("private"),
                RequestBody.fromString("x")), 400, "AccessControlListNotSupported");
        assertS3Error(() -> other.createMultipartUpload(b -> b.bucket("enforced").key("private").acl("private")),
                400, "AccessControlListNotSupported");
        assertS3Error(() -> other.copyObject(b -> b.sourceBucket("enforced").sourceKey("plain")
                .destinationBucket("enforced").destinationKey("private").acl("private")),
                400, "AccessControlListNotSupported");
        other.putObject(b -> b.bucket("enforced").key("others-full").acl("bucket-owner-full-control"),
                RequestBody.fromString("x"));
        assertS3Error(() -> owner.putBucketAcl(b -> b.bucket("enforced").acl("private")),
                400, "AccessControlListNotSupported");
        assertS3Error(() -> owner.putObjectAcl(b -> b.bucket("enforced").key("plain").acl("private")),
                400, "AccessControlListNotSupported");
        assertS3Error(() -> owner.putObjectAcl(b -> b.bucket("enforced").key("plain").acl("bucket-owner-full-control")),
                400, "AccessControlListNotSupported");
        // reading ACLs still works
        assertThat(owner.getBucketAcl(b -> b.bucket("enforced")).grants()).hasSize(1);
        assertThat(owner.getObjectAcl(b -> b.bucket("enforced").key("plain")).grants()).hasSize(1);
    }

    @Test
    void aBucketWhoseAclGrantsOthersCannotEnforceOwnershipUntilItIsPrivate() {
        owner.createBucket(b -> b.bucket("granting").objectOwnership(ObjectOwnership.OBJECT_WRITER).acl("public-read"));
        assertS3Error(() -> owner.putBucketOwnershipControls(b -> b.bucket("granting").ownershipControls(o -> o
                .rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)))),
                400, "InvalidBucketAclWithObjectOwnership");
        owner.putBucketAcl(b -> b.bucket("granting").acl("private"));
        owner.putBucketOwnershipControls(b -> b.bucket("granting").ownershipControls(o -> o
                .rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        assertThat(owner.getBucketOwnershipControls(b -> b.bucket("granting")).ownershipControls().rules().get(0)
                .objectOwnership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    }

    @Test
    void withOwnershipEnforcedTheBucketOwnerOwnsAnotherAccountsUploads() {
        owner.createBucket(b -> b.bucket("uploads-enforced"));
        owner.putBucketPolicy(b -> b.bucket("uploads-enforced").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                 "Action":["s3:PutObject","s3:ListMultipartUploadParts","s3:ListBucketMultipartUploads"],
                 "Resource":["arn:aws:s3:::uploads-enforced","arn:aws:s3:::uploads-enforced/*"]}]}"""
                .formatted(OTHER)));
        String uploadId = other.createMultipartUpload(b -> b.bucket("uploads-enforced").key("k")).uploadId();
        String ownerId = canonicalId("000000000000");
        String otherId = canonicalId(OTHER);

        var parts = other.listParts(b -> b.bucket("uploads-enforced").key("k").uploadId(uploadId));
        assertThat(parts.owner().id()).isEqualTo(ownerId);
        assertThat(parts.initiator().id()).isEqualTo(otherId);
        var upload = other.listMultipartUploads(b -> b.bucket("uploads-enforced")).uploads().get(0);
        assertThat(upload.owner().id()).isEqualTo(ownerId);
        assertThat(upload.initiator().id()).isEqualTo(otherId);
    }

    @Test
    void notPrincipalWithAllowIsAMalformedPolicy() {
        owner.createBucket(b -> b.bucket("not-principal"));
        String statement = """
                {"Version":"2012-10-17","Statement":[{"Effect":"%s","NotPrincipal":{"AWS":"arn:aws:iam::%s:root"},
                 "Action":"s3:ListBucket","Resource":"arn:aws:s3:::not-principal"}]}""";
        assertThatThrownBy(() -> owner.putBucketPolicy(b -> b.bucket("not-principal")
                .policy(statement.formatted("Allow", OTHER))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("NotPrincipal must be used with Effect Deny");
                });
        // with Deny it is what NotPrincipal is for
        owner.putBucketPolicy(b -> b.bucket("not-principal").policy(statement.formatted("Deny", OTHER)));
        assertThat(owner.getBucketPolicy(b -> b.bucket("not-principal")).policy()).contains("NotPrincipal");
    }

    @Test
    void aSingleStatementObjectIsCheckedToo() {
        owner.createBucket(b -> b.bucket("single-statement"));
        String single = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"%s"},
                 "Action":"s3:ListBucket","Resource":"arn:aws:s3:::single-statement"}}""".formatted(OTHER);
        assertS3Error(() -> owner.putBucketPolicy(b -> b.bucket("single-statement").policy(single)),
                400, "MalformedPolicy");
        assertS3Error(() -> owner.getBucketPolicy(b -> b.bucket("single-statement")), 404, "NoSuchBucketPolicy");
    }

    private static final String SSE_C_KEY = "pO3upElrwuEXSoFwCfnZPdSsmt/xWeFa0N9KgDijwVs=";
    private static final String SSE_C_KEY_MD5 = "DWygnHRtgiJ77HCm+1rvHw==";

    @Test
    void aBucketPolicyCanRequireTheSseCustomerAlgorithm() {
        owner.createBucket(b -> b.bucket("sse-c-only"));
        owner.putBucketPolicy(b -> b.bucket("sse-c-only").policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::sse-c-only/*",
                  "Condition":{"Null":{"s3:x-amz-server-side-encryption-customer-algorithm":"true"}}},
                 {"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::sse-c-only/*",
                  "Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption-customer-algorithm":"AES256"}}}]}"""));
        assertS3Error(() -> owner.putObject(b -> b.bucket("sse-c-only").key("plain"), RequestBody.fromString("x")),
                403, "AccessDenied");
        owner.putObject(b -> b.bucket("sse-c-only").key("sealed").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(SSE_C_KEY).sseCustomerKeyMD5(SSE_C_KEY_MD5), RequestBody.fromString("x"));
        assertThat(owner.headObject(b -> b.bucket("sse-c-only").key("sealed").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(SSE_C_KEY).sseCustomerKeyMD5(SSE_C_KEY_MD5)).sseCustomerAlgorithm()).isEqualTo("AES256");
    }

    @Test
    void aBucketPolicyCanRefuseAKmsKey() {
        owner.createBucket(b -> b.bucket("kms-key-refused"));
        String key = "arn:aws:kms:us-east-1:000000000000:key/refused";
        owner.putBucketPolicy(b -> b.bucket("kms-key-refused").policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::kms-key-refused/*",
                  "Condition":{"StringEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"%s"}}}]}"""
                .formatted(key)));
        assertS3Error(() -> owner.putObject(b -> b.bucket("kms-key-refused").key("refused")
                .serverSideEncryption("aws:kms").ssekmsKeyId(key), RequestBody.fromString("x")), 403, "AccessDenied");
        owner.putObject(b -> b.bucket("kms-key-refused").key("plain"), RequestBody.fromString("x"));
    }
}
