package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.ElasticIp;
import dev.gureum.ec2.domain.ElasticIps;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceLifecycle;
import dev.gureum.ec2.domain.NetworkInterface;
import dev.gureum.ec2.domain.NetworkInterfaces;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Elastic IP addresses: allocate, associate, disassociate, release, describe. */
final class AddressOperations {

    private static final Filters<ElasticIp> FILTERS = new Filters<ElasticIp>()
            .add("allocation-id", ElasticIp::allocationId)
            .add("association-id", ElasticIp::associationId)
            .add("domain", a -> "vpc")
            .add("instance-id", ElasticIp::instanceId)
            .add("network-border-group", ElasticIp::region)
            .add("network-interface-id", ElasticIp::networkInterfaceId)
            .add("private-ip-address", ElasticIp::privateIp)
            .add("public-ip", ElasticIp::publicIp)
            .tags(ElasticIp::tags);

    private final Ec2World world;

    AddressOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("AllocateAddress", this::allocateAddress);
        op.accept("AssociateAddress", this::associateAddress);
        op.accept("DisassociateAddress", this::disassociateAddress);
        op.accept("ReleaseAddress", this::releaseAddress);
        op.accept("DescribeAddresses", this::describeAddresses);
    }

    private Struct allocateAddress(ActionRequest r) {
        Params p = r.params();
        String domain = p.string("Domain", "vpc");
        if (!domain.equals("vpc") && !domain.equals("standard")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + domain + ") for parameter domain is invalid.");
        }
        if (p.has("Address")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Bringing your own addresses (Address) is not supported by Gureum's EC2.");
        }
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            ElasticIp eip = ElasticIps.allocate(world, scope);
            eip.tags().putAll(tags.getOrDefault("elastic-ip", Map.of()));
            return Struct.of()
                    .put("publicIp", eip.publicIp())
                    .put("allocationId", eip.allocationId())
                    .put("publicIpv4Pool", "amazon")
                    .put("networkBorderGroup", eip.region())
                    .put("domain", "vpc");
        });
    }

    private ElasticIp find(Ec2Scope scope, String allocationId, String publicIp) {
        if (allocationId != null) {
            ElasticIp eip = scope.addresses().get(allocationId);
            if (eip == null) {
                throw new AwsException(Ec2Error.INVALID_ALLOCATION_ID_NOT_FOUND,
                        "The allocation ID '" + allocationId + "' does not exist");
            }
            return eip;
        }
        if (publicIp != null) {
            return scope.addresses().values().stream().filter(a -> a.publicIp().equals(publicIp)).findFirst()
                    .orElseThrow(() -> new AwsException(Ec2Error.INVALID_ADDRESS_NOT_FOUND,
                            "Address '" + publicIp + "' not found."));
        }
        throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter AllocationId");
    }

    /** To an instance (its only interface) or to a network interface, at its primary or a named private address. */
    private Struct associateAddress(ActionRequest r) {
        Params p = r.params();
        String instanceId = p.string("InstanceId");
        String interfaceId = p.string("NetworkInterfaceId");
        String privateIp = p.string("PrivateIpAddress");
        if (instanceId == null && interfaceId == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter InstanceId");
        }
        if (instanceId != null && interfaceId != null) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "You may specify either an instance ID or a network interface ID, but not both.");
        }
        if (instanceId != null) {
            Requests.checkId(instanceId, "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        } else {
            Requests.checkId(interfaceId, "eni", Ec2Error.INVALID_NETWORK_INTERFACE_ID_MALFORMED);
        }
        boolean allowReassociation = p.bool("AllowReassociation", false);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            ElasticIp eip = find(scope, p.string("AllocationId"), p.string("PublicIp"));
            if (instanceId != null) {
                Instance instance = InstanceLifecycle.find(scope, List.of(instanceId)).get(0);
                ElasticIps.associate(world, scope, eip, instance, privateIp, allowReassociation);
            } else {
                ElasticIps.associate(world, scope, eip, NetworkInterfaces.find(scope, interfaceId), privateIp,
                        allowReassociation);
            }
            return Struct.of().put("associationId", eip.associationId());
        });
    }

    private Struct disassociateAddress(ActionRequest r) {
        Params p = r.params();
        String associationId = p.string("AssociationId");
        String publicIp = p.string("PublicIp");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            ElasticIp eip;
            if (associationId != null) {
                eip = scope.addresses().values().stream().filter(a -> associationId.equals(a.associationId()))
                        .findFirst().orElseThrow(() -> new AwsException(Ec2Error.INVALID_ASSOCIATION_ID_NOT_FOUND,
                                "The association ID '" + associationId + "' does not exist"));
            } else {
                eip = find(scope, null, publicIp);
            }
            if (eip.isAssociated()) {
                ElasticIps.disassociate(world, scope, eip);
            }
            return null;
        });
    }

    private Struct releaseAddress(ActionRequest r) {
        Params p = r.params();
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            ElasticIps.release(world, scope, find(scope, p.string("AllocationId"), p.string("PublicIp")));
            return null;
        });
    }

    private Struct describeAddresses(ActionRequest r) {
        Params p = r.params();
        List<String> ips = p.stringList("PublicIp");
        List<String> allocations = p.stringList("AllocationId");
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<ElasticIp> addresses = new ArrayList<>();
            ips.forEach(ip -> addresses.add(find(scope, null, ip)));
            allocations.forEach(id -> addresses.add(find(scope, id, null)));
            if (ips.isEmpty() && allocations.isEmpty()) {
                addresses.addAll(scope.addresses().values());
            }
            return Struct.of().list("addressesSet", FILTERS.apply(addresses, f), a -> {
                NetworkInterface eni = a.networkInterfaceId() == null ? null
                        : scope.networkInterfaces().get(a.networkInterfaceId());
                return Struct.of()
                        .put("publicIp", a.publicIp())
                        .put("allocationId", a.allocationId())
                        .put("domain", "vpc")
                        .put("instanceId", a.instanceId())
                        .put("associationId", a.associationId())
                        .put("networkInterfaceId", a.networkInterfaceId())
                        .put("networkInterfaceOwnerId", a.isAssociated() ? scope.accountId() : null)
                        .put("privateIpAddress", a.privateIp())
                        .put("subnetId", eni == null ? null : eni.subnet().id())
                        .list("tagSet", Render.tagSet(a.tags()))
                        .put("publicIpv4Pool", "amazon")
                        .put("networkBorderGroup", a.region());
            });
        });
    }
}
