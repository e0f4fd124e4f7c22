package dev.gureum.server.iam;

import dev.gureum.core.json.Json;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EC2 instances launched with an IAM instance profile: their metadata serves the profile's role's credentials. */
class IamInstanceProfileIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.clock(CLOCK).setting("ec2.boot-seconds", "5"));

    private final HttpClient http = HttpClient.newHttpClient();

    private String metadata(String instanceId, String path) throws Exception {
        URI uri = gureum.endpoint().resolve("/_gureum/ec2/metadata/" + instanceId + path);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void theMetadataServiceServesTheProfilesRole() throws Exception {
        IamClient iam = IamUsersIT.iam(gureum, "test");
        String roleId = iam.createRole(r -> r.roleName("web-role").assumeRolePolicyDocument(
                IamPoliciesIT.TRUST.replace("lambda", "ec2"))).role().roleId();
        var profile = iam.createInstanceProfile(r -> r.instanceProfileName("web")).instanceProfile();
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web").roleName("web-role"));

        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder()).build()) {
            assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-0c02fb55956c7d316").instanceType("t3.micro")
                    .minCount(1).maxCount(1).iamInstanceProfile(p -> p.name("no-such-profile"))))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                        assertThat(e.getMessage()).contains("Invalid IAM Instance Profile name");
                    });
            String id = ec2.runInstances(r -> r.imageId("ami-0c02fb55956c7d316").instanceType("t3.micro")
                    .minCount(1).maxCount(1).iamInstanceProfile(p -> p.name("web"))).instances().get(0).instanceId();
            CLOCK.advanceSeconds(5);
            Instance instance = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
            assertThat(instance.iamInstanceProfile().arn()).isEqualTo(profile.arn());
            assertThat(instance.iamInstanceProfile().id()).isEqualTo(profile.instanceProfileId());

            assertThat(metadata(id, "/latest/meta-data/iam/security-credentials/")).isEqualTo("web-role");
            var credentials = Json.mapper().readTree(metadata(id, "/latest/meta-data/iam/security-credentials/web-role"));
            try (StsClient sts = SdkClients.configure(StsClient.builder(), gureum.endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
                            credentials.get("Token").asText()))).build()) {
                var me = sts.getCallerIdentity();
                assertThat(me.arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/web-role/" + id);
                assertThat(me.userId()).isEqualTo(roleId + ":" + id);
            }
            // the session's policies are its role's, found by the role's ARN
            assertThat(gureum.server().services().context().accessKeys().sessions()
                    .of(credentials.get("AccessKeyId").asText()).orElseThrow().roleArn())
                    .isEqualTo("arn:aws:iam::000000000000:role/web-role");

            // the role taken out of the profile is no longer served
            iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("web").roleName("web-role"));
            assertThat(metadata(id, "/latest/meta-data/iam/security-credentials/")).isEmpty();
        }
    }
}
