package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What STS limits in a session: role chaining's hour, and session tags' number, form and packed size. */
class SessionLimitsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private static final String ACCOUNT = "123456789012";
    private final IamClient iam = IamUsersIT.iam(gureum, ACCOUNT);
    private final StsClient sts = gureum.configure(StsClient.builder(), ACCOUNT).region(Region.US_EAST_1).build();
    private String first;
    private String second;

    @BeforeEach
    void roles() {
        gureum.reset();
        first = iam.createRole(r -> r.roleName("first").assumeRolePolicyDocument(IamPoliciesIT.TRUST)
                .maxSessionDuration(43_200)).role().arn();
        second = iam.createRole(r -> r.roleName("second").assumeRolePolicyDocument(IamPoliciesIT.TRUST)
                .maxSessionDuration(43_200)).role().arn();
    }

    @Test
    void aChainedSessionLastsAtMostAnHour() {
        // the account's own credentials may ask for the role's twelve hours
        Credentials c = sts.assumeRole(r -> r.roleArn(first).roleSessionName("one").durationSeconds(43_200))
                .credentials();
        try (StsClient chained = StsClient.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey(), c.sessionToken()))).build()) {
            assertThatThrownBy(() -> chained.assumeRole(r -> r.roleArn(second).roleSessionName("two")
                    .durationSeconds(3_601))).isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The requested DurationSeconds "
                                + "exceeds the 1 hour session limit for roles assumed by role chaining.");
                    });
            var ok = chained.assumeRole(r -> r.roleArn(second).roleSessionName("two").durationSeconds(3_600));
            assertThat(ok.assumedRoleUser().arn()).endsWith(":assumed-role/second/two");
        }
    }

    @Test
    void sessionTagsKeepToAwsLimits() {
        List<Tag> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(Tag.builder().key("k" + i).value("v").build());
        }
        assertValidation(() -> sts.assumeRole(r -> r.roleArn(first).roleSessionName("s1").tags(fiftyOne)),
                "Member must have length less than or equal to 50");
        assertValidation(() -> sts.assumeRole(r -> r.roleArn(first).roleSessionName("s1")
                .tags(Tag.builder().key("k".repeat(129)).value("v").build())),
                "Member must have length less than or equal to 128");
        assertValidation(() -> sts.assumeRole(r -> r.roleArn(first).roleSessionName("s1")
                .tags(Tag.builder().key("k").value("v".repeat(257)).build())),
                "Member must have length less than or equal to 256");
        assertValidation(() -> sts.assumeRole(r -> r.roleArn(first).roleSessionName("s1")
                .tags(Tag.builder().key("bad#key").value("v").build())), "Member must satisfy regular expression");

        // fifty tags within the plaintext limits, too many random bytes once packed
        SecureRandom random = new SecureRandom();
        List<Tag> large = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] value = new byte[64];
            random.nextBytes(value);
            large.add(Tag.builder().key("key" + i).value(HexFormat.of().formatHex(value)).build());
        }
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(first).roleSessionName("s1").tags(large)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PackedPolicyTooLarge");
                });
        // a few tags are a small part of the limit
        var small = sts.assumeRole(r -> r.roleArn(first).roleSessionName("s1")
                .tags(Tag.builder().key("team").value("red").build()));
        assertThat(small.packedPolicySize()).isBetween(1, 10);
        assertThat(sts.assumeRole(r -> r.roleArn(first).roleSessionName("s1").tags(large.subList(0, 10)))
                .packedPolicySize()).isGreaterThan(small.packedPolicySize()).isLessThanOrEqualTo(100);
    }

    private static void assertValidation(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }
}
