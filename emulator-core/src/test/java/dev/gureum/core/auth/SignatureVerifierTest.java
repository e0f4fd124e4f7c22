package dev.gureum.core.auth;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.http.ErrorRenderer;
import dev.gureum.core.http.Responses;
import dev.gureum.core.protocol.FormDecoder;
import dev.gureum.core.testing.TestServer;
import dev.gureum.core.testing.TestServer.RawResponse;
import dev.gureum.core.testing.TestServices;
import io.undertow.util.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static dev.gureum.core.testing.XmlAssert.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signatures from AWS's own worked examples: the IAM ListUsers request of the general reference
 * (secret {@code wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY}), and the S3 GET Object and presigned URL
 * examples of the S3 API reference (secret {@code wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}).
 */
class SignatureVerifierTest {

    static final String IAM_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    static final String IAM_CANONICAL_REQUEST = """
            GET
            /
            Action=ListUsers&Version=2010-05-08
            content-type:application/x-www-form-urlencoded; charset=utf-8
            host:iam.amazonaws.com
            x-amz-date:20150830T123600Z

            content-type;host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""";
    static final String IAM_STRING_TO_SIGN = """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/iam/aws4_request
            f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59""";
    static final String IAM_SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    static final String S3_GET_CANONICAL_REQUEST = """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""";
    static final String S3_GET_STRING_TO_SIGN = """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""";
    static final String S3_GET_SIGNATURE = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    static final String PRESIGNED_QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host";
    static final String PRESIGNED_CANONICAL_REQUEST = """
            GET
            /test.txt
            %s
            host:examplebucket.s3.amazonaws.com

            host
            UNSIGNED-PAYLOAD""".formatted(PRESIGNED_QUERY);
    static final String PRESIGNED_STRING_TO_SIGN = """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04""";
    static final String PRESIGNED_SIGNATURE = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    private static String sha256(String text) {
        return SignatureVerifier.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class Helpers {

        @Test
        void sha256OfNothing() {
            assertThat(SignatureVerifier.sha256Hex(new byte[0])).isEqualTo(EMPTY_SHA256);
        }

        @Test
        void iamExampleHashesAndSigns() {
            assertThat(sha256(IAM_CANONICAL_REQUEST))
                    .isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
            assertThat(SignatureVerifier.signature(IAM_SECRET, "20150830", "us-east-1", "iam", IAM_STRING_TO_SIGN))
                    .isEqualTo(IAM_SIGNATURE);
        }

        @Test
        void s3GetObjectExampleHashesAndSigns() {
            assertThat(sha256(S3_GET_CANONICAL_REQUEST))
                    .isEqualTo("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
            assertThat(SignatureVerifier.signature(S3_SECRET, "20130524", "us-east-1", "s3", S3_GET_STRING_TO_SIGN))
                    .isEqualTo(S3_GET_SIGNATURE);
        }

        @Test
        void s3PresignedExampleHashesAndSigns() {
            assertThat(sha256(PRESIGNED_CANONICAL_REQUEST))
                    .isEqualTo("3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
            assertThat(SignatureVerifier.signature(S3_SECRET, "20130524", "us-east-1", "s3", PRESIGNED_STRING_TO_SIGN))
                    .isEqualTo(PRESIGNED_SIGNATURE);
        }

        @Test
        void aDifferentSecretDateRegionOrServiceChangesTheSignature() {
            assertThat(SignatureVerifier.signature(S3_SECRET, "20150830", "us-east-1", "iam", IAM_STRING_TO_SIGN))
                    .isNotEqualTo(IAM_SIGNATURE);
            assertThat(SignatureVerifier.signature(IAM_SECRET, "20150831", "us-east-1", "iam", IAM_STRING_TO_SIGN))
                    .isNotEqualTo(IAM_SIGNATURE);
            assertThat(SignatureVerifier.signature(IAM_SECRET, "20150830", "us-east-2", "iam", IAM_STRING_TO_SIGN))
                    .isNotEqualTo(IAM_SIGNATURE);
            assertThat(SignatureVerifier.signature(IAM_SECRET, "20150830", "us-east-1", "sts", IAM_STRING_TO_SIGN))
                    .isNotEqualTo(IAM_SIGNATURE);
        }

        @Test
        void canonicalQueryOfThePresignedExampleLeavesTheSignatureOut() {
            assertThat(SignatureVerifier.canonicalQuery(PRESIGNED_QUERY + "&X-Amz-Signature=" + PRESIGNED_SIGNATURE, true))
                    .isEqualTo(PRESIGNED_QUERY);
        }

        @Test
        void canonicalQuerySortsByCodePointThenByValue() {
            assertThat(SignatureVerifier.canonicalQuery("Version=2010-05-08&Action=ListUsers", false))
                    .isEqualTo("Action=ListUsers&Version=2010-05-08");
            assertThat(SignatureVerifier.canonicalQuery("Param2=value2&Param1=value1", false))
                    .isEqualTo("Param1=value1&Param2=value2");
            assertThat(SignatureVerifier.canonicalQuery("b=1&B=2&a=3", false)).isEqualTo("B=2&a=3&b=1");
            assertThat(SignatureVerifier.canonicalQuery("x=b&x=a", false)).isEqualTo("x=a&x=b");
        }

        @Test
        void canonicalQueryReencodesEverythingButUnreservedCharacters() {
            assertThat(SignatureVerifier.canonicalQuery("k=a%20b&t=%7e-_.&p=%2B&s=a/b&e=%3D&u=%EA%B5%AC", false))
                    .isEqualTo("e=%3D&k=a%20b&p=%2B&s=a%2Fb&t=~-_.&u=%EA%B5%AC");
        }

        @Test
        void canonicalQueryGivesValuelessParametersAnEmptyValue() {
            assertThat(SignatureVerifier.canonicalQuery("acl", false)).isEqualTo("acl=");
            assertThat(SignatureVerifier.canonicalQuery("uploads&prefix=", false)).isEqualTo("prefix=&uploads=");
            assertThat(SignatureVerifier.canonicalQuery("", false)).isEmpty();
            assertThat(SignatureVerifier.canonicalQuery(null, false)).isEmpty();
        }

        @Test
        void canonicalQueryKeepsTheSignatureOfARequestThatIsNotPresigned() {
            assertThat(SignatureVerifier.canonicalQuery("X-Amz-Signature=abc", false)).isEqualTo("X-Amz-Signature=abc");
        }

        @Test
        void canonicalQueryRefusesBrokenEscapes() {
            assertThatThrownBy(() -> SignatureVerifier.canonicalQuery("a=%zz", false))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedQueryString"));
        }

        @Test
        void encodeIsRfc3986WithUpperCaseHex() {
            assertThat(SignatureVerifier.encode("AZaz09-_.~", true)).isEqualTo("AZaz09-_.~");
            assertThat(SignatureVerifier.encode("a b+c*d=e&f%", true)).isEqualTo("a%20b%2Bc%2Ad%3De%26f%25");
            assertThat(SignatureVerifier.encode("/photos/My Photo.jpg", false)).isEqualTo("/photos/My%20Photo.jpg");
            assertThat(SignatureVerifier.encode("/photos/My Photo.jpg", true)).isEqualTo("%2Fphotos%2FMy%20Photo.jpg");
            assertThat(SignatureVerifier.encode("ሴ구", true)).isEqualTo("%E1%88%B4%EA%B5%AC");
            // a path already encoded once is encoded again, as non-S3 services sign it
            assertThat(SignatureVerifier.encode("/%E1%88%B4", false)).isEqualTo("/%25E1%2588%25B4");
        }
    }

    @Nested
    class EndToEnd {

        private static final AccessKeys KEYS = new AccessKeys("000000000000",
                Map.of("AKIDEXAMPLE", IAM_SECRET, "AKIAIOSFODNN7EXAMPLE", S3_SECRET));
        private static TestServer server;

        @BeforeAll
        static void start() {
            SignatureVerifier verifier = new SignatureVerifier(KEYS);
            server = TestServer.start(exchange -> exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
                RequestContext ctx = new RequestContext("req-1", Clock.systemUTC());
                ctx.service("s3".equals(ex.getRequestHeaders().getFirst("X-Test-Service"))
                        ? TestServices.S3 : TestServices.STS);
                Map<String, String> query = new HashMap<>();
                FormDecoder.decode(ex.getQueryString()).forEach((k, v) -> query.putIfAbsent(k, v.get(0)));
                SigV4Parser.Result auth = SigV4Parser.parse(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION), query);
                if (auth instanceof SigV4Parser.Parsed parsed) {
                    ctx.credential(parsed.credential());
                }
                try {
                    verifier.verify(ex, ctx, body);
                    Responses.send(ex, "text/plain", "verified");
                } catch (AwsException e) {
                    ErrorRenderer.render(ex, ctx, e);
                }
            }));
        }

        @AfterAll
        static void stop() {
            server.close();
        }

        private static RawResponse iamListUsers(String signature) throws IOException {
            return server.raw("GET /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\r\n"
                    + "Host: iam.amazonaws.com\r\n"
                    + "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
                    + "X-Amz-Date: 20150830T123600Z\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date, Signature=" + signature + "\r\n", null);
        }

        private static RawResponse s3GetObject(String range, String signature) throws IOException {
            return server.raw("GET /test.txt HTTP/1.1\r\n"
                    + "Host: examplebucket.s3.amazonaws.com\r\n"
                    + "Range: " + range + "\r\n"
                    + "x-amz-content-sha256: " + EMPTY_SHA256 + "\r\n"
                    + "x-amz-date: 20130524T000000Z\r\n"
                    + "X-Test-Service: s3\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                    + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + signature + "\r\n", null);
        }

        private static String element(RawResponse response, String name) {
            Document doc = parse(response.body());
            return doc.getElementsByTagName(name).item(0).getTextContent();
        }

        @Test
        void acceptsTheIamExample() throws IOException {
            RawResponse r = iamListUsers(IAM_SIGNATURE);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("verified");
        }

        @Test
        void refusesTheIamExampleWithAnotherSignature() throws IOException {
            RawResponse r = iamListUsers(IAM_SIGNATURE.replace('5', '6'));

            assertThat(r.status()).isEqualTo(403);
            assertThat(element(r, "Code")).isEqualTo("SignatureDoesNotMatch");
            assertThat(element(r, "Type")).isEqualTo("Sender");
        }

        @Test
        void signatureHexIsCaseInsensitive() throws IOException {
            assertThat(iamListUsers(IAM_SIGNATURE.toUpperCase()).status()).isEqualTo(200);
        }

        @Test
        void acceptsTheS3GetObjectExample() throws IOException {
            RawResponse r = s3GetObject("bytes=0-9", S3_GET_SIGNATURE);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }

        @Test
        void aChangedSignedHeaderBreaksTheS3Signature() throws IOException {
            RawResponse r = s3GetObject("bytes=0-10", S3_GET_SIGNATURE);

            assertThat(r.status()).isEqualTo(403);
            assertThat(element(r, "Code")).isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void s3MismatchesShowTheCanonicalRequestAndStringToSignAwsWouldHaveSigned() throws IOException {
            RawResponse r = s3GetObject("bytes=0-9", "0".repeat(64));

            assertThat(r.status()).isEqualTo(403);
            assertThat(element(r, "Code")).isEqualTo("SignatureDoesNotMatch");
            assertThat(element(r, "AWSAccessKeyId")).isEqualTo("AKIAIOSFODNN7EXAMPLE");
            assertThat(element(r, "SignatureProvided")).isEqualTo("0".repeat(64));
            assertThat(element(r, "CanonicalRequest")).isEqualTo(S3_GET_CANONICAL_REQUEST);
            assertThat(element(r, "StringToSign")).isEqualTo(S3_GET_STRING_TO_SIGN);
        }

        @Test
        void acceptsTheS3PresignedUrlExample() throws IOException {
            RawResponse r = server.raw("GET /test.txt?" + PRESIGNED_QUERY + "&X-Amz-Signature=" + PRESIGNED_SIGNATURE
                    + " HTTP/1.1\r\nHost: examplebucket.s3.amazonaws.com\r\nX-Test-Service: s3\r\n", null);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }

        @Test
        void aTamperedPresignedUrlIsRefused() throws IOException {
            RawResponse r = server.raw("GET /test.txt?" + PRESIGNED_QUERY.replace("86400", "86401")
                    + "&X-Amz-Signature=" + PRESIGNED_SIGNATURE
                    + " HTTP/1.1\r\nHost: examplebucket.s3.amazonaws.com\r\nX-Test-Service: s3\r\n", null);

            assertThat(r.status()).isEqualTo(403);
            assertThat(element(r, "CanonicalRequest")).isEqualTo(PRESIGNED_CANONICAL_REQUEST.replace("86400", "86401"));
        }

        @Test
        void acceptsTheSigV4TestSuiteQueryOrderVector() throws IOException {
            // aws-sig-v4-test-suite "get-vanilla-query-order-key-case": parameters sent out of order
            RawResponse r = server.raw("GET /?Param2=value2&Param1=value1 HTTP/1.1\r\n"
                    + "Host:example.amazonaws.com\r\n"
                    + "X-Amz-Date:20150830T123600Z\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, "
                    + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500\r\n", null);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }

        @Test
        void theBodyIsPartOfTheSignature() throws IOException {
            String body = "Action=GetCallerIdentity&Version=2011-06-15";
            String canonical = "POST\n/\n\n"
                    + "content-type:application/x-www-form-urlencoded\n"
                    + "host:sts.amazonaws.com\n"
                    + "x-amz-date:20160126T215751Z\n\n"
                    + "content-type;host;x-amz-date\n"
                    + sha256(body);
            String stringToSign = "AWS4-HMAC-SHA256\n20160126T215751Z\n20160126/us-east-1/sts/aws4_request\n"
                    + sha256(canonical);
            String signature = SignatureVerifier.signature(IAM_SECRET, "20160126", "us-east-1", "sts", stringToSign);
            String head = "POST / HTTP/1.1\r\n"
                    + "Host: sts.amazonaws.com\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "X-Amz-Date: 20160126T215751Z\r\n"
                    + "User-Agent: aws-cli/1.10.0 Python/2.7.3 Linux/3.13.0-76-generic botocore/1.3.22\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20160126/us-east-1/sts/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date, Signature=" + signature + "\r\n";

            assertThat(server.raw(head, body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
            assertThat(server.raw(head, (body + "&x=1").getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
        }

        @Test
        void unknownKeysAreRefusedInEachServicesWords() throws IOException {
            String auth = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAUNKNOWNKEY000000/20130524/us-east-1/s3/aws4_request,"
                    + "SignedHeaders=host;x-amz-date,Signature=" + "0".repeat(64) + "\r\nx-amz-date: 20130524T000000Z\r\n";

            RawResponse s3 = server.raw("GET /test.txt HTTP/1.1\r\nHost: b.s3.amazonaws.com\r\nX-Test-Service: s3\r\n" + auth, null);
            assertThat(s3.status()).isEqualTo(403);
            assertThat(element(s3, "Code")).isEqualTo("InvalidAccessKeyId");
            assertThat(element(s3, "AWSAccessKeyId")).isEqualTo("AKIAUNKNOWNKEY000000");

            RawResponse sts = server.raw("GET /?Action=GetCallerIdentity HTTP/1.1\r\nHost: sts.amazonaws.com\r\n" + auth, null);
            assertThat(sts.status()).isEqualTo(403);
            assertThat(element(sts, "Code")).isEqualTo("InvalidClientTokenId");
        }

        @Test
        void anonymousRequestsAreForS3Alone() throws IOException {
            RawResponse sts = server.raw("GET /?Action=GetCallerIdentity HTTP/1.1\r\nHost: sts.amazonaws.com\r\n", null);
            assertThat(sts.status()).isEqualTo(403);
            assertThat(element(sts, "Code")).isEqualTo("MissingAuthenticationToken");

            RawResponse s3 = server.raw("GET /public/object HTTP/1.1\r\nHost: b.s3.amazonaws.com\r\nX-Test-Service: s3\r\n", null);
            assertThat(s3.status()).isEqualTo(200);
        }

        /** S3's SigV2 example of the S3 developer guide ("Object GET"). */
        private static RawResponse s3V2Get(String host, String signature) throws IOException {
            return server.raw("GET /photos/puppy.jpg HTTP/1.1\r\nHost: " + host + "\r\nX-Test-Service: s3\r\n"
                    + "Date: Tue, 27 Mar 2007 19:36:42 +0000\r\n"
                    + "Authorization: AWS AKIAIOSFODNN7EXAMPLE:" + signature + "\r\n", null);
        }

        @Test
        void acceptsTheS3SigV2HeaderExample() throws IOException {
            assertThat(s3V2Get("johnsmith.s3.amazonaws.com", "bWq2s1WEIj+Ydj0vQ697zp+IXMU=").status()).isEqualTo(200);
            // path style: the bucket is in the path already
            RawResponse pathStyle = server.raw("GET /johnsmith/photos/puppy.jpg HTTP/1.1\r\nHost: s3.amazonaws.com\r\n"
                    + "X-Test-Service: s3\r\nDate: Tue, 27 Mar 2007 19:36:42 +0000\r\n"
                    + "Authorization: AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=\r\n", null);
            assertThat(pathStyle.status()).as(pathStyle.body()).isEqualTo(200);
        }

        @Test
        void aSigV2SignatureForAnotherResourceIsRefusedWithWhatS3Signed() throws IOException {
            RawResponse r = s3V2Get("otherbucket.s3.amazonaws.com", "bWq2s1WEIj+Ydj0vQ697zp+IXMU=");

            assertThat(r.status()).isEqualTo(403);
            assertThat(element(r, "Code")).isEqualTo("SignatureDoesNotMatch");
            assertThat(element(r, "StringToSign"))
                    .isEqualTo("GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/otherbucket/photos/puppy.jpg");
            assertThat(element(r, "SignatureProvided")).isEqualTo("bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
            assertThat(element(r, "StringToSignBytes")).startsWith("47 45 54 0a");
            assertThat(s3V2Get("johnsmith.s3.amazonaws.com", "qgk2+6Sv9/oM7G3qLEjTH1a1l1g=").status()).isEqualTo(403);
        }

        @Test
        void sigV2SignsTheAmzHeadersAndTheSubresourcesButNotOtherParameters() throws Exception {
            String toSign = "PUT\n4gJE4saaMU4BqNR0kLY+lw==\ntext/plain\n\nx-amz-date:Tue, 27 Mar 2007 21:06:08 +0000\n"
                    + "x-amz-meta-a:1,2\n/b/k?acl&versionId=v 1";
            String signature = hmacBase64("HmacSHA1", S3_SECRET, toSign);
            RawResponse r = server.raw("PUT /b/k?versionId=v%201&prefix=ignored&acl HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Test-Service: s3\r\nContent-MD5: 4gJE4saaMU4BqNR0kLY+lw==\r\nContent-Type: text/plain\r\n"
                    + "Date: Wed, 01 Jan 2031 00:00:00 GMT\r\nX-Amz-Date: Tue, 27 Mar 2007 21:06:08 +0000\r\n"
                    + "X-Amz-Meta-A: 1\r\nx-amz-meta-a: 2\r\n"
                    + "Authorization: AWS AKIAIOSFODNN7EXAMPLE:" + signature + "\r\n", new byte[0]);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }

        @Test
        void aPathStyleBucketRequestMaySignTheBucketWithOrWithoutItsSlash() throws Exception {
            for (String resource : new String[] {"/johnsmith/", "/johnsmith"}) {
                String signature = hmacBase64("HmacSHA1", S3_SECRET, "GET\n\n\nTue, 27 Mar 2007 19:42:41 +0000\n" + resource);
                RawResponse r = server.raw("GET /johnsmith?prefix=photos&max-keys=50 HTTP/1.1\r\nHost: s3.amazonaws.com\r\n"
                        + "X-Test-Service: s3\r\nDate: Tue, 27 Mar 2007 19:42:41 +0000\r\n"
                        + "Authorization: AWS AKIAIOSFODNN7EXAMPLE:" + signature + "\r\n", null);
                assertThat(r.status()).as(resource + ": " + r.body()).isEqualTo(200);
            }
            String other = hmacBase64("HmacSHA1", S3_SECRET, "GET\n\n\nTue, 27 Mar 2007 19:42:41 +0000\n/otherbucket/");
            RawResponse r = server.raw("GET /johnsmith HTTP/1.1\r\nHost: s3.amazonaws.com\r\nX-Test-Service: s3\r\n"
                    + "Date: Tue, 27 Mar 2007 19:42:41 +0000\r\nAuthorization: AWS AKIAIOSFODNN7EXAMPLE:" + other + "\r\n", null);
            assertThat(r.status()).isEqualTo(403);
        }

        @Test
        void sigV2QueryStringAuthenticationSignsExpires() throws Exception {
            String signature = hmacBase64("HmacSHA1", S3_SECRET, "GET\n\n\n1175139620\n/johnsmith/photos/puppy.jpg");
            String query = "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1175139620&Signature="
                    + java.net.URLEncoder.encode(signature, StandardCharsets.UTF_8);
            RawResponse ok = server.raw("GET /photos/puppy.jpg?" + query + " HTTP/1.1\r\nHost: johnsmith.s3.amazonaws.com\r\n"
                    + "X-Test-Service: s3\r\n", null);
            RawResponse changed = server.raw("GET /photos/puppy.jpg?" + query.replace("1175139620", "1175139621")
                    + " HTTP/1.1\r\nHost: johnsmith.s3.amazonaws.com\r\nX-Test-Service: s3\r\n", null);

            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(changed.status()).isEqualTo(403);
            assertThat(element(changed, "Code")).isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void sigV4aIsRefusedAsAnUnsupportedAlgorithm() throws IOException {
            String v4a = "Authorization: AWS4-ECDSA-P256-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/s3/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, Signature=3045\r\nX-Amz-Date: 20240101T000000Z\r\n";
            RawResponse s3 = server.raw("GET /test.txt HTTP/1.1\r\nHost: b.s3.amazonaws.com\r\nX-Test-Service: s3\r\n"
                    + v4a, null);
            RawResponse sts = server.raw("GET /?Action=GetCallerIdentity HTTP/1.1\r\nHost: sts.amazonaws.com\r\n" + v4a, null);

            assertThat(s3.status()).isEqualTo(400);
            assertThat(element(s3, "Code")).isEqualTo("InvalidArgument");
            assertThat(element(s3, "Message")).isEqualTo("Unsupported Authorization Type");
            assertThat(sts.status()).isEqualTo(400);
            assertThat(element(sts, "Code")).isEqualTo("IncompleteSignature");
        }

        /** A query API call signed with SignatureVersion 2, its parameters in the form body. */
        private static RawResponse queryV2(String key, String secret, String method, String extra) throws Exception {
            String params = "AWSAccessKeyId=" + key + "&Action=GetCallerIdentity&SignatureMethod=" + method
                    + "&SignatureVersion=2&Timestamp=2031-01-01T00%3A00%3A00Z&Version=2011-06-15" + extra;
            String signature = hmacBase64(method, secret, "POST\nsts.amazonaws.com\n/\n" + params);
            byte[] body = (params + "&Signature=" + java.net.URLEncoder.encode(signature, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            return server.raw("POST / HTTP/1.1\r\nHost: sts.amazonaws.com\r\n"
                    + "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n", body);
        }

        @Test
        void queryServicesCheckSignatureVersion2() throws Exception {
            RawResponse ok = queryV2("AKIDEXAMPLE", IAM_SECRET, "HmacSHA256", "");
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(queryV2("AKIDEXAMPLE", IAM_SECRET, "HmacSHA1", "").status()).isEqualTo(200);

            RawResponse wrong = queryV2("AKIDEXAMPLE", S3_SECRET, "HmacSHA256", "");
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(element(wrong, "Code")).isEqualTo("SignatureDoesNotMatch");

            RawResponse unknown = queryV2("AKIAUNKNOWNKEY000000", IAM_SECRET, "HmacSHA256", "");
            assertThat(unknown.status()).isEqualTo(403);
            assertThat(element(unknown, "Code")).isEqualTo("InvalidClientTokenId");

            RawResponse expired = queryV2("AKIDEXAMPLE", IAM_SECRET, "HmacSHA256", "&Expires=2020-01-01T00%3A00%3A00Z");
            assertThat(expired.status()).isEqualTo(400);
            assertThat(element(expired, "Code")).isEqualTo("RequestExpired");

            RawResponse md5 = server.raw("GET /?Action=GetCallerIdentity&AWSAccessKeyId=AKIDEXAMPLE&SignatureVersion=2"
                    + "&SignatureMethod=HmacMD5&Timestamp=2031-01-01T00%3A00%3A00Z&Signature=abc HTTP/1.1\r\n"
                    + "Host: sts.amazonaws.com\r\n", null);
            assertThat(md5.status()).isEqualTo(400);
            assertThat(element(md5, "Code")).isEqualTo("IncompleteSignature");
        }

        @Test
        void queryServicesCheckSignatureVersion2InTheQueryString() throws Exception {
            String params = "AWSAccessKeyId=AKIDEXAMPLE&Action=GetCallerIdentity&SignatureMethod=HmacSHA256"
                    + "&SignatureVersion=2&Timestamp=2031-01-01T00%3A00%3A00Z";
            String signature = hmacBase64("HmacSHA256", IAM_SECRET, "GET\nsts.amazonaws.com\n/\n" + params);
            String query = params + "&Signature=" + java.net.URLEncoder.encode(signature, StandardCharsets.UTF_8);

            assertThat(server.raw("GET /?" + query + " HTTP/1.1\r\nHost: sts.amazonaws.com\r\n", null).status())
                    .isEqualTo(200);
            assertThat(server.raw("GET /?" + query.replace("GetCallerIdentity", "GetSessionToken")
                    + " HTTP/1.1\r\nHost: sts.amazonaws.com\r\n", null).status()).isEqualTo(403);
        }

        private static String hmacBase64(String algorithm, String secret, String text) throws Exception {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void aSignedRequestWithoutDateIsAnIncompleteSignature() throws IOException {
            RawResponse r = server.raw("GET /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\r\n"
                    + "Host: iam.amazonaws.com\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                    + "SignedHeaders=host, Signature=" + IAM_SIGNATURE + "\r\n", null);

            assertThat(r.status()).isEqualTo(400);
            assertThat(element(r, "Code")).isEqualTo("IncompleteSignature");
        }
    }
}
