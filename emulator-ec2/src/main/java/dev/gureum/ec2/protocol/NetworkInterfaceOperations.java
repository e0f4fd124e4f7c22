package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.protocol.Values;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceLifecycle;
import dev.gureum.ec2.domain.NetworkInterface;
import dev.gureum.ec2.domain.NetworkInterfaceSpec;
import dev.gureum.ec2.domain.NetworkInterfaces;
import dev.gureum.ec2.domain.SecurityGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Elastic network interfaces: create, describe, attach, detach, attributes, private addresses, delete. */
final class NetworkInterfaceOperations {

    private final Ec2World world;

    NetworkInterfaceOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateNetworkInterface", this::createNetworkInterface);
        op.accept("DeleteNetworkInterface", this::deleteNetworkInterface);
        op.accept("DescribeNetworkInterfaces", this::describeNetworkInterfaces);
        op.accept("AttachNetworkInterface", this::attachNetworkInterface);
        op.accept("DetachNetworkInterface", this::detachNetworkInterface);
        op.accept("ModifyNetworkInterfaceAttribute", this::modifyNetworkInterfaceAttribute);
        op.accept("DescribeNetworkInterfaceAttribute", this::describeNetworkInterfaceAttribute);
        op.accept("ResetNetworkInterfaceAttribute", this::resetNetworkInterfaceAttribute);
        op.accept("AssignPrivateIpAddresses", this::assignPrivateIpAddresses);
        op.accept("UnassignPrivateIpAddresses", this::unassignPrivateIpAddresses);
    }

    private static String interfaceId(Params p) {
        return Requests.checkId(Requests.require(p, "NetworkInterfaceId"), "eni",
                Ec2Error.INVALID_NETWORK_INTERFACE_ID_MALFORMED);
    }

    private Struct createNetworkInterface(ActionRequest r) {
        Params p = r.params();
        String subnetId = Requests.checkId(Requests.require(p, "SubnetId"), "subnet", Ec2Error.INVALID_SUBNET_ID_MALFORMED);
        List<String> groups = Requests.ids(p, "SecurityGroupId", "sg", Ec2Error.INVALID_GROUP_ID_MALFORMED);
        List<NetworkInterfaceSpec.PrivateIp> addresses = NetworkInterfaceSpecs.privateIpAddresses(p);
        Integer secondary = p.integer("SecondaryPrivateIpAddressCount");
        if (secondary != null && addresses.size() > 1) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION, "The secondaryPrivateIpAddressCount "
                    + "parameter cannot be specified with more than one address in privateIpAddresses.");
        }
        if (p.integer("Ipv6AddressCount", 0) > 0 || !p.list("Ipv6Addresses").isEmpty()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Gureum's EC2 does not simulate IPv6 addresses.");
        }
        NetworkInterfaceSpec spec = new NetworkInterfaceSpec(null, null, subnetId, p.string("PrivateIpAddress"),
                addresses, secondary, groups, null, null, p.string("Description"));
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            NetworkInterface eni = NetworkInterfaces.create(scope, spec);
            eni.tags().putAll(tags.getOrDefault("network-interface", Map.of()));
            return Struct.of().put("networkInterface", NetworkInterfaceView.of(eni, scope))
                    .put("clientToken", p.string("ClientToken"));
        });
    }

    private Struct deleteNetworkInterface(ActionRequest r) {
        String id = interfaceId(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            NetworkInterfaces.delete(world, scope, NetworkInterfaces.find(scope, id));
            return null;
        });
    }

    private static Filters<NetworkInterface> filters(Ec2Scope scope) {
        return new Filters<NetworkInterface>()
                .add("addresses.private-ip-address", NetworkInterface::privateIps)
                .add("addresses.primary", e -> e.privateIp() == null ? null : List.of("true", "false"))
                .add("addresses.association.public-ip", e -> e.associations().values().stream()
                        .map(NetworkInterface.Association::publicIp).toList())
                .add("addresses.association.owner-id", e -> e.associations().values().stream()
                        .map(a -> a.elastic() ? e.ownerId() : "amazon").toList())
                .add("association.association-id", e -> primary(e, NetworkInterface.Association::associationId))
                .add("association.allocation-id", e -> primary(e, NetworkInterface.Association::allocationId))
                .add("association.ip-owner-id", e -> primary(e, a -> a.elastic() ? e.ownerId() : "amazon"))
                .add("association.public-ip", e -> primary(e, NetworkInterface.Association::publicIp))
                .add("association.public-dns-name", e -> primary(e,
                        a -> NetworkInterface.publicDnsName(e.region(), a.publicIp())))
                .add("attachment.attachment-id", e -> attached(e, NetworkInterface.Attachment::attachmentId))
                .add("attachment.attach-time", e -> attached(e, a -> Values.iso(a.attachTime())))
                .add("attachment.delete-on-termination", e -> attached(e, NetworkInterface.Attachment::deleteOnTermination))
                .add("attachment.device-index", e -> attached(e, NetworkInterface.Attachment::deviceIndex))
                .add("attachment.instance-id", e -> attached(e, NetworkInterface.Attachment::instanceId))
                .add("attachment.instance-owner-id", e -> attached(e, NetworkInterface.Attachment::instanceOwnerId))
                .add("attachment.nat-gateway-id", e -> null)
                .add("attachment.status", e -> e.attachment() == null ? null : "attached")
                .add("availability-zone", e -> e.zone().name())
                .add("availability-zone-id", e -> e.zone().zoneId())
                .add("description", NetworkInterface::description)
                .add("group-id", NetworkInterface::securityGroupIds)
                .add("group-name", e -> e.securityGroupIds().stream().map(scope.securityGroups()::get)
                        .filter(java.util.Objects::nonNull).map(SecurityGroup::name).toList())
                .add("ipv6-addresses.ipv6-address", e -> null)
                .add("interface-type", NetworkInterface::interfaceType)
                .add("mac-address", NetworkInterface::macAddress)
                .add("network-interface-id", NetworkInterface::id)
                .add("owner-id", NetworkInterface::ownerId)
                .add("private-dns-name", NetworkInterface::privateDnsName)
                .add("private-ip-address", NetworkInterface::privateIps)
                .add("requester-id", e -> null)
                .add("requester-managed", e -> false)
                .add("source-dest-check", NetworkInterface::sourceDestCheck)
                .add("status", NetworkInterface::status)
                .add("subnet-id", e -> e.subnet().id())
                .add("vpc-id", NetworkInterface::vpcId)
                .tags(NetworkInterface::tags);
    }

    /** DescribeInstances' {@code network-interface.*} filters, on any of an instance's interfaces. */
    static Filters<Instance> instanceFilters(Filters<Instance> filters, Ec2World world) {
        return filters
                .add("network-interface.network-interface-id", i -> each(world, i, NetworkInterface::id))
                .add("network-interface.subnet-id", i -> each(world, i, e -> e.subnet().id()))
                .add("network-interface.vpc-id", i -> each(world, i, NetworkInterface::vpcId))
                .add("network-interface.mac-address", i -> each(world, i, NetworkInterface::macAddress))
                .add("network-interface.description", i -> each(world, i, NetworkInterface::description))
                .add("network-interface.owner-id", i -> each(world, i, NetworkInterface::ownerId))
                .add("network-interface.status", i -> each(world, i, NetworkInterface::status))
                .add("network-interface.private-dns-name", i -> each(world, i, NetworkInterface::privateDnsName))
                .add("network-interface.source-dest-check", i -> each(world, i, NetworkInterface::sourceDestCheck))
                .add("network-interface.requester-managed", i -> each(world, i, e -> false))
                .add("network-interface.group-id", i -> all(world, i, NetworkInterface::securityGroupIds))
                .add("network-interface.addresses.private-ip-address", i -> all(world, i, NetworkInterface::privateIps))
                .add("network-interface.addresses.primary", i -> each(world, i, e -> true))
                .add("network-interface.addresses.association.public-ip", i -> all(world, i, e -> e.associations()
                        .values().stream().map(NetworkInterface.Association::publicIp).toList()))
                .add("network-interface.association.public-ip", i -> each(world, i, NetworkInterface::publicIp))
                .add("network-interface.attachment.attachment-id", i -> each(world, i,
                        e -> e.attachment().attachmentId()))
                .add("network-interface.attachment.instance-id", i -> each(world, i, e -> e.attachment().instanceId()))
                .add("network-interface.attachment.instance-owner-id", i -> each(world, i,
                        e -> e.attachment().instanceOwnerId()))
                .add("network-interface.attachment.device-index", i -> each(world, i, e -> e.attachment().deviceIndex()))
                .add("network-interface.attachment.status", i -> each(world, i, e -> "attached"))
                .add("network-interface.attachment.delete-on-termination", i -> each(world, i,
                        e -> e.attachment().deleteOnTermination()));
    }

    private static List<Object> each(Ec2World world, Instance i, Function<NetworkInterface, Object> field) {
        List<Object> out = new ArrayList<>();
        for (NetworkInterface e : NetworkInterfaces.ofInstance(world, i.id())) {
            out.add(field.apply(e));
        }
        return out;
    }

    private static List<Object> all(Ec2World world, Instance i, Function<NetworkInterface, List<String>> field) {
        List<Object> out = new ArrayList<>();
        for (NetworkInterface e : NetworkInterfaces.ofInstance(world, i.id())) {
            out.addAll(field.apply(e));
        }
        return out;
    }

    private static Object primary(NetworkInterface e, Function<NetworkInterface.Association, Object> field) {
        NetworkInterface.Association a = e.association(e.privateIp());
        return a == null ? null : field.apply(a);
    }

    private static Object attached(NetworkInterface e, Function<NetworkInterface.Attachment, Object> field) {
        return e.attachment() == null ? null : field.apply(e.attachment());
    }

    private Struct describeNetworkInterfaces(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "NetworkInterfaceId", "eni", Ec2Error.INVALID_NETWORK_INTERFACE_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        if (!ids.isEmpty() && p.has("MaxResults")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "The parameter networkInterfaceIdSet cannot be used with the parameter maxResults");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Filters<NetworkInterface> filters = filters(scope);
            filters.validate(f);
            List<NetworkInterface> all = new ArrayList<>();
            if (ids.isEmpty()) {
                all.addAll(scope.networkInterfaces().values());
            } else {
                for (String id : ids) {
                    all.add(NetworkInterfaces.find(scope, id));
                }
            }
            PageTokens.Page<NetworkInterface> page = Requests.page(filters.apply(all, f), p, 5, 1000, 0);
            return Struct.of().list("networkInterfaceSet", page.items(), e -> NetworkInterfaceView.of(e, scope))
                    .put("nextToken", page.nextToken());
        });
    }

    private Struct attachNetworkInterface(ActionRequest r) {
        Params p = r.params();
        String id = interfaceId(p);
        String instanceId = Requests.checkId(Requests.require(p, "InstanceId"), "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        Integer deviceIndex = p.integer("DeviceIndex");
        if (deviceIndex == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter DeviceIndex");
        }
        if (p.integer("NetworkCardIndex", 0) != 0) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Network card index "
                    + p.integer("NetworkCardIndex") + " is not valid for this instance type.");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            NetworkInterface eni = NetworkInterfaces.find(scope, id);
            Instance instance = InstanceLifecycle.find(scope, List.of(instanceId)).get(0);
            String attachmentId = NetworkInterfaces.attach(scope, eni, instance, deviceIndex, world.now());
            return Struct.of().put("attachmentId", attachmentId).put("networkCardIndex", 0);
        });
    }

    private Struct detachNetworkInterface(ActionRequest r) {
        String attachmentId = Requests.checkId(Requests.require(r.params(), "AttachmentId"), "eni-attach",
                Ec2Error.INVALID_ATTACHMENT_ID_NOT_FOUND);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            NetworkInterfaces.detach(scope, attachmentId);
            return null;
        });
    }

    private Struct modifyNetworkInterfaceAttribute(ActionRequest r) {
        Params p = r.params();
        String id = interfaceId(p);
        String description = Requests.attributeValue(p, "Description");
        String sourceDestCheck = Requests.attributeValue(p, "SourceDestCheck");
        List<String> groups = Requests.ids(p, "SecurityGroupId", "sg", Ec2Error.INVALID_GROUP_ID_MALFORMED);
        Params attachment = p.object("Attachment");
        Boolean deleteOnTermination = attachment.bool("DeleteOnTermination");
        Boolean associatePublicIp = p.bool("AssociatePublicIpAddress");
        if (description == null && sourceDestCheck == null && groups.isEmpty() && deleteOnTermination == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, associatePublicIp != null
                    ? "Gureum's EC2 does not change AssociatePublicIpAddress of an existing network interface."
                    : "The request must contain the parameter attribute");
        }
        if (deleteOnTermination != null && attachment.string("AttachmentId") == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter attachment.attachmentId");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            NetworkInterface eni = NetworkInterfaces.find(scope, id);
            if (!groups.isEmpty()) {
                NetworkInterfaces.replaceGroups(scope, eni, groups);
            }
            if (description != null) {
                eni.description(description);
            }
            if (sourceDestCheck != null) {
                eni.sourceDestCheck(Boolean.parseBoolean(sourceDestCheck));
            }
            if (deleteOnTermination != null) {
                NetworkInterfaces.deleteOnTermination(eni, attachment.string("AttachmentId"), deleteOnTermination);
            }
            return null;
        });
    }

    private Struct describeNetworkInterfaceAttribute(ActionRequest r) {
        Params p = r.params();
        String id = interfaceId(p);
        String attribute = Requests.require(p, "Attribute");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            NetworkInterface eni = NetworkInterfaces.find(scope, id);
            Struct out = Struct.of().put("networkInterfaceId", eni.id());
            return switch (attribute) {
                case "description" -> out.put("description", Struct.of().put("value", eni.description()));
                case "groupSet" -> out.list("groupSet", NetworkInterfaceView.groups(eni.securityGroupIds(), scope));
                case "sourceDestCheck" -> out.put("sourceDestCheck", Struct.of().put("value", eni.sourceDestCheck()));
                case "attachment" -> out.put("attachment", NetworkInterfaceView.attachment(eni));
                case "associatePublicIpAddress" -> out.put("associatePublicIpAddress", eni.publicIp() != null);
                default -> throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + attribute + ") for parameter attribute is invalid. Unknown network interface attribute");
            };
        });
    }

    private Struct resetNetworkInterfaceAttribute(ActionRequest r) {
        Params p = r.params();
        String id = interfaceId(p);
        if (!p.has("SourceDestCheck")) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter SourceDestCheck");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            // the only attribute that resets: source/destination checking goes back on
            NetworkInterfaces.find(scope, id).sourceDestCheck(true);
            return null;
        });
    }

    private Struct assignPrivateIpAddresses(ActionRequest r) {
        Params p = r.params();
        String id = interfaceId(p);
        List<String> addresses = p.stringList("PrivateIpAddress");
        Integer count = p.integer("SecondaryPrivateIpAddressCount");
        if (addresses.isEmpty() && count == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER,
                    "The request must contain the parameter PrivateIpAddress or SecondaryPrivateIpAddressCount");
        }
        if (!addresses.isEmpty() && count != null) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "Specify either private IP addresses or a number of secondary private IP addresses, not both.");
        }
        boolean reassign = p.bool("AllowReassignment", false);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<String> assigned = NetworkInterfaces.assign(world, scope, NetworkInterfaces.find(scope, id), addresses,
                    count == null ? 0 : count, reassign);
            return Struct.of().put("networkInterfaceId", id).list("assignedPrivateIpAddressesSet", assigned,
                    ip -> Struct.of().put("privateIpAddress", ip));
        });
    }

    private Struct unassignPrivateIpAddresses(ActionRequest r) {
        Params p = r.params();
        String id = interfaceId(p);
        List<String> addresses = p.stringList("PrivateIpAddress");
        if (addresses.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter PrivateIpAddress");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            NetworkInterfaces.unassign(world, scope, NetworkInterfaces.find(scope, id), addresses);
            return null;
        });
    }
}
