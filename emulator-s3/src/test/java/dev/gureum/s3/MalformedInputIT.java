package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** What SDKs never send: each is answered with S3's 400 (never a 500), nothing is damaged, and the server keeps serving. */
class MalformedInputIT {

    private static final String MALFORMED_XML = "<Code>MalformedXML</Code>";

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        bucket = S3Clients.bucketWithPreciousObject(s3, "malformed");
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @AfterEach
    void nothingWasDamagedAndTheServerStillServes() {
        S3Clients.assertPreciousObjectIntact(s3, bucket);
        assertThat(s3.listBuckets().buckets()).isNotEmpty();
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        return RawS3.sendText(server.endpoint(), method, path, headers, body);
    }

    @Test
    void brokenXmlBodiesAreMalformedXml() throws Exception {
        String[][] cases = {
                {"PUT", "/" + bucket + "/precious?tagging", "<Tagging><TagSet><Tag><Key>a</Key>"},
                {"PUT", "/" + bucket + "?tagging", "not xml at all"},
                {"PUT", "/" + bucket + "?versioning", ""},
                {"PUT", "/" + bucket + "?cors", "<WrongRoot><CORSRule/></WrongRoot>"},
                {"PUT", "/" + bucket + "?cors", "<CORSConfiguration></CORSConfiguration>"},
                {"PUT", "/" + bucket + "?lifecycle", "<LifecycleConfiguration><Rule><Status>Sometimes</Status></Rule>"
                        + "</LifecycleConfiguration>"},
                {"PUT", "/" + bucket + "?encryption", "<ServerSideEncryptionConfiguration/>"},
                {"POST", "/" + bucket + "?delete", "<Delete><Object><Key>precious</Key></Object>"},
                {"POST", "/" + bucket + "?delete", "<Delete></Delete>"},
                {"POST", "/" + bucket + "?delete", "<Delete><Object><VersionId>v</VersionId></Object></Delete>"},
                {"POST", "/" + bucket + "?delete", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<Delete><Object><Key>&x;</Key></Object></Delete>"},
                {"PUT", "/" + bucket + "?versioning", "<VersioningConfiguration><Status>Maybe</Status></VersioningConfiguration>"},
                {"PUT", "/" + bucket + "/precious?tagging", "<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>"},
                {"PUT", "/" + bucket + "?notification", "<NotificationConfiguration><QueueConfiguration>"
                        + "<Event>s3:ObjectCreated:*</Event></QueueConfiguration></NotificationConfiguration>"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = send(c[0], c[1], Map.of(), c[2]);
            assertThat(response.statusCode()).as("%s %s %s", c[0], c[1], c[2]).isEqualTo(400);
            assertThat(response.body()).as("%s %s %s", c[0], c[1], c[2]).contains(MALFORMED_XML)
                    .contains("<Message>The XML you provided was not well-formed or did not validate against our "
                            + "published schema</Message>").doesNotContain("root:");
        }
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("precious")).tagSet()).isEmpty();
    }

    @Test
    void wellFormedXmlWithTheWrongRootElementIsMalformedXml() throws Exception {
        String newBucket = bucketName("wrong-root");
        String tagSet = "<TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet>";
        String[][] cases = {
                {"PUT", "/" + newBucket, "<Foo><LocationConstraint>eu-west-1</LocationConstraint></Foo>"},
                {"PUT", "/" + bucket + "?tagging", "<Foo>" + tagSet + "</Foo>"},
                {"PUT", "/" + bucket + "/precious?tagging", "<Foo>" + tagSet + "</Foo>"},
                {"PUT", "/" + bucket + "?versioning", "<Foo><Status>Enabled</Status></Foo>"},
                {"POST", "/" + bucket + "?delete", "<Foo><Object><Key>precious</Key></Object></Foo>"},
                {"PUT", "/" + bucket + "?lifecycle", "<Foo><Rule><ID>r</ID><Filter/><Status>Enabled</Status>"
                        + "<Expiration><Days>1</Days></Expiration></Rule></Foo>"},
                {"PUT", "/" + bucket + "?cors", "<CORSRule><AllowedMethod>GET</AllowedMethod>"
                        + "<AllowedOrigin>*</AllowedOrigin></CORSRule>"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = send(c[0], c[1], Map.of("Authorization", RawS3.AUTH), c[2]);
            assertThat(response.statusCode()).as("%s %s %s", c[0], c[1], c[2]).isEqualTo(400);
            assertThat(response.body()).as("%s %s %s", c[0], c[1], c[2]).contains(MALFORMED_XML)
                    .contains("<Message>The XML you provided was not well-formed or did not validate against our "
                            + "published schema</Message>");
        }
        assertS3Error(() -> s3.headBucket(b -> b.bucket(newBucket)), 404, null);
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("precious")).tagSet()).isEmpty();

        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("rooted")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("rooted").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        HttpResponse<String> complete = send("POST", "/" + bucket + "/rooted?uploadId=" + uploadId, Map.of(),
                "<Foo><Part><PartNumber>1</PartNumber><ETag>" + etag + "</ETag></Part></Foo>");
        assertThat(complete.statusCode()).isEqualTo(400);
        assertThat(complete.body()).contains(MALFORMED_XML);
        // the upload is still there to complete properly
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("rooted").uploadId(uploadId)
                .multipartUpload(u -> u.parts(p -> p.partNumber(1).eTag(etag))));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("rooted")).asUtf8String()).isEqualTo("part");
    }

    @Test
    void brokenXmlInCompleteMultipartUpload() throws Exception {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mpu")).uploadId();
        for (String body : new String[] {"<CompleteMultipartUpload><Part>", "<CompleteMultipartUpload/>",
                "<CompleteMultipartUpload><Part><ETag>\"x\"</ETag></Part></CompleteMultipartUpload>",
                "<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>"}) {
            HttpResponse<String> response = send("POST", "/" + bucket + "/mpu?uploadId=" + uploadId, Map.of(), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).contains(MALFORMED_XML);
        }
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("mpu").uploadId(uploadId));
    }

    private static String chunkedPut(String key, String framing, long decodedLength) throws Exception {
        byte[] body = framing.getBytes(StandardCharsets.ISO_8859_1);
        String head = RawS3.head("PUT", "/" + bucket + "/" + key, server.port(), Map.of(
                "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding", "aws-chunked",
                "x-amz-decoded-content-length", String.valueOf(decodedLength), "Content-Length", String.valueOf(body.length)));
        byte[] request = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
        System.arraycopy(body, 0, request, head.length(), body.length);
        return RawS3.exchange(server.port(), request, false);
    }

    @Test
    void brokenAwsChunkedFramingIsABadRequest() throws Exception {
        String[][] cases = {
                {"zz\r\nhello\r\n0\r\n\r\n", "5"},
                {"5\r\nhelloXX0\r\n\r\n", "5"},
                {"5\r\nhello\r\n", "5"},
                {"10\r\nhello", "16"},
                {"5\r\nhello\r\n0\r\n\r\n", "6"},
                {"-5\r\nhello\r\n0\r\n\r\n", "5"},
                {"5;chunk-signature=" + "0".repeat(64) + "\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n", "7"},
        };
        for (String[] c : cases) {
            String answer = chunkedPut("precious", c[0], Long.parseLong(c[1]));
            assertThat(answer).as(c[0]).startsWith("HTTP/1.1 400");
            assertThat(answer).as(c[0]).contains("<Code>IncompleteBody</Code>");
        }
        // and well-formed framing is accepted
        String good = chunkedPut("framed", "5;chunk-signature=" + "0".repeat(64) + "\r\nhello\r\n"
                + "0;chunk-signature=" + "0".repeat(64) + "\r\n\r\n", 5);
        assertThat(good).startsWith("HTTP/1.1 200");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("framed")).asUtf8String()).isEqualTo("hello");
    }

    @Test
    void aGarbageChunkSizeInALargeBodyIsAnsweredNotDropped() throws Exception {
        // the client is still sending megabytes when the server finds the framing broken
        String framing = "zz;chunk-signature=" + "0".repeat(64) + "\r\n" + "a".repeat(8 * 1024 * 1024) + "\r\n"
                + "0;chunk-signature=" + "0".repeat(64) + "\r\n\r\n";
        String answer = chunkedPut("garbage-size", framing, 8 * 1024 * 1024);
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(RawS3.xmlText(answer.substring(answer.indexOf("<?xml")), "Code")).isEqualTo("IncompleteBody");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("garbage-size")), 404, null);
    }

    @Test
    void badPercentEncodingInThePath() throws Exception {
        // escapes of bytes that are not UTF-8 text
        for (String path : new String[] {"/" + bucket + "/%C3%28", "/" + bucket + "/%FF%FE"}) {
            String answer = RawS3.exchange(server.port(), RawS3.head("GET", path, server.port(), Map.of())
                    .getBytes(StandardCharsets.ISO_8859_1), false);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400");
            String xml = answer.substring(answer.indexOf("<?xml"));
            assertThat(RawS3.xmlText(xml, "Code")).isEqualTo("InvalidURI");
            assertThat(RawS3.xmlText(xml, "Message")).isEqualTo("Couldn't parse the specified URI.");
        }
        // broken escapes are refused by the HTTP layer before S3 sees them
        for (String path : new String[] {"/" + bucket + "/bad%zzkey", "/" + bucket + "/truncated%4"}) {
            String answer = RawS3.exchange(server.port(), RawS3.head("GET", path, server.port(), Map.of())
                    .getBytes(StandardCharsets.ISO_8859_1), false);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void badPercentEncodingInTheQuery() throws Exception {
        String answer = RawS3.exchange(server.port(), RawS3.head("GET", "/" + bucket + "?prefix=%C3%28", server.port(),
                Map.of()).getBytes(StandardCharsets.ISO_8859_1), false);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void aBodyShorterThanItsContentLengthLeavesTheOldObjectIntact() throws Exception {
        String request = RawS3.head("PUT", "/" + bucket + "/precious", server.port(), Map.of("Content-Length", "100"))
                + "only twenty bytes!!!";
        String answer = RawS3.exchange(server.port(), request.getBytes(StandardCharsets.ISO_8859_1), true);
        assertThat(answer).doesNotStartWith("HTTP/1.1 200").doesNotStartWith("HTTP/1.1 500");
        // checked by nothingWasDamagedAndTheServerStillServes
    }

    @Test
    void aChunkedBodyCutShortLeavesTheOldObjectIntact() throws Exception {
        byte[] framing = ("400\r\n" + "x".repeat(100)).getBytes(StandardCharsets.ISO_8859_1);
        String head = RawS3.head("PUT", "/" + bucket + "/precious", server.port(), Map.of(
                "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding", "aws-chunked",
                "x-amz-decoded-content-length", "1024", "Transfer-Encoding", "chunked"));
        String chunk = Integer.toHexString(framing.length) + "\r\n" + new String(framing, StandardCharsets.ISO_8859_1) + "\r\n";
        String answer = RawS3.exchange(server.port(), (head + chunk).getBytes(StandardCharsets.ISO_8859_1), true);
        assertThat(answer).doesNotStartWith("HTTP/1.1 200").doesNotStartWith("HTTP/1.1 500");
    }

    @Test
    void headOfAMissingKeyHasNoBody() throws Exception {
        String answer = RawS3.exchange(server.port(), RawS3.head("HEAD", "/" + bucket + "/no-such-key", server.port(),
                Map.of()).getBytes(StandardCharsets.ISO_8859_1), true);
        assertThat(answer).startsWith("HTTP/1.1 404");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).isEmpty();
        assertThat(answer).containsIgnoringCase("x-amz-request-id:");
    }

    @Test
    void anErrorBeforeAHeldBackBodyClosesTheConnection() throws Exception {
        // the client waits for 100 Continue before sending the body; the answer is final, and the connection ends
        String request = RawS3.head("PUT", "/" + bucketName("missing") + "/k", server.port(),
                Map.of("Expect", "100-continue", "Content-Length", "5"))
                + RawS3.head("GET", "/" + bucket + "/precious", server.port(), Map.of());
        String answer = RawS3.exchange(server.port(), request.getBytes(StandardCharsets.ISO_8859_1), false);
        assertThat(answer).startsWith("HTTP/1.1 404").containsIgnoringCase("Connection: close")
                .contains("<Code>NoSuchBucket</Code>").doesNotContain("HTTP/1.1 400");
    }

    @Test
    void requestsS3DoesNotServe() throws Exception {
        HttpResponse<String> patch = send("PATCH", "/" + bucket + "/precious", Map.of(), "x");
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.body()).contains("<Code>MethodNotAllowed</Code>");

        HttpResponse<String> maxKeys = send("GET", "/" + bucket + "?list-type=2&max-keys=lots", Map.of(), null);
        assertThat(maxKeys.statusCode()).isEqualTo(400);
        assertThat(maxKeys.body()).contains("<Code>InvalidArgument</Code>");

        HttpResponse<String> encoding = send("GET", "/" + bucket + "?encoding-type=base64", Map.of(), null);
        assertThat(encoding.statusCode()).isEqualTo(400);
        assertThat(encoding.body()).contains("<Code>InvalidArgument</Code>");

        HttpResponse<String> storage = send("PUT", "/" + bucket + "/x", Map.of("x-amz-storage-class", "COLD"), "x");
        assertThat(storage.statusCode()).isEqualTo(400);
        assertThat(storage.body()).contains("<Code>InvalidStorageClass</Code>");

        HttpResponse<String> copy = send("PUT", "/" + bucket + "/x", Map.of("x-amz-copy-source", "no-slash"), null);
        assertThat(copy.statusCode()).isEqualTo(400);
        assertThat(copy.body()).contains("<Code>InvalidArgument</Code>");

        HttpResponse<String> tagging = send("PUT", "/" + bucket + "/x", Map.of("x-amz-tagging", "a=%zz"), "x");
        assertThat(tagging.statusCode()).isEqualTo(400);

        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("x")), 404, null);
    }

    @Test
    void tooManyKeysInOneDeleteObjects() throws Exception {
        StringBuilder body = new StringBuilder("<Delete>");
        for (int i = 0; i < 1001; i++) {
            body.append("<Object><Key>k").append(i).append("</Key></Object>");
        }
        HttpResponse<String> response = send("POST", "/" + bucket + "?delete", Map.of(), body.append("</Delete>").toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(MALFORMED_XML);
    }
}
