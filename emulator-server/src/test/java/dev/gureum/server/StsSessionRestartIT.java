package dev.gureum.server;

import dev.gureum.core.auth.RoleSessions.RoleSession;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A role session's policies, tags and source identity are kept with its key across a restart. */
class StsSessionRestartIT {

    private static GureumServer server(Path dataDir) {
        return GureumServer.builder().port(0).dataDir(dataDir).services(Set.of("sts")).build().start();
    }

    @Test
    void aSessionKeepsWhatItWasGiven(@TempDir Path dataDir) {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"}]}";
        Credentials issued;
        try (GureumServer server = server(dataDir);
             StsClient sts = SdkClients.configure(StsClient.builder(), server.endpoint()).build()) {
            issued = sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/app").roleSessionName("kept")
                    .policy(policy).tags(Tag.builder().key("team").value("blue").build()).transitiveTagKeys("team")
                    .sourceIdentity("alice")).credentials();
        }
        try (GureumServer server = server(dataDir)) {
            RoleSession session = server.services().context().accessKeys().sessions().of(issued.accessKeyId())
                    .orElseThrow();
            assertThat(session.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/app");
            assertThat(session.sessionArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/app/kept");
            assertThat(session.sessionPolicies()).containsExactly(policy);
            assertThat(session.tags()).isEqualTo(Map.of("team", "blue"));
            assertThat(session.transitiveTagKeys()).containsExactly("team");
            assertThat(session.sourceIdentity()).isEqualTo("alice");
        }
    }
}
