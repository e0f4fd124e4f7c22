package dev.gureum.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.datacenter.Regions;
import dev.gureum.core.json.Json;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordedState;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.ec2.domain.EbsRecords;
import dev.gureum.ec2.domain.Ec2RecordTypes;
import dev.gureum.ec2.domain.Ec2Settings;
import dev.gureum.ec2.domain.Ec2State;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.LaunchSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.model.VolumeType;

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

/** EBS with a data directory: volumes, snapshots and their meter survive a restart; older data gains root volumes. */
class VolumeRestartIT {

    private static final String ALICE = "111111111111";
    private static final String BOB = "222222222222";
    private static final String REGION = "ap-northeast-2";
    private static final String ZONE = "ap-northeast-2a";
    private static final Ec2Settings SETTINGS = Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final List<Ec2Client> clients = new ArrayList<>();
    private EmbeddedFrontEnd server;

    @AfterEach
    void close() {
        stop();
    }

    private void start() {
        server = EmbeddedFrontEnd.persistent(dir, clock, new Ec2Module(SETTINGS));
    }

    private void stop() {
        clients.forEach(Ec2Client::close);
        clients.clear();
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private Ec2Client ec2(String account) {
        Ec2Client client = SdkClients.withoutRetries(SdkClients.configure(Ec2Client.builder(), server.endpoint(),
                account, Region.of(REGION))).build();
        clients.add(client);
        return client;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private Map<String, Object> everything(Ec2Client alice, Ec2Client bob) throws Exception {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("volumes", alice.describeVolumes().volumes());
        all.put("modifications", alice.describeVolumesModifications(r -> { }).volumesModifications());
        all.put("volume status", alice.describeVolumeStatus(r -> { }).volumeStatuses());
        all.put("snapshots", alice.describeSnapshots(r -> r.ownerIds("self")).snapshots());
        all.put("shared with bob", bob.describeSnapshots(r -> r.restorableByUserIds("self")).snapshots());
        all.put("instances", alice.describeInstances().reservations());
        all.put("images", alice.describeImages(r -> r.owners("self")).images());
        all.put("encryption", alice.getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault());
        all.put("key", alice.getEbsDefaultKmsKeyId(r -> { }).kmsKeyId());
        all.put("tags", alice.describeTags().tags());
        all.put("hosts", Json.mapper().readTree(get("/_gureum/ec2/hosts")));
        all.put("usage", Json.mapper().readTree(get("/_gureum/ec2/usage")));
        return all;
    }

    @Test
    void volumesSnapshotsAndDefaultsAreThereAfterARestart() throws Exception {
        start();
        Ec2Client alice = ec2(ALICE);
        Ec2Client bob = ec2(BOB);
        Instance instance = alice.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).placement(p -> p.availabilityZone(ZONE))
                .blockDeviceMappings(m -> m.deviceName("/dev/sdf").ebs(e -> e.volumeSize(30).volumeType(VolumeType.IO2)
                        .iops(3000).deleteOnTermination(false)))).instances().get(0);
        String data = alice.createVolume(r -> r.availabilityZone(ZONE).size(50).volumeType(VolumeType.GP3)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME)
                        .tags(Tag.builder().key("Name").value("data").build()).build())).volumeId();
        String gone = alice.createVolume(r -> r.availabilityZone(ZONE).size(8)).volumeId();
        clock.advanceSeconds(5);
        alice.attachVolume(r -> r.volumeId(data).instanceId(instance.instanceId()).device("/dev/sdg"));
        alice.modifyVolume(r -> r.volumeId(data).size(60));
        alice.modifyVolumeAttribute(r -> r.volumeId(gone).autoEnableIO(a -> a.value(true)));
        String snap = alice.createSnapshot(r -> r.volumeId(data).description("before")).snapshotId();
        alice.modifySnapshotAttribute(r -> r.snapshotId(snap).attribute("createVolumePermission")
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().userId(BOB).build())));
        alice.deleteVolume(r -> r.volumeId(gone));
        alice.createImage(r -> r.instanceId(instance.instanceId()).name("golden"));
        alice.enableEbsEncryptionByDefault(r -> { });
        alice.modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId("alias/team"));
        clock.advanceSeconds(2);
        Map<String, Object> before = everything(alice, bob);
        stop();

        start();
        Map<String, Object> after = everything(ec2(ALICE), ec2(BOB));
        assertThat(after).isEqualTo(before);

        // the transitions under way end as they would have
        clock.advanceSeconds(10);
        alice = ec2(ALICE);
        assertThat(alice.describeVolumes(r -> r.volumeIds(data)).volumes().get(0).size()).isEqualTo(60);
        assertThat(alice.describeSnapshots(r -> r.snapshotIds(snap)).snapshots().get(0).progress()).isEqualTo("100%");
        JsonNode deleted = null;
        for (JsonNode v : Json.mapper().readTree(get("/_gureum/ec2/usage?accountId=" + ALICE)).get("accounts").get(0)
                .get("volumes")) {
            if (v.get("volumeId").asText().equals(gone)) {
                deleted = v;
            }
        }
        assertThat(deleted).isNotNull();
        assertThat(deleted.get("state").asText()).isEqualTo("deleted");
        assertThat(deleted.get("secondsProvisioned").asDouble()).isEqualTo(5.0);
    }

    @Test
    void theDowntimeIsLeftOffTheVolumesMeter() throws Exception {
        start();
        String volume = ec2(ALICE).createVolume(r -> r.availabilityZone(ZONE).size(10)).volumeId();
        clock.advanceSeconds(100);
        ec2(ALICE).describeVolumes();
        stop();
        clock.advanceSeconds(3600);
        start();
        // EC2 starts with its first request
        assertThat(ec2(ALICE).describeVolumes().volumes()).hasSize(1);
        clock.advanceSeconds(10);
        JsonNode v = Json.mapper().readTree(get("/_gureum/ec2/usage?accountId=" + ALICE)).get("accounts").get(0)
                .get("volumes").get(0);
        assertThat(v.get("volumeId").asText()).isEqualTo(volume);
        assertThat(v.get("secondsProvisioned").asDouble()).isEqualTo(110.0);
    }

    /** What a Gureum from before volumes kept: its records without any of EBS's. */
    private void keepOldData() {
        Ec2World world = new Ec2World(clock, SETTINGS);
        LaunchSpec spec = new LaunchSpec(InstancesIT.PASTED_AMI, "t3.micro", 1, 1, null, List.of(), List.of(), null,
                ZONE, null, null, null, null, Map.of(), null, null, false, false, null, false, false);
        world.apply(ALICE, REGION, scope -> world.launcher().run(scope, spec, clock.instant()));
        List<Object> old = new ArrayList<>();
        for (Object r : new Ec2State(world).records()) {
            if (!(r instanceof EbsRecords.VolumeRecord || r instanceof EbsRecords.SnapshotRecord
                    || r instanceof EbsRecords.EbsDefaultsRecord)) {
                old.add(r);
            }
        }
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            RecordedState kept = new RecordedState("ec2",
                    new Ec2RecordTypes(name -> Regions.standard().zone(name).orElse(null)).types());
            StateJournal journal = persistence.open(kept);
            for (Object r : old) {
                kept.apply(r);
                journal.append(r).toCompletableFuture().join();
            }
        }
    }

    @Test
    void instancesKeptBeforeVolumesExistedGetTheirRootVolumes() {
        keepOldData();
        clock.advanceSeconds(60);
        start();
        Ec2Client alice = ec2(ALICE);
        Instance instance = alice.describeInstances().reservations().get(0).instances().get(0);
        assertThat(instance.blockDeviceMappings()).hasSize(1);
        String rootId = instance.blockDeviceMappings().get(0).ebs().volumeId();
        Volume root = alice.describeVolumes().volumes().get(0);
        assertThat(root.volumeId()).isEqualTo(rootId);
        assertThat(root.size()).isEqualTo(8);
        assertThat(root.volumeType()).isEqualTo(VolumeType.GP3);
        assertThat(root.state()).isEqualTo(VolumeState.IN_USE);
        assertThat(root.attachments().get(0).instanceId()).isEqualTo(instance.instanceId());
        assertThat(root.attachments().get(0).deleteOnTermination()).isTrue();
        assertThat(root.createTime()).isEqualTo(instance.launchTime());

        // kept from then on, as any volume
        stop();
        start();
        assertThat(ec2(ALICE).describeVolumes().volumes()).containsExactly(root);
    }
}
