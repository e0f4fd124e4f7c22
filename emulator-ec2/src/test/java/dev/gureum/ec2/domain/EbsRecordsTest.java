package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.Regions;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EbsRecordsTest {

    private static final Instant T = Instant.parse("2025-03-01T09:00:00.123456789Z");
    private static final String A = "111111111111";
    private static final String R = "ap-northeast-2";

    private static List<Object> everyType() {
        VolumeConfig gp2 = new VolumeConfig("gp2", 10, 100, null);
        VolumeConfig gp3 = new VolumeConfig("gp3", 20, 3000, 125);
        Volume.Data attached = new Volume.Data("vol-1", A, "ap-northeast-2a", gp3, "snap-1", true, "arn:key", T,
                "in-use", null, new Volume.Attachment("i-1", "/dev/sdf", "attaching", T, true, T.plusSeconds(5)), true,
                new Volume.Modification("modifying", gp2, gp3, T, T.plusSeconds(5), T.plusSeconds(10)),
                List.of(new Volume.Storage(T, T.plusSeconds(1), gp2), new Volume.Storage(T.plusSeconds(1), null, gp3)));
        Volume.Data deleted = new Volume.Data("vol-2", A, "ap-northeast-2b", new VolumeConfig("st1", 125, null, null),
                "", false, null, T, "deleted", null, null, false, null, List.of());
        EbsSnapshot.Data snapshot = new EbsSnapshot.Data("snap-1", A, "vol-1", 20, "nightly", true, "arn:key", T,
                T.plusSeconds(5), "pending", List.of("222222222222"), true);
        return List.of(
                new EbsRecords.EbsDefaultsRecord(A, R, true, "arn:aws:kms:ap-northeast-2:" + A + ":alias/team"),
                new EbsRecords.EbsDefaultsRecord(A, "us-east-1", false, null),
                new EbsRecords.VolumeRecord(A, R, attached, Map.of("Name", "data"), false),
                new EbsRecords.VolumeRecord(A, R, deleted, Map.of(), true),
                new EbsRecords.SnapshotRecord(A, R, snapshot, Map.of("k", "v")),
                new Ec2Records.Changes(List.of(new EbsRecords.VolumeRecord(A, R, deleted, Map.of(), true),
                        new Ec2Records.Removed("volume|" + A + "|" + R + "|vol-3"))));
    }

    @Test
    void everyEbsRecordReadsBackAsItWasWritten(@TempDir Path dir) {
        List<Object> written = everyType();
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS.withSnapshotOnClose(false))) {
            RecordedState kept = kept();
            StateJournal journal = persistence.open(kept);
            for (Object r : written) {
                kept.apply(r);
                journal.append(r).toCompletableFuture().join();
            }
        }
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            RecordedState kept = kept();
            persistence.open(kept);
            assertThat(kept.records).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(written);
        }
    }

    private static RecordedState kept() {
        return new RecordedState("ec2", new Ec2RecordTypes(name -> Regions.standard().zone(name).orElse(null)).types());
    }

    @Test
    void aWorldsVolumesAndSnapshotsAreRebuiltFromTheirRecords() {
        MutableClock clock = new MutableClock(T);
        Ec2World world = new Ec2World(clock, Ec2Settings.DEFAULTS);
        LaunchSpec spec = new LaunchSpec("ami-0c02fb55956c7d316", "m5.large", 1, 1, null, List.of(), List.of(), null,
                "ap-northeast-2a", null, null, null, null, Map.of(), null, null, false, false, null, false, false)
                .withBlockDevices(List.of(new BlockDeviceSpec("/dev/sdf", null, false,
                        new BlockDeviceSpec.Ebs(10, "io1", 500, null, false, null, null, null))));
        world.apply(A, R, scope -> {
            Instance i = world.launcher().run(scope, spec, T).instances().get(0);
            Volume v = Volumes.create(world, scope, new Volumes.CreateRequest("ap-northeast-2b", 5, null, null, null,
                    null, null, null, Map.of("k", "v")), T);
            Snapshots.create(world, scope, i.rootVolumeId(), "root", Map.of(), T);
            scope.ebs().encryptionByDefault(true);
            Volumes.delete(world, scope, v.id(), T);
            return i;
        });
        clock.advanceSeconds(2);
        world.apply(A, R, scope -> scope);
        List<Object> records = new ArrayList<>();
        new Ec2State(world).records().forEach(records::add);
        assertThat(records).filteredOn(r -> r instanceof EbsRecords.VolumeRecord).hasSize(3);

        Ec2World rebuilt = new Ec2World(clock, Ec2Settings.DEFAULTS);
        Ec2State state = new Ec2State(rebuilt);
        records.forEach(state::apply);
        List<Object> again = new ArrayList<>();
        state.records().forEach(again::add);
        assertThat(again).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(records);
        assertThat(state.changes(clock.instant())).isEmpty();
        boolean encrypted = rebuilt.apply(A, R, scope -> scope.ebs().encryptionByDefault());
        assertThat(encrypted).isTrue();
    }
}
