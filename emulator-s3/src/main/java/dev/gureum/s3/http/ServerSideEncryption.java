package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.protocol.S3Error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Server-side encryption as clients see it: SSE-S3, SSE-KMS (a key id accepted and echoed as its ARN,
 * the account's {@code aws/s3} key by default) and SSE-C (the customer key checked against its MD5,
 * required again on every read). The bytes themselves are stored as sent.
 */
final class ServerSideEncryption {

    static final String ALGORITHM = "x-amz-server-side-encryption";
    static final String KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
    static final String BUCKET_KEY = "x-amz-server-side-encryption-bucket-key-enabled";
    private static final String OWN = "x-amz-";
    private static final String SSE_C_ALGORITHM = "server-side-encryption-customer-algorithm";
    private static final String SSE_C_KEY = "server-side-encryption-customer-key";
    private static final String SSE_C_KEY_MD5 = "server-side-encryption-customer-key-MD5";
    static final String CUSTOMER_ALGORITHM = OWN + SSE_C_ALGORITHM;
    static final String CUSTOMER_KEY_MD5 = OWN + SSE_C_KEY_MD5;
    /** What the customer-key headers of a copy's source start with, in place of {@code x-amz-}. */
    static final String COPY_SOURCE = "x-amz-copy-source-";

    private static final Set<String> ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    private ServerSideEncryption() {
    }

    /**
     * The encryption headers a new object or upload stores: what the request asks for (checked), else the
     * bucket's default encryption (SSE-S3 unless configured otherwise).
     */
    static Map<String, String> forNewObject(UnaryOperator<String> field, Bucket bucket) {
        Map<String, String> headers = new LinkedHashMap<>();
        String algorithm = field.apply(ALGORITHM);
        String customerMd5 = customerKeyMd5(field, OWN);
        if (customerMd5 != null) {
            if (algorithm != null) {
                throw new AwsException(S3Error.INVALID_ARGUMENT, "Server Side Encryption with Customer provided key "
                        + "is incompatible with the encryption method specified")
                        .detail("ArgumentName", ALGORITHM).detail("ArgumentValue", algorithm);
            }
            refuseKmsKeyWithout(field, null);
            headers.put(CUSTOMER_ALGORITHM, "AES256");
            headers.put(CUSTOMER_KEY_MD5, customerMd5);
            return headers;
        }
        if (algorithm != null) {
            if (!ALGORITHMS.contains(algorithm)) {
                throw new AwsException(S3Error.INVALID_ARGUMENT, "The encryption method specified is not supported")
                        .detail("ArgumentName", ALGORITHM).detail("ArgumentValue", algorithm);
            }
            refuseKmsKeyWithout(field, algorithm);
            headers.put(ALGORITHM, algorithm);
            if (algorithm.startsWith("aws:kms")) {
                headers.put(KMS_KEY_ID, keyArn(field.apply(KMS_KEY_ID), bucket));
                if ("true".equalsIgnoreCase(field.apply(BUCKET_KEY))) {
                    headers.put(BUCKET_KEY, "true");
                }
            }
            return headers;
        }
        refuseKmsKeyWithout(field, null);
        String config = bucket.configurations().get("encryption");
        if (config == null && bucket.configurations().containsKey(S3State.NO_DEFAULT_ENCRYPTION)) {
            return headers;
        }
        Params rule = config == null ? Params.empty()
                : XmlDecoder.parse(config.getBytes(StandardCharsets.UTF_8)).root().list("Rule").stream()
                .findFirst().orElse(Params.empty());
        Params byDefault = rule.object("ApplyServerSideEncryptionByDefault");
        String byDefaultAlgorithm = byDefault.string("SSEAlgorithm", "AES256");
        headers.put(ALGORITHM, byDefaultAlgorithm);
        if (byDefaultAlgorithm.startsWith("aws:kms")) {
            headers.put(KMS_KEY_ID, keyArn(byDefault.string("KMSMasterKeyID"), bucket));
            if ("true".equals(rule.string("BucketKeyEnabled"))) {
                headers.put(BUCKET_KEY, "true");
            }
        }
        return headers;
    }

    /** A KMS key id names the key of SSE-KMS only. */
    private static void refuseKmsKeyWithout(UnaryOperator<String> field, String algorithm) {
        if (field.apply(KMS_KEY_ID) != null && (algorithm == null || !algorithm.startsWith("aws:kms"))) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Server Side Encryption with AWS KMS managed key requires "
                    + "HTTP header x-amz-server-side-encryption : aws:kms")
                    .detail("ArgumentName", ALGORITHM).detail("ArgumentValue", algorithm == null ? "null" : algorithm);
        }
    }

    /** The ARN S3 reports for a KMS key given by id, alias or ARN; the account's {@code aws/s3} key when none. */
    static String keyArn(String keyId, Bucket bucket) {
        String region = bucket.region();
        String account = bucket.ownerAccount();
        if (keyId == null || keyId.isBlank()) {
            // the AWS managed key of S3, one per account and region
            UUID managed = UUID.nameUUIDFromBytes(("aws/s3:" + account + ":" + region).getBytes(StandardCharsets.UTF_8));
            return Arn.of("kms", region, account, "key/" + managed).toString();
        }
        if (keyId.startsWith("arn:")) {
            return keyId;
        }
        return Arn.of("kms", region, account, keyId.startsWith("alias/") ? keyId : "key/" + keyId).toString();
    }

    /**
     * The MD5 (base64) of the customer key the request gives under {@code prefix} ({@code x-amz-}, or
     * {@link #COPY_SOURCE} for a copy's source), checked; {@code null} when it gives none.
     */
    static String customerKeyMd5(UnaryOperator<String> field, String prefix) {
        String algorithm = field.apply(prefix + SSE_C_ALGORITHM);
        String key = field.apply(prefix + SSE_C_KEY);
        String md5 = field.apply(prefix + SSE_C_KEY_MD5);
        if (algorithm == null && key == null && md5 == null) {
            return null;
        }
        if (algorithm == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide a valid "
                    + "encryption algorithm.", prefix + SSE_C_ALGORITHM, null);
        }
        if (!algorithm.equals("AES256")) {
            throw new AwsException(S3Error.INVALID_ENCRYPTION_ALGORITHM,
                    "The encryption request you specified is not valid. Supported value: AES256.")
                    .detail("ArgumentName", prefix + SSE_C_ALGORITHM).detail("ArgumentValue", algorithm);
        }
        if (key == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide an "
                    + "appropriate secret key.", prefix + SSE_C_ALGORITHM, algorithm);
        }
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            keyBytes = new byte[0];
        }
        if (keyBytes.length != 32) {
            throw invalid("The secret key was invalid for the specified algorithm.",
                    prefix + SSE_C_KEY, "");
        }
        String actual = Base64.getEncoder().encodeToString(md5(keyBytes));
        if (md5 == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide the "
                    + "client calculated MD5 of the secret key.", prefix + SSE_C_KEY_MD5, null);
        }
        if (!md5.trim().equals(actual)) {
            throw invalid("The calculated MD5 hash of the key did not match the hash that was provided.",
                    prefix + SSE_C_KEY_MD5, md5);
        }
        return actual;
    }

    /**
     * A read of an object (GET, HEAD, a copy's source) gives the customer key the object was written with,
     * and no customer key for an object written without one.
     *
     * @param prefix {@code null} for the request's own headers, {@link #COPY_SOURCE} for a copy's source
     * @param stored the object's stored headers
     */
    static void checkRead(UnaryOperator<String> field, String prefix, Map<String, String> stored) {
        String given = customerKeyMd5(field, prefix == null ? OWN : prefix);
        String expected = stored.get(CUSTOMER_KEY_MD5);
        if (expected == null) {
            if (given != null) {
                throw new AwsException(S3Error.INVALID_REQUEST, "The encryption parameters are not applicable to "
                        + "this object.");
            }
            return;
        }
        if (given == null) {
            throw new AwsException(S3Error.INVALID_REQUEST, "The object was stored using a form of Server Side "
                    + "Encryption. The correct parameters must be provided to retrieve the object.");
        }
        if (!given.equals(expected)) {
            throw new AwsException(S3Error.ACCESS_DENIED, "Access Denied");
        }
    }

    /**
     * GET and HEAD take no {@code x-amz-server-side-encryption}: S3 decrypts SSE-S3 and SSE-KMS objects
     * by itself and answers 400 to a read that names an encryption method.
     */
    static void refuseOnRead(UnaryOperator<String> field) {
        String algorithm = field.apply(ALGORITHM);
        if (algorithm != null) {
            throw invalid("x-amz-server-side-encryption header is not supported for this operation.", ALGORITHM,
                    algorithm);
        }
    }

    /** An upload's part gives the customer key the upload was created with. */
    static void checkPart(UnaryOperator<String> field, Map<String, String> uploadHeaders) {
        String given = customerKeyMd5(field, OWN);
        String expected = uploadHeaders.get(CUSTOMER_KEY_MD5);
        if (expected != null && given == null) {
            throw new AwsException(S3Error.INVALID_REQUEST, "The multipart upload initiate requested encryption. "
                    + "Subsequent part requests must include the appropriate encryption parameters.");
        }
        if (expected == null && given != null || expected != null && !expected.equals(given)) {
            throw new AwsException(S3Error.INVALID_REQUEST, "The provided encryption parameters did not match the "
                    + "ones used originally.");
        }
    }

    /** The encryption headers of an answer, from what the object or upload stores. */
    static void echo(S3Request request, Map<String, String> stored) {
        for (String name : dev.gureum.s3.domain.ObjectStore.ENCRYPTION_HEADERS) {
            S3Responses.header(request, name, stored.get(name));
        }
    }

    private static AwsException invalid(String message, String argument, String value) {
        return new AwsException(S3Error.INVALID_ARGUMENT, message).detail("ArgumentName", argument)
                .detail("ArgumentValue", value);
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
