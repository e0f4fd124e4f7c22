package dev.gureum.s3.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.BucketConfigurations;
import dev.gureum.s3.domain.Buckets;
import dev.gureum.s3.protocol.S3Error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bucket configuration documents (policy, CORS, lifecycle, encryption, ownership controls, public
 * access block, website, logging...): validated, stored as given and returned as stored. Those that
 * change behaviour are read where they apply (CORS on requests, notifications on writes, policy on
 * cross-account access).
 */
final class BucketConfigOperations {

    private static final String XML_DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final ObjectMapper JSON = dev.gureum.core.json.Json.mapper();

    /** A configuration document: its root element and what GET answers when there is none. */
    private record Document(String root, S3Error missing, String missingMessage, String defaultBody) {
    }

    private static final Map<String, Document> DOCUMENTS = Map.ofEntries(
            Map.entry("cors", new Document("CORSConfiguration", S3Error.NO_SUCH_CORS_CONFIGURATION,
                    "The CORS configuration does not exist", null)),
            Map.entry("lifecycle", new Document("LifecycleConfiguration", S3Error.NO_SUCH_LIFECYCLE_CONFIGURATION,
                    "The lifecycle configuration does not exist", null)),
            // every bucket is encrypted with SSE-S3 unless told otherwise
            Map.entry("encryption", new Document("ServerSideEncryptionConfiguration", null, null,
                    "<ServerSideEncryptionConfiguration xmlns=\"" + S3State.XMLNS + "\"><Rule>"
                            + "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
                            + "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule>"
                            + "</ServerSideEncryptionConfiguration>")),
            Map.entry("ownershipControls", new Document("OwnershipControls", S3Error.OWNERSHIP_CONTROLS_NOT_FOUND,
                    "The bucket ownership controls were not found", null)),
            Map.entry("publicAccessBlock", new Document("PublicAccessBlockConfiguration",
                    S3Error.NO_SUCH_PUBLIC_ACCESS_BLOCK, "The public access block configuration was not found", null)),
            Map.entry("website", new Document("WebsiteConfiguration", S3Error.NO_SUCH_WEBSITE_CONFIGURATION,
                    "The specified bucket does not have a website configuration", null)),
            Map.entry("logging", new Document("BucketLoggingStatus", null, null,
                    "<BucketLoggingStatus xmlns=\"" + S3State.XMLNS + "\"/>")),
            Map.entry("accelerate", new Document("AccelerateConfiguration", null, null,
                    "<AccelerateConfiguration xmlns=\"" + S3State.XMLNS + "\"/>")),
            Map.entry("requestPayment", new Document("RequestPaymentConfiguration", null, null,
                    "<RequestPaymentConfiguration xmlns=\"" + S3State.XMLNS + "\"><Payer>BucketOwner</Payer>"
                            + "</RequestPaymentConfiguration>")),
            Map.entry("object-lock", new Document("ObjectLockConfiguration", S3Error.OBJECT_LOCK_CONFIGURATION_NOT_FOUND,
                    "Object Lock configuration does not exist for this bucket", null)),
            Map.entry("replication", new Document("ReplicationConfiguration", S3Error.REPLICATION_CONFIGURATION_NOT_FOUND,
                    "The replication configuration was not found", null)),
            Map.entry("notification", new Document("NotificationConfiguration", null, null,
                    "<NotificationConfiguration xmlns=\"" + S3State.XMLNS + "\"/>")));

    private final S3State state;

    BucketConfigOperations(S3State state) {
        this.state = state;
    }

    static boolean isDocument(String subresource) {
        return DOCUMENTS.containsKey(subresource);
    }

    void put(S3Request request, String subresource) {
        Bucket bucket = state.bucket(request);
        Document document = DOCUMENTS.get(subresource);
        byte[] body = request.smallBody();
        XmlDecoder.Document xml = new XmlDecoder.Document(document.root, S3Request.xmlDocument(body, document.root));
        switch (subresource) {
            case "cors" -> validateCors(bucket, xml.root());
            case "ownershipControls" -> {
                String ownership = xml.root().object("Rule").string("ObjectOwnership");
                BucketOperations.ownershipXml(ownership == null ? "" : ownership);
                if ("BucketOwnerEnforced".equals(ownership)) {
                    refuseGrantsToOthers(bucket);
                }
            }
            case "encryption" -> validateEncryption(bucket, xml.root());
            case "lifecycle" -> {
                validateLifecycle(bucket, xml.root());
                ConfigurationChecks.lifecycle(bucket, xml.root());
            }
            case "logging" -> {
                // only the bucket owner sets where its logs go, whatever its policy lets others do
                if (!bucket.ownerAccount().equals(request.context().accountId())) {
                    throw new AwsException(S3Error.ACCESS_DENIED, "Access Denied");
                }
                ConfigurationChecks.logging(bucket, xml.root(), state);
            }
            case "object-lock" -> {
                Buckets.checkConfiguration(bucket, subresource);
                ConfigurationChecks.objectLock(bucket, xml.root());
            }
            case "notification" -> state.events.validateAndTest(bucket, xml.root(), request);
            default -> Buckets.checkConfiguration(bucket, subresource);
        }
        String stored = new String(body, StandardCharsets.UTF_8);
        if (subresource.equals("lifecycle")) {
            stored = withRuleIds(stored);
        }
        Buckets.putConfiguration(bucket, subresource, stored);
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 200);
    }

    void get(S3Request request, String subresource) {
        Bucket bucket = state.bucket(request);
        Document document = DOCUMENTS.get(subresource);
        String stored = bucket.configurations().get(subresource);
        if (stored == null && subresource.equals("encryption")
                && bucket.configurations().containsKey(S3State.NO_DEFAULT_ENCRYPTION)) {
            throw new AwsException(S3Error.SSE_CONFIGURATION_NOT_FOUND,
                    "The server side encryption configuration was not found").detail("BucketName", bucket.name());
        }
        if (stored == null) {
            if (document.missing != null) {
                throw new AwsException(document.missing, document.missingMessage).detail("BucketName", bucket.name());
            }
            stored = document.defaultBody;
        }
        if (!stored.startsWith("<?xml")) {
            stored = XML_DECL + stored;
        }
        S3Responses.document(request, "application/xml", stored.getBytes(StandardCharsets.UTF_8));
    }

    void delete(S3Request request, String subresource) {
        Bucket bucket = state.bucket(request);
        bucket.configurations().remove(subresource);
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    private static final java.util.regex.Pattern BLOCK_PUBLIC_POLICY = java.util.regex.Pattern.compile(
            "<BlockPublicPolicy>\\s*true", java.util.regex.Pattern.CASE_INSENSITIVE);

    void putPolicy(S3Request request) {
        Bucket bucket = state.bucket(request);
        byte[] body = request.smallBody();
        JsonNode policy;
        try {
            policy = JSON.readTree(body);
        } catch (IOException e) {
            policy = null;
        }
        if (policy == null || !policy.isObject()) {
            throw new AwsException(S3Error.MALFORMED_POLICY, "Policies must be valid JSON and the first byte must be '{'");
        }
        if (!policy.has("Statement")) {
            throw new AwsException(S3Error.MALFORMED_POLICY, "Missing required field Statement");
        }
        JsonNode statements = policy.get("Statement");
        Iterable<JsonNode> each = statements.isArray() ? statements : List.of(statements);
        for (JsonNode statement : each) {
            if (statement.has("NotPrincipal") && "Allow".equals(statement.path("Effect").asText())) {
                // IAM: "NotPrincipal must be used with Effect Deny; using it with Allow is not supported"
                throw new AwsException(S3Error.MALFORMED_POLICY, "NotPrincipal must be used with Effect Deny");
            }
        }
        dev.gureum.core.auth.PolicyDocument parsed = dev.gureum.core.auth.PolicyDocument.ofStored(
                new String(body, StandardCharsets.UTF_8));
        if (parsed != null && parsed.isPublic() && BLOCK_PUBLIC_POLICY.matcher(
                bucket.configurations().getOrDefault("publicAccessBlock", "")).find()) {
            // BlockPublicPolicy: a policy that would make the bucket public is refused
            throw new AwsException(S3Error.ACCESS_DENIED, "Access Denied");
        }
        BucketConfigurations.putPolicy(bucket, new String(body, StandardCharsets.UTF_8));
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    void getPolicy(S3Request request) {
        Bucket bucket = state.bucket(request);
        String policy = bucket.configurations().get("policy");
        if (policy == null) {
            throw new AwsException(S3Error.NO_SUCH_BUCKET_POLICY, "The bucket policy does not exist")
                    .detail("BucketName", bucket.name());
        }
        S3Responses.document(request, "application/json", policy.getBytes(StandardCharsets.UTF_8));
    }

    void getPolicyStatus(S3Request request) {
        Bucket bucket = state.bucket(request);
        String policy = bucket.configurations().get("policy");
        dev.gureum.core.auth.PolicyDocument parsed = dev.gureum.core.auth.PolicyDocument.ofStored(policy);
        boolean isPublic = parsed != null && parsed.isPublic();
        S3Responses.document(request, "application/xml", (XML_DECL + "<PolicyStatus xmlns=\"" + S3State.XMLNS
                + "\"><IsPublic>" + isPublic + "</IsPublic></PolicyStatus>").getBytes(StandardCharsets.UTF_8));
    }

    void getAcl(S3Request request, String ownerAccount, dev.gureum.s3.domain.Acl acl) {
        S3Responses.document(request, "application/xml",
                Acls.render(ownerAccount, acl).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The ACL a PutBucketAcl or PutObjectAcl asks for (a document, else headers). ACLs are accepted as
     * long as the bucket allows them; with the default object ownership ({@code BucketOwnerEnforced})
     * only the owner-only ACLs are.
     */
    dev.gureum.s3.domain.Acl readAcl(S3Request request, Bucket bucket) {
        byte[] body = request.smallBody();
        Buckets.refuseAclChange(bucket);
        dev.gureum.s3.domain.Acl acl = body.length > 0
                ? Acls.fromDocument(S3Request.xmlDocument(body, "AccessControlPolicy"))
                : Acls.fromHeaders(request::header, bucket.ownerAccount());
        refusePublicAcl(bucket, acl);
        return acl;
    }

    /**
     * ACLs are disabled only on a bucket whose ACL grants the bucket owner alone: one granting anyone else
     * anything is refused with {@code InvalidBucketAclWithObjectOwnership}, as when a bucket is created so.
     */
    private static void refuseGrantsToOthers(Bucket bucket) {
        String ownerId = S3State.canonicalId(bucket.ownerAccount());
        if (bucket.acl().grants().stream().anyMatch(g -> !(g.type().equals("CanonicalUser")
                && g.value().equalsIgnoreCase(ownerId)))) {
            throw new AwsException(S3Error.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP,
                    "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
        }
    }

    private static final java.util.regex.Pattern BLOCK_PUBLIC_ACLS = java.util.regex.Pattern.compile(
            "<BlockPublicAcls>\\s*true", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * {@code BlockPublicAcls}: an ACL that grants anything to the AllUsers or AuthenticatedUsers group
     * (a public one, as S3 defines it) is refused with {@code AccessDenied}, on PutBucketAcl and
     * PutObjectAcl as on the writes that set one.
     */
    static void refusePublicAcl(Bucket bucket, dev.gureum.s3.domain.Acl acl) {
        boolean isPublic = acl.grants().stream().anyMatch(g -> g.type().equals("Group")
                && (g.value().equals(dev.gureum.s3.domain.Acl.ALL_USERS)
                || g.value().equals(dev.gureum.s3.domain.Acl.AUTHENTICATED_USERS)));
        if (isPublic && BLOCK_PUBLIC_ACLS.matcher(bucket.configurations().getOrDefault("publicAccessBlock", "")).find()) {
            throw new AwsException(S3Error.ACCESS_DENIED, "Access Denied");
        }
    }

    /**
     * With ACLs disabled (object ownership {@code BucketOwnerEnforced}, the default), a request that sets
     * an ACL granting anything beyond the bucket owner's full control fails, writes included.
     */
    static void refuseDisabledAcls(S3Request request, Bucket bucket, boolean aclDocument) {
        boolean grants = request.headers().keySet().stream().anyMatch(h -> h.startsWith("x-amz-grant-"));
        String writer = request.context().accountId() == null ? bucket.ownerAccount() : request.context().accountId();
        refuseDisabledAcls(bucket, request.header("x-amz-acl"), aclDocument || grants, writer);
    }

    static void refuseDisabledAcls(Bucket bucket, String canned, boolean grants, String writer) {
        Buckets.refuseDisabledAcls(bucket, canned, grants, writer);
    }

    /** S3 gives every lifecycle rule without an {@code ID} a generated one. */
    static String withRuleIds(String document) {
        StringBuilder out = new StringBuilder(document.length() + 64);
        int from = 0;
        while (true) {
            int start = document.indexOf("<Rule>", from);
            if (start < 0) {
                break;
            }
            int end = document.indexOf("</Rule>", start);
            if (end < 0) {
                break;
            }
            out.append(document, from, start + "<Rule>".length());
            if (!document.substring(start, end).contains("<ID>")) {
                out.append("<ID>").append(java.util.UUID.randomUUID().toString().replace("-", "")).append("</ID>");
            }
            from = start + "<Rule>".length();
        }
        return out.append(document.substring(from)).toString();
    }

    private static void validateCors(Bucket bucket, Params config) {
        List<BucketConfigurations.CorsRule> rules = new ArrayList<>();
        for (Params rule : config.list("CORSRule")) {
            rules.add(new BucketConfigurations.CorsRule(rule.stringList("AllowedOrigin"), rule.stringList("AllowedMethod")));
        }
        BucketConfigurations.checkCors(bucket, rules);
    }

    private static void validateEncryption(Bucket bucket, Params config) {
        List<String> algorithms = new ArrayList<>();
        for (Params rule : config.list("Rule")) {
            algorithms.add(rule.object("ApplyServerSideEncryptionByDefault").string("SSEAlgorithm"));
        }
        BucketConfigurations.checkEncryption(bucket, algorithms);
    }

    private static void validateLifecycle(Bucket bucket, Params config) {
        List<BucketConfigurations.LifecycleRule> rules = new ArrayList<>();
        for (Params rule : config.list("Rule")) {
            rules.add(new BucketConfigurations.LifecycleRule(rule.string("ID"), rule.string("Status")));
        }
        BucketConfigurations.checkLifecycle(bucket, rules);
    }
}
