package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.Regions;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.testing.RecordedState;
import dev.gureum.ec2.domain.NetworkRecords.DhcpOptionsRecord;
import dev.gureum.ec2.domain.NetworkRecords.InternetGatewayRecord;
import dev.gureum.ec2.domain.NetworkRecords.NatGatewayRecord;
import dev.gureum.ec2.domain.NetworkRecords.PeeringRecord;
import dev.gureum.ec2.domain.NetworkRecords.RouteTableRecord;
import dev.gureum.ec2.domain.NetworkRecords.VpcAttributesRecord;
import dev.gureum.ec2.domain.NetworkRecords.VpcEndpointRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkRecordTypesTest {

    private static final Instant T = Instant.parse("2025-03-01T09:00:00.5Z");
    private static final String A = "111111111111";
    private static final String R = "ap-northeast-2";

    static List<Object> everyType() {
        VpcPeeringConnection.Side requester = new VpcPeeringConnection.Side(A, R, "vpc-1", "10.0.0.0/16");
        VpcPeeringConnection.Side accepter = new VpcPeeringConnection.Side("222222222222", "us-east-1", "vpc-2", null);
        RouteTableRecord table = new RouteTableRecord(A, R, "rtb-1", "vpc-1", List.of(
                new RouteTable.Route("10.0.0.0/16", null, null, RouteTable.Target.LOCAL, "local", "CreateRouteTable"),
                new RouteTable.Route(null, null, "pl-1", RouteTable.Target.GATEWAY, "vpce-1", "CreateRoute"),
                new RouteTable.Route(null, "::/0", null, RouteTable.Target.EGRESS_ONLY_GATEWAY, "eigw-1", "CreateRoute")),
                List.of(new RouteTable.Association("rtbassoc-1", null, null, true),
                        new RouteTable.Association("rtbassoc-2", "subnet-1", null, false)),
                Map.of("Name", "main"));
        return List.of(
                new InternetGatewayRecord(A, R, "igw-1", false, "vpc-1", Map.of("k", "v")),
                new InternetGatewayRecord(A, R, "eigw-1", true, "vpc-1", Map.of()),
                new InternetGatewayRecord(A, R, "igw-2", false, null, Map.of()),
                new NatGatewayRecord(A, R, "nat-1", "eni-1", "eipassoc-1", "vpc-1", "subnet-1", "public", "eipalloc-1",
                        "3.4.5.6", "10.0.0.4", T, "deleting", T.plusSeconds(5), T, null, null, Map.of("Name", "out")),
                new NatGatewayRecord(A, R, "nat-2", "eni-2", null, "vpc-1", "subnet-1", "private", null, null,
                        "10.0.0.5", T, "failed", null, null, "Gateway.NotAttached", "no gateway", Map.of()),
                table,
                new DhcpOptionsRecord(A, R, "dopt-1", Map.of("domain-name-servers", List.of("10.0.0.2", "10.0.0.3")),
                        Map.of()),
                new VpcEndpointRecord(A, R, "vpce-1", new VpcEndpoint.Spec("Interface", "vpc-1",
                        "com.amazonaws.ap-northeast-2.sqs", true, "ipv4"), T, List.of(), List.of("subnet-1"),
                        List.of("sg-1"), "{}", "pending", T.plusSeconds(5), Map.of()),
                new PeeringRecord(A, R, "pcx-1", requester, accepter, "pending-acceptance", "Pending", T.plusSeconds(60),
                        T.plusSeconds(60), Map.of("k", "v")),
                new VpcAttributesRecord(A, R, "vpc-1"),
                new Ec2Records.Changes(List.of(table, new Ec2Records.Removed("route-table|" + A + "|" + R + "|rtb-2"))));
    }

    @Test
    void everyNetworkRecordReadsBackAsItWasWritten(@TempDir Path dir) {
        List<Object> written = everyType();
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS.withSnapshotOnClose(false))) {
            RecordedState kept = new RecordedState("ec2",
                    new Ec2RecordTypes(name -> Regions.standard().zone(name).orElse(null)).types());
            StateJournal journal = persistence.open(kept);
            for (Object r : written) {
                kept.apply(r);
                journal.append(r).toCompletableFuture().join();
            }
        }
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            RecordedState kept = new RecordedState("ec2",
                    new Ec2RecordTypes(name -> Regions.standard().zone(name).orElse(null)).types());
            persistence.open(kept);
            assertThat(kept.records).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(written);
        }
    }
}
