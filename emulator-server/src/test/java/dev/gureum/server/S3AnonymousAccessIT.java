package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code --verify-signatures}, an unsigned S3 request is anonymous: it may do only what the
 * bucket's policy or the ACLs grant everyone, and a signed request of another account only what they
 * grant that account.
 */
class S3AnonymousAccessIT {

    private static final String OTHER = "111111111111";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true).credentials(OTHER, "test"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static S3Client owner;
    private static S3Client other;

    @BeforeAll
    static void clients() {
        owner = gureum.configure(S3Client.builder()).build();
        other = gureum.configure(S3Client.builder(), OTHER).build();
    }

    private static HttpResponse<String> unsigned(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gureum.endpoint().resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAccessDenied(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>").contains("<Message>Access Denied</Message>");
    }

    @Test
    void unsignedRequestsCannotReadWriteDeleteOrListAPrivateBucket() throws Exception {
        owner.createBucket(b -> b.bucket("private-anon"));
        owner.putObject(b -> b.bucket("private-anon").key("secret.txt"), RequestBody.fromString("mine"));

        assertAccessDenied(unsigned("GET", "/private-anon/secret.txt", null));
        assertAccessDenied(unsigned("GET", "/private-anon?list-type=2", null));
        assertAccessDenied(unsigned("PUT", "/private-anon/secret.txt", "overwritten"));
        assertAccessDenied(unsigned("DELETE", "/private-anon/secret.txt", null));
        assertAccessDenied(unsigned("PUT", "/private-anon?policy", "{\"Statement\":[]}"));
        assertAccessDenied(unsigned("GET", "/", null));
        assertAccessDenied(unsigned("PUT", "/anon-created", null));

        assertThat(owner.getObjectAsBytes(b -> b.bucket("private-anon").key("secret.txt")).asUtf8String()).isEqualTo("mine");
        assertThatThrownBy(() -> owner.headBucket(b -> b.bucket("anon-created")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        // a bucket that does not exist is reported as such, as S3 does
        assertThat(unsigned("GET", "/no-such-bucket-anon/k", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aclsGrantingAllUsersOpenExactlyWhatTheyGrant() throws Exception {
        owner.createBucket(b -> b.bucket("acl-anon").objectOwnership("BucketOwnerPreferred"));
        owner.putObject(b -> b.bucket("acl-anon").key("public.txt").acl("public-read"), RequestBody.fromString("hello"));
        owner.putObject(b -> b.bucket("acl-anon").key("granted.txt")
                .grantRead("uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""), RequestBody.fromString("granted"));
        owner.putObject(b -> b.bucket("acl-anon").key("private.txt"), RequestBody.fromString("private"));

        HttpResponse<String> read = unsigned("GET", "/acl-anon/public.txt", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("hello");
        assertThat(unsigned("GET", "/acl-anon/granted.txt", null).body()).isEqualTo("granted");
        assertAccessDenied(unsigned("GET", "/acl-anon/private.txt", null));
        assertAccessDenied(unsigned("PUT", "/acl-anon/public.txt", "overwritten"));
        assertAccessDenied(unsigned("GET", "/acl-anon?list-type=2", null));
        // taking the grant back closes the object again
        owner.putObjectAcl(b -> b.bucket("acl-anon").key("public.txt").acl("private"));
        assertAccessDenied(unsigned("GET", "/acl-anon/public.txt", null));

        owner.createBucket(b -> b.bucket("acl-anon-rw").objectOwnership("ObjectWriter").acl("public-read-write"));
        assertThat(unsigned("PUT", "/acl-anon-rw/dropbox.txt", "dropped").statusCode()).isEqualTo(200);
        assertThat(unsigned("GET", "/acl-anon-rw?list-type=2", null).body()).contains("<Key>dropbox.txt</Key>");
        // who may list the bucket learns that a key is missing; who may not gets 403 (above)
        assertThat(unsigned("GET", "/acl-anon-rw/missing.txt", null).statusCode()).isEqualTo(404);
        assertAccessDenied(unsigned("GET", "/acl-anon/missing.txt", null));
        assertThat(owner.getObjectAsBytes(b -> b.bucket("acl-anon-rw").key("dropbox.txt")).asUtf8String())
                .isEqualTo("dropped");
        // the bucket's public-read-write does not open its ACL or policy
        assertAccessDenied(unsigned("GET", "/acl-anon-rw?acl", null));
    }

    @Test
    void aBucketPolicyAllowsAnonymousReadsAndItsDenyWins() throws Exception {
        owner.createBucket(b -> b.bucket("policy-anon"));
        for (String key : new String[] {"public/a.txt", "public/secret.txt", "private/b.txt"}) {
            owner.putObject(b -> b.bucket("policy-anon").key(key), RequestBody.fromString(key));
        }
        owner.putBucketPolicy(b -> b.bucket("policy-anon").policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::policy-anon/public/*"},
                 {"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::policy-anon/public/secret*"}
                ]}"""));

        assertThat(unsigned("GET", "/policy-anon/public/a.txt", null).body()).isEqualTo("public/a.txt");
        assertAccessDenied(unsigned("GET", "/policy-anon/public/secret.txt", null));
        assertAccessDenied(unsigned("GET", "/policy-anon/private/b.txt", null));
        assertAccessDenied(unsigned("DELETE", "/policy-anon/public/a.txt", null));
        // an explicit Deny binds the owner too
        assertThatThrownBy(() -> owner.getObject(b -> b.bucket("policy-anon").key("public/secret.txt")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
    }

    @Test
    void aPublicAccessBlockClosesPublicPoliciesAndAcls() throws Exception {
        owner.createBucket(b -> b.bucket("blocked-anon").objectOwnership("BucketOwnerPreferred"));
        owner.putObject(b -> b.bucket("blocked-anon").key("acl.txt").acl("public-read"), RequestBody.fromString("a"));
        owner.putObject(b -> b.bucket("blocked-anon").key("policy.txt"), RequestBody.fromString("p"));
        owner.putBucketPolicy(b -> b.bucket("blocked-anon").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::blocked-anon/policy.txt"}]}"""));
        assertThat(unsigned("GET", "/blocked-anon/acl.txt", null).statusCode()).isEqualTo(200);
        assertThat(unsigned("GET", "/blocked-anon/policy.txt", null).statusCode()).isEqualTo(200);

        owner.putPublicAccessBlock(b -> b.bucket("blocked-anon").publicAccessBlockConfiguration(c -> c
                .ignorePublicAcls(true).restrictPublicBuckets(true)));
        assertAccessDenied(unsigned("GET", "/blocked-anon/acl.txt", null));
        assertAccessDenied(unsigned("GET", "/blocked-anon/policy.txt", null));
        assertThat(owner.getObjectAsBytes(b -> b.bucket("blocked-anon").key("policy.txt")).asUtf8String()).isEqualTo("p");
    }

    @Test
    void anotherAccountGetsOnlyWhatThePolicyGrantsIt() {
        owner.createBucket(b -> b.bucket("cross-account"));
        owner.putObject(b -> b.bucket("cross-account").key("report.csv"), RequestBody.fromString("1,2"));
        assertThatThrownBy(() -> other.getObject(b -> b.bucket("cross-account").key("report.csv")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("AccessDenied"));
        // naming the account somewhere in the text is not a grant: only a statement that matches is
        owner.putBucketPolicy(b -> b.bucket("cross-account").policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"NotFor111111111111","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                  "Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account/*"}]}"""));
        assertThatThrownBy(() -> other.getObject(b -> b.bucket("cross-account").key("report.csv")))
                .isInstanceOf(S3Exception.class);

        owner.putBucketPolicy(b -> b.bucket("cross-account").policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject",
                  "Resource":"arn:aws:s3:::cross-account/*"}]}"""));
        assertThat(other.getObjectAsBytes(b -> b.bucket("cross-account").key("report.csv")).asUtf8String())
                .isEqualTo("1,2");
        assertThatThrownBy(() -> other.putObject(b -> b.bucket("cross-account").key("report.csv"),
                RequestBody.fromString("changed"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> other.listObjectsV2(b -> b.bucket("cross-account")))
                .isInstanceOf(S3Exception.class);
    }

    @Test
    void signedRequestsOfTheOwnerStillWork() {
        owner.createBucket(b -> b.bucket("owner-works"));
        owner.putObject(b -> b.bucket("owner-works").key("k"), RequestBody.fromString("v"));
        assertThat(owner.listObjectsV2(b -> b.bucket("owner-works")).contents()).hasSize(1);
        assertThat(owner.listBuckets().buckets()).anyMatch(x -> x.name().equals("owner-works"));
        owner.deleteObject(b -> b.bucket("owner-works").key("k"));
        owner.deleteBucket(b -> b.bucket("owner-works"));
    }
}
