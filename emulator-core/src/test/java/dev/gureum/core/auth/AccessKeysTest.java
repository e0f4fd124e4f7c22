package dev.gureum.core.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccessKeysTest {

    private static final String DEFAULT = "000000000000";

    private final AccessKeys keys = new AccessKeys(DEFAULT, Map.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private static AccessKeys.IssuedKey issued(String id, String account) {
        return new AccessKeys.IssuedKey(id, "secret-" + id, "token-" + id, account,
                "arn:aws:sts::" + account + ":assumed-role/my-role/my-session", "AROA3XFRBF535PLBIFPI4:my-session",
                Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void aTwelveDigitKeyIsThatAccount() {
        assertThat(keys.accountOf("123456789012")).isEqualTo("123456789012");
        assertThat(keys.principalArnOf("123456789012")).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(keys.userIdOf("123456789012")).isEqualTo("123456789012");
    }

    @Test
    void theAccountRootIsInThePartitionOfTheRegion() {
        assertThat(keys.principalArnOf("123456789012", "cn-north-1")).isEqualTo("arn:aws-cn:iam::123456789012:root");
        assertThat(keys.principalArnOf("123456789012", "us-gov-west-1")).isEqualTo("arn:aws-us-gov:iam::123456789012:root");
        assertThat(keys.principalArnOf("123456789012", "eu-west-1")).isEqualTo("arn:aws:iam::123456789012:root");
    }

    @Test
    void keysThatAreAlmostAccountIdsAreNot() {
        assertThat(keys.accountOf("12345678901")).isEqualTo(DEFAULT);
        assertThat(keys.accountOf("1234567890123")).isEqualTo(DEFAULT);
        assertThat(keys.accountOf("12345678901a")).isEqualTo(DEFAULT);
    }

    @Test
    void anIssuedKeyIsTheAccountThatAskedForIt() {
        keys.register(issued("ASIAQWERTYUIOPASDFGH", "111122223333"));

        assertThat(keys.accountOf("ASIAQWERTYUIOPASDFGH")).isEqualTo("111122223333");
        assertThat(keys.principalArnOf("ASIAQWERTYUIOPASDFGH"))
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/my-role/my-session");
        assertThat(keys.userIdOf("ASIAQWERTYUIOPASDFGH")).isEqualTo("AROA3XFRBF535PLBIFPI4:my-session");
        assertThat(keys.secretOf("ASIAQWERTYUIOPASDFGH")).contains("secret-ASIAQWERTYUIOPASDFGH");
        assertThat(keys.issuedKey("ASIAQWERTYUIOPASDFGH")).hasValueSatisfying(k ->
                assertThat(k.sessionToken()).isEqualTo("token-ASIAQWERTYUIOPASDFGH"));
    }

    @Test
    void anyOtherKeyIsTheDefaultAccount() {
        assertThat(keys.defaultAccount()).isEqualTo(DEFAULT);
        assertThat(keys.accountOf("AKIAIOSFODNN7EXAMPLE")).isEqualTo(DEFAULT);
        assertThat(keys.accountOf("test")).isEqualTo(DEFAULT);
        assertThat(keys.accountOf("")).isEqualTo(DEFAULT);
        assertThat(keys.accountOf(null)).isEqualTo(DEFAULT);
        assertThat(keys.principalArnOf(null)).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(keys.userIdOf("test")).isEqualTo(DEFAULT);
        assertThat(keys.issuedKey(null)).isEmpty();
    }

    @Test
    void secretsComeFromConfigurationThenIssuedKeys() {
        keys.register(issued("ASIAQWERTYUIOPASDFGH", "111122223333"));

        assertThat(keys.secretOf("AKIAIOSFODNN7EXAMPLE")).contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertThat(keys.secretOf("AKIAUNKNOWNEXAMPLE00")).isEmpty();
    }

    @Test
    void resetForgetsIssuedKeysButNotConfiguredOnes() {
        keys.register(issued("ASIAQWERTYUIOPASDFGH", "111122223333"));

        keys.reset();

        assertThat(keys.accountOf("ASIAQWERTYUIOPASDFGH")).isEqualTo(DEFAULT);
        assertThat(keys.secretOf("ASIAQWERTYUIOPASDFGH")).isEmpty();
        assertThat(keys.secretOf("AKIAIOSFODNN7EXAMPLE")).isPresent();
    }

    @Test
    void aUserKeyActsAsItsUserUntilItIsInactiveOrRemoved() {
        keys.register(new AccessKeys.UserKey("AKIAUSERKEYEXAMPLE01", "user-secret", "111122223333",
                "arn:aws:iam::111122223333:user/ci/builder", "AIDAEXAMPLEEXAMPLE001", true));
        assertThat(keys.accountOf("AKIAUSERKEYEXAMPLE01")).isEqualTo("111122223333");
        assertThat(keys.principalArnOf("AKIAUSERKEYEXAMPLE01")).isEqualTo("arn:aws:iam::111122223333:user/ci/builder");
        assertThat(keys.userIdOf("AKIAUSERKEYEXAMPLE01")).isEqualTo("AIDAEXAMPLEEXAMPLE001");
        assertThat(keys.secretOf("AKIAUSERKEYEXAMPLE01")).contains("user-secret");
        assertThat(keys.inactive("AKIAUSERKEYEXAMPLE01")).isFalse();

        keys.used("AKIAUSERKEYEXAMPLE01", "s3", "eu-west-1", Instant.parse("2030-01-01T00:00:00Z"));
        keys.used("test", "s3", "eu-west-1", Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(keys.lastUse("AKIAUSERKEYEXAMPLE01")).contains(
                new AccessKeys.KeyUse(Instant.parse("2030-01-01T00:00:00Z"), "s3", "eu-west-1"));
        assertThat(keys.lastUse("test")).isEmpty();
        // STS's reset leaves IAM's keys alone
        keys.reset();
        assertThat(keys.userKey("AKIAUSERKEYEXAMPLE01")).isPresent();

        keys.register(new AccessKeys.UserKey("AKIAUSERKEYEXAMPLE01", "user-secret", "111122223333",
                "arn:aws:iam::111122223333:user/ci/builder", "AIDAEXAMPLEEXAMPLE001", false));
        assertThat(keys.inactive("AKIAUSERKEYEXAMPLE01")).isTrue();
        assertThat(keys.secretOf("AKIAUSERKEYEXAMPLE01")).isEmpty();
        keys.removeUserKey("AKIAUSERKEYEXAMPLE01");
        assertThat(keys.accountOf("AKIAUSERKEYEXAMPLE01")).isEqualTo(DEFAULT);
        assertThat(keys.inactive("AKIAUSERKEYEXAMPLE01")).isFalse();
    }

    @Test
    void stsKeysExpireAtTheirExpirationAndLoseTheirSessionOthersDoNot() {
        AccessKeys.IssuedKey sts = issued("ASIASTS", "111122223333");
        keys.registerExpiring(sts);
        keys.sessions().register(RoleSessions.RoleSession.of("ASIASTS", "arn:aws:iam::111122223333:role/my-role",
                sts.principalArn()));
        keys.register(issued("ASIALAMBDA", "111122223333"));
        Instant expiration = sts.expiration();

        assertThat(keys.expired("ASIASTS", expiration.minusSeconds(1))).isFalse();
        assertThat(keys.sessions().of("ASIASTS")).isPresent();
        assertThat(keys.expired("ASIASTS", expiration)).isTrue();
        assertThat(keys.sessions().of("ASIASTS")).isEmpty();
        // still known, so still refused rather than taken for the default account
        assertThat(keys.accountOf("ASIASTS")).isEqualTo("111122223333");
        assertThat(keys.expired("ASIALAMBDA", expiration.plusSeconds(3600))).isFalse();
        assertThat(keys.expired("123456789012", expiration)).isFalse();
        assertThat(keys.expired(null, expiration)).isFalse();
    }
}
