package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Buckets themselves: naming, regions, ownership across accounts, listing, deletion, versioning. */
class BucketIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static S3Client euWest1;
    private static S3Client otherAccount;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        euWest1 = S3Clients.client(server, "eu-west-1", "test");
        otherAccount = S3Clients.client(server, "us-east-1", S3Clients.OTHER_ACCOUNT);
    }

    @AfterAll
    static void stop() {
        s3.close();
        euWest1.close();
        otherAccount.close();
        server.close();
    }

    @Test
    void createHeadAndDelete() {
        String name = bucketName("life");
        CreateBucketResponse created = s3.createBucket(b -> b.bucket(name));
        assertThat(created.location()).isEqualTo("/" + name);

        HeadBucketResponse head = s3.headBucket(b -> b.bucket(name));
        assertThat(head.bucketRegion()).isEqualTo("us-east-1");
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains(name);

        s3.deleteBucket(b -> b.bucket(name));
        assertS3Error(() -> s3.headBucket(b -> b.bucket(name)), 404, null);
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(name);
        S3Exception e = assertS3Error(() -> s3.deleteBucket(b -> b.bucket(name)), 404, "NoSuchBucket");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist");
    }

    @Test
    void invalidBucketNamesAreRefused() throws Exception {
        for (String name : List.of("ab", "a".repeat(64), "Upper-Case", "under_score", "192.168.5.4", "double..dot",
                "-leading-dash", "trailing-dash-", "dot.-dash", "xn--punycode", "bucket-s3alias", "sthree-bucket")) {
            HttpResponse<String> response = RawS3.sendText(server.endpoint(), "PUT", "/" + name,
                    Map.of("Authorization", RawS3.AUTH), null);
            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(response.body()).as(name).contains("<Code>InvalidBucketName</Code>")
                    .contains("<Message>The specified bucket is not valid.</Message>")
                    .contains("<BucketName>" + name + "</BucketName>");
        }
        assertS3Error(() -> s3.createBucket(b -> b.bucket("xn--sdk-passes-this")), 400, "InvalidBucketName");
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("xn--sdk-passes-this", "ab");
    }

    @Test
    void bucketInAnotherRegionThroughAClientThere() {
        String name = bucketName("eu");
        // the SDK adds the LocationConstraint of the client's region
        euWest1.createBucket(b -> b.bucket(name));
        assertThat(euWest1.headBucket(b -> b.bucket(name)).bucketRegion()).isEqualTo("eu-west-1");
        assertThat(euWest1.getBucketLocation(b -> b.bucket(name)).locationConstraint())
                .isEqualTo(BucketLocationConstraint.EU_WEST_1);
        Bucket listed = s3.listBuckets().buckets().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
        assertThat(listed.bucketRegion()).isEqualTo("eu-west-1");
        assertS3Error(() -> s3.getBucketLocation(b -> b.bucket(bucketName("none-such"))), 404, "NoSuchBucket");
    }

    @Test
    void usEast1IsTheEmptyLocationConstraint() {
        String name = bucketName("use1");
        s3.createBucket(b -> b.bucket(name));
        assertThat(s3.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString()).isNullOrEmpty();
    }

    @Test
    void locationConstraintMustMatchTheRegionOfTheEndpoint() throws Exception {
        String name = bucketName("mismatch");
        S3Exception e = assertS3Error(() -> euWest1.createBucket(b -> b.bucket(name)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.US_WEST_2))),
                400, "IllegalLocationConstraintException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The us-west-2 location constraint is incompatible "
                + "for the region specific endpoint this request was sent to.");

        // no constraint at all, sent to a regional endpoint (the SDK would add one: send it by hand)
        HttpResponse<String> raw = RawS3.sendText(server.endpoint(), "PUT", "/" + name, Map.of("Authorization",
                RawS3.AUTH.replace("us-east-1", "eu-west-1")), null);
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.body()).contains("<Code>IllegalLocationConstraintException</Code>")
                .contains("The unspecified location constraint is incompatible for the region specific endpoint "
                        + "this request was sent to.");

        // us-east-1 is never named as a constraint
        S3Exception named = assertS3Error(() -> s3.createBucket(b -> b.bucket(name)
                .createBucketConfiguration(c -> c.locationConstraint("us-east-1"))), 400, "InvalidLocationConstraint");
        assertThat(named.awsErrorDetails().errorMessage()).isEqualTo("The specified location-constraint is not valid");
        assertS3Error(() -> s3.headBucket(b -> b.bucket(name)), 404, null);
    }

    @Test
    void theUsEast1EndpointCreatesBucketsInAnyRegion() {
        String name = bucketName("global");
        s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint("ap-northeast-2")));
        assertThat(s3.headBucket(b -> b.bucket(name)).bucketRegion()).isEqualTo("ap-northeast-2");
    }

    @Test
    void bucketNamesAreGlobalAcrossAccounts() {
        String name = bucketName("taken");
        s3.createBucket(b -> b.bucket(name));
        S3Exception e = assertS3Error(() -> otherAccount.createBucket(b -> b.bucket(name)), 409, "BucketAlreadyExists");
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("The requested bucket name is not available.");
        assertThat(otherAccount.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(name);
    }

    @Test
    void recreatingYourOwnBucket() {
        String east = bucketName("again");
        s3.createBucket(b -> b.bucket(east));
        // us-east-1 answers 200 to its owner, for legacy clients
        s3.createBucket(b -> b.bucket(east));

        String west = bucketName("again-eu");
        euWest1.createBucket(b -> b.bucket(west));
        S3Exception e = assertS3Error(() -> euWest1.createBucket(b -> b.bucket(west)), 409, "BucketAlreadyOwnedByYou");
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Your previous request to create the named bucket succeeded and you already own it.");
    }

    @Test
    void aBucketWithObjectsCannotBeDeleted() {
        String name = bucketName("full");
        s3.createBucket(b -> b.bucket(name));
        s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString("x"));
        S3Exception e = assertS3Error(() -> s3.deleteBucket(b -> b.bucket(name)), 409, "BucketNotEmpty");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The bucket you tried to delete is not empty");
        s3.deleteObject(b -> b.bucket(name).key("k"));
        s3.deleteBucket(b -> b.bucket(name));
        assertS3Error(() -> s3.headBucket(b -> b.bucket(name)), 404, null);
    }

    @Test
    void aVersionedBucketWithOnlyDeleteMarkersIsNotEmpty() {
        String name = bucketName("markers");
        s3.createBucket(b -> b.bucket(name));
        s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString("x"));
        s3.deleteObject(b -> b.bucket(name).key("k"));
        assertS3Error(() -> s3.deleteBucket(b -> b.bucket(name)), 409, "BucketNotEmpty");
    }

    @Test
    void listBucketsPagesWithPrefixAndMaxBuckets() {
        String prefix = bucketName("page") + "-";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = prefix + i;
            names.add(name);
            s3.createBucket(b -> b.bucket(name));
        }
        otherAccount.createBucket(b -> b.bucket(prefix + "other"));

        ListBucketsResponse first = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2));
        assertThat(first.buckets()).extracting(Bucket::name).containsExactly(names.get(0), names.get(1));
        assertThat(first.prefix()).isEqualTo(prefix);
        assertThat(first.continuationToken()).isNotEmpty();
        ListBucketsResponse second = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2)
                .continuationToken(first.continuationToken()));
        assertThat(second.buckets()).extracting(Bucket::name).containsExactly(names.get(2), names.get(3));
        ListBucketsResponse last = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2)
                .continuationToken(second.continuationToken()));
        assertThat(last.buckets()).extracting(Bucket::name).containsExactly(names.get(4));
        assertThat(last.continuationToken()).isNull();

        List<String> paged = new ArrayList<>();
        s3.listBucketsPaginator(b -> b.prefix(prefix).maxBuckets(1)).buckets().forEach(b -> paged.add(b.name()));
        assertThat(paged).containsExactlyElementsOf(names);

        assertThat(otherAccount.listBuckets(b -> b.prefix(prefix)).buckets()).extracting(Bucket::name)
                .containsExactly(prefix + "other");
        assertThat(s3.listBuckets().owner().id()).isNotEqualTo(otherAccount.listBuckets().owner().id());
    }

    @Test
    void versioningConfiguration() {
        String name = bucketName("versioning");
        s3.createBucket(b -> b.bucket(name));
        assertThat(s3.getBucketVersioning(b -> b.bucket(name)).status()).isNull();
        s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket(name)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket(name)).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
        assertS3Error(() -> s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status("On"))),
                400, "MalformedXML");
    }

    @Test
    void theExpectedBucketOwnerIsChecked() {
        String name = bucketName("expected");
        s3.createBucket(b -> b.bucket(name));
        s3.headBucket(b -> b.bucket(name).expectedBucketOwner("000000000000"));
        s3.putObject(b -> b.bucket(name).key("k").expectedBucketOwner("000000000000"), RequestBody.fromString("x"));
        assertS3Error(() -> s3.headBucket(b -> b.bucket(name).expectedBucketOwner(S3Clients.OTHER_ACCOUNT)), 403, null);
        assertS3Error(() -> s3.putObject(b -> b.bucket(name).key("k").expectedBucketOwner(S3Clients.OTHER_ACCOUNT),
                RequestBody.fromString("y")), 403, "AccessDenied");
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(name).sourceKey("k").destinationBucket(name)
                .destinationKey("copy").expectedSourceBucketOwner(S3Clients.OTHER_ACCOUNT)), 403, "AccessDenied");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(name).key("k")).asUtf8String()).isEqualTo("x");
    }

    @Test
    void otherAccountsCannotUseTheBucket() throws Exception {
        String name = bucketName("private");
        s3.createBucket(b -> b.bucket(name));
        s3.putObject(b -> b.bucket(name).key("secret"), RequestBody.fromString("mine"));

        S3Exception get = assertS3Error(() -> otherAccount.getObjectAsBytes(b -> b.bucket(name).key("secret")),
                403, "AccessDenied");
        assertThat(get.awsErrorDetails().errorMessage()).isEqualTo("Access Denied");
        assertS3Error(() -> otherAccount.listObjectsV2(b -> b.bucket(name)), 403, "AccessDenied");
        assertS3Error(() -> otherAccount.putObject(b -> b.bucket(name).key("intruder"), RequestBody.fromString("x")),
                403, "AccessDenied");
        assertS3Error(() -> otherAccount.deleteBucket(b -> b.bucket(name)), 403, "AccessDenied");
        assertS3Error(() -> otherAccount.headBucket(b -> b.bucket(name)), 403, null);
        assertS3Error(() -> otherAccount.copyObject(b -> b.sourceBucket(name).sourceKey("secret")
                .destinationBucket(name).destinationKey("copy")), 403, "AccessDenied");
        assertThat(s3.listObjectsV2(b -> b.bucket(name)).keyCount()).isEqualTo(1);

        // a bucket policy naming the other account opens it
        s3.putBucketPolicy(b -> b.bucket(name).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + S3Clients.OTHER_ACCOUNT + ":root\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + name + "/*\"}]}"));
        assertThat(otherAccount.getObjectAsBytes(b -> b.bucket(name).key("secret")).asString(StandardCharsets.UTF_8))
                .isEqualTo("mine");
    }
}
