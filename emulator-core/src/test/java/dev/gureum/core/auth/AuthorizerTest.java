package dev.gureum.core.auth;

import dev.gureum.core.spi.CrossService;
import dev.gureum.core.spi.IdentityPolicies;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizerTest {

    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String READ_BUCKET = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::b/${aws:username}/*"}]}""";
    private static final String ONLY_TAGGED = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
             "Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}]}""";

    private static Authorizer authorizer(boolean enforcing, Map<String, IdentityPolicies.Identity> identities) {
        CrossService cross = new CrossService().bind(IdentityPolicies.class,
                () -> arn -> Optional.ofNullable(identities.get(arn)));
        return new Authorizer(enforcing, new AccessKeys("000000000000", Map.of()), cross);
    }

    private static AccessRequest get(String principal, String key) {
        return AccessRequest.of(Principal.of(principal, "111122223333"), "s3:GetObject", "arn:aws:s3:::b/" + key);
    }

    @Test
    void identityPoliciesWithPolicyVariablesDecide() {
        Authorizer a = authorizer(true, Map.of(ALICE,
                new IdentityPolicies.Identity(List.of(READ_BUCKET), null, Map.of(), "AIDAALICE")));
        assertThat(a.denial(get(ALICE, "alice/x"), null)).isNull();
        AccessDecision refused = a.denial(get(ALICE, "bob/x"), null);
        assertThat(refused.reason()).isEqualTo(AccessDecision.Reason.NO_IDENTITY_ALLOW);
        assertThat(refused.message(get(ALICE, "bob/x"), true)).isEqualTo("User: " + ALICE + " is not authorized to "
                + "perform: s3:GetObject on resource: \"arn:aws:s3:::b/bob/x\" because no identity-based policy "
                + "allows the s3:GetObject action");
    }

    @Test
    void principalTagsAndABoundaryComeFromIam() {
        Authorizer a = authorizer(true, Map.of(
                ALICE, new IdentityPolicies.Identity(List.of(ONLY_TAGGED), null, Map.of("team", "blue"), "AIDAA"),
                "arn:aws:iam::111122223333:user/bob", new IdentityPolicies.Identity(List.of(ONLY_TAGGED),
                        READ_BUCKET, Map.of("team", "blue"), "AIDAB")));
        assertThat(a.denial(get(ALICE, "any"), null)).isNull();
        assertThat(a.denial(get("arn:aws:iam::111122223333:user/bob", "bob/k"), null)).isNull();
        assertThat(a.denial(get("arn:aws:iam::111122223333:user/bob", "other"), null).reason())
                .isEqualTo(AccessDecision.Reason.NO_BOUNDARY_ALLOW);
    }

    @Test
    void aPrincipalIamDoesNotKnowHasNoPermissionsButRootAnonymousAndServicesAreLeftToTheResource() {
        Authorizer a = authorizer(true, Map.of());
        assertThat(a.denial(get(ALICE, "alice/x"), null)).isNotNull();
        AccessRequest root = AccessRequest.of(Principal.account("111122223333"), "s3:PutObject", "arn:aws:s3:::b/k");
        assertThat(a.denial(root, null)).isNull();
        assertThat(a.denial(AccessRequest.of(Principal.anonymous(), "s3:GetObject", "arn:aws:s3:::b/k"), null))
                .isNull();
        assertThat(a.denial(AccessRequest.of(Principal.service("sns.amazonaws.com"), "sqs:SendMessage", "*"), null))
                .isNull();
    }

    @Test
    void withinTheAccountAResourcePolicyNamingTheUserIsEnoughAcrossAccountsTheServiceDecidesTheResourceSide() {
        Authorizer a = authorizer(true, Map.of(ALICE,
                new IdentityPolicies.Identity(List.of(READ_BUCKET), null, Map.of(), "AIDAALICE")));
        PolicyDocument bucketPolicy = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
                 "Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}""".formatted(ALICE));
        AccessRequest put = AccessRequest.of(Principal.of(ALICE, "111122223333"), "s3:PutObject", "arn:aws:s3:::b/k");
        assertThat(a.denial(put.inAccount("111122223333"), bucketPolicy)).isNull();
        // another account's bucket: the identity side allows reading, the bucket's own check decides the rest
        assertThat(a.denial(get(ALICE, "alice/x").inAccount("444455556666"), null)).isNull();
        assertThat(a.denial(put.inAccount("444455556666"), bucketPolicy).reason())
                .isEqualTo(AccessDecision.Reason.NO_IDENTITY_ALLOW);
    }

    @Test
    void withoutEnforcementNothingIsRefused() {
        assertThat(authorizer(false, Map.of()).denial(get(ALICE, "x"), null)).isNull();
    }

    @Test
    void anExplicitDenyOfTheResourcePolicyRefusesEvenWhatTheIdentityAllows() {
        Authorizer a = authorizer(true, Map.of(ALICE,
                new IdentityPolicies.Identity(List.of(READ_BUCKET), null, Map.of(), "AIDAALICE")));
        PolicyDocument deny = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*",
                 "Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:userid":"AIDAALICE"}}}]}""");
        AccessDecision d = a.denial(get(ALICE, "alice/x").inAccount("111122223333"), deny);
        assertThat(d.reason()).isEqualTo(AccessDecision.Reason.EXPLICIT_DENY_RESOURCE);
    }
}
