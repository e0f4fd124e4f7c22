package dev.gureum.core.auth;

import java.util.List;

/**
 * The outcome of {@link PolicyEvaluator#evaluate}: whether the request is allowed, whether a {@code Deny}
 * statement refused it, the statements that matched, and why, in the terms of AWS's access-denied messages.
 *
 * @param matched every statement that applied to the request, allows and denies, in evaluation order
 */
public record AccessDecision(boolean allowed, boolean explicitDeny, List<MatchedStatement> matched, Reason reason) {

    public AccessDecision {
        matched = List.copyOf(matched);
    }

    /** The kinds of policy evaluated, named as AWS's access-denied messages name them. */
    public enum PolicyType {
        IDENTITY("an identity-based policy", "identity-based policy"),
        RESOURCE("a resource-based policy", "resource-based policy"),
        PERMISSIONS_BOUNDARY("a permissions boundary", "permissions boundary"),
        SESSION("a session policy", "session policy");

        private final String withArticle;
        private final String plain;

        PolicyType(String withArticle, String plain) {
            this.withArticle = withArticle;
            this.plain = plain;
        }
    }

    /** Why the request is allowed or denied. */
    public enum Reason {
        ALLOWED(null, false),
        EXPLICIT_DENY_IDENTITY(PolicyType.IDENTITY, true),
        EXPLICIT_DENY_RESOURCE(PolicyType.RESOURCE, true),
        EXPLICIT_DENY_BOUNDARY(PolicyType.PERMISSIONS_BOUNDARY, true),
        EXPLICIT_DENY_SESSION(PolicyType.SESSION, true),
        NO_IDENTITY_ALLOW(PolicyType.IDENTITY, false),
        NO_RESOURCE_ALLOW(PolicyType.RESOURCE, false),
        NO_BOUNDARY_ALLOW(PolicyType.PERMISSIONS_BOUNDARY, false),
        NO_SESSION_ALLOW(PolicyType.SESSION, false);

        private final PolicyType policyType;
        private final boolean explicit;

        Reason(PolicyType policyType, boolean explicit) {
            this.policyType = policyType;
            this.explicit = explicit;
        }

        /** The kind of policy that decided a denial; {@code null} for {@link #ALLOWED}. */
        public PolicyType policyType() {
            return policyType;
        }

        static Reason explicitDeny(PolicyType type) {
            return switch (type) {
                case IDENTITY -> EXPLICIT_DENY_IDENTITY;
                case RESOURCE -> EXPLICIT_DENY_RESOURCE;
                case PERMISSIONS_BOUNDARY -> EXPLICIT_DENY_BOUNDARY;
                case SESSION -> EXPLICIT_DENY_SESSION;
            };
        }
    }

    /**
     * A statement that applied.
     *
     * @param policyIndex    which policy of its type: the index in the list of identity or session policies given
     *                       (0 for the boundary and the resource policy)
     * @param sid            the statement's {@code Sid}, or {@code null}
     * @param statementIndex its position in its policy's {@code Statement} list
     */
    public record MatchedStatement(PolicyType type, int policyIndex, String sid, int statementIndex, boolean deny) {
    }

    /**
     * AWS's access-denied message for this decision, e.g. {@code User: arn:aws:iam::111122223333:user/mary is not
     * authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows
     * the s3:GetObject action}, or {@code ... with an explicit deny in a resource-based policy}. An anonymous caller
     * is {@code anonymous}; a resource of {@code *} (or {@code null}) leaves out the {@code on resource} part.
     *
     * @throws IllegalStateException when the decision allows
     */
    public String message(AccessRequest request) {
        return message(request, false);
    }

    /**
     * As {@link #message(AccessRequest)}; {@code quoted} puts the resource in double quotes, as S3 writes it
     * ({@code on resource: "arn:aws:s3:::b/k"}).
     */
    public String message(AccessRequest request, boolean quoted) {
        if (allowed) {
            throw new IllegalStateException("The request is allowed");
        }
        Principal p = request.principal();
        StringBuilder m = new StringBuilder("User: ").append(p.isAnonymous() ? "anonymous" : p.arn())
                .append(" is not authorized to perform: ").append(request.action());
        if (request.resource() != null && !request.resource().equals("*")) {
            m.append(" on resource: ");
            if (quoted) {
                m.append('"').append(request.resource()).append('"');
            } else {
                m.append(request.resource());
            }
        }
        if (reason.explicit) {
            m.append(" with an explicit deny in ").append(reason.policyType.withArticle);
        } else {
            m.append(" because no ").append(reason.policyType.plain).append(" allows the ").append(request.action())
                    .append(" action");
        }
        return m.toString();
    }
}
