package dev.gureum.iam.domain;

import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.PolicyEvaluator;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.spi.IamRoles;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What other services read of an identity's policies: the role's own, its managed ones, its trust policy. */
class CallerPoliciesTest {

    private static final String A = "111111111111";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private final IamStore store = new IamStore(null);
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
    private final ManagedPolicy queues = new ManagedPolicy("aws", "Queues", "ANPAX", "/",
            "arn:aws:iam::aws:policy/Queues", null, clock.instant(), clock.instant(), "v1",
            List.of(new PolicyVersion("v1", READ.replace("s3:GetObject", "sqs:ReceiveMessage"), clock.instant())), 2,
            Map.of());
    private final Policies policies = new Policies(store, clock, Map.of(queues.arn(), queues));
    private final Users users = new Users(store, clock, policies);
    private final Roles roles = new Roles(store, clock, policies);
    private final CallerPolicies identities = new CallerPolicies(store, policies);

    @Test
    void aRolesPoliciesAreItsInlineAndAttachedOnes() {
        Changes c = new Changes(store);
        String arn = roles.create(c, A, "aws", "fn", "/service-role/", TRUST, null, null, null, Map.of("team", "blue"))
                .arn();
        policies.putInline(c, Policies.Holder.ROLE, A, "fn", "read", READ, users, roles);
        policies.attach(c, Policies.Holder.ROLE, A, "fn", queues.arn(), users, roles);

        IamRoles.Permissions p = identities.permissions(arn).orElseThrow();
        assertThat(p.identityPolicies()).hasSize(2);
        assertThat(p.boundary()).isNull();
        assertThat(p.tags()).isEqualTo(Map.of("team", "blue"));
        Principal session = Principal.of("arn:aws:sts::" + A + ":assumed-role/fn/x", A);
        for (String action : List.of("s3:GetObject", "sqs:ReceiveMessage")) {
            assertThat(PolicyEvaluator.evaluate(AccessRequest.of(session, action, "*"), p.identityPolicies(), null,
                    List.of(), null).allowed()).as(action).isTrue();
        }
        // the ARN must name the role with its path
        assertThat(identities.permissions("arn:aws:iam::" + A + ":role/fn")).isEmpty();
        assertThat(identities.permissions("arn:aws:iam::" + A + ":role/service-role/other")).isEmpty();
        assertThat(identities.trustPolicy(arn).orElseThrow().evaluate(AccessRequest.of(
                Principal.service("lambda.amazonaws.com"), "sts:AssumeRole", arn)))
                .isEqualTo(PolicyDocument.Decision.ALLOW);
        // the authorizer asks the same source: a session names its role without the path
        assertThat(identities.identity("arn:aws:iam::" + A + ":role/fn")).isEmpty();
        assertThat(identities.identity(arn).orElseThrow().policies()).hasSize(2);
        assertThat(identities.identity("arn:aws:sts::" + A + ":assumed-role/fn/x").orElseThrow().userId())
                .endsWith(":x");
        assertThat(identities.trustPolicy("arn:aws:sts::" + A + ":assumed-role/fn/x")).isEmpty();
        assertThat(identities.managedPolicyDocument(queues.arn())).contains(queues.defaultPolicyVersion().document());
        assertThat(identities.managedPolicyDocument("arn:aws:iam::" + A + ":policy/none")).isEmpty();
    }
}
