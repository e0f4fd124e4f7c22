package dev.gureum.autoscaling;

import dev.gureum.autoscaling.domain.Fleet;
import dev.gureum.core.AwsService;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.error.AwsException;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.LaunchTemplate;
import dev.gureum.ec2.domain.LaunchTemplates;
import dev.gureum.ec2.domain.Subnet;
import dev.gureum.ec2.protocol.Ec2Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Auto Scaling's hands in EC2, in process (both live in this module): launches through EC2's own launch path, so
 * that instances are placed on the simulated hosts and billed like any other. Without EC2 in the server, there
 * is nothing to launch into.
 */
final class Ec2Fleet implements Fleet {

    private final Supplier<ServiceRegistry> registry;

    Ec2Fleet(Supplier<ServiceRegistry> registry) {
        this.registry = registry;
    }

    private Optional<Ec2Service> ec2() {
        ServiceRegistry r = registry.get();
        if (r == null || !r.isEnabled("ec2")) {
            return Optional.empty();
        }
        AwsService ec2 = r.get("ec2");
        return ec2 instanceof Ec2Service service ? Optional.of(service) : Optional.empty();
    }

    private <T> Optional<T> read(String account, String region, java.util.function.Function<Ec2Scope, T> read) {
        return ec2().map(Ec2Service::world).map(w -> w.apply(account, region, read));
    }

    @Override
    public Optional<SubnetFacts> subnet(String account, String region, String subnetId) {
        return read(account, region, scope -> {
            Subnet s = scope.subnets().get(subnetId);
            return s == null ? null : new SubnetFacts(s.id(), s.vpcId(), s.zone().name());
        });
    }

    @Override
    public List<String> zones(String region) {
        return ec2().map(Ec2Service::world).flatMap(w -> w.regions().find(region))
                .map(r -> r.zones().stream().map(AvailabilityZone::name).toList()).orElse(List.of());
    }

    @Override
    public Map<String, String> templateData(String account, String region, String id, String name, String version) {
        return read(account, region, scope -> {
            try {
                LaunchTemplate t = LaunchTemplates.find(scope, id, name);
                return Map.copyOf(LaunchTemplates.version(t, version).data());
            } catch (AwsException e) {
                return Map.<String, String>of();
            }
        }).orElse(Map.of());
    }

    @Override
    public Optional<TemplateFacts> template(String account, String region, String id, String name) {
        return read(account, region, scope -> {
            try {
                LaunchTemplate t = LaunchTemplates.find(scope, id, name);
                return new TemplateFacts(t.id(), t.name(), t.defaultVersion(), t.latestVersion());
            } catch (AwsException e) {
                return null;
            }
        });
    }

    @Override
    public List<String> launch(String account, String region, LaunchOrder order) {
        Ec2Service ec2 = ec2().orElseThrow(() -> new LaunchFailure("Unsupported", "EC2 is not enabled in this server"));
        Map<String, String> members = new LinkedHashMap<>();
        members.put("MinCount", String.valueOf(order.count()));
        members.put("MaxCount", String.valueOf(order.count()));
        if (order.subnetId() != null) {
            members.put("SubnetId", order.subnetId());
        } else if (order.zone() != null) {
            members.put("Placement.AvailabilityZone", order.zone());
        }
        if (order.instanceType() != null) {
            members.put("InstanceType", order.instanceType());
        }
        if (order.spot()) {
            members.put("InstanceMarketOptions.MarketType", "spot");
            if (order.spotMaxPrice() != null && !order.spotMaxPrice().isEmpty()) {
                members.put("InstanceMarketOptions.SpotOptions.MaxPrice", order.spotMaxPrice());
            }
        }
        var c = order.configuration();
        if (c != null) {
            members.put("ImageId", c.imageId());
            members.putIfAbsent("InstanceType", c.instanceType());
            if (c.keyName() != null) {
                members.put("KeyName", c.keyName());
            }
            for (int i = 0; i < c.securityGroups().size(); i++) {
                String g = c.securityGroups().get(i);
                members.put((g.startsWith("sg-") ? "SecurityGroupId." : "SecurityGroup.") + (i + 1), g);
            }
            if (c.userData() != null) {
                members.put("UserData", c.userData());
            }
            if (c.instanceMonitoring()) {
                members.put("Monitoring.Enabled", "true");
            }
            if (c.ebsOptimized()) {
                members.put("EbsOptimized", "true");
            }
            if (c.placementTenancy() != null) {
                members.put("Placement.Tenancy", c.placementTenancy());
            }
        }
        var t = order.template();
        try {
            return ec2.launchForGroup(account, region, t == null ? null : t.id(), t == null || t.id() != null ? null
                    : t.name(), t == null ? null : t.version(), members, order.tags());
        } catch (AwsException e) {
            throw new LaunchFailure(e.error().code(), e.getMessage());
        }
    }

    @Override
    public void terminate(String account, String region, Collection<String> instanceIds) {
        ec2().ifPresent(ec2 -> ec2.world().apply(account, region, scope -> {
            List<Instance> found = new ArrayList<>();
            for (String id : instanceIds) {
                Instance i = scope.instances().get(id);
                if (i != null && i.state() != dev.gureum.ec2.domain.InstanceState.TERMINATED) {
                    found.add(i);
                }
            }
            if (!found.isEmpty()) {
                ec2.world().lifecycle().terminate(scope, found, ec2.world().now());
            }
            return null;
        }));
    }

    @Override
    public Map<String, InstanceFacts> describe(String account, String region, Collection<String> instanceIds) {
        return read(account, region, scope -> {
            Map<String, InstanceFacts> out = new HashMap<>();
            for (String id : instanceIds) {
                Instance i = scope.instances().get(id);
                if (i != null) {
                    out.put(id, new InstanceFacts(i.id(), i.state().wireName(), i.zone().name(),
                            i.subnet() == null ? null : i.subnet().id(), i.type().name(), i.image().id(),
                            i.launchTime(), i.isSpot(), i.tags().get(LaunchTemplates.ID_TAG),
                            i.tags().get(LaunchTemplates.VERSION_TAG)));
                }
            }
            return out;
        }).orElse(Map.of());
    }

    @Override
    public void tag(String account, String region, Collection<String> instanceIds, Map<String, String> tags) {
        read(account, region, scope -> {
            for (String id : instanceIds) {
                Instance i = scope.instances().get(id);
                if (i != null) {
                    i.tags().putAll(tags);
                }
            }
            return null;
        });
    }

    @Override
    public void untag(String account, String region, Collection<String> instanceIds, Collection<String> keys) {
        read(account, region, scope -> {
            for (String id : instanceIds) {
                Instance i = scope.instances().get(id);
                if (i != null) {
                    i.tags().keySet().removeAll(keys);
                }
            }
            return null;
        });
    }
}
