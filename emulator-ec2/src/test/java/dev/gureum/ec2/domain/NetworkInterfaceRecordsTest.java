package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.Regions;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordedState;
import dev.gureum.ec2.domain.Ec2Records.InstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.NetworkInterfaceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Network interfaces in EC2's journal, and the interfaces of instances recorded before interfaces were. */
class NetworkInterfaceRecordsTest {

    private static final Instant T = Instant.parse("2025-03-01T09:00:00.123456789Z");
    private static final String A = "111111111111";
    private static final String R = "ap-northeast-2";

    @Test
    void interfacesAreWrittenAndReadBack(@TempDir Path dir) {
        List<Object> written = List.of(
                new NetworkInterfaceRecord(A, R, "eni-1", "subnet-1", "0e:00:11:22:33:44", "interface", "front",
                        List.of("10.0.0.5", "10.0.0.6"), List.of("sg-1", "sg-2"), false, Boolean.TRUE,
                        new NetworkInterface.Attachment("eni-attach-1", "i-1", A, 0, T, true),
                        Map.of("10.0.0.5", new NetworkInterface.Association("3.4.5.6", null, null),
                                "10.0.0.6", new NetworkInterface.Association("3.4.5.7", "eipalloc-1", "eipassoc-1")),
                        Map.of("Name", "front")),
                new NetworkInterfaceRecord(A, R, "eni-2", "subnet-1", "0e:00:11:22:33:45", "interface", "",
                        List.of("10.0.0.7"), List.of("sg-1"), true, null, null, Map.of(), Map.of()));
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS.withSnapshotOnClose(false))) {
            RecordedState kept = kept();
            StateJournal journal = persistence.open(kept);
            for (Object r : written) {
                journal.append(r).toCompletableFuture().join();
            }
            journal.append(new Ec2Records.Changes(written)).toCompletableFuture().join();
        }
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            RecordedState kept = kept();
            persistence.open(kept);
            assertThat(kept.records).hasSize(3);
            assertThat(kept.records.subList(0, 2)).containsExactlyElementsOf(written);
            assertThat(((Ec2Records.Changes) kept.records.get(2)).records()).containsExactlyElementsOf(written);
        }
    }

    private static RecordedState kept() {
        return new RecordedState("ec2", new Ec2RecordTypes(name -> Regions.standard().zone(name).orElse(null)).types());
    }

    @Test
    void instancesRecordedWithoutInterfacesGetTheirPrimaryOne() {
        MutableClock clock = new MutableClock(T);
        Ec2World world = new Ec2World(clock, Ec2Settings.DEFAULTS);
        LaunchSpec spec = new LaunchSpec("ami-0c02fb55956c7d316", "m5.large", 3, 3, null, List.of(), List.of(), null,
                "ap-northeast-2a", null, null, null, null, Map.of(), null, null, false, false, null, false, false);
        List<Instance> launched = world.apply(A, R, scope -> {
            List<Instance> instances = world.launcher().run(scope, spec, T).instances();
            ElasticIps.associate(world, scope, ElasticIps.allocate(world, scope), instances.get(0), false);
            return instances;
        });
        clock.advanceSeconds(1);
        world.apply(A, R, scope -> world.lifecycle().stop(scope, List.of(launched.get(1)), false, clock.instant()));
        world.apply(A, R, scope -> world.lifecycle().terminate(scope, List.of(launched.get(2)), clock.instant()));
        clock.advanceSeconds(1);
        world.apply(A, R, scope -> scope.instances().size());
        List<Object> records = new ArrayList<>();
        new Ec2State(world).records().forEach(records::add);
        assertThat(records).filteredOn(r -> r instanceof NetworkInterfaceRecord).hasSize(2);

        // what an older Gureum wrote: the instances, with no interfaces of their own
        Ec2World rebuilt = new Ec2World(clock, Ec2Settings.DEFAULTS);
        Ec2State state = new Ec2State(rebuilt);
        records.stream().filter(r -> !(r instanceof NetworkInterfaceRecord)).forEach(state::apply);

        Instance running = rebuilt.apply(A, R, scope -> scope.instances().get(launched.get(0).id()));
        NetworkInterface eni = running.primaryInterface();
        assertThat(eni.id()).isEqualTo(launched.get(0).networkInterfaceId());
        assertThat(eni.privateIps()).containsExactly(launched.get(0).privateIp());
        assertThat(eni.macAddress()).isEqualTo(launched.get(0).macAddress());
        assertThat(eni.attachment().attachmentId()).isEqualTo(launched.get(0).attachmentId());
        assertThat(eni.association(eni.privateIp()).allocationId()).isEqualTo(launched.get(0).elasticIpAllocationId());
        assertThat(running.publicIp()).isEqualTo(launched.get(0).publicIp());
        NetworkInterface stopped = rebuilt.apply(A, R, scope -> scope.instances().get(launched.get(1).id())
                .primaryInterface());
        assertThat(stopped.privateIps()).containsExactly(launched.get(1).privateIp());
        int interfaces = rebuilt.apply(A, R, scope -> scope.networkInterfaces().size());
        assertThat(interfaces).isEqualTo(2);
        // the interfaces derived are the ones the instances had
        List<Object> again = new ArrayList<>();
        state.records().forEach(again::add);
        assertThat(again).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(records);
        assertThat(again).filteredOn(r -> r instanceof InstanceRecord).hasSize(3);
    }
}
