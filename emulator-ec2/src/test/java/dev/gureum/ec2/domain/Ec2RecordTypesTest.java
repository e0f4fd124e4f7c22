package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.DataCenter;
import dev.gureum.core.datacenter.Guest;
import dev.gureum.core.datacenter.Regions;
import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.ec2.domain.Ec2Records.AddressRecord;
import dev.gureum.ec2.domain.Ec2Records.DedicatedHostRecord;
import dev.gureum.ec2.domain.Ec2Records.FleetRecord;
import dev.gureum.ec2.domain.Ec2Records.ImageData;
import dev.gureum.ec2.domain.Ec2Records.ImageRecord;
import dev.gureum.ec2.domain.Ec2Records.InstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.KeyPairRecord;
import dev.gureum.ec2.domain.Ec2Records.LastSeen;
import dev.gureum.ec2.domain.Ec2Records.OfferingRecord;
import dev.gureum.ec2.domain.Ec2Records.Removed;
import dev.gureum.ec2.domain.Ec2Records.ReservationRecord;
import dev.gureum.ec2.domain.Ec2Records.ReservedInstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.ScopeRecord;
import dev.gureum.ec2.domain.Ec2Records.SecurityGroupRecord;
import dev.gureum.ec2.domain.Ec2Records.SpotMarketRecord;
import dev.gureum.ec2.domain.Ec2Records.SpotRequestRecord;
import dev.gureum.ec2.domain.Ec2Records.SubnetRecord;
import dev.gureum.ec2.domain.Ec2Records.VpcRecord;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2RecordTypesTest {

    private static final Instant T = Instant.parse("2025-03-01T09:00:00.123456789Z");
    private static final String A = "111111111111";
    private static final String R = "ap-northeast-2";

    private static RecordedState kept() {
        return new RecordedState("ec2", new Ec2RecordTypes(name -> Regions.standard().zone(name).orElse(null)).types());
    }

    private static List<Object> readBack(Path dir, List<Object> records, boolean snapshot) {
        try (Persistence persistence = Persistence.in(dir, snapshot ? JournalOptions.DEFAULTS
                : JournalOptions.DEFAULTS.withSnapshotOnClose(false))) {
            RecordedState kept = kept();
            StateJournal journal = persistence.open(kept);
            for (Object r : records) {
                kept.apply(r);
                journal.append(r).toCompletableFuture().join();
            }
        }
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            RecordedState kept = kept();
            persistence.open(kept);
            return kept.records;
        }
    }

    static ImageData image(String state, Instant availableAt) {
        return new ImageData("ami-0123456789abcdef0", "golden", "a golden image", A, null, Image.Platform.WINDOWS,
                "x86_64", "/dev/sda1", 30, "gp3", "uefi", T, false, "i-0123", true, "snap-1", state, availableAt,
                Map.of("team", "a"));
    }

    static List<Object> everyType() {
        LaunchSpec spec = new LaunchSpec("ami-1", "m5.large", 1, 2, "laptop", List.of("sg-1"), List.of("web"),
                "subnet-1", "ap-northeast-2a", Tenancy.DEDICATED, "h-1", "10.0.0.9",
                "#!/bin/sh".getBytes(StandardCharsets.UTF_8), Map.of("instance", Map.of("Name", "x")),
                new LaunchSpec.SpotOptions(0.05, true, "sir-1"), "token", true, false, "terminate", true, true);
        LaunchSpec bare = new LaunchSpec("ami-1", "t3.micro", 1, 1, null, List.of(), List.of(), null, null, null, null,
                null, null, Map.of(), new LaunchSpec.SpotOptions(null, false, null), null, false, false, null, false,
                false);
        ReservedInstanceOffering offering = new ReservedInstanceOffering("off-1", "t3.micro", R, null,
                ReservedInstanceOffering.ONE_YEAR, "No Upfront", "standard", "Linux/UNIX", "default", 0, 0.0066);
        DataCenter.FleetState fleet = new DataCenter.FleetState(Regions.standard().zone("ap-northeast-2a").orElseThrow(),
                "m5", List.of(new DataCenter.HostState("h-1", Tenancy.HOST, A, "m5.large", true, T,
                        List.of(new Guest("i-1", A, "m5.large", 2, 8192, false))),
                        new DataCenter.HostState("h-2", Tenancy.DEFAULT, null, null, false, null, List.of())));
        InstanceRecord instance = new InstanceRecord(A, R, "i-1", "r-1", image("available", null), "m5.large",
                "ap-northeast-2a", "subnet-1", "vpc-1", "10.0.0.0/24", false, "laptop", List.of("sg-1"), "host", "h-1",
                0, "token", T, "eni-1", "eni-attach-1", "0e:00:11:22:33:44", "vol-1", "RUNNING", T, null, T, "",
                null, "10.0.0.5", "3.4.5.6", "eipalloc-1", "h-1", new byte[] {1, 2, 3}, true, false, "stop", true,
                false, true, new Instance.SpotTerms("sir-1", 0.05), null,
                List.of(new BillingPeriod(T, T.plusSeconds(60), PurchaseOption.ON_DEMAND, 0.0104, true, null),
                        new BillingPeriod(T.plusSeconds(60), null, PurchaseOption.RESERVED, 0.0066, false, "ri-1")),
                Map.of("Name", "web"), false);
        InstanceRecord retired = new InstanceRecord(A, R, "i-2", "r-1", image("pending", T.plusSeconds(5)), "t3.micro",
                "ap-northeast-2a", "subnet-1", "vpc-1", "10.0.0.0/24", true, null, List.of(), "default", null, 1,
                null, T, "eni-2", "eni-attach-2", "0e:00:11:22:33:45", "vol-2", "TERMINATED", T, T.plusSeconds(5), T,
                "User initiated", StateReason.USER_SHUTDOWN, null, null, null, null, null, false, false, "stop", true,
                false, false, null, T.plusSeconds(5), List.of(), Map.of(), true);
        return List.of(
                new SpotMarketRecord(T, Map.of("ap-northeast-2a|m5", List.of(new SpotMarket.UsePoint(T, 0.25)))),
                new OfferingRecord(offering),
                new FleetRecord(fleet),
                new ScopeRecord(A, R, "dopt-1", "vpc-1", List.of("ami-9"), Map.of("tok", List.of("r-1", "fp")),
                        Map.of("host-tok", List.of("h-1")), Map.of("ami-0", Map.of("k", "v"))),
                new ScopeRecord(A, "us-east-1", "dopt-2", null, List.of(), Map.of(), Map.of(), Map.of()),
                new VpcRecord(A, R, "vpc-1", "10.0.0.0/16", false, "default", "vpc-cidr-assoc-1", "dopt-1", true, true,
                        Map.of("Name", "main")),
                new SubnetRecord(A, R, "subnet-1", "vpc-1", "10.0.0.0/24", "ap-northeast-2a", false, true,
                        List.of(167772165L, 167772166L), Map.of()),
                new SecurityGroupRecord(A, R, "sg-1", "web", "web servers", "vpc-1", List.of(
                        new SecurityGroupRule("sgr-1", false, "tcp", 443, 443, "0.0.0.0/0", null, null, null, null, "https"),
                        new SecurityGroupRule("sgr-2", true, "-1", null, null, null, "::/0", "sg-2", A, "pl-1", null)),
                        Map.of("k", "v")),
                new KeyPairRecord(A, R, "key-1", "laptop", "rsa", "ssh-rsa AAAA", "aa:bb", T, Map.of()),
                new AddressRecord(A, R, "eipalloc-1", "3.4.5.6", "eipassoc-1", "i-1", "10.0.0.5", "eni-1", Map.of()),
                new AddressRecord(A, R, "eipalloc-2", "3.4.5.7", null, null, null, null, Map.of("k", "v")),
                new ImageRecord(A, R, image("pending", T.plusSeconds(5))),
                new ReservationRecord(A, R, "r-1", A, null, List.of("i-1", "i-2")),
                new ReservedInstanceRecord(A, R, "ri-1", offering, 2, T, Map.of()),
                new SpotRequestRecord(A, R, "sir-1", spec, 0.05, true, T, "active", "fulfilled", "fulfilled", T, "i-1",
                        "ap-northeast-2a", Map.of("k", "v")),
                new SpotRequestRecord(A, R, "sir-2", bare, 0.01, false, T, "open", "price-too-low", "low", T, null,
                        null, Map.of()),
                new DedicatedHostRecord(A, R, "h-1", "ap-northeast-2a", "m5", "m5.large", "on", "off", null, T,
                        "released", T.plusSeconds(60), 12.5, Map.of()),
                instance,
                retired,
                new LastSeen(T),
                new Removed("instance|" + A + "|" + R + "|i-3"),
                new Ec2Records.Changes(List.of(instance, new FleetRecord(fleet),
                        new Removed("instance|" + A + "|" + R + "|i-4"), new LastSeen(T.plusSeconds(1)))));
    }

    @Test
    void everyRecordTypeReadsBackAsItWasWritten(@TempDir Path dir) {
        List<Object> written = everyType();
        assertThat(readBack(dir.resolve("journal"), written, false)).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(written);
        assertThat(readBack(dir.resolve("snapshot"), written, true)).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(written);
    }

    @Test
    void aWorldIsRebuiltFromItsRecords() {
        MutableClock clock = new MutableClock(T);
        Ec2World world = new Ec2World(clock, Ec2Settings.DEFAULTS);
        LaunchSpec spec = new LaunchSpec("ami-0c02fb55956c7d316", "m5.large", 2, 2, null, List.of(), List.of(), null,
                "ap-northeast-2a", null, null, null, null, Map.of("instance", Map.of("Name", "web")), null, "token",
                false, false, null, false, false);
        world.apply(A, R, scope -> {
            List<Instance> launched = world.launcher().run(scope, spec, T).instances();
            ElasticIps.associate(world, scope, ElasticIps.allocate(world, scope), launched.get(0), false);
            return launched;
        });
        clock.advanceSeconds(1);
        world.apply(A, R, scope -> world.lifecycle().stop(scope, List.of(scope.instances().values().iterator().next()),
                false, clock.instant()));
        world.apply(A, "us-east-1", scope -> scope);
        List<Object> records = new ArrayList<>();
        new Ec2State(world).records().forEach(records::add);

        Ec2World rebuilt = new Ec2World(clock, Ec2Settings.DEFAULTS);
        Ec2State state = new Ec2State(rebuilt);
        records.forEach(state::apply);
        List<Object> again = new ArrayList<>();
        state.records().forEach(again::add);
        assertThat(again).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(records);
        assertThat(records).hasOnlyElementsOfTypes(Ec2Records.Keyed.class)
                .filteredOn(r -> r instanceof InstanceRecord).hasSize(2);
        assertThat(rebuilt.dataCenter().fleetStates()).isEqualTo(world.dataCenter().fleetStates());
        assertThat(state.lastSeen()).isEqualTo(clock.instant());
        assertThat(state.changes(T)).isEmpty();
    }
}
