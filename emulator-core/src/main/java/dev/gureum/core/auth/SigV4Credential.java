package dev.gureum.core.auth;

import java.util.List;

/**
 * What a request's signature says about its caller, parsed from the {@code Authorization} header or
 * from a presigned URL's query: access key, credential scope (date, region, service) and the signed parts.
 *
 * @param algorithm     {@code AWS4-HMAC-SHA256}, {@code AWS4-ECDSA-P256-SHA256} (SigV4a) or {@code AWS} (SigV2)
 * @param accessKeyId   the access key id
 * @param date          the scope date, {@code yyyyMMdd}, or {@code null} (SigV2)
 * @param region        the scope region, or {@code null} when the scope has none (SigV2, SigV4a)
 * @param service       the scope service (signing name), or {@code null}
 * @param signedHeaders lower-case names of the signed headers
 * @param signature     the hex signature
 * @param presigned     whether it came from the query string
 * @param amzDate       {@code X-Amz-Date} of a presigned URL ({@code yyyyMMdd'T'HHmmss'Z'}), else {@code null}
 * @param expires       {@code X-Amz-Expires} of a presigned URL in seconds, else {@code null}
 */
public record SigV4Credential(String algorithm, String accessKeyId, String date, String region, String service,
                              List<String> signedHeaders, String signature, boolean presigned, String amzDate,
                              Long expires) {

    public SigV4Credential {
        signedHeaders = signedHeaders == null ? List.of() : List.copyOf(signedHeaders);
    }

    public boolean isSigV4() {
        return "AWS4-HMAC-SHA256".equals(algorithm);
    }
}
