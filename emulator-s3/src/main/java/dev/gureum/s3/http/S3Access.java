package dev.gureum.s3.http;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessDecision;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.Authorizer;
import dev.gureum.core.auth.PolicyEvaluator;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.error.AwsException;
import dev.gureum.s3.domain.Acl;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may do what to a bucket and its objects, as S3 decides it: an explicit Deny of the bucket policy
 * refuses anyone; otherwise the bucket owner's account may; another account or an anonymous caller
 * may where the bucket policy allows it or an ACL grants it (the AllUsers group to anyone, the
 * AuthenticatedUsers group to signed requests). ACLs count unless object ownership is
 * {@code BucketOwnerEnforced}; a public access block's {@code IgnorePublicAcls} and
 * {@code RestrictPublicBuckets} are honoured.
 */
final class S3Access {

    private static final Pattern IGNORE_PUBLIC_ACLS = Pattern.compile("<IgnorePublicAcls>\\s*true", Pattern.CASE_INSENSITIVE);
    private static final Pattern RESTRICT_PUBLIC_BUCKETS = Pattern.compile("<RestrictPublicBuckets>\\s*true",
            Pattern.CASE_INSENSITIVE);

    /** What each ACL permission allows, on a bucket and on an object. */
    private static final Map<Acl.Permission, Set<String>> BUCKET_PERMISSIONS = Map.of(
            Acl.Permission.READ, Set.of("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"),
            Acl.Permission.WRITE, Set.of("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion",
                    "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
            Acl.Permission.READ_ACP, Set.of("s3:GetBucketAcl"),
            Acl.Permission.WRITE_ACP, Set.of("s3:PutBucketAcl"));
    private static final Map<Acl.Permission, Set<String>> OBJECT_PERMISSIONS = Map.of(
            Acl.Permission.READ, Set.of("s3:GetObject", "s3:GetObjectVersion"),
            Acl.Permission.READ_ACP, Set.of("s3:GetObjectAcl", "s3:GetObjectVersionAcl"),
            Acl.Permission.WRITE_ACP, Set.of("s3:PutObjectAcl", "s3:PutObjectVersionAcl"));

    private static final java.util.List<String> GRANT_HEADERS = java.util.List.of("x-amz-grant-full-control",
            "x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp");

    private final AccessKeys accessKeys;
    private final Authorizer authorizer;

    S3Access(AccessKeys accessKeys, Authorizer authorizer) {
        this.accessKeys = accessKeys;
        this.authorizer = authorizer;
    }

    /** The caller as a policy's Principal sees it: anonymous, an assumed role or user, or an account. */
    Principal caller(RequestContext ctx) {
        return authorizer.principal(ctx);
    }

    /** The principal an access key acts as, in the account the request was attributed to. */
    Principal principalOf(String accessKeyId, String accountId) {
        return accessKeyId == null ? Principal.account(accountId) : authorizer.principalOf(accessKeyId, accountId);
    }

    /** The account an access key belongs to. */
    String accountOf(String accessKeyId) {
        return accessKeys.accountOf(accessKeyId);
    }

    /** The S3 action (IAM name) of the operation the request is making. */
    static String action(S3Request request) {
        S3Operation operation = request.operation();
        String action = operation == null ? null : operation.action(request.param("versionId") != null);
        return action == null ? "s3:*" : action;
    }

    /**
     * Refuses with AWS's {@code AccessDenied} unless {@link #allowed} holds and, under {@code --enforce-iam}, the
     * caller's identity-based policies (with the bucket policy) allow the action too.
     */
    void check(Bucket bucket, Principal caller, String action, String key, String versionId, S3Request request) {
        boolean identity = enforced(caller);
        // the condition keys matter only to a policy that reads them
        Map<String, String> conditions = request == null || !bucket.configurations().containsKey("policy")
                && !(identity && authorizer.usesKeys(caller, null)) ? Map.of() : conditions(request);
        if (identity) {
            AccessRequest r = AccessRequest.of(caller, action, key == null ? bucket.arn() : bucket.objectArn(key),
                    bucket.ownerAccount(), conditions);
            if (key != null) {
                r = withExistingObjectTags(r, bucket, key, versionId);
            }
            AccessDecision denied = authorizer.denial(r, policy(bucket));
            if (denied == null && key != null && missing(bucket, action, key, versionId)) {
                // S3 tells a missing key (404) only to those who may list the bucket; others get 403
                r = AccessRequest.of(caller, "s3:ListBucket", bucket.arn(), bucket.ownerAccount(),
                        withPrefix(conditions, key));
                denied = authorizer.denial(r, policy(bucket));
            }
            if (denied != null) {
                throw new AwsException(S3Error.ACCESS_DENIED, denied.message(r, true));
            }
        }
        if (!allowed(bucket, caller, action, key, versionId, conditions)) {
            throw new AwsException(S3Error.ACCESS_DENIED, "Access Denied");
        }
    }

    /**
     * Under {@code --enforce-iam}, refuses an action on no existing bucket ({@code s3:ListAllMyBuckets} on
     * {@code *}, {@code s3:CreateBucket} on the new bucket) unless the caller's identity-based policies allow it.
     */
    void checkIdentity(Principal caller, String action, String resource, S3Request request) {
        if (!enforced(caller)) {
            return;
        }
        AccessRequest r = AccessRequest.of(caller, action, resource, conditions(request));
        AccessDecision denied = authorizer.denial(r, null);
        if (denied != null) {
            throw new AwsException(S3Error.ACCESS_DENIED, denied.message(r, true));
        }
    }

    /** Whether identity-based policies judge this caller: an IAM user or role session under {@code --enforce-iam}. */
    private boolean enforced(Principal caller) {
        return authorizer.enforcing() && caller.kind() == Principal.Kind.AWS && !caller.isRoot();
    }

    /**
     * @param key       the object acted on, or {@code null} for a bucket-level action
     * @param versionId the object version whose ACL counts, or {@code null} for the current one
     */
    boolean allowed(Bucket bucket, Principal caller, String action, String key, String versionId,
                    Map<String, String> conditions) {
        PolicyDocument policy = policy(bucket);
        String resource = policy == null ? null : key == null ? bucket.arn() : bucket.objectArn(key);
        boolean owner = !caller.isAnonymous() && bucket.ownerAccount().equals(caller.accountId());
        // without a policy (or, for the owner, without a Deny in it) the policy cannot decide
        AccessDecision decision = null;
        if (policy != null && (!owner || policy.hasDeny())) {
            AccessRequest request = AccessRequest.of(caller, action, resource, conditions)
                    .inAccount(bucket.ownerAccount());
            if (key != null) {
                request = withExistingObjectTags(request, bucket, key, versionId);
            }
            decision = PolicyEvaluator.evaluateResourcePolicy(request, policy);
            if (decision.explicitDeny()) {
                return false;
            }
        }
        boolean enforcedOwnership = bucket.configurations().getOrDefault("ownershipControls", "")
                .contains("BucketOwnerEnforced");
        String foreignOwner = key == null || enforcedOwnership ? null : foreignOwner(bucket, action, key, versionId);
        if (foreignOwner != null && foreignOwner.equals(caller.accountId()) && !caller.isAnonymous()) {
            // an object's owner has full control of it
            return true;
        }
        if (owner && foreignOwner == null) {
            return true;
        }
        if (key != null && missing(bucket, action, key, versionId)) {
            // S3 tells a missing key (404) only to those who may list the bucket (under the key as prefix); others,
            // whatever they may read, get 403
            return allowed(bucket, caller, "s3:ListBucket", null, null, withPrefix(conditions, key));
        }
        String publicAccessBlock = bucket.configurations().getOrDefault("publicAccessBlock", "");
        if (decision != null && decision.allowed()) {
            // RestrictPublicBuckets: a policy that is public (it lets anyone do this) grants no one outside the account
            boolean restricted = RESTRICT_PUBLIC_BUCKETS.matcher(publicAccessBlock).find()
                    && policy.evaluate(Principal.anonymous(), action, resource, conditions) == PolicyDocument.Decision.ALLOW;
            if (!restricted) {
                return true;
            }
        }
        if (enforcedOwnership) {
            return false;
        }
        boolean ignorePublic = IGNORE_PUBLIC_ACLS.matcher(publicAccessBlock).find();
        String canonicalId = caller.isAnonymous() ? null : S3State.canonicalId(caller.accountId());
        java.util.function.Predicate<Acl.Grant> isCaller = g -> switch (g.type()) {
            case "Group" -> !ignorePublic && (g.value().equals(Acl.ALL_USERS)
                    || g.value().equals(Acl.AUTHENTICATED_USERS) && !caller.isAnonymous());
            case "CanonicalUser" -> g.value().equalsIgnoreCase(canonicalId);
            default -> false;
        };
        if (key != null && OBJECT_PERMISSIONS.values().stream().anyMatch(s -> s.contains(action))) {
            S3Object object = versionId == null ? bucket.current(key) : bucket.version(key, versionId);
            return grants(object.acl(), OBJECT_PERMISSIONS, action, isCaller);
        }
        return grants(bucket.acl(), BUCKET_PERMISSIONS, action, isCaller);
    }

    /** Whether the bucket's policy allows the caller the action on the key (and denies it nothing of that). */
    boolean policyAllows(Bucket bucket, Principal caller, String action, String key) {
        PolicyDocument policy = policy(bucket);
        return policy != null && PolicyEvaluator.evaluateResourcePolicy(AccessRequest.of(caller, action,
                bucket.objectArn(key), Map.of()).inAccount(bucket.ownerAccount()), policy).allowed();
    }

    /**
     * The account that uploaded the object an object action reads, when it is not the bucket's owner (without
     * {@code BucketOwnerEnforced} it owns the object): the bucket's owner then has only what the object's ACL grants
     * it, as on S3; {@code null} otherwise.
     */
    private static String foreignOwner(Bucket bucket, String action, String key, String versionId) {
        if (OBJECT_PERMISSIONS.values().stream().noneMatch(s -> s.contains(action))) {
            return null;
        }
        S3Object object = versionId == null ? bucket.current(key) : bucket.version(key, versionId);
        return object != null && !object.deleteMarker() && object.ownerAccount() != null
                && !object.ownerAccount().equals(bucket.ownerAccount()) ? object.ownerAccount() : null;
    }

    /** Whether an object action that reads an existing object names a key (or version) that does not exist. */
    private static boolean missing(Bucket bucket, String action, String key, String versionId) {
        if (OBJECT_PERMISSIONS.values().stream().noneMatch(s -> s.contains(action))) {
            return false;
        }
        S3Object object = versionId == null ? bucket.current(key) : bucket.version(key, versionId);
        return object == null || object.deleteMarker();
    }

    private static Map<String, String> withPrefix(Map<String, String> conditions, String key) {
        Map<String, String> keys = new HashMap<>(conditions);
        keys.put("s3:prefix", key);
        return keys;
    }

    /** {@code s3:ExistingObjectTag/<key>}: the tags of the object version the request acts on, when it exists. */
    private static AccessRequest withExistingObjectTags(AccessRequest request, Bucket bucket, String key,
                                                        String versionId) {
        S3Object object = versionId == null ? bucket.current(key) : bucket.version(key, versionId);
        if (object == null || object.deleteMarker() || object.tags() == null) {
            return request;
        }
        for (Map.Entry<String, String> tag : object.tags().entrySet()) {
            request = request.with("s3:ExistingObjectTag/" + tag.getKey(), tag.getValue());
        }
        return request;
    }

    private static boolean grants(Acl acl, Map<Acl.Permission, Set<String>> meaning, String action,
                                  java.util.function.Predicate<Acl.Grant> isCaller) {
        for (Map.Entry<Acl.Permission, Set<String>> e : meaning.entrySet()) {
            if (e.getValue().contains(action) && acl.grants(isCaller, e.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** The bucket policy as the evaluator reads it; {@code null} without one (or one it cannot read). */
    PolicyDocument policy(Bucket bucket) {
        return PolicyDocument.ofStored(bucket.configurations().get("policy"));
    }

    /** The condition keys S3 requests carry that policies commonly test. */
    private static Map<String, String> conditions(S3Request request) {
        Map<String, String> keys = new HashMap<>();
        keys.put("aws:SecureTransport", String.valueOf("https".equalsIgnoreCase(request.exchange().getRequestScheme())));
        InetSocketAddress source = request.exchange().getSourceAddress();
        if (source != null && source.getAddress() != null) {
            keys.put("aws:SourceIp", source.getAddress().getHostAddress());
        }
        RequestContext ctx = request.context();
        if (!ctx.anonymous()) {
            keys.put("aws:PrincipalAccount", ctx.accountId());
        }
        keys.put("aws:CurrentTime", dev.gureum.core.auth.AccessRules.currentTime(ctx.now()));
        keys.put("aws:EpochTime", String.valueOf(ctx.now().getEpochSecond()));
        putIfPresent(keys, "aws:Referer", request.header("Referer"));
        putIfPresent(keys, "aws:UserAgent", request.header("User-Agent"));
        putIfPresent(keys, "s3:prefix", request.param("prefix"));
        putIfPresent(keys, "s3:delimiter", request.param("delimiter"));
        putIfPresent(keys, "s3:x-amz-acl", request.header("x-amz-acl"));
        putIfPresent(keys, "s3:x-amz-server-side-encryption", request.header("x-amz-server-side-encryption"));
        putIfPresent(keys, "s3:x-amz-server-side-encryption-aws-kms-key-id",
                request.header("x-amz-server-side-encryption-aws-kms-key-id"));
        putIfPresent(keys, "s3:x-amz-server-side-encryption-customer-algorithm",
                request.header("x-amz-server-side-encryption-customer-algorithm"));
        putIfPresent(keys, "s3:VersionId", request.param("versionId"));
        putIfPresent(keys, "s3:x-amz-metadata-directive", request.header("x-amz-metadata-directive"));
        putIfPresent(keys, "s3:x-amz-storage-class", request.header("x-amz-storage-class"));
        for (String grant : GRANT_HEADERS) {
            putIfPresent(keys, "s3:" + grant, request.header(grant));
        }
        String copySource = request.header("x-amz-copy-source");
        if (copySource != null) {
            // the key's value is the source as bucket/key, without a leading slash or a version
            String copied = decoded(copySource.replace("+", "%2B"));
            copied = copied.startsWith("/") ? copied.substring(1) : copied;
            int version = copied.indexOf("?versionId=");
            keys.put("s3:x-amz-copy-source", version < 0 ? copied : copied.substring(0, version));
        }
        String tagging = request.header("x-amz-tagging");
        if (tagging != null) {
            for (String pair : tagging.split("&")) {
                int eq = pair.indexOf('=');
                String name = decoded(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decoded(pair.substring(eq + 1));
                if (!name.isEmpty()) {
                    keys.put("s3:RequestObjectTag/" + name, value);
                }
            }
        }
        if (request.header("x-amz-content-sha256") != null) {
            keys.put("s3:x-amz-content-sha256", request.header("x-amz-content-sha256"));
        }
        if (ctx.credential() != null) {
            keys.put("s3:authType", ctx.credential().presigned() ? "REST-QUERY-STRING" : "REST-HEADER");
            keys.put("s3:signatureversion", ctx.credential().isSigV4() ? "AWS4-HMAC-SHA256" : "AWS");
        }
        return keys;
    }

    private static String decoded(String text) {
        try {
            return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // not URL-encoded after all: S3 refuses it elsewhere; the condition sees it as sent
            return text;
        }
    }

    private static void putIfPresent(Map<String, String> keys, String name, String value) {
        if (value != null) {
            keys.put(name, value);
        }
    }
}
