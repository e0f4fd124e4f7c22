package dev.gureum.core.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SigV4ParserTest {

    private static SigV4Credential parsed(SigV4Parser.Result result) {
        assertThat(result).isInstanceOf(SigV4Parser.Parsed.class);
        return ((SigV4Parser.Parsed) result).credential();
    }

    private static String malformed(SigV4Parser.Result result) {
        assertThat(result).isInstanceOf(SigV4Parser.Malformed.class);
        return ((SigV4Parser.Malformed) result).message();
    }

    @Test
    void headerFormFromTheIamExample() {
        SigV4Credential c = parsed(SigV4Parser.parse("AWS4-HMAC-SHA256 "
                + "Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", Map.of()));

        assertThat(c.algorithm()).isEqualTo("AWS4-HMAC-SHA256");
        assertThat(c.isSigV4()).isTrue();
        assertThat(c.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(c.date()).isEqualTo("20150830");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.service()).isEqualTo("iam");
        assertThat(c.signedHeaders()).containsExactly("content-type", "host", "x-amz-date");
        assertThat(c.signature()).isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
        assertThat(c.presigned()).isFalse();
        assertThat(c.amzDate()).isNull();
        assertThat(c.expires()).isNull();
    }

    @Test
    void headerFormWithoutSpacesAsS3ClientsSendIt() {
        SigV4Credential c = parsed(SigV4Parser.parse("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", null));

        assertThat(c.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(c.service()).isEqualTo("s3");
        assertThat(c.signedHeaders()).containsExactly("host", "range", "x-amz-content-sha256", "x-amz-date");
    }

    @Test
    void componentsMayComeInAnyOrderAndUnknownOnesAreIgnored() {
        SigV4Credential c = parsed(SigV4Parser.parse("  AWS4-HMAC-SHA256 Signature=abc,  Extra=1, "
                + "SignedHeaders=host, Credential=AKID/20240101/eu-west-1/sqs/aws4_request  ", Map.of()));

        assertThat(c.signature()).isEqualTo("abc");
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.service()).isEqualTo("sqs");
    }

    @Test
    void presignedQueryFromTheS3Example() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request");
        query.put("X-Amz-Date", "20130524T000000Z");
        query.put("X-Amz-Expires", "86400");
        query.put("X-Amz-SignedHeaders", "host");
        query.put("X-Amz-Signature", "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");

        SigV4Credential c = parsed(SigV4Parser.parse(null, query));

        assertThat(c.presigned()).isTrue();
        assertThat(c.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(c.date()).isEqualTo("20130524");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.service()).isEqualTo("s3");
        assertThat(c.signedHeaders()).containsExactly("host");
        assertThat(c.signature()).isEqualTo("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        assertThat(c.amzDate()).isEqualTo("20130524T000000Z");
        assertThat(c.expires()).isEqualTo(86400L);
    }

    @Test
    void presignedQueryDefaultsToSigV4AndTheHostHeader() {
        SigV4Credential c = parsed(SigV4Parser.parse(null,
                Map.of("X-Amz-Credential", "AKID/20130524/us-east-1/s3/aws4_request")));

        assertThat(c.algorithm()).isEqualTo("AWS4-HMAC-SHA256");
        assertThat(c.signedHeaders()).containsExactly("host");
        assertThat(c.expires()).isNull();
    }

    @Test
    void theAuthorizationHeaderWinsOverAPresignedQuery() {
        SigV4Credential c = parsed(SigV4Parser.parse(
                "AWS4-HMAC-SHA256 Credential=HEADERKEY/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=a",
                Map.of("X-Amz-Credential", "QUERYKEY/20130524/us-east-1/s3/aws4_request")));

        assertThat(c.accessKeyId()).isEqualTo("HEADERKEY");
        assertThat(c.presigned()).isFalse();
    }

    @Test
    void presignedExpiresMustBeANumber() {
        assertThat(malformed(SigV4Parser.parse(null, Map.of(
                "X-Amz-Credential", "AKID/20130524/us-east-1/s3/aws4_request", "X-Amz-Expires", "tomorrow"))))
                .contains("X-Amz-Expires");
    }

    @Test
    void sigV4aScopeHasNoRegion() {
        SigV4Credential c = parsed(SigV4Parser.parse("AWS4-ECDSA-P256-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20240101/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3045022100ab", Map.of()));

        assertThat(c.algorithm()).isEqualTo("AWS4-ECDSA-P256-SHA256");
        assertThat(c.isSigV4()).isFalse();
        assertThat(c.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(c.date()).isEqualTo("20240101");
        assertThat(c.region()).isNull();
        assertThat(c.service()).isEqualTo("s3");
    }

    @Test
    void sigV2Header() {
        SigV4Credential c = parsed(SigV4Parser.parse("AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=", Map.of()));

        assertThat(c.algorithm()).isEqualTo("AWS");
        assertThat(c.isSigV4()).isFalse();
        assertThat(c.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(c.signature()).isEqualTo("qgk2+6Sv9/oM7G3qLEjTH1a1l1g=");
        assertThat(c.date()).isNull();
        assertThat(c.region()).isNull();
        assertThat(c.service()).isNull();
        assertThat(c.signedHeaders()).isEmpty();
    }

    @Test
    void sigV2PresignedQuery() {
        SigV4Credential c = parsed(SigV4Parser.parse(null, Map.of("AWSAccessKeyId", "AKIAIOSFODNN7EXAMPLE",
                "Expires", "1175139620", "Signature", "NpgCjnDzrM+WFzoENXmpNDUsSn8=")));

        assertThat(c.algorithm()).isEqualTo("AWS");
        assertThat(c.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(c.signature()).isEqualTo("NpgCjnDzrM+WFzoENXmpNDUsSn8=");
        assertThat(c.presigned()).isTrue();
        assertThat(c.region()).isNull();
    }

    @Test
    void nothingToReadIsAnonymous() {
        assertThat(SigV4Parser.parse(null, null)).isInstanceOf(SigV4Parser.Anonymous.class);
        assertThat(SigV4Parser.parse("  ", Map.of("Action", "ListQueues"))).isInstanceOf(SigV4Parser.Anonymous.class);
        // a SigV2 query needs both the key and the signature
        assertThat(SigV4Parser.parse(null, Map.of("AWSAccessKeyId", "AKID"))).isInstanceOf(SigV4Parser.Anonymous.class);
    }

    @Test
    void missingComponentsAreMalformed() {
        String scope = "Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request";
        assertThat(malformed(SigV4Parser.parse(
                "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc", Map.of()))).contains("'Credential'");
        assertThat(malformed(SigV4Parser.parse(
                "AWS4-HMAC-SHA256 " + scope + ", Signature=abc", Map.of()))).contains("'SignedHeaders'");
        assertThat(malformed(SigV4Parser.parse(
                "AWS4-HMAC-SHA256 " + scope + ", SignedHeaders=host", Map.of()))).contains("'Signature'");
        assertThat(malformed(SigV4Parser.parse("AWS4-HMAC-SHA256", Map.of()))).contains("'Credential'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "AKIDEXAMPLE/20150830/us-east-1/iam",                      // no terminator
            "AKIDEXAMPLE/20150830/us-east-1/iam/aws4_requests",        // wrong terminator
            "AKIDEXAMPLE/20150830/us-east-1/iam/extra/aws4_request",   // too many parts
            "/20150830/us-east-1/iam/aws4_request",                    // no key
            "AKIDEXAMPLE",
            "AKIDEXAMPLE/aws4_request",
    })
    void aBadScopeIsMalformed(String credential) {
        assertThat(malformed(SigV4Parser.parse("AWS4-HMAC-SHA256 Credential=" + credential
                + ", SignedHeaders=host, Signature=abc", Map.of()))).contains("Credential is mal-formed");
        assertThat(malformed(SigV4Parser.parse(null, Map.of("X-Amz-Credential", credential))))
                .contains("Credential is mal-formed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer token", "Basic dXNlcjpwYXNz", "AWS4-HMAC-SHA512 Credential=a", "aws4-hmac-sha256 x"})
    void otherSchemesAreUnsupported(String header) {
        assertThat(malformed(SigV4Parser.parse(header, Map.of()))).isEqualTo("Unsupported Authorization Type");
    }

    @Test
    void aSigV2HeaderWithoutKeyIsMalformed() {
        malformed(SigV4Parser.parse("AWS signature-only", Map.of()));
        malformed(SigV4Parser.parse("AWS :sig", Map.of()));
        malformed(SigV4Parser.parse("AWS", Map.of()));
    }

    @Test
    void credentialListsAreImmutableCopies() {
        List<String> headers = new java.util.ArrayList<>(List.of("host"));
        SigV4Credential c = new SigV4Credential("AWS4-HMAC-SHA256", "k", "d", "r", "s", headers, "x", false, null, null);
        headers.add("x-amz-date");

        assertThat(c.signedHeaders()).containsExactly("host");
        assertThat(new SigV4Credential("AWS", "k", null, null, null, null, "x", false, null, null).signedHeaders()).isEmpty();
    }
}
