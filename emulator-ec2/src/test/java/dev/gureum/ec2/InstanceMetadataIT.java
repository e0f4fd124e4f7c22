package dev.gureum.ec2;

import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The instance metadata service under /_gureum/ec2/metadata/<instance-id>/: IMDSv1, IMDSv2 tokens, role credentials. */
class InstanceMetadataIT {

    private static final String ACCOUNT = "111111111111";

    private final Ec2Harness harness = new Ec2Harness(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5)));
    private final Ec2Client ec2 = harness.ec2(ACCOUNT, "us-east-1");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        harness.close();
    }

    private Instance run(Consumer<software.amazon.awssdk.services.ec2.model.RunInstancesRequest.Builder> more) {
        Instance i = ec2.runInstances(r -> {
            r.imageId(InstancesIT.PASTED_AMI).instanceType("t3.micro").minCount(1).maxCount(1);
            more.accept(r);
        }).instances().get(0);
        harness.clock.advanceSeconds(5);
        return ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0);
    }

    private HttpResponse<String> get(String id, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(id, path)).GET();
        if (token != null) {
            b.header("X-aws-ec2-metadata-token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String body(String id, String path) throws Exception {
        HttpResponse<String> r = get(id, path, null);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> token(String id, String ttl) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(id, "/latest/api/token")).PUT(HttpRequest.BodyPublishers.noBody());
        if (ttl != null) {
            b.header("X-aws-ec2-metadata-token-ttl-seconds", ttl);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String id, String path) {
        return harness.endpoint().resolve("/_gureum/ec2/metadata/" + id + path);
    }

    @Test
    void imdsV1AnswersWhatTheInstanceIs() throws Exception {
        Instance i = run(r -> r.userData(Base64.getEncoder().encodeToString("#!/bin/sh\necho hi\n"
                .getBytes(StandardCharsets.UTF_8))));
        String id = i.instanceId();
        assertThat(body(id, "/latest/").split("\n")).containsExactly("dynamic", "meta-data", "user-data");
        String listing = body(id, "/latest/meta-data/");
        assertThat(listing.split("\n")).contains("ami-id", "instance-id", "instance-type", "local-ipv4", "mac",
                "placement/", "network/", "public-ipv4", "public-hostname", "security-groups")
                .doesNotContain("iam/");
        assertThat(body(id, "/latest/meta-data/instance-id")).isEqualTo(id);
        assertThat(body(id, "/latest/meta-data/instance-type")).isEqualTo("t3.micro");
        assertThat(body(id, "/latest/meta-data/ami-id")).isEqualTo(InstancesIT.PASTED_AMI);
        assertThat(body(id, "/latest/meta-data/local-ipv4")).isEqualTo(i.privateIpAddress());
        assertThat(body(id, "/latest/meta-data/public-ipv4")).isEqualTo(i.publicIpAddress());
        assertThat(body(id, "/latest/meta-data/local-hostname")).isEqualTo(i.privateDnsName());
        assertThat(body(id, "/latest/meta-data/public-hostname")).isEqualTo(i.publicDnsName());
        assertThat(body(id, "/latest/meta-data/placement/availability-zone")).isEqualTo(i.placement().availabilityZone());
        assertThat(body(id, "/latest/meta-data/placement/region")).isEqualTo("us-east-1");
        assertThat(body(id, "/latest/meta-data/security-groups")).isEqualTo("default");
        String mac = body(id, "/latest/meta-data/mac");
        assertThat(mac).isEqualTo(i.networkInterfaces().get(0).macAddress());
        assertThat(body(id, "/latest/meta-data/network/interfaces/macs/")).isEqualTo(mac + "/");
        assertThat(body(id, "/latest/meta-data/network/interfaces/macs/" + mac + "/subnet-id")).isEqualTo(i.subnetId());
        assertThat(body(id, "/latest/user-data")).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(body(id, "/latest/dynamic/instance-identity/document"))
                .contains("\"instanceId\" : \"" + id + "\"", "\"accountId\" : \"" + ACCOUNT + "\"",
                        "\"region\" : \"us-east-1\"");
        assertThat(get(id, "/latest/meta-data/iam/", null).statusCode()).isEqualTo(404);
        assertThat(get(id, "/latest/meta-data/nothing-here", null).statusCode()).isEqualTo(404);
        assertThat(get("i-0123456789abcdef0", "/latest/meta-data/", null).statusCode()).isEqualTo(404);
    }

    @Test
    void imdsV2TokensAreRequiredWhenTheOptionsSaySo() throws Exception {
        Instance i = run(r -> r.metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED)));
        String id = i.instanceId();
        assertThat(i.metadataOptions().httpTokens()).isEqualTo(HttpTokensState.REQUIRED);
        assertThat(get(id, "/latest/meta-data/instance-id", null).statusCode()).isEqualTo(401);
        assertThat(ec2.describeInstances(r -> r.filters(f -> f.name("metadata-options.http-tokens").values("required")))
                .reservations()).singleElement().satisfies(res -> assertThat(res.instances().get(0).instanceId())
                .isEqualTo(id));
        assertThat(token(id, null).statusCode()).isEqualTo(400);
        assertThat(token(id, "21601").statusCode()).isEqualTo(400);
        String token = token(id, "60").body();
        HttpResponse<String> withToken = get(id, "/latest/meta-data/instance-id", token);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).isEqualTo(id);
        assertThat(get(id, "/latest/meta-data/instance-id", "not-a-token").statusCode()).isEqualTo(401);

        harness.clock.advanceSeconds(61);
        assertThat(get(id, "/latest/meta-data/instance-id", token).statusCode()).isEqualTo(401);

        var modified = ec2.modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens(HttpTokensState.OPTIONAL))
                .instanceMetadataOptions();
        assertThat(modified.stateAsString()).isEqualTo("pending");
        assertThat(modified.httpTokens()).isEqualTo(HttpTokensState.OPTIONAL);
        assertThat(get(id, "/latest/meta-data/instance-id", null).statusCode()).isEqualTo(200);
        // a token once given must still be valid
        assertThat(get(id, "/latest/meta-data/instance-id", token).statusCode()).isEqualTo(401);

        ec2.modifyInstanceMetadataOptions(r -> r.instanceId(id).httpEndpoint(InstanceMetadataEndpointState.DISABLED));
        assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                .metadataOptions().httpEndpoint()).isEqualTo(InstanceMetadataEndpointState.DISABLED);
        assertThat(get(id, "/latest/meta-data/instance-id", null).statusCode()).isEqualTo(403);

        ec2.stopInstances(r -> r.instanceIds(id));
        harness.clock.advanceSeconds(5);
        ec2.modifyInstanceMetadataOptions(r -> r.instanceId(id).httpEndpoint(InstanceMetadataEndpointState.ENABLED));
        assertThat(get(id, "/latest/meta-data/instance-id", null).statusCode()).isEqualTo(404);
    }

    @Test
    void anInstanceProfileGivesCredentialsGureumAccepts() throws Exception {
        Instance i = run(r -> r.iamInstanceProfile(p -> p.name("app-role")));
        String id = i.instanceId();
        assertThat(i.iamInstanceProfile().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":instance-profile/app-role");
        assertThat(body(id, "/latest/meta-data/").split("\n")).contains("iam/");
        assertThat(ec2.describeInstances(r -> r.filters(f -> f.name("iam-instance-profile.arn")
                .values(i.iamInstanceProfile().arn()))).reservations()).hasSize(1);
        assertThat(body(id, "/latest/meta-data/iam/").split("\n")).containsExactly("info", "security-credentials/");
        assertThat(body(id, "/latest/meta-data/iam/info")).contains("\"Code\" : \"Success\"",
                "\"InstanceProfileArn\" : \"" + i.iamInstanceProfile().arn() + "\"",
                "\"InstanceProfileId\" : \"" + i.iamInstanceProfile().id() + "\"");
        assertThat(body(id, "/latest/meta-data/iam/security-credentials/")).isEqualTo("app-role");
        var credentials = dev.gureum.core.json.Json.mapper()
                .readTree(body(id, "/latest/meta-data/iam/security-credentials/app-role"));
        assertThat(credentials.get("Type").asText()).isEqualTo("AWS-HMAC");
        assertThat(credentials.get("AccessKeyId").asText()).startsWith("ASIA");
        assertThat(credentials.get("Expiration").asText()).isEqualTo("2025-03-01T15:00:05Z");
        // the same keys until they near their expiry
        assertThat(dev.gureum.core.json.Json.mapper().readTree(body(id, "/latest/meta-data/iam/security-credentials/app-role"))
                .get("AccessKeyId").asText()).isEqualTo(credentials.get("AccessKeyId").asText());

        // renewed before they expire
        harness.clock.advanceSeconds(6 * 3600 - 10 * 60);
        var renewed = dev.gureum.core.json.Json.mapper()
                .readTree(body(id, "/latest/meta-data/iam/security-credentials/app-role"));
        assertThat(renewed.get("AccessKeyId").asText()).isNotEqualTo(credentials.get("AccessKeyId").asText());
        assertThat(renewed.get("Expiration").asText()).isEqualTo("2025-03-01T20:50:05Z");

        try (Ec2Client asInstance = Ec2Client.builder().endpointOverride(harness.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
                        credentials.get("Token").asText()))).build()) {
            assertThat(asInstance.describeInstances().reservations()).singleElement()
                    .satisfies(res -> assertThat(res.ownerId()).isEqualTo(ACCOUNT));
        }
    }

    @Test
    void keysTagsAndDevicesAreListedAsAwsListsThem() throws Exception {
        ec2.createKeyPair(r -> r.keyName("laptop"));
        Instance i = run(r -> r.keyName("laptop").metadataOptions(m -> m.instanceMetadataTags("enabled"))
                .tagSpecifications(t -> t.resourceType("instance").tags(g -> g.key("Name").value("web"))));
        String id = i.instanceId();
        assertThat(body(id, "/latest/meta-data/public-keys/")).isEqualTo("0=laptop");
        assertThat(body(id, "/latest/meta-data/public-keys/0/openssh-key")).startsWith("ssh-rsa ").endsWith(" laptop");
        assertThat(body(id, "/latest/meta-data/tags/instance/")).isEqualTo("Name");
        assertThat(body(id, "/latest/meta-data/tags/instance/Name")).isEqualTo("web");
        assertThat(body(id, "/latest/meta-data/block-device-mapping/root")).isEqualTo(i.rootDeviceName());
        assertThat(body(id, "/latest/meta-data/placement/")).isEqualTo("availability-zone\navailability-zone-id\nregion");

        Instance plain = run(r -> { });
        assertThat(body(plain.instanceId(), "/latest/meta-data/").split("\n")).doesNotContain("tags/", "public-keys/");
        assertThat(get(plain.instanceId(), "/latest/user-data", null).statusCode()).isEqualTo(404);
    }
}
