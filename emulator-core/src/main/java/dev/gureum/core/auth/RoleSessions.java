package dev.gureum.core.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The role sessions behind temporary access keys: which role a key's session assumed, and what the session was
 * given when it was created. STS registers one for every {@code AssumeRole} and {@code AssumeRoleWithWebIdentity};
 * Lambda for the credentials of a function's execution environment; EC2 for an instance profile's.
 *
 * <p>How a request signed with such a key is authorised, as AWS does: the caller is the session
 * ({@code arn:aws:sts::<account>:assumed-role/<role>/<session>}); its identity-based policies and permissions
 * boundary are the role's ({@link #roleArn} names it with its path, which the session ARN does not carry; IAM's
 * {@code IamRoles#permissions} gives them); {@link RoleSession#sessionPolicies()} are passed to
 * {@link PolicyEvaluator#evaluate} as its session policies, so the session can do only what both the role's
 * policies and at least one session policy allow (none given: the role's policies alone); and its
 * {@link RoleSession#tags()} are its {@code aws:PrincipalTag/<key>} values, over the role's own tags of the same
 * key. {@code aws:SourceIdentity} is {@link RoleSession#sourceIdentity()}.
 *
 * <p>Thread-safe. Kept beside the issued keys ({@link AccessKeys#sessions()}) and cleared with them.
 */
public final class RoleSessions {

    /**
     * A role session.
     *
     * @param accessKeyId       the session's temporary access key id ({@code ASIA...})
     * @param roleArn           the role assumed, as IAM names it ({@code arn:aws:iam::<account>:role/<path><name>})
     * @param sessionArn        the session's principal ARN ({@code arn:aws:sts::<account>:assumed-role/<name>/<session>})
     * @param sessionPolicies   the session policies' documents as given: {@code AssumeRole}'s {@code Policy}, then
     *                          the default versions of its {@code PolicyArns} (empty for none)
     * @param policyArns        the managed session policies' ARNs as given
     * @param tags              the session tags ({@code Tags}), and the transitive tags of the session that assumed
     *                          the role, if any
     * @param transitiveTagKeys the tags that pass on to sessions this session creates by role chaining
     * @param sourceIdentity    the session's source identity, or {@code null}
     */
    public record RoleSession(String accessKeyId, String roleArn, String sessionArn, List<String> sessionPolicies,
                              List<String> policyArns, Map<String, String> tags, Set<String> transitiveTagKeys,
                              String sourceIdentity) {

        public RoleSession {
            sessionPolicies = List.copyOf(sessionPolicies);
            policyArns = List.copyOf(policyArns);
            tags = Map.copyOf(tags);
            transitiveTagKeys = Set.copyOf(transitiveTagKeys);
        }

        /** A session given nothing but its role, as Lambda and EC2 create them. */
        public static RoleSession of(String accessKeyId, String roleArn, String sessionArn) {
            return new RoleSession(accessKeyId, roleArn, sessionArn, List.of(), List.of(), Map.of(), Set.of(), null);
        }

        /**
         * The session policies, parsed, for {@link PolicyEvaluator#evaluate}'s {@code sessionPolicies}. A document
         * that no longer parses allows nothing, so it still limits the session.
         */
        public List<PolicyDocument> parsedSessionPolicies() {
            return sessionPolicies.stream().map(text -> {
                PolicyDocument parsed = PolicyDocument.ofStored(text);
                return parsed != null ? parsed : ALLOWS_NOTHING;
            }).toList();
        }
    }

    private static final PolicyDocument ALLOWS_NOTHING = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}");

    private final Map<String, RoleSession> sessions = new ConcurrentHashMap<>();
    /** Sessions given session policies, by their principal ARN: the newest session of that name, parsed once. */
    private final Map<String, Limited> limitedByArn = new ConcurrentHashMap<>();

    private record Limited(RoleSession session, List<PolicyDocument> policies) {
    }

    /** Adds the session behind a key. */
    public void register(RoleSession session) {
        sessions.put(session.accessKeyId(), session);
        if (!session.sessionPolicies().isEmpty()) {
            limitedByArn.put(session.sessionArn(), new Limited(session, session.parsedSessionPolicies()));
        } else {
            limitedByArn.remove(session.sessionArn());
        }
    }

    /**
     * The session policies that limit a role session's principal ARN: those of the newest session of that role and
     * session name that was given any; empty when none was (a session then has its role's policies whole).
     */
    public List<PolicyDocument> sessionPoliciesOf(String sessionArn) {
        Limited limited = sessionArn == null ? null : limitedByArn.get(sessionArn);
        return limited == null ? List.of() : limited.policies();
    }

    /** The role session a temporary key belongs to; empty for any other key. */
    public Optional<RoleSession> of(String accessKeyId) {
        return Optional.ofNullable(accessKeyId == null ? null : sessions.get(accessKeyId));
    }

    /** Every session registered (for durable state). */
    public List<RoleSession> all() {
        return List.copyOf(sessions.values());
    }

    public void remove(String accessKeyId) {
        RoleSession removed = sessions.remove(accessKeyId);
        if (removed != null) {
            limitedByArn.computeIfPresent(removed.sessionArn(), (arn, l) -> l.session() == removed ? null : l);
        }
    }

    void clear() {
        sessions.clear();
        limitedByArn.clear();
    }
}
