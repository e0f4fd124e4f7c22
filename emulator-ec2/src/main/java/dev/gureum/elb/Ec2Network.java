package dev.gureum.elb;

import dev.gureum.core.AwsService;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.SecurityGroup;
import dev.gureum.ec2.domain.Subnet;
import dev.gureum.ec2.protocol.Ec2Service;
import dev.gureum.elb.domain.Network;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Load balancers' view of EC2's networks, read in process from EC2's world (both live in this module). Without
 * EC2 in the server, ids of the right form are taken at their word ({@link Network#UNCHECKED}).
 */
final class Ec2Network implements Network {

    private final Supplier<ServiceRegistry> registry;

    Ec2Network(Supplier<ServiceRegistry> registry) {
        this.registry = registry;
    }

    private Optional<Ec2World> world() {
        ServiceRegistry r = registry.get();
        if (r == null || !r.isBuilt("ec2") || !r.isEnabled("ec2")) {
            return Optional.empty();
        }
        AwsService ec2 = r.get("ec2");
        return ec2 instanceof Ec2Service service ? Optional.of(service.world()) : Optional.empty();
    }

    private <T> Optional<T> read(String account, String region, Function<dev.gureum.ec2.domain.Ec2Scope, T> read) {
        return world().map(w -> w.apply(account, region, read));
    }

    @Override
    public Optional<SubnetInfo> subnet(String account, String region, String subnetId) {
        if (world().isEmpty()) {
            return UNCHECKED.subnet(account, region, subnetId);
        }
        return read(account, region, scope -> {
            Subnet s = scope.subnets().get(subnetId);
            return s == null ? null : new SubnetInfo(s.id(), s.vpcId(), s.zone().name());
        });
    }

    @Override
    public boolean securityGroupExists(String account, String region, String groupId) {
        if (world().isEmpty()) {
            return UNCHECKED.securityGroupExists(account, region, groupId);
        }
        return read(account, region, scope -> scope.securityGroups().containsKey(groupId)).orElse(false);
    }

    @Override
    public Optional<String> defaultSecurityGroup(String account, String region, String vpcId) {
        return read(account, region, scope -> {
            SecurityGroup group = scope.defaultGroup(vpcId);
            return group == null ? null : group.id();
        });
    }

    @Override
    public Optional<String> defaultVpc(String account, String region) {
        return read(account, region, scope -> scope.defaultVpc() == null ? null : scope.defaultVpc().id());
    }
}
