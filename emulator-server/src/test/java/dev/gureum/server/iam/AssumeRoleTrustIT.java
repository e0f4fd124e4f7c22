package dev.gureum.server.iam;

import dev.gureum.core.auth.RoleSessions;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With IAM enforced, a role's trust policy decides who may assume it, as on AWS. */
class AssumeRoleTrustIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true));

    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private final IamClient iamA = IamUsersIT.iam(gureum, A);

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    static String trust(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    private String role(String name, String trust) {
        return iamA.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
    }

    private StsClient sts(String accessKey) {
        return gureum.configure(StsClient.builder(), accessKey).build();
    }

    private static StsClient sts(Credentials c) {
        return StsClient.builder().endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))).build();
    }

    private static void assertDenied(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void theTrustPolicyDecidesForTheAccountRoot() {
        String open = role("open", trust("{\"AWS\":\"arn:aws:iam::" + A + ":root\"}", null));
        String lambdaOnly = role("fn", trust("{\"Service\":\"lambda.amazonaws.com\"}", null));
        try (StsClient sts = sts(A)) {
            AssumeRoleResponse r = sts.assumeRole(a -> a.roleArn(open).roleSessionName("s1"));
            assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/open/s1");
            try (StsClient session = sts(r.credentials())) {
                assertThat(session.getCallerIdentity().arn()).isEqualTo(r.assumedRoleUser().arn());
            }
            assertDenied(() -> sts.assumeRole(a -> a.roleArn(lambdaOnly).roleSessionName("s1")),
                    "User: arn:aws:iam::" + A + ":root is not authorized to perform: sts:AssumeRole on resource: "
                            + lambdaOnly);
            // a role that does not exist is refused the same way
            String missing = "arn:aws:iam::" + A + ":role/missing";
            assertDenied(() -> sts.assumeRole(a -> a.roleArn(missing).roleSessionName("s1")),
                    "User: arn:aws:iam::" + A + ":root is not authorized to perform: sts:AssumeRole on resource: "
                            + missing);
        }
    }

    @Test
    void anotherAccountNeedsTheTrustPolicyToNameIt() {
        String own = role("own", trust("{\"AWS\":\"" + A + "\"}", null));
        String shared = role("shared", trust("{\"AWS\":\"arn:aws:iam::" + B + ":root\"}", null));
        try (StsClient sts = sts(B)) {
            assertDenied(() -> sts.assumeRole(a -> a.roleArn(own).roleSessionName("s1")),
                    "User: arn:aws:iam::" + B + ":root is not authorized to perform: sts:AssumeRole on resource: " + own);
            AssumeRoleResponse r = sts.assumeRole(a -> a.roleArn(shared).roleSessionName("from-b"));
            try (StsClient session = sts(r.credentials())) {
                assertThat(session.getCallerIdentity().account()).isEqualTo(A);
            }
        }
    }

    @Test
    void anIamUserNeedsAnIdentityPolicyUnlessTheTrustPolicyNamesIt() {
        iamA.createUser(u -> u.userName("bob"));
        AccessKey key = iamA.createAccessKey(k -> k.userName("bob")).accessKey();
        String byAccount = role("by-account", trust("{\"AWS\":\"arn:aws:iam::" + A + ":root\"}", null));
        String byUser = role("by-user", trust("{\"AWS\":\"arn:aws:iam::" + A + ":user/bob\"}", null));
        try (StsClient bob = StsClient.builder().endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build()) {
            assertThat(bob.assumeRole(a -> a.roleArn(byUser).roleSessionName("s1")).assumedRoleUser().arn())
                    .endsWith(":assumed-role/by-user/s1");
            assertDenied(() -> bob.assumeRole(a -> a.roleArn(byAccount).roleSessionName("s1")),
                    "User: arn:aws:iam::" + A + ":user/bob is not authorized to perform: sts:AssumeRole on resource: "
                            + byAccount);
            iamA.putUserPolicy(p -> p.userName("bob").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                            + "\"Resource\":\"" + byAccount + "\"}]}"));
            assertThat(bob.assumeRole(a -> a.roleArn(byAccount).roleSessionName("s1")).assumedRoleUser().arn())
                    .endsWith(":assumed-role/by-account/s1");
        }
    }

    @Test
    void conditionsOnTheExternalIdAndTheCaller() {
        String vendor = role("vendor", trust("{\"AWS\":\"" + B + "\"}",
                "{\"StringEquals\":{\"sts:ExternalId\":\"e-123\",\"aws:PrincipalArn\":\"arn:aws:iam::" + B + ":root\"}}"));
        try (StsClient sts = sts(B)) {
            String denied = "User: arn:aws:iam::" + B + ":root is not authorized to perform: sts:AssumeRole on resource: "
                    + vendor;
            assertDenied(() -> sts.assumeRole(a -> a.roleArn(vendor).roleSessionName("s1")), denied);
            assertDenied(() -> sts.assumeRole(a -> a.roleArn(vendor).roleSessionName("s1").externalId("other")), denied);
            assertThat(sts.assumeRole(a -> a.roleArn(vendor).roleSessionName("s1").externalId("e-123")).credentials())
                    .isNotNull();
        }
    }

    @Test
    void sessionTagsAndSourceIdentityNeedTheirOwnActions() {
        String plain = role("plain", trust("{\"AWS\":\"" + B + "\"}", null));
        String tagging = role("tagging", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + B + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\","
                + "\"sts:SetSourceIdentity\"],\"Condition\":{\"StringEquals\":{\"aws:RequestTag/team\":\"blue\"}}}]}");
        Tag blue = Tag.builder().key("team").value("blue").build();
        try (StsClient sts = sts(B)) {
            assertDenied(() -> sts.assumeRole(a -> a.roleArn(plain).roleSessionName("s1").tags(blue)),
                    "User: arn:aws:iam::" + B + ":root is not authorized to perform: sts:TagSession on resource: " + plain);
            assertDenied(() -> sts.assumeRole(a -> a.roleArn(plain).roleSessionName("s1").sourceIdentity("alice")),
                    "User: arn:aws:iam::" + B + ":root is not authorized to perform: sts:SetSourceIdentity on resource: "
                            + plain);
            assertDenied(() -> sts.assumeRole(a -> a.roleArn(plain).roleSessionName("s1").transitiveTagKeys("team")),
                    "User: arn:aws:iam::" + B + ":root is not authorized to perform: sts:TagSession on resource: " + plain);
            assertDenied(() -> sts.assumeRole(a -> a.roleArn(tagging).roleSessionName("s1")
                            .tags(Tag.builder().key("team").value("red").build())),
                    "User: arn:aws:iam::" + B + ":root is not authorized to perform: sts:AssumeRole on resource: " + tagging);
            AssumeRoleResponse r = sts.assumeRole(a -> a.roleArn(tagging).roleSessionName("s1").tags(blue)
                    .transitiveTagKeys("team").sourceIdentity("alice"));
            assertThat(r.sourceIdentity()).isEqualTo("alice");
            RoleSessions.RoleSession session = gureum.server().services().context().accessKeys().sessions()
                    .of(r.credentials().accessKeyId()).orElseThrow();
            assertThat(session.roleArn()).isEqualTo(tagging);
            assertThat(session.tags()).isEqualTo(Map.of("team", "blue"));
            assertThat(session.transitiveTagKeys()).containsExactly("team");
            assertThat(session.sourceIdentity()).isEqualTo("alice");
        }
    }

    @Test
    void aSessionActsWithinItsSessionPolicies() {
        String first = role("first", trust("{\"AWS\":\"" + A + "\"}", null));
        String second = role("second", trust("{\"AWS\":\"" + A + "\"}", null));
        iamA.putRolePolicy(p -> p.roleName("first").policyName("chain").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"*\"}]}"));
        String onlyS3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}";
        try (StsClient sts = sts(A)) {
            Credentials full = sts.assumeRole(a -> a.roleArn(first).roleSessionName("full")).credentials();
            Credentials limited = sts.assumeRole(a -> a.roleArn(first).roleSessionName("limited").policy(onlyS3))
                    .credentials();
            Credentials managed = sts.assumeRole(a -> a.roleArn(first).roleSessionName("managed")
                    .policyArns(p -> p.arn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))).credentials();
            RoleSessions.RoleSession stored = gureum.server().services().context().accessKeys().sessions()
                    .of(limited.accessKeyId()).orElseThrow();
            assertThat(stored.sessionPolicies()).containsExactly(onlyS3);
            try (StsClient chained = sts(full)) {
                assertThat(chained.assumeRole(a -> a.roleArn(second).roleSessionName("c1")).assumedRoleUser().arn())
                        .endsWith(":assumed-role/second/c1");
            }
            for (Credentials c : new Credentials[] {limited, managed}) {
                try (StsClient chained = sts(c)) {
                    String session = chained.getCallerIdentity().arn();
                    assertDenied(() -> chained.assumeRole(a -> a.roleArn(second).roleSessionName("c1")),
                            "User: " + session + " is not authorized to perform: sts:AssumeRole on resource: " + second);
                }
            }
        }
    }

    @Test
    void aWebIdentityIsTrustedAsItsFederatedProvider() {
        String web = iamA.createRole(r -> r.roleName("web").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                        + "\"accounts.google.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":"
                        + "{\"StringEquals\":{\"accounts.google.com:aud\":\"my-app\"}}}]}")).role().arn();
        try (StsClient sts = sts(A)) {
            var ok = sts.assumeRoleWithWebIdentity(a -> a.roleArn(web).roleSessionName("w1")
                    .webIdentityToken(jwt("https://accounts.google.com", "my-app")));
            assertThat(ok.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/web/w1");
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(a -> a.roleArn(web).roleSessionName("w1")
                    .webIdentityToken(jwt("https://accounts.google.com", "other-app"))))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
                    });
        }
    }

    private static String jwt(String issuer, String audience) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"1234\"}")
                .getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void aSessionPolicyLimitsWhatTheSessionMayDo() {
        String admin = role("admin", trust("{\"AWS\":\"arn:aws:iam::" + A + ":root\"}", null));
        iamA.attachRolePolicy(a -> a.roleName("admin").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        String onlyIdentity = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"},{\"Effect\":\"Allow\","
                + "\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}]}";
        try (StsClient sts = sts(A)) {
            Credentials limited = sts.assumeRole(a -> a.roleArn(admin).roleSessionName("narrow").policy(onlyIdentity))
                    .credentials();
            Credentials whole = sts.assumeRole(a -> a.roleArn(admin).roleSessionName("wide")).credentials();
            try (IamClient narrow = iam(limited); IamClient wide = iam(whole)) {
                // the role allows everything; the session policy only what it names
                assertThat(narrow.listRoles().roles()).isNotEmpty();
                assertThatThrownBy(() -> narrow.listUsers()).isInstanceOfSatisfying(
                        software.amazon.awssdk.services.iam.model.IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:sts::" + A
                                    + ":assumed-role/admin/narrow is not authorized to perform: iam:ListUsers");
                        });
                assertThat(wide.listUsers().users()).isEmpty();
            }
        }
    }

    private static IamClient iam(Credentials c) {
        return IamClient.builder().endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))).build();
    }
}
