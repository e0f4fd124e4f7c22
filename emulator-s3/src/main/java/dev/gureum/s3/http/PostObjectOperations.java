package dev.gureum.s3.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Acl;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.Conditions;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.BlobStore;
import dev.gureum.s3.storage.ChecksumAlgorithm;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PostObject: a browser's upload with an HTML form ({@code multipart/form-data}), as presigned POSTs
 * (boto3's {@code generate_presigned_post}, the SDKs' POST policies) produce. The form's fields name
 * the key and the object's headers; its policy, when there is one, must allow every field. A form
 * with a credential acts as that key's account (see {@link PostObjectSigner}); one without is
 * anonymous and may write only where the bucket lets anyone write (its policy or ACL).
 */
final class PostObjectOperations {

    private static final ObjectMapper JSON = dev.gureum.core.json.Json.mapper();

    /** Fields a policy need not name: the policy and its signature, and what S3 ignores. */
    private static final Set<String> UNCHECKED_FIELDS = Set.of("policy", "signature", "x-amz-signature",
            "awsaccesskeyid", "file");

    private final S3State state;
    private final PostObjectSigner signer;

    PostObjectOperations(S3State state) {
        this.state = state;
        this.signer = new PostObjectSigner(state.access, state.context.accessKeys(),
                state.context.config().verifySignatures());
    }

    static boolean isFormUpload(S3Request request) {
        String type = request.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    void postObject(S3Request request) {
        Bucket bucket = state.existing(request.bucket());
        PostObjectForm.receive(request, state, form -> store(request, bucket, form));
    }

    /** PostObject once the form has arrived. */
    private void store(S3Request request, Bucket bucket, PostObjectForm.Form form) {
        Map<String, String> fields = form.fields();
        BlobStore.Written written = form.file();
        String key = fields.get("key");
        if (key == null || key.isEmpty()) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Bucket POST must contain a field named 'key'.  "
                    + "If it is specified, please check the order of the fields.")
                    .detail("ArgumentName", "key").detail("ArgumentValue", "");
        }
        key = key.replace("${filename}", form.fileName() == null ? "" : form.fileName());
        ObjectStore.checkKey(key);
        Principal caller = signer.caller(fields);
        long[] lengthRange = checkPolicy(fields, key, bucket.name());
        state.access.check(bucket, caller, "s3:PutObject", key, null, request);
        S3State.checkExpectedOwner(bucket, request.header("x-amz-expected-bucket-owner"));
        BucketConfigOperations.refuseDisabledAcls(bucket, fields.get("acl"),
                fields.keySet().stream().anyMatch(f -> f.startsWith("x-amz-grant-")),
                caller.isAnonymous() ? null : caller.accountId());
        Acl acl = Acls.fromHeaders(name -> fields.get(name.equals("x-amz-acl") ? "acl" : name), bucket.ownerAccount());
        BucketConfigOperations.refusePublicAcl(bucket, acl);

        Map<String, String> headers = ObjectLockOperations.withLock(name -> fields.get(name.toLowerCase(Locale.ROOT)),
                bucket, BodyReceiver.storedHeaders(name -> fields.get(name.toLowerCase(Locale.ROOT)), bucket), state.clock);
        Map<String, String> meta = BodyReceiver.userMetadata(fields);
        String storageClass = BodyReceiver.storageClass(fields.get("x-amz-storage-class"));
        Map<String, String> tags = fields.containsKey("tagging")
                ? Tags.parseObjectTags(S3Request.xmlDocument(fields.get("tagging").getBytes(StandardCharsets.UTF_8), "Tagging"))
                : Map.of();

        checkLength(written.size(), lengthRange);
        S3Object object = state.objects.put(bucket, key, new ObjectStore.ObjectMetadata(headers, meta, tags,
                storageClass, acl, caller.isAnonymous() ? bucket.ownerAccount() : caller.accountId()), written,
                ChecksumAlgorithm.CRC64NVME, Conditions.NONE);
        state.saveKey(request, bucket, key);
        state.events.objectCreated(bucket, object, "Post", request);
        respond(request, bucket, object, fields);
    }

    /**
     * Checks the form against its policy (expiration, and a condition for every field); returns the
     * allowed content length range, or {@code null}.
     */
    private long[] checkPolicy(Map<String, String> fields, String key, String bucketName) {
        String encoded = fields.get("policy");
        if (encoded == null) {
            return null;
        }
        JsonNode policy;
        try {
            policy = JSON.readTree(Base64.getDecoder().decode(encoded.trim()));
        } catch (IOException | IllegalArgumentException e) {
            throw new AwsException(S3Error.INVALID_POLICY_DOCUMENT, "Invalid Policy: Invalid JSON.");
        }
        if (policy == null || !policy.path("expiration").isTextual() || !policy.path("conditions").isArray()) {
            throw new AwsException(S3Error.INVALID_POLICY_DOCUMENT,
                    "Invalid Policy: Policy missing expiration or conditions.");
        }
        try {
            if (state.clock.instant().isAfter(Instant.parse(policy.get("expiration").asText()))) {
                throw denied("Policy expired.");
            }
        } catch (DateTimeParseException e) {
            throw new AwsException(S3Error.INVALID_POLICY_DOCUMENT, "Invalid Policy: Invalid 'expiration' value: '"
                    + policy.get("expiration").asText() + "'");
        }
        Map<String, String> values = new LinkedHashMap<>(fields);
        values.put("bucket", bucketName);
        Set<String> covered = new java.util.HashSet<>(Set.of("bucket"));
        long[] range = null;
        for (JsonNode condition : policy.get("conditions")) {
            if (condition.isObject() && condition.size() == 1) {
                String name = condition.fieldNames().next().toLowerCase(Locale.ROOT);
                covered.add(name);
                if (!holds("eq", name, condition.elements().next().asText(), values, key)) {
                    throw denied("Policy Condition failed: [\"eq\", \"$" + name + "\", \""
                            + condition.elements().next().asText() + "\"]");
                }
            } else if (condition.isArray() && condition.size() == 3
                    && condition.get(0).asText().equalsIgnoreCase("content-length-range")) {
                range = new long[] {condition.get(1).asLong(), condition.get(2).asLong()};
            } else if (condition.isArray() && condition.size() == 3 && condition.get(1).asText().startsWith("$")) {
                String op = condition.get(0).asText().toLowerCase(Locale.ROOT);
                String name = condition.get(1).asText().substring(1).toLowerCase(Locale.ROOT);
                String expected = condition.get(2).asText();
                covered.add(name);
                if (!op.equals("eq") && !op.equals("starts-with")) {
                    throw new AwsException(S3Error.INVALID_POLICY_DOCUMENT,
                            "Invalid Policy: Invalid Condition: " + condition);
                }
                if (!holds(op, name, expected, values, key)) {
                    throw denied("Policy Condition failed: " + condition);
                }
            } else {
                throw new AwsException(S3Error.INVALID_POLICY_DOCUMENT, "Invalid Policy: Invalid Condition: " + condition);
            }
        }
        for (String field : fields.keySet()) {
            if (!covered.contains(field) && !UNCHECKED_FIELDS.contains(field) && !field.startsWith("x-ignore-")) {
                throw denied("Extra input fields: " + field);
            }
        }
        return range;
    }

    /**
     * Whether a condition holds for a field. The key is checked as the form gives it and with
     * {@code ${filename}} replaced: the SDKs' presigned POSTs name such a key by its prefix
     * ({@code starts-with}), which the upload's real key must have.
     */
    private static boolean holds(String op, String name, String expected, Map<String, String> values, String key) {
        String actual = values.getOrDefault(name, "");
        boolean holds = op.equals("eq") ? actual.equals(expected) : actual.startsWith(expected);
        if (!holds && name.equals("key")) {
            holds = op.equals("eq") ? key.equals(expected) : key.startsWith(expected);
        }
        return holds;
    }

    private static AwsException denied(String why) {
        return new AwsException(S3Error.ACCESS_DENIED, "Invalid according to Policy: " + why);
    }

    private static void checkLength(long size, long[] range) {
        if (range == null) {
            return;
        }
        if (size > range[1]) {
            throw new AwsException(S3Error.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed size")
                    .detail("ProposedSize", String.valueOf(size)).detail("MaxSizeAllowed", String.valueOf(range[1]));
        }
        if (size < range[0]) {
            throw new AwsException(S3Error.ENTITY_TOO_SMALL, "Your proposed upload is smaller than the minimum allowed size")
                    .detail("ProposedSize", String.valueOf(size)).detail("MinSizeAllowed", String.valueOf(range[0]));
        }
    }

    /** A redirect when the form asks for one, else the status it asks for: 200, 201 (with a document) or 204. */
    private static void respond(S3Request request, Bucket bucket, S3Object object, Map<String, String> fields) {
        String location = request.context().baseUrl() + "/" + bucket.name() + "/"
                + URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
        S3Responses.header(request, "ETag", object.quotedEtag());
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        ObjectOperations.writeEncryptionHeaders(request, object);
        String redirect = fields.getOrDefault("success_action_redirect", fields.get("redirect"));
        if (redirect != null && !redirect.isEmpty()) {
            S3Responses.header(request, "Location", redirect + (redirect.contains("?") ? "&" : "?")
                    + "bucket=" + URLEncoder.encode(bucket.name(), StandardCharsets.UTF_8)
                    + "&key=" + URLEncoder.encode(object.key(), StandardCharsets.UTF_8)
                    + "&etag=" + URLEncoder.encode(object.quotedEtag(), StandardCharsets.UTF_8));
            S3Responses.empty(request, 303);
            return;
        }
        S3Responses.header(request, "Location", location);
        switch (fields.getOrDefault("success_action_status", "204")) {
            case "200" -> S3Responses.empty(request, 200);
            case "201" -> S3Responses.xml(request, 201, "PostResponse", null, Struct.of().put("Location", location)
                    .put("Bucket", bucket.name()).put("Key", object.key()).put("ETag", object.quotedEtag()));
            default -> S3Responses.empty(request, 204);
        }
    }
}
