package dev.gureum.ec2;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Launch templates, metadata options and instance profiles are kept across a restart with a data directory. */
class LaunchTemplateRestartIT {

    private static final String ACCOUNT = "111111111111";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final List<Ec2Client> clients = new ArrayList<>();
    private EmbeddedFrontEnd server;

    @AfterEach
    void close() {
        stop();
    }

    private Ec2Client start() {
        server = EmbeddedFrontEnd.persistent(dir, clock, new Ec2Module(Ec2Settings.DEFAULTS
                .withBootTime(Duration.ofSeconds(5))));
        Ec2Client client = SdkClients.withoutRetries(SdkClients.configure(Ec2Client.builder(), server.endpoint(),
                ACCOUNT, Region.US_EAST_1)).build();
        clients.add(client);
        return client;
    }

    private void stop() {
        clients.forEach(Ec2Client::close);
        clients.clear();
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private Map<String, Object> everything(Ec2Client ec2, String templateId) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("templates", ec2.describeLaunchTemplates().launchTemplates());
        all.put("versions", ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(templateId))
                .launchTemplateVersions());
        all.put("instances", ec2.describeInstances().reservations());
        return all;
    }

    private int metadataStatus(String id, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint()
                + "/_gureum/ec2/metadata/" + id + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void templatesAndInstanceOptionsSurviveARestart() throws Exception {
        Ec2Client ec2 = start();
        String id = ec2.createLaunchTemplate(r -> r.launchTemplateName("kept").versionDescription("v1")
                .launchTemplateData(d -> d.imageId(InstancesIT.PASTED_AMI).instanceType("t3.micro")
                        .iamInstanceProfile(p -> p.name("kept-role")).metadataOptions(m -> m.httpTokens("required")))
                .tagSpecifications(t -> t.resourceType("launch-template").tags(g -> g.key("k").value("v"))))
                .launchTemplate().launchTemplateId();
        ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(id).sourceVersion("1")
                .launchTemplateData(d -> d.instanceType("t3.small")));
        ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(id).sourceVersion("2")
                .launchTemplateData(d -> d.instanceType("t3.medium")));
        ec2.modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion("2"));
        ec2.deleteLaunchTemplateVersions(r -> r.launchTemplateId(id).versions("3"));
        Instance i = ec2.runInstances(r -> r.minCount(1).maxCount(1).launchTemplate(l -> l.launchTemplateId(id)))
                .instances().get(0);
        clock.advanceSeconds(5);
        ec2.modifyInstanceMetadataOptions(r -> r.instanceId(i.instanceId()).httpPutResponseHopLimit(3));
        Map<String, Object> before = everything(ec2, id);

        stop();
        ec2 = start();
        assertThat(everything(ec2, id)).isEqualTo(before);
        Instance after = ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0);
        assertThat(after.instanceTypeAsString()).isEqualTo("t3.small");
        assertThat(after.metadataOptions().httpTokens()).isEqualTo(HttpTokensState.REQUIRED);
        assertThat(after.metadataOptions().httpPutResponseHopLimit()).isEqualTo(3);
        assertThat(after.iamInstanceProfile().arn()).endsWith(":instance-profile/kept-role");
        assertThat(metadataStatus(i.instanceId(), "/latest/meta-data/instance-id")).isEqualTo(401);

        // the next version is numbered after the deleted one, and the instance keeps its options as it changes state
        assertThat(ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(id)
                .launchTemplateData(d -> d.imageId(InstancesIT.PASTED_AMI))).launchTemplateVersion().versionNumber())
                .isEqualTo(4L);
        ec2.stopInstances(r -> r.instanceIds(i.instanceId()));
        clock.advanceSeconds(5);
        stop();
        ec2 = start();
        Instance stopped = ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0);
        assertThat(stopped.metadataOptions().httpPutResponseHopLimit()).isEqualTo(3);
        assertThat(stopped.iamInstanceProfile()).isEqualTo(after.iamInstanceProfile());
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id)).launchTemplateVersions())
                .extracting(v -> v.versionNumber()).containsExactly(4L, 2L, 1L);
    }
}
