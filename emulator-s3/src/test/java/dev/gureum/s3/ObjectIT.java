package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static dev.gureum.s3.S3Clients.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

/** Single objects: keys, metadata, integrity, ranges, conditions, deletion, copies, attributes and tags. */
class ObjectIT {

    /** Keys a URL can mangle, each of which must come back exactly as it was written. */
    static final List<String> AWKWARD_KEYS = List.of("with space.txt", "plus+sign", "percent%literal", "100%25",
            "question?mark", "amp&ersand=eq", "hash#tag", "한국어/파일 이름.txt", "double//slash", "trailing/",
            "/leading-slash", "semi;colon,comma", "tilde~star*paren()", "quote'dq\"", "brackets[]{}<>", "caret^pipe|",
            "back\\slash", "emoji😀", "dot/./segments/../x", "tab\tand\u007fdel");

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static MutableClock clock;
    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        server = new EmbeddedFrontEnd(clock, new S3Module());
        s3 = S3Clients.client(server);
        bucket = bucketName("objects");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static String text(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    @Test
    void awkwardKeysRoundTrip() {
        String prefix = "awkward/";
        for (String key : AWKWARD_KEYS) {
            s3.putObject(b -> b.bucket(bucket).key(prefix + key), RequestBody.fromString("body of " + key));
        }
        for (String key : AWKWARD_KEYS) {
            assertThat(text(prefix + key)).as(key).isEqualTo("body of " + key);
            assertThat(s3.headObject(b -> b.bucket(bucket).key(prefix + key)).contentLength()).as(key)
                    .isEqualTo(("body of " + key).getBytes(StandardCharsets.UTF_8).length);
        }
        List<String> expected = AWKWARD_KEYS.stream().map(k -> prefix + k).sorted(S3Clients::compareUtf8).toList();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents()).extracting(S3Object::key)
                .containsExactlyElementsOf(expected);
        // the SDK asks for url encoding and decodes the answer
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).encodingType(EncodingType.URL)).contents())
                .extracting(S3Object::key).containsExactlyElementsOf(expected);
        assertThat(s3.listObjects(b -> b.bucket(bucket).prefix(prefix).encodingType(EncodingType.URL)).contents())
                .extracting(S3Object::key).containsExactlyElementsOf(expected);
        assertThat(s3.listObjects(b -> b.bucket(bucket).prefix(prefix)).contents())
                .extracting(S3Object::key).containsExactlyElementsOf(expected);

        for (String key : AWKWARD_KEYS) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(prefix + key).destinationBucket(bucket)
                    .destinationKey("copied/" + key));
            assertThat(text("copied/" + key)).as(key).isEqualTo("body of " + key);
        }
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(AWKWARD_KEYS.stream()
                .map(k -> ObjectIdentifier.builder().key(prefix + k).build()).toList())));
        for (String key : AWKWARD_KEYS) {
            s3.deleteObject(b -> b.bucket(bucket).key("copied/" + key));
        }
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("copied/")).contents()).isEmpty();
    }

    @Test
    void urlEncodedListingEncodesKeysOnTheWire() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("wire/a b+c%d&é"), RequestBody.fromString("x"));
        HttpResponse<String> raw = RawS3.sendText(server.endpoint(), "GET",
                "/" + bucket + "?list-type=2&prefix=wire%2F&encoding-type=url", Map.of(), null);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).contains("<Key>wire/a%20b%2Bc%25d%26%C3%A9</Key>").contains("<EncodingType>url</EncodingType>")
                .contains("<Prefix>wire/</Prefix>");
    }

    @Test
    void keysLongerThan1024BytesAreRefused() {
        String key = "가".repeat(342);
        S3Exception e = assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x")),
                400, "KeyTooLongError");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Your key is too long");
        String longest = "k".repeat(1024);
        s3.putObject(b -> b.bucket(bucket).key(longest), RequestBody.fromString("x"));
        assertThat(text(longest)).isEqualTo("x");
    }

    @Test
    void metadataAndContentHeaders() throws Exception {
        Instant written = clock.instant();
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("meta.json")
                .contentType("application/json; charset=utf-8").cacheControl("max-age=60")
                .contentDisposition("attachment; filename=\"report.json\"").contentLanguage("ko-KR")
                .contentEncoding("identity").expires(expires).websiteRedirectLocation("/other")
                .metadata(Map.of("Owner", "kim", "project-id", "42")), RequestBody.fromString("{}"));
        assertThat(put.eTag()).isEqualTo("\"" + md5Hex("{}".getBytes(StandardCharsets.UTF_8)) + "\"");

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("meta.json"));
        assertThat(head.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"report.json\"");
        assertThat(head.contentLanguage()).isEqualTo("ko-KR");
        assertThat(head.contentEncoding()).isEqualTo("identity");
        assertThat(head.expires()).isEqualTo(expires);
        assertThat(head.websiteRedirectLocation()).isEqualTo("/other");
        assertThat(head.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("owner", "kim", "project-id", "42"));
        assertThat(head.eTag()).isEqualTo(put.eTag());
        assertThat(head.contentLength()).isEqualTo(2);
        assertThat(head.lastModified()).isEqualTo(written.truncatedTo(ChronoUnit.SECONDS));
        assertThat(head.acceptRanges()).isEqualTo("bytes");

        ResponseBytes<GetObjectResponse> get = s3.getObjectAsBytes(b -> b.bucket(bucket).key("meta.json"));
        assertThat(get.response().metadata()).containsEntry("owner", "kim");
        assertThat(get.response().contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(get.asUtf8String()).isEqualTo("{}");

        // the SDK always names a type: without one, S3 stores binary/octet-stream
        assertThat(RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/untyped", Map.of(), new byte[] {1, 2, 3})
                .statusCode()).isEqualTo(200);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("untyped")).contentType()).isEqualTo("binary/octet-stream");
    }

    @Test
    void metadataLargerThan2KbIsRefused() {
        S3Exception e = assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("fat-meta")
                .metadata(Map.of("big", "v".repeat(2100))), RequestBody.fromString("x")), 400, "MetadataTooLarge");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Your metadata headers exceed the maximum allowed metadata size.");
    }

    @Test
    void emptyObject() {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        assertThat(put.eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
        ResponseBytes<GetObjectResponse> get = s3.getObjectAsBytes(b -> b.bucket(bucket).key("empty"));
        assertThat(get.asByteArray()).isEmpty();
        assertThat(get.response().contentLength()).isZero();
    }

    @Test
    void contentMd5IsChecked() {
        byte[] body = "checked".getBytes(StandardCharsets.UTF_8);
        String md5 = java.util.Base64.getEncoder().encodeToString(S3Clients.digest("MD5", body));
        s3.putObject(b -> b.bucket(bucket).key("md5").contentMD5(md5), RequestBody.fromBytes(body));
        assertThat(text("md5")).isEqualTo("checked");

        String wrong = java.util.Base64.getEncoder().encodeToString(S3Clients.digest("MD5", "other".getBytes()));
        S3Exception e = assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("md5").contentMD5(wrong),
                RequestBody.fromString("tampered")), 400, "BadDigest");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The Content-MD5 you specified did not match what we received.");
        assertThat(text("md5")).isEqualTo("checked");

        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("md5").contentMD5("bm90LW1kNQ=="),
                RequestBody.fromString("x")), 400, "InvalidDigest");
    }

    @Test
    void ranges() {
        String digits = "0123456789".repeat(10);
        s3.putObject(b -> b.bucket(bucket).key("digits"), RequestBody.fromString(digits));

        ResponseBytes<GetObjectResponse> first = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=0-9"));
        assertThat(first.asUtf8String()).isEqualTo("0123456789");
        assertThat(first.response().contentRange()).isEqualTo("bytes 0-9/100");
        assertThat(first.response().contentLength()).isEqualTo(10);
        assertThat(first.response().sdkHttpResponse().statusCode()).isEqualTo(206);

        ResponseBytes<GetObjectResponse> from = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=93-"));
        assertThat(from.asUtf8String()).isEqualTo("3456789");
        assertThat(from.response().contentRange()).isEqualTo("bytes 93-99/100");

        ResponseBytes<GetObjectResponse> suffix = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=-4"));
        assertThat(suffix.asUtf8String()).isEqualTo("6789");
        assertThat(suffix.response().contentRange()).isEqualTo("bytes 96-99/100");

        ResponseBytes<GetObjectResponse> beyond = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=95-500"));
        assertThat(beyond.asUtf8String()).isEqualTo("56789");

        ResponseBytes<GetObjectResponse> longSuffix = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits")
                .range("bytes=-500"));
        assertThat(longSuffix.asUtf8String()).isEqualTo(digits);
        assertThat(longSuffix.response().contentRange()).isEqualTo("bytes 0-99/100");

        S3Exception e = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=100-")),
                416, "InvalidRange");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The requested range is not satisfiable");

        // several ranges or another unit: S3 serves the whole object
        ResponseBytes<GetObjectResponse> many = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits")
                .range("bytes=0-1,5-6"));
        assertThat(many.asUtf8String()).isEqualTo(digits);
        assertThat(many.response().sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void rangeOfAnEmptyObject() {
        s3.putObject(b -> b.bucket(bucket).key("nothing"), RequestBody.empty());
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("nothing").range("bytes=0-")), 416, "InvalidRange");
    }

    @Test
    void conditionalReads() {
        clock.set(START.plus(Duration.ofHours(1)));
        String etag = s3.putObject(b -> b.bucket(bucket).key("conditional"), RequestBody.fromString("v1")).eTag();
        Instant written = clock.instant();
        clock.set(START.plus(Duration.ofHours(2)));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional").ifMatch(etag)).asUtf8String()).isEqualTo("v1");
        S3Exception failed = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional")
                .ifMatch("\"0123456789abcdef0123456789abcdef\"")), 412, "PreconditionFailed");
        assertThat(failed.awsErrorDetails().errorMessage()).isEqualTo("At least one of the pre-conditions you specified did not hold");

        S3Exception notModified = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional")
                .ifNoneMatch(etag)), 304, null);
        assertThat(notModified.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("ETag")).hasValue(etag);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional").ifNoneMatch("\"other\"")).asUtf8String())
                .isEqualTo("v1");

        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional").ifModifiedSince(written)), 304, null);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional")
                .ifModifiedSince(written.minusSeconds(1))).asUtf8String()).isEqualTo("v1");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional")
                .ifUnmodifiedSince(written)).asUtf8String()).isEqualTo("v1");
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional")
                .ifUnmodifiedSince(written.minusSeconds(1))), 412, "PreconditionFailed");
        // If-Match that holds wins over If-Unmodified-Since that does not, as in RFC 9110
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional").ifMatch(etag)
                .ifUnmodifiedSince(written.minusSeconds(1))).asUtf8String()).isEqualTo("v1");
        // and If-None-Match that fails wins over If-Modified-Since
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional").ifNoneMatch("\"other\"")
                .ifModifiedSince(written.plusSeconds(60))).asUtf8String()).isEqualTo("v1");

        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("conditional").ifNoneMatch(etag)), 304, null);
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("conditional").ifMatch("\"nope\"")), 412, null);
    }

    @Test
    void conditionalWrites() {
        s3.putObject(b -> b.bucket(bucket).key("create-once").ifNoneMatch("*"), RequestBody.fromString("first"));
        S3Exception e = assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("create-once").ifNoneMatch("*"),
                RequestBody.fromString("second")), 412, "PreconditionFailed");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("At least one of the pre-conditions you specified did not hold");
        assertThat(text("create-once")).isEqualTo("first");

        String etag = s3.headObject(b -> b.bucket(bucket).key("create-once")).eTag();
        s3.putObject(b -> b.bucket(bucket).key("create-once").ifMatch(etag), RequestBody.fromString("replaced"));
        assertThat(text("create-once")).isEqualTo("replaced");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("create-once").ifMatch(etag),
                RequestBody.fromString("stale")), 412, "PreconditionFailed");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("never-written").ifMatch(etag),
                RequestBody.fromString("x")), 404, "NoSuchKey");
        assertThat(text("create-once")).isEqualTo("replaced");
    }

    @Test
    void responseHeaderOverrides() {
        s3.putObject(b -> b.bucket(bucket).key("override.bin").contentType("application/octet-stream"),
                RequestBody.fromString("data"));
        GetObjectResponse r = s3.getObjectAsBytes(b -> b.bucket(bucket).key("override.bin")
                .responseContentType("text/plain; charset=utf-8")
                .responseContentDisposition("attachment; filename=\"download.txt\"")
                .responseCacheControl("no-cache").responseContentLanguage("en")
                .responseContentEncoding("identity").responseExpires(Instant.parse("2031-02-03T04:05:06Z"))).response();
        assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.contentDisposition()).isEqualTo("attachment; filename=\"download.txt\"");
        assertThat(r.cacheControl()).isEqualTo("no-cache");
        assertThat(r.contentLanguage()).isEqualTo("en");
        assertThat(r.contentEncoding()).isEqualTo("identity");
        assertThat(r.expires()).isEqualTo(Instant.parse("2031-02-03T04:05:06Z"));
        // the stored object is unchanged
        assertThat(s3.headObject(b -> b.bucket(bucket).key("override.bin")).contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void partNumberOfASinglePartObject() {
        s3.putObject(b -> b.bucket(bucket).key("single"), RequestBody.fromString("whole"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("single").partNumber(1)).asUtf8String()).isEqualTo("whole");
        S3Exception e = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("single").partNumber(2)),
                416, "InvalidPartNumber");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The requested partnumber is not satisfiable");
    }

    @Test
    void missingObjects() throws Exception {
        S3Exception e = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("no/such key")), 404, "NoSuchKey");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("no/such key")), 404, null);
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucketName("gone")).key("k")), 404, "NoSuchBucket");

        HttpResponse<byte[]> head = RawS3.send(server.endpoint(), "HEAD", "/" + bucket + "/no-such-key", Map.of(), null);
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();

        HttpResponse<String> get = RawS3.sendText(server.endpoint(), "GET", "/" + bucket + "/no-such-key", Map.of(), null);
        assertThat(get.body()).contains("<Code>NoSuchKey</Code>").contains("<Key>no-such-key</Key>");
        assertThat(get.headers().firstValue("x-amz-request-id")).isPresent();
        assertThat(get.headers().firstValue("x-amz-id-2")).isPresent();
    }

    @Test
    void deleteObjectAndObjects() {
        s3.putObject(b -> b.bucket(bucket).key("del/one"), RequestBody.fromString("1"));
        s3.deleteObject(b -> b.bucket(bucket).key("del/one"));
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("del/one")), 404, null);
        // deleting what is not there succeeds
        s3.deleteObject(b -> b.bucket(bucket).key("del/one"));

        for (String k : List.of("del/a", "del/b", "del/c")) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
        }
        DeleteObjectsResponse loud = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("del/a").build(), ObjectIdentifier.builder().key("del/missing").build())));
        assertThat(loud.deleted()).extracting(d -> d.key()).containsExactly("del/a", "del/missing");
        assertThat(loud.errors()).isEmpty();

        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true).objects(
                ObjectIdentifier.builder().key("del/b").build(), ObjectIdentifier.builder().key("del/c").build())));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(quiet.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("del/")).contents()).isEmpty();
    }

    @Test
    void copyObjectKeepsOrReplacesMetadata() {
        s3.putObject(b -> b.bucket(bucket).key("copy/source").contentType("text/plain").metadata(Map.of("a", "1"))
                .tagging("colour=blue"), RequestBody.fromString("copy me"));
        String sourceEtag = s3.headObject(b -> b.bucket(bucket).key("copy/source")).eTag();

        clock.advance(Duration.ofMinutes(5));
        CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/source")
                .destinationBucket(bucket).destinationKey("copy/kept"));
        assertThat(copied.copyObjectResult().eTag()).isEqualTo(sourceEtag);
        assertThat(copied.copyObjectResult().lastModified()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        HeadObjectResponse kept = s3.headObject(b -> b.bucket(bucket).key("copy/kept"));
        assertThat(kept.contentType()).isEqualTo("text/plain");
        assertThat(kept.metadata()).containsExactly(Map.entry("a", "1"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("copy/kept")).tagSet())
                .containsExactly(Tag.builder().key("colour").value("blue").build());
        assertThat(text("copy/kept")).isEqualTo("copy me");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/source").destinationBucket(bucket)
                .destinationKey("copy/replaced").metadataDirective(MetadataDirective.REPLACE)
                .contentType("text/markdown").metadata(Map.of("b", "2"))
                .taggingDirective(TaggingDirective.REPLACE).tagging("colour=red"));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket(bucket).key("copy/replaced"));
        assertThat(replaced.contentType()).isEqualTo("text/markdown");
        assertThat(replaced.metadata()).containsExactly(Map.entry("b", "2"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("copy/replaced")).tagSet())
                .containsExactly(Tag.builder().key("colour").value("red").build());

        // the source is unchanged, and a copy survives the deletion of its source
        s3.deleteObject(b -> b.bucket(bucket).key("copy/source"));
        assertThat(text("copy/kept")).isEqualTo("copy me");
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/source").destinationBucket(bucket)
                .destinationKey("copy/again")), 404, "NoSuchKey");
    }

    @Test
    void copyOntoItself() {
        s3.putObject(b -> b.bucket(bucket).key("self").contentType("text/plain").metadata(Map.of("v", "1")),
                RequestBody.fromString("same"));
        S3Exception e = assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("self")
                .destinationBucket(bucket).destinationKey("self")), 400, "InvalidRequest");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("This copy request is illegal because it is trying to "
                + "copy an object to itself without changing the object's metadata, storage class, website redirect "
                + "location or encryption attributes.");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("self").destinationBucket(bucket).destinationKey("self")
                .metadataDirective(MetadataDirective.REPLACE).contentType("text/html").metadata(Map.of("v", "2")));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("self"));
        assertThat(head.contentType()).isEqualTo("text/html");
        assertThat(head.metadata()).containsExactly(Map.entry("v", "2"));
        assertThat(text("self")).isEqualTo("same");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("self").destinationBucket(bucket).destinationKey("self")
                .storageClass(StorageClass.STANDARD_IA));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("self")).storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(text("self")).isEqualTo("same");
    }

    @Test
    void copySourceConditions() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("cond-src"), RequestBody.fromString("s")).eTag();
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cond-src").destinationBucket(bucket).destinationKey("cond-dst")
                .copySourceIfMatch(etag));
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cond-src").destinationBucket(bucket)
                .destinationKey("cond-dst").copySourceIfNoneMatch(etag)), 412, "PreconditionFailed");
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cond-src").destinationBucket(bucket)
                .destinationKey("cond-dst").copySourceIfMatch("\"bad\"")), 412, "PreconditionFailed");
    }

    @Test
    void getObjectAttributes() {
        s3.putObject(b -> b.bucket(bucket).key("attributes").storageClass(StorageClass.STANDARD_IA),
                RequestBody.fromString("twelve bytes"));
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key("attributes")
                .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE, ObjectAttributes.STORAGE_CLASS,
                        ObjectAttributes.CHECKSUM));
        assertThat(attributes.eTag()).isEqualTo(md5Hex("twelve bytes".getBytes(StandardCharsets.UTF_8)));
        assertThat(attributes.objectSize()).isEqualTo(12);
        assertThat(attributes.storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(attributes.lastModified()).isNotNull();
        assertThat(attributes.objectParts()).isNull();

        GetObjectAttributesResponse some = s3.getObjectAttributes(b -> b.bucket(bucket).key("attributes")
                .objectAttributes(ObjectAttributes.OBJECT_SIZE));
        assertThat(some.eTag()).isNull();
        assertThat(some.objectSize()).isEqualTo(12);
        assertS3Error(() -> s3.getObjectAttributes(b -> b.bucket(bucket).key("no-such").objectAttributes(
                ObjectAttributes.E_TAG)), 404, "NoSuchKey");
    }

    @Test
    void objectTagging() {
        s3.putObject(b -> b.bucket(bucket).key("tagged").tagging("a=1&b=two%20words"), RequestBody.fromString("x"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet()).containsExactly(
                Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("two words").build());
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tagged")).response().tagCount()).isEqualTo(2);

        s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(
                Tag.builder().key("state").value("reviewed").build())));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet())
                .containsExactly(Tag.builder().key("state").value("reviewed").build());
        assertThat(text("tagged")).isEqualTo("x");

        s3.deleteObjectTagging(b -> b.bucket(bucket).key("tagged"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet()).isEmpty();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("tagged")).metadata()).isEmpty();

        List<Tag> eleven = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        assertS3Error(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(eleven))),
                400, "BadRequest");
        assertS3Error(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("no-such").tagging(t -> t.tagSet(
                Tag.builder().key("a").value("b").build()))), 404, "NoSuchKey");
    }
}
