package dev.gureum.core.auth;

import dev.gureum.core.auth.RoleSessions.RoleSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoleSessionsTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/app/reader";
    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/reader/s1";
    private static final PolicyDocument ROLE_POLICY = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":"
            + "[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"sqs:*\"],\"Resource\":\"*\"}]}");

    private static boolean allowed(RoleSession s, String action) {
        AccessRequest r = AccessRequest.of(Principal.of(SESSION, "111122223333"), action, "*");
        return PolicyEvaluator.evaluate(r, List.of(ROLE_POLICY), null, s.parsedSessionPolicies(), null).allowed();
    }

    @Test
    void aSessionIsFoundByItsKeyAndForgottenWithTheIssuedKeys() {
        AccessKeys keys = new AccessKeys("000000000000", Map.of());
        keys.sessions().register(RoleSession.of("ASIAEXAMPLE", ROLE, SESSION));
        assertThat(keys.sessions().of("ASIAEXAMPLE")).map(RoleSession::roleArn).contains(ROLE);
        assertThat(keys.sessions().of("ASIAOTHER")).isEmpty();
        assertThat(keys.sessions().of(null)).isEmpty();
        keys.reset();
        assertThat(keys.sessions().all()).isEmpty();
    }

    @Test
    void sessionPoliciesLimitWhatTheRoleAllows() {
        RoleSession none = RoleSession.of("ASIA1", ROLE, SESSION);
        assertThat(allowed(none, "sqs:SendMessage")).isTrue();
        RoleSession onlyS3 = new RoleSession("ASIA2", ROLE, SESSION, List.of("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"), List.of(),
                Map.of(), Set.of(), null);
        assertThat(allowed(onlyS3, "s3:GetObject")).isTrue();
        assertThat(allowed(onlyS3, "s3:PutObject")).isFalse();
        assertThat(allowed(onlyS3, "sqs:SendMessage")).isFalse();
        // a policy ARN IAM did not have, or a document that no longer parses, allows nothing
        RoleSession unknown = new RoleSession("ASIA3", ROLE, SESSION, List.of(""), List.of("arn:aws:iam::aws:policy/Nope"),
                Map.of(), Set.of(), null);
        assertThat(allowed(unknown, "s3:GetObject")).isFalse();
    }

    @Test
    void aFederatedPrincipalIsNamedUnderFederatedOnly() {
        PolicyDocument trust = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Federated\":\"accounts.google.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"accounts.google.com:aud\":\"app\"}}}]}");
        AccessRequest google = AccessRequest.of(Principal.federated("accounts.google.com"),
                "sts:AssumeRoleWithWebIdentity", ROLE, Map.of("accounts.google.com:aud", "app"));
        assertThat(trust.evaluate(google)).isEqualTo(PolicyDocument.Decision.ALLOW);
        assertThat(trust.evaluate(AccessRequest.of(Principal.federated("accounts.google.com"),
                "sts:AssumeRoleWithWebIdentity", ROLE, Map.of("accounts.google.com:aud", "other"))))
                .isEqualTo(PolicyDocument.Decision.NOT_APPLICABLE);
        // the same name as a service principal is not the provider
        assertThat(trust.evaluate(AccessRequest.of(Principal.service("accounts.google.com"),
                "sts:AssumeRoleWithWebIdentity", ROLE, Map.of("accounts.google.com:aud", "app"))))
                .isEqualTo(PolicyDocument.Decision.NOT_APPLICABLE);
        PolicyDocument lambda = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
        assertThat(lambda.evaluate(AccessRequest.of(Principal.federated("lambda.amazonaws.com"), "sts:AssumeRole", ROLE)))
                .isEqualTo(PolicyDocument.Decision.NOT_APPLICABLE);
        // only resource policies can allow a federated user: it has no identity policies
        assertThat(PolicyEvaluator.evaluate(google, List.of(ROLE_POLICY), null, List.of(), null).allowed()).isFalse();
        assertThat(PolicyEvaluator.evaluate(google, List.of(), null, List.of(), trust).allowed()).isTrue();
    }
}
