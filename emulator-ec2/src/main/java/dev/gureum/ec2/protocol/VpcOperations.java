package dev.gureum.ec2.protocol;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Cidr;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceState;
import dev.gureum.ec2.domain.SecurityGroup;
import dev.gureum.ec2.domain.SecurityGroups;
import dev.gureum.ec2.domain.Subnet;
import dev.gureum.ec2.domain.Vpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** VPCs and subnets, and the account attributes that name the default VPC. */
final class VpcOperations {

    private static final Filters<Vpc> VPC_FILTERS = new Filters<Vpc>()
            .add("cidr", v -> v.cidr().toString())
            .add("cidr-block-association.cidr-block", v -> v.cidr().toString())
            .add("cidr-block-association.association-id", Vpc::cidrAssociationId)
            .add("cidr-block-association.state", v -> "associated")
            .add("dhcp-options-id", Vpc::dhcpOptionsId)
            .add("is-default", Vpc::isDefault)
            .add("isDefault", Vpc::isDefault)
            .add("owner-id", Vpc::ownerId)
            .add("state", v -> "available")
            .add("vpc-id", Vpc::id)
            .tags(Vpc::tags);

    private static final Filters<Subnet> SUBNET_FILTERS = new Filters<Subnet>()
            .add("availability-zone", s -> s.zone().name())
            .add("availabilityZone", s -> s.zone().name())
            .add("availability-zone-id", s -> s.zone().zoneId())
            .add("available-ip-address-count", Subnet::availableIpAddressCount)
            .add("cidr-block", s -> s.cidr().toString())
            .add("cidr", s -> s.cidr().toString())
            .add("cidrBlock", s -> s.cidr().toString())
            .add("default-for-az", Subnet::defaultForAz)
            .add("defaultForAz", Subnet::defaultForAz)
            .add("map-public-ip-on-launch", Subnet::mapPublicIpOnLaunch)
            .add("owner-id", Subnet::ownerId)
            .add("state", s -> "available")
            .add("subnet-arn", Subnet::arn)
            .add("subnet-id", Subnet::id)
            .add("vpc-id", Subnet::vpcId)
            .tags(Subnet::tags);

    private final Ec2World world;

    VpcOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateVpc", this::createVpc);
        op.accept("DescribeVpcs", this::describeVpcs);
        op.accept("DeleteVpc", this::deleteVpc);
        op.accept("ModifyVpcAttribute", this::modifyVpcAttribute);
        op.accept("DescribeVpcAttribute", this::describeVpcAttribute);
        op.accept("CreateSubnet", this::createSubnet);
        op.accept("DescribeSubnets", this::describeSubnets);
        op.accept("DeleteSubnet", this::deleteSubnet);
        op.accept("ModifySubnetAttribute", this::modifySubnetAttribute);
        op.accept("DescribeAccountAttributes", this::describeAccountAttributes);
    }

    /** A CIDR block from input, or AWS's complaint about it. */
    static Cidr cidr(String text, String parameter) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + text + ") for parameter " + parameter
                    + " is invalid. This is not a valid CIDR block.");
        }
    }

    // ---- VPCs -----------------------------------------------------------------------------------

    private Struct createVpc(ActionRequest r) {
        Params p = r.params();
        String cidrText = p.string("CidrBlock");
        if (cidrText == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter CidrBlock");
        }
        Cidr cidr = cidr(cidrText, "cidrBlock");
        // a VPC's block is between a /16 (65,536 addresses) and a /28 (16)
        if (cidr.prefixLength() < 16 || cidr.prefixLength() > 28) {
            throw new AwsException(Ec2Error.INVALID_VPC_RANGE, "The CIDR '" + cidrText + "' is invalid.");
        }
        String tenancy = p.string("InstanceTenancy", "default");
        if (!tenancy.equals("default") && !tenancy.equals("dedicated")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + tenancy + ") for parameter instanceTenancy is invalid.");
        }
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Vpc vpc = new Vpc(scope.accountId(), cidr, false, tenancy, scope.dhcpOptionsId());
            vpc.tags().putAll(tags.getOrDefault("vpc", Map.of()));
            scope.vpcs().put(vpc.id(), vpc);
            SecurityGroup group = new SecurityGroup("default", "default VPC security group", vpc.id(),
                    scope.accountId(), scope.region().name());
            SecurityGroups.addDefaultRules(group);
            scope.securityGroups().put(group.id(), group);
            scope.network().addMainTable(vpc);
            return Struct.of().put("vpc", vpc(vpc, "pending"));
        });
    }

    private static Struct vpc(Vpc v, String state) {
        return Struct.of()
                .put("vpcId", v.id())
                .put("ownerId", v.ownerId())
                .put("state", state)
                .put("cidrBlock", v.cidr().toString())
                .list("cidrBlockAssociationSet", List.of(Struct.of()
                        .put("associationId", v.cidrAssociationId())
                        .put("cidrBlock", v.cidr().toString())
                        .put("cidrBlockState", Struct.of().put("state", "associated"))))
                .list("ipv6CidrBlockAssociationSet", List.of())
                .put("dhcpOptionsId", v.dhcpOptionsId())
                .put("instanceTenancy", v.instanceTenancy())
                .put("isDefault", v.isDefault())
                .put("blockPublicAccessStates", Struct.of().put("internetGatewayBlockMode", "off"))
                .list("tagSet", Render.tagSet(v.tags()));
    }

    private Struct describeVpcs(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "VpcId", "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<Vpc> vpcs = new ArrayList<>();
            if (ids.isEmpty()) {
                vpcs.addAll(scope.vpcs().values());
            } else {
                for (String id : ids) {
                    vpcs.add(vpcOf(scope, id));
                }
            }
            PageTokens.Page<Vpc> page = Requests.page(VPC_FILTERS.apply(vpcs, f), p, 5, 1000, 0);
            return Struct.of().list("vpcSet", page.items(), v -> vpc(v, "available")).put("nextToken", page.nextToken());
        });
    }

    static Vpc vpcOf(Ec2Scope scope, String id) {
        Vpc vpc = scope.vpcs().get(id);
        if (vpc == null) {
            throw new AwsException(Ec2Error.INVALID_VPC_ID_NOT_FOUND, "The vpc ID '" + id + "' does not exist");
        }
        return vpc;
    }

    private Struct deleteVpc(ActionRequest r) {
        String id = Requests.checkId(Requests.require(r.params(), "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Vpc vpc = vpcOf(scope, id);
            boolean hasSubnets = scope.subnets().values().stream().anyMatch(s -> s.vpcId().equals(id));
            boolean hasGroups = scope.securityGroups().values().stream()
                    .anyMatch(g -> g.vpcId().equals(id) && !g.isDefault());
            if (hasSubnets || hasGroups || hasLiveInstances(scope, i -> i.subnet().vpcId().equals(id))) {
                throw new AwsException(Ec2Error.DEPENDENCY_VIOLATION,
                        "The vpc '" + id + "' has dependencies and cannot be deleted.");
            }
            scope.network().checkVpcDeletable(id);
            scope.network().vpcDeleted(id, world.now());
            scope.securityGroups().values().removeIf(g -> g.vpcId().equals(vpc.id()));
            scope.vpcs().remove(id);
            return null;
        });
    }

    static boolean hasLiveInstances(Ec2Scope scope, java.util.function.Predicate<Instance> test) {
        return scope.instances().values().stream()
                .anyMatch(i -> i.state() != InstanceState.TERMINATED && test.test(i));
    }

    private Struct modifyVpcAttribute(ActionRequest r) {
        Params p = r.params();
        String id = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        String dnsSupport = Requests.attributeValue(p, "EnableDnsSupport");
        String dnsHostnames = Requests.attributeValue(p, "EnableDnsHostnames");
        String addressUsageMetrics = Requests.attributeValue(p, "EnableNetworkAddressUsageMetrics");
        if (dnsSupport == null && dnsHostnames == null && addressUsageMetrics == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER,
                    "The request must contain exactly one of enableDnsSupport or enableDnsHostnames");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Vpc vpc = vpcOf(scope, id);
            if (dnsSupport != null) {
                vpc.enableDnsSupport(Boolean.parseBoolean(dnsSupport));
            }
            if (dnsHostnames != null) {
                vpc.enableDnsHostnames(Boolean.parseBoolean(dnsHostnames));
            }
            if (addressUsageMetrics != null) {
                if (Boolean.parseBoolean(addressUsageMetrics)) {
                    scope.network().addressUsageMetrics().add(id);
                } else {
                    scope.network().addressUsageMetrics().remove(id);
                }
            }
            return null;
        });
    }

    private Struct describeVpcAttribute(ActionRequest r) {
        Params p = r.params();
        String id = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        String attribute = Requests.require(p, "Attribute");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Vpc vpc = vpcOf(scope, id);
            Struct out = Struct.of().put("vpcId", id);
            return switch (attribute) {
                case "enableDnsSupport" -> out.put("enableDnsSupport", Struct.of().put("value", vpc.enableDnsSupport()));
                case "enableDnsHostnames" -> out.put("enableDnsHostnames", Struct.of().put("value", vpc.enableDnsHostnames()));
                case "enableNetworkAddressUsageMetrics" ->
                        out.put("enableNetworkAddressUsageMetrics",
                                Struct.of().put("value", scope.network().addressUsageMetrics().contains(id)));
                default -> throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + attribute + ") for parameter attribute is invalid.");
            };
        });
    }

    // ---- subnets --------------------------------------------------------------------------------

    private Struct createSubnet(ActionRequest r) {
        Params p = r.params();
        String vpcId = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        String cidrText = Requests.require(p, "CidrBlock");
        Cidr cidr = cidr(cidrText, "cidrBlock");
        String zoneName = p.string("AvailabilityZone");
        String zoneId = p.string("AvailabilityZoneId");
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Vpc vpc = vpcOf(scope, vpcId);
            // a subnet is a /16 to /28 inside its VPC's block
            if (cidr.prefixLength() < 16 || cidr.prefixLength() > 28 || !vpc.cidr().contains(cidr)) {
                throw new AwsException(Ec2Error.INVALID_SUBNET_RANGE, "The CIDR '" + cidrText + "' is invalid.");
            }
            for (Subnet s : scope.subnets().values()) {
                if (s.vpcId().equals(vpcId) && s.cidr().overlaps(cidr)) {
                    throw new AwsException(Ec2Error.INVALID_SUBNET_CONFLICT,
                            "The CIDR '" + cidrText + "' conflicts with another subnet");
                }
            }
            AvailabilityZone zone = zone(scope, zoneName, zoneId);
            Subnet subnet = new Subnet(vpcId, scope.accountId(), cidr, zone, false);
            subnet.tags().putAll(tags.getOrDefault("subnet", Map.of()));
            scope.subnets().put(subnet.id(), subnet);
            return Struct.of().put("subnet", subnet(subnet, "available"));
        });
    }

    private static AvailabilityZone zone(Ec2Scope scope, String name, String id) {
        List<AvailabilityZone> zones = scope.region().zones();
        if (name == null && id == null) {
            return zones.get(0);
        }
        for (AvailabilityZone z : zones) {
            if (z.name().equals(name) || z.zoneId().equals(id)) {
                return z;
            }
        }
        throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + (name != null ? name : id)
                + ") for parameter availabilityZone is invalid. Subnets can currently only be created in the following "
                + "availability zones: " + String.join(", ", zones.stream().map(AvailabilityZone::name).toList()) + ".");
    }

    private static Struct subnet(Subnet s, String state) {
        return Struct.of()
                .put("subnetId", s.id())
                .put("subnetArn", s.arn())
                .put("state", state)
                .put("ownerId", s.ownerId())
                .put("vpcId", s.vpcId())
                .put("cidrBlock", s.cidr().toString())
                .list("ipv6CidrBlockAssociationSet", List.of())
                .put("availableIpAddressCount", s.availableIpAddressCount())
                .put("availabilityZone", s.zone().name())
                .put("availabilityZoneId", s.zone().zoneId())
                .put("defaultForAz", s.defaultForAz())
                .put("mapPublicIpOnLaunch", s.mapPublicIpOnLaunch())
                .put("mapCustomerOwnedIpOnLaunch", false)
                .put("assignIpv6AddressOnCreation", false)
                .put("enableDns64", false)
                .put("ipv6Native", false)
                .put("privateDnsNameOptionsOnLaunch", Struct.of()
                        .put("hostnameType", "ip-name")
                        .put("enableResourceNameDnsARecord", false)
                        .put("enableResourceNameDnsAAAARecord", false))
                .put("blockPublicAccessStates", Struct.of().put("internetGatewayBlockMode", "off"))
                .list("tagSet", Render.tagSet(s.tags()));
    }

    private Struct describeSubnets(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "SubnetId", "subnet", Ec2Error.INVALID_SUBNET_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<Subnet> subnets = new ArrayList<>();
            if (ids.isEmpty()) {
                subnets.addAll(scope.subnets().values());
            } else {
                for (String id : ids) {
                    subnets.add(subnetOf(scope, id));
                }
            }
            PageTokens.Page<Subnet> page = Requests.page(SUBNET_FILTERS.apply(subnets, f), p, 5, 1000, 0);
            return Struct.of().list("subnetSet", page.items(), s -> subnet(s, "available"))
                    .put("nextToken", page.nextToken());
        });
    }

    static Subnet subnetOf(Ec2Scope scope, String id) {
        Subnet s = scope.subnets().get(id);
        if (s == null) {
            throw new AwsException(Ec2Error.INVALID_SUBNET_ID_NOT_FOUND, "The subnet ID '" + id + "' does not exist");
        }
        return s;
    }

    private Struct deleteSubnet(ActionRequest r) {
        String id = Requests.checkId(Requests.require(r.params(), "SubnetId"), "subnet", Ec2Error.INVALID_SUBNET_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            subnetOf(scope, id);
            if (hasLiveInstances(scope, i -> i.subnet().id().equals(id))
                    || scope.networkInterfaces().values().stream().anyMatch(e -> e.subnet().id().equals(id))) {
                throw new AwsException(Ec2Error.DEPENDENCY_VIOLATION,
                        "The subnet '" + id + "' has dependencies and cannot be deleted.");
            }
            scope.network().checkSubnetDeletable(id);
            scope.network().subnetDeleted(id);
            scope.subnets().remove(id);
            return null;
        });
    }

    private Struct modifySubnetAttribute(ActionRequest r) {
        Params p = r.params();
        String id = Requests.checkId(Requests.require(p, "SubnetId"), "subnet", Ec2Error.INVALID_SUBNET_ID_MALFORMED);
        String mapPublic = Requests.attributeValue(p, "MapPublicIpOnLaunch");
        if (mapPublic == null) {
            throw new AwsException(Ec2Error.UNSUPPORTED_OPERATION,
                    "Gureum's EC2 changes only the MapPublicIpOnLaunch attribute of subnets.");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            subnetOf(scope, id).mapPublicIpOnLaunch(Boolean.parseBoolean(mapPublic));
            return null;
        });
    }

    // ---- account attributes ---------------------------------------------------------------------

    private Struct describeAccountAttributes(ActionRequest r) {
        List<String> names = r.params().stringList("AttributeName");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Vpc defaultVpc = scope.defaultVpc();
            Map<String, String> attributes = new java.util.LinkedHashMap<>();
            attributes.put("supported-platforms", "VPC");
            attributes.put("default-vpc", defaultVpc == null ? "none" : defaultVpc.id());
            attributes.put("max-instances", "20");
            attributes.put("vpc-max-security-groups-per-interface", "5");
            attributes.put("max-elastic-ips", "5");
            attributes.put("vpc-max-elastic-ips", "5");
            List<Struct> out = new ArrayList<>();
            attributes.forEach((name, value) -> {
                if (names.isEmpty() || names.contains(name)) {
                    out.add(Struct.of().put("attributeName", name)
                            .list("attributeValueSet", List.of(Struct.of().put("attributeValue", value))));
                }
            });
            return Struct.of().list("accountAttributeSet", out);
        });
    }
}
