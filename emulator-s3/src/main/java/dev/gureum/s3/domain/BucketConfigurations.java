package dev.gureum.s3.domain;

import dev.gureum.core.auth.PolicyDocument;

import java.util.List;
import java.util.Set;

/**
 * S3's rules on the configuration documents of a bucket, judged on the values a document holds:
 * how many rules it may have, what each rule must name, and which values S3 takes.
 */
public final class BucketConfigurations {

    /** The methods S3 serves CORS for. */
    private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
    private static final Set<String> SSE_ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");
    private static final int MAX_CORS_RULES = 100;
    private static final int MAX_LIFECYCLE_RULES = 1000;
    private static final int MAX_RULE_ID = 255;

    private BucketConfigurations() {
    }

    /** One CORS rule: the origins and methods it allows. */
    public record CorsRule(List<String> allowedOrigins, List<String> allowedMethods) {
        public CorsRule {
            allowedOrigins = List.copyOf(allowedOrigins);
            allowedMethods = List.copyOf(allowedMethods);
        }
    }

    /** One lifecycle rule: its ID ({@code null} if none) and status. */
    public record LifecycleRule(String id, String status) {
    }

    private static BucketRefusal malformed(Bucket bucket) {
        return new BucketRefusal(BucketRefusal.Reason.MALFORMED_CONFIGURATION, bucket.name(), "Malformed configuration");
    }

    /** 1 to 100 rules, each allowing at least one origin and one method, of those S3 serves. */
    public static void checkCors(Bucket bucket, List<CorsRule> rules) {
        if (rules.isEmpty() || rules.size() > MAX_CORS_RULES) {
            throw malformed(bucket);
        }
        for (CorsRule rule : rules) {
            if (rule.allowedOrigins().isEmpty() || rule.allowedMethods().isEmpty()) {
                throw malformed(bucket);
            }
            for (String method : rule.allowedMethods()) {
                if (!CORS_METHODS.contains(method)) {
                    throw new BucketRefusal(BucketRefusal.Reason.UNSUPPORTED_CORS_METHOD, bucket.name(), method,
                            "No CORS for " + method);
                }
            }
        }
    }

    /**
     * At least one default-encryption rule, each with an algorithm S3 knows (if it names one).
     *
     * @param algorithms the {@code SSEAlgorithm} of each rule, {@code null} where a rule names none
     */
    public static void checkEncryption(Bucket bucket, List<String> algorithms) {
        if (algorithms.isEmpty()) {
            throw malformed(bucket);
        }
        for (String algorithm : algorithms) {
            if (algorithm != null && !SSE_ALGORITHMS.contains(algorithm)) {
                throw malformed(bucket);
            }
        }
    }

    /** 1 to 1000 rules, each {@code Enabled} or {@code Disabled}, with IDs of at most 255 characters. */
    public static void checkLifecycle(Bucket bucket, List<LifecycleRule> rules) {
        if (rules.isEmpty() || rules.size() > MAX_LIFECYCLE_RULES) {
            throw malformed(bucket);
        }
        for (LifecycleRule rule : rules) {
            if (!"Enabled".equals(rule.status()) && !"Disabled".equals(rule.status())) {
                throw malformed(bucket);
            }
            if (rule.id() != null && rule.id().length() > MAX_RULE_ID) {
                throw new BucketRefusal(BucketRefusal.Reason.RULE_ID_TOO_LONG, bucket.name(), rule.id(), "Long rule ID");
            }
        }
    }

    /**
     * Stores a bucket policy that is a policy document.
     *
     * @throws BucketRefusal {@code MALFORMED_POLICY}
     */
    public static void putPolicy(Bucket bucket, String document) {
        try {
            PolicyDocument.parse(document);
        } catch (PolicyDocument.MalformedPolicyException e) {
            throw new BucketRefusal(BucketRefusal.Reason.MALFORMED_POLICY, bucket.name(), e.getMessage(),
                    "Malformed policy");
        }
        bucket.configurations().put("policy", document);
    }
}
