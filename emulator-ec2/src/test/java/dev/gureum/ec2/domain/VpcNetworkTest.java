package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VpcNetworkTest {

    private static final String A = "111111111111";
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final Ec2World world = new Ec2World(clock, Ec2Settings.DEFAULTS);

    private static String code(Throwable e) {
        return ((AwsException) e).error().code();
    }

    @Test
    void aNewRegionHasADefaultVpcWithAnInternetGatewayAndAMainTable() {
        world.apply(A, "eu-west-1", scope -> {
            Vpc vpc = scope.defaultVpc();
            RouteTable main = scope.network().mainTable(vpc.id());
            InternetGateway igw = scope.network().gatewayOf(vpc.id());
            assertThat(main.routes()).extracting(RouteTable.Route::targetId).containsExactly("local", igw.id());
            assertThat(scope.network().dhcpOptions().get(scope.dhcpOptionsId()).configurations().get("domain-name"))
                    .containsExactly("eu-west-1.compute.internal");
            Subnet subnet = scope.defaultSubnet(scope.region().zones().get(0)).orElseThrow();
            assertThat(scope.network().tableOf(subnet)).isSameAs(main);
            assertThat(Routes.state(world, scope, main, main.routes().get(1))).isEqualTo("active");
            igw.detach();
            assertThat(Routes.state(world, scope, main, main.routes().get(1))).isEqualTo("blackhole");
            return null;
        });
    }

    @Test
    void vpcsKeptByAnOlderGureumGetTheirMainTables() {
        Ec2State state = new Ec2State(world);
        state.apply(new Ec2Records.ScopeRecord(A, "us-east-1", "dopt-0123456789abcdef0", "vpc-0123456789abcdef0",
                List.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of()));
        state.apply(new Ec2Records.VpcRecord(A, "us-east-1", "vpc-0123456789abcdef0", "172.31.0.0/16", true,
                "default", "vpc-cidr-assoc-1", "dopt-0123456789abcdef0", true, true, java.util.Map.of()));
        world.apply(A, "us-east-1", scope -> {
            RouteTable main = scope.network().mainTable("vpc-0123456789abcdef0");
            assertThat(main.routes()).extracting(RouteTable.Route::targetId).containsExactly("local");
            assertThat(scope.network().dhcpOptions()).containsKey("dopt-0123456789abcdef0");
            return null;
        });
    }

    @Test
    void aFailedNatGatewayIsDeletedAtOnce() {
        NatGateway nat = world.apply(A, "us-east-1", scope -> {
            Vpc vpc = new Vpc(A, Cidr.parse("10.0.0.0/16"), false, "default", scope.dhcpOptionsId());
            scope.vpcs().put(vpc.id(), vpc);
            Subnet subnet = new Subnet(vpc.id(), A, Cidr.parse("10.0.0.0/24"), scope.region().zones().get(0), false);
            scope.subnets().put(subnet.id(), subnet);
            return scope.network().createNatGateway(scope, subnet, ElasticIps.allocate(world, scope), null,
                    clock.instant(), Duration.ofSeconds(1));
        });
        clock.advanceSeconds(1);
        world.apply(A, "us-east-1", scope -> {
            assertThat(nat.state()).isEqualTo("failed");
            assertThat(nat.failureCode()).isEqualTo("Gateway.NotAttached");
            scope.network().deleteNatGateway(scope, nat, clock.instant(), Duration.ofSeconds(1));
            assertThat(nat.state()).isEqualTo("deleted");
            return null;
        });
    }

    @Test
    void aNatGatewayMovesOnTheClock() {
        Duration build = Duration.ofSeconds(10);
        NatGateway nat = world.apply(A, "us-east-1", scope -> {
            Vpc vpc = scope.defaultVpc();
            Subnet subnet = scope.defaultSubnet(scope.region().zones().get(0)).orElseThrow();
            long free = subnet.availableIpAddressCount();
            ElasticIp eip = ElasticIps.allocate(world, scope);
            NatGateway n = scope.network().createNatGateway(scope, subnet, eip, null, clock.instant(), build);
            assertThat(n.state()).isEqualTo("pending");
            assertThat(n.vpcId()).isEqualTo(vpc.id());
            assertThat(subnet.availableIpAddressCount()).isEqualTo(free - 1);
            assertThat(eip.networkInterfaceId()).isEqualTo(n.networkInterfaceId());
            assertThatThrownBy(() -> scope.network().checkSubnetDeletable(subnet.id()))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
            return n;
        });
        clock.advanceSeconds(10);
        world.apply(A, "us-east-1", scope -> {
            assertThat(nat.state()).isEqualTo("available");
            scope.network().deleteNatGateway(scope, nat, clock.instant(), build);
            assertThat(nat.state()).isEqualTo("deleting");
            assertThat(scope.addresses().get(nat.allocationId()).isAssociated()).isFalse();
            return null;
        });
        clock.advanceSeconds(10);
        world.apply(A, "us-east-1", scope -> {
            assertThat(nat.state()).isEqualTo("deleted");
            scope.network().checkSubnetDeletable(nat.subnetId());
            return null;
        });
        clock.advanceSeconds(3600);
        world.apply(A, "us-east-1", scope -> {
            assertThat(scope.network().natGateways()).isEmpty();
            return null;
        });
    }

    @Test
    void routesAreCheckedAgainstTheTablesNetwork() {
        world.apply(A, "us-east-1", scope -> {
            Vpc vpc = new Vpc(A, Cidr.parse("10.0.0.0/16"), false, "default", scope.dhcpOptionsId());
            scope.vpcs().put(vpc.id(), vpc);
            RouteTable main = scope.network().addMainTable(vpc);
            RouteTable table = scope.network().newTable(vpc);
            String defaultIgw = scope.network().gatewayOf(scope.defaultVpc().id()).id();
            assertThatThrownBy(() -> Routes.route(world, scope, table, "0.0.0.0/0", null, null,
                    RouteTable.Target.GATEWAY, defaultIgw))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
            assertThatThrownBy(() -> Routes.deleteTable(scope, main))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
            assertThatThrownBy(() -> scope.network().checkVpcDeletable(vpc.id()))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
            Routes.deleteTable(scope, table);
            scope.network().checkVpcDeletable(vpc.id());
            RouteTable.Association moved = Routes.replaceAssociation(scope, main.associations().get(0).id(),
                    scope.network().newTable(vpc));
            assertThat(moved.main()).isTrue();
            assertThat(main.isMain()).isFalse();
            List<RouteTable> tables = new ArrayList<>(scope.network().routeTables().values());
            assertThat(tables).filteredOn(t -> t.vpcId().equals(vpc.id()) && t.isMain()).hasSize(1);
            return null;
        });
    }
}
