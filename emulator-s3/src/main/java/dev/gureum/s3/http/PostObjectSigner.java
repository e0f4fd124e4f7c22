package dev.gureum.s3.http;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.auth.SigV2;
import dev.gureum.core.auth.SignatureVerifier;
import dev.gureum.core.error.AwsException;
import dev.gureum.s3.protocol.S3Error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

/**
 * Who a browser form upload acts as. A form carries a credential, a policy and the policy's signature
 * (SigV4: {@code x-amz-algorithm}, {@code x-amz-credential}, {@code x-amz-date},
 * {@code x-amz-signature}; SigV2: {@code AWSAccessKeyId}, {@code signature}) and then acts as that
 * key's account, or carries none of them and is anonymous. The three go together: one without the
 * others is refused. The signature is checked when signatures are verified.
 */
final class PostObjectSigner {

    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your key and signing method.";

    private final S3Access access;
    private final AccessKeys accessKeys;
    private final boolean verify;

    PostObjectSigner(S3Access access, AccessKeys accessKeys, boolean verify) {
        this.access = access;
        this.accessKeys = accessKeys;
        this.verify = verify;
    }

    /** @param fields the form's fields, by lower-case name */
    Principal caller(Map<String, String> fields) {
        String policy = fields.get("policy");
        boolean v4 = fields.containsKey("x-amz-credential") || fields.containsKey("x-amz-signature")
                || fields.containsKey("x-amz-algorithm");
        String credential = v4 ? fields.get("x-amz-credential") : fields.get("awsaccesskeyid");
        String signature = v4 ? fields.get("x-amz-signature") : fields.get("signature");
        if (policy == null && credential == null && signature == null) {
            return Principal.anonymous();
        }
        if (credential == null || credential.isEmpty()) {
            throw missing(v4 ? "X-Amz-Credential" : "AWSAccessKeyId");
        }
        if (policy == null || policy.isEmpty()) {
            throw missing("Policy");
        }
        if (signature == null || signature.isEmpty()) {
            throw missing(v4 ? "X-Amz-Signature" : "Signature");
        }
        String accessKeyId;
        String expected;
        if (v4) {
            String algorithm = fields.get("x-amz-algorithm");
            if (algorithm == null) {
                throw missing("X-Amz-Algorithm");
            }
            if (!algorithm.equals("AWS4-HMAC-SHA256")) {
                throw new AwsException(S3Error.INVALID_ARGUMENT, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"")
                        .detail("ArgumentName", "x-amz-algorithm").detail("ArgumentValue", algorithm);
            }
            if (fields.get("x-amz-date") == null) {
                throw missing("X-Amz-Date");
            }
            String[] scope = credential.split("/", -1);
            if (scope.length != 5 || scope[0].isEmpty() || !scope[4].equals("aws4_request")) {
                throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid argument.")
                        .detail("ArgumentName", "x-amz-credential").detail("ArgumentValue", credential);
            }
            accessKeyId = scope[0];
            expected = verify ? SignatureVerifier.signature(secret(accessKeyId), scope[1], scope[2], scope[3], policy)
                    : null;
            signature = signature.toLowerCase(Locale.ROOT);
        } else {
            accessKeyId = credential;
            expected = verify ? SigV2.sign(secret(accessKeyId), policy, "HmacSHA1") : null;
        }
        if (expected != null && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw new AwsException(S3Error.SIGNATURE_DOES_NOT_MATCH, MISMATCH)
                    .detail("AWSAccessKeyId", accessKeyId)
                    .detail("StringToSign", policy)
                    .detail("SignatureProvided", signature);
        }
        return access.principalOf(accessKeyId, accessKeys.accountOf(accessKeyId));
    }

    private String secret(String accessKeyId) {
        return accessKeys.secretOf(accessKeyId).orElseThrow(() -> new AwsException(S3Error.INVALID_ACCESS_KEY_ID,
                "The AWS Access Key Id you provided does not exist in our records.").detail("AWSAccessKeyId", accessKeyId));
    }

    private static AwsException missing(String field) {
        return new AwsException(S3Error.INVALID_ARGUMENT, "Bucket POST must contain a field named '" + field
                + "'.  If it is specified, please check the order of the fields.")
                .detail("ArgumentName", field).detail("ArgumentValue", "");
    }
}
