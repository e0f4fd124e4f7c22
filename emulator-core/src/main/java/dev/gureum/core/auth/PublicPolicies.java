package dev.gureum.core.auth;

import java.util.List;
import java.util.Set;

/**
 * Whether a resource policy is public, as S3 judges it for Block Public Access ({@code BlockPublicPolicy},
 * {@code RestrictPublicBuckets}) and {@code GetBucketPolicyStatus}: an {@code Allow} statement is public when it
 * grants everyone ({@code "Principal": "*"}, {@code {"AWS": "*"}}, or any {@code NotPrincipal}) and no condition
 * fixes one of the keys AWS names to values without wildcards: the caller's or the source's account, ARN,
 * organization, VPC or VPC endpoint, or a source IP range other than everything.
 */
final class PublicPolicies {

    /** The condition keys that make a statement for everyone non-public, when fixed to known values. */
    private static final Set<String> FIXING_KEYS = Set.of("aws:sourceip", "aws:sourcearn", "aws:sourcevpc",
            "aws:sourcevpce", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid", "aws:principalaccount",
            "aws:principalarn", "aws:userid", "aws:principalorgpaths", "aws:sourceorgid", "aws:sourceorgpaths",
            "s3:dataaccesspointarn", "s3:dataaccesspointaccount");

    private PublicPolicies() {
    }

    static boolean isPublic(List<PolicyStatement> statements) {
        for (PolicyStatement st : statements) {
            if (st.deny()) {
                continue;
            }
            boolean everyone = st.notPrincipal() || st.principals() != null && st.principals().everyone();
            if (everyone && st.conditions().stream().noneMatch(PublicPolicies::fixes)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fixes(PolicyCondition c) {
        if (c.negated() || c.ifExists() || c.qualifier() == PolicyCondition.Qualifier.FOR_ALL_VALUES
                || !FIXING_KEYS.contains(c.key()) || c.values().isEmpty()) {
            return false;
        }
        for (String value : c.values()) {
            if (value.contains("*") || value.contains("?") || value.endsWith("/0")) {
                return false;
            }
        }
        return true;
    }
}
