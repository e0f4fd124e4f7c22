package dev.gureum.ec2.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2World;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each EC2 operation needs under {@code --enforce-iam}: {@code ec2:<Operation>} on the resources the Service
 * Authorization Reference lists for it ({@code arn:aws:ec2:<region>:<account>:volume/vol-...}; images and snapshots
 * have no account: {@code arn:aws:ec2:<region>::image/ami-...}). A resource the operation creates is
 * {@code <type>/*}. {@code RunInstances} needs the action on the instance, the image, the subnet, the security groups,
 * the network interface, each volume, the key pair and the launch template it launches with (a template's members
 * included), each of them allowed with its own condition keys ({@link Ec2LaunchTargets}); a subnet or security group
 * the launch does not name (the default ones) is {@code subnet/*}, {@code security-group/*}. Resources named by a
 * name or an association id are resolved to their ARNs ({@link Ec2NamedResources}); the operations that support no
 * resource-level permissions ({@code Describe*}) are judged on {@code *}. A create call that tags what it makes
 * ({@code TagSpecification}) also needs {@code ec2:CreateTags} on it, with {@code ec2:CreateAction}. Every request
 * has {@code ec2:Region}; existing resources have the keys of their type ({@link Ec2ConditionKeys}). A refusal is
 * EC2's {@code UnauthorizedOperation}.
 */
public final class Ec2Access {

    private static final String TABLE = """
            RunInstances                 =  launched
            RunInstances                 =  launchImage?
            RunInstances                 =  launchSubnet
            RunInstances                 =  launchGroups
            RunInstances                 =  launchInterface
            RunInstances                 =  launchVolumes
            RunInstances                 =  launchKeyPair?
            RunInstances                 =  launchTemplateUsed?
            StartInstances               =  instances
            StopInstances                =  instances
            RebootInstances              =  instances
            TerminateInstances           =  instances
            ModifyInstanceAttribute      =  instance
            ResetInstanceAttribute       =  instance
            GetConsoleOutput             =  instance
            MonitorInstances             =  instances
            UnmonitorInstances           =  instances
            ModifyInstanceMetadataOptions  =  instance
            GetLaunchTemplateData        =  instance
            CreateVolume                 =  newVolume
            CreateVolume                 =  snapshot?
            DeleteVolume                 =  volume
            ModifyVolume                 =  volume
            ModifyVolumeAttribute        =  volume
            EnableVolumeIO               =  volume
            AttachVolume                 =  instance
            AttachVolume                 =  volume
            DetachVolume                 =  instance?
            DetachVolume                 =  volume
            CreateSnapshot               =  newSnapshot
            CreateSnapshot               =  volume
            CopySnapshot                 =  newSnapshot
            DeleteSnapshot               =  snapshot
            ModifySnapshotAttribute      =  snapshot
            ResetSnapshotAttribute       =  snapshot
            CreateSecurityGroup          =  newSecurityGroup
            CreateSecurityGroup          =  vpc?
            DeleteSecurityGroup          =  securityGroup
            AuthorizeSecurityGroupIngress  =  securityGroup
            AuthorizeSecurityGroupEgress   =  securityGroup
            RevokeSecurityGroupIngress     =  securityGroup
            RevokeSecurityGroupEgress      =  securityGroup
            CreateVpc                    =  newVpc
            DeleteVpc                    =  vpc
            ModifyVpcAttribute           =  vpc
            CreateSubnet                 =  newSubnet
            CreateSubnet                 =  vpc
            DeleteSubnet                 =  subnet
            ModifySubnetAttribute        =  subnet
            CreateNetworkInterface       =  newNetworkInterface
            CreateNetworkInterface       =  subnet
            CreateNetworkInterface       =  securityGroups
            DeleteNetworkInterface       =  networkInterface
            ModifyNetworkInterfaceAttribute  =  networkInterface
            ResetNetworkInterfaceAttribute   =  networkInterface
            AttachNetworkInterface       =  instance
            AttachNetworkInterface       =  networkInterface
            DetachNetworkInterface       =  attachedInstance
            DetachNetworkInterface       =  attachedInterface
            AssignPrivateIpAddresses     =  networkInterface
            UnassignPrivateIpAddresses   =  networkInterface
            CreateKeyPair                =  keyPair
            ImportKeyPair                =  keyPair
            DeleteKeyPair                =  keyPair
            CreateImage                  =  newImage
            CreateImage                  =  instance
            RegisterImage                =  newImage
            DeregisterImage              =  image
            AllocateAddress              =  newElasticIp
            ReleaseAddress               =  elasticIp
            AssociateAddress             =  elasticIp?
            AssociateAddress             =  instance?
            AssociateAddress             =  networkInterface?
            DisassociateAddress          =  associatedIp
            DisassociateAddress          =  associatedInstance?
            DisassociateAddress          =  associatedInterface?
            CreateLaunchTemplate         =  newLaunchTemplate
            CreateLaunchTemplateVersion  =  launchTemplate
            ModifyLaunchTemplate         =  launchTemplate
            DeleteLaunchTemplate         =  launchTemplate
            DeleteLaunchTemplateVersions =  launchTemplate
            CreateInternetGateway        =  newInternetGateway
            DeleteInternetGateway        =  internetGateway
            AttachInternetGateway        =  internetGateway
            AttachInternetGateway        =  vpc
            DetachInternetGateway        =  internetGateway
            DetachInternetGateway        =  vpc
            CreateNatGateway             =  newNatGateway
            CreateNatGateway             =  subnet
            CreateNatGateway             =  elasticIp?
            DeleteNatGateway             =  natGateway
            CreateRouteTable             =  newRouteTable
            CreateRouteTable             =  vpc
            DeleteRouteTable             =  routeTable
            CreateRoute                  =  routeTable
            DeleteRoute                  =  routeTable
            ReplaceRoute                 =  routeTable
            AssociateRouteTable          =  routeTable
            AssociateRouteTable          =  subnet
            DisassociateRouteTable       =  associatedTable
            DisassociateRouteTable       =  associatedSubnet?
            ReplaceRouteTableAssociation =  associatedTable
            ReplaceRouteTableAssociation =  routeTable
            ReplaceRouteTableAssociation =  associatedSubnet?
            AssociateDhcpOptions         =  dhcpOptions?
            AssociateDhcpOptions         =  vpc
            CreateTags                   =  tagged
            DeleteTags                   =  tagged
            """;

    /** The operations that tag what they create ({@code TagSpecification}), each needing {@code ec2:CreateTags}. */
    private static final List<String> TAGGING_CREATES = List.of("RunInstances", "CreateVolume", "CreateSnapshot",
            "CopySnapshot", "CreateSecurityGroup", "CreateVpc", "CreateSubnet", "CreateNetworkInterface",
            "CreateKeyPair", "ImportKeyPair", "CreateImage", "RegisterImage", "AllocateAddress", "CreateLaunchTemplate",
            "CreateInternetGateway", "CreateNatGateway", "CreateRouteTable", "CreateDhcpOptions",
            "CreateEgressOnlyInternetGateway", "RequestSpotInstances", "CreateVpcEndpoint",
            "CreateVpcPeeringConnection");

    /** The resource type of an id, by its prefix, for the operations that name resources of any type. */
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("i", "instance"),
            Map.entry("vol", "volume"), Map.entry("snap", "snapshot"), Map.entry("sg", "security-group"),
            Map.entry("subnet", "subnet"), Map.entry("vpc", "vpc"), Map.entry("eni", "network-interface"),
            Map.entry("ami", "image"), Map.entry("eipalloc", "elastic-ip"), Map.entry("lt", "launch-template"),
            Map.entry("igw", "internet-gateway"), Map.entry("nat", "natgateway"), Map.entry("rtb", "route-table"),
            Map.entry("key", "key-pair"), Map.entry("dopt", "dhcp-options"),
            Map.entry("sir", "spot-instances-request"), Map.entry("pcx", "vpc-peering-connection"),
            Map.entry("eigw", "egress-only-internet-gateway"), Map.entry("vpce", "vpc-endpoint"),
            Map.entry("h", "dedicated-host"), Map.entry("acl", "network-acl"));

    private Ec2Access() {
    }

    public static AccessRules<ActionRequest> rules(Ec2World world) {
        AccessRules.Builder<ActionRequest> b = AccessRules.<ActionRequest>builder("ec2").table(table())
                .keys(Ec2Access::requestKeys)
                .resourceKeys((ctx, arn, keys) -> Ec2ConditionKeys.of(world, ctx, arn, keys))
                .resource("instances", (ctx, r) -> each(ctx, "instance", r.params().stringList("InstanceId")))
                .resource("securityGroups", (ctx, r) -> each(ctx, "security-group",
                        r.params().stringList("SecurityGroupId")))
                .targets("launched", (ctx, r) -> Ec2LaunchTargets.instance(world, ctx, Ec2Launch.of(world, ctx, r)))
                .targets("launchImage", (ctx, r) -> Ec2LaunchTargets.image(ctx, Ec2Launch.of(world, ctx, r)))
                .targets("launchSubnet", (ctx, r) -> Ec2LaunchTargets.subnet(ctx, Ec2Launch.of(world, ctx, r)))
                .targets("launchGroups", (ctx, r) -> Ec2LaunchTargets.securityGroups(world, ctx,
                        Ec2Launch.of(world, ctx, r)))
                .targets("launchInterface", (ctx, r) -> Ec2LaunchTargets.networkInterface(world, ctx,
                        Ec2Launch.of(world, ctx, r)))
                .targets("launchVolumes", (ctx, r) -> Ec2LaunchTargets.volumes(world, ctx,
                        Ec2Launch.of(world, ctx, r)))
                .targets("launchKeyPair", (ctx, r) -> Ec2LaunchTargets.keyPair(ctx, Ec2Launch.of(world, ctx, r)))
                .targets("launchTemplateUsed", (ctx, r) -> Ec2LaunchTargets.template(Ec2Launch.of(world, ctx, r)))
                .targets("createTagged", Ec2Access::taggedOnCreate)
                .resource("tagged", (ctx, r) -> {
                    List<String> arns = new ArrayList<>();
                    for (String id : r.params().stringList("ResourceId")) {
                        int dash = id.indexOf('-');
                        String type = dash < 0 ? null : TYPES.get(id.substring(0, dash));
                        if ("key-pair".equals(type)) {
                            // a key pair's ARN carries its name
                            String name = world.apply(ctx.accountId(), ctx.region(), scope -> scope.keyPairs()
                                    .values().stream().filter(k -> k.id().equals(id)).map(k -> k.name())
                                    .findFirst().orElse(null));
                            arns.add(name == null ? null : arn(ctx, type, name));
                        } else {
                            arns.add(type == null ? null : arn(ctx, type, id));
                        }
                    }
                    return arns;
                });
        named(b, "instance", "instance", "InstanceId");
        named(b, "volume", "volume", "VolumeId");
        named(b, "snapshot", "snapshot", "SnapshotId");
        named(b, "vpc", "vpc", "VpcId");
        named(b, "subnet", "subnet", "SubnetId");
        named(b, "networkInterface", "network-interface", "NetworkInterfaceId");
        named(b, "image", "image", "ImageId");
        named(b, "internetGateway", "internet-gateway", "InternetGatewayId");
        named(b, "natGateway", "natgateway", "NatGatewayId");
        named(b, "routeTable", "route-table", "RouteTableId");
        named(b, "dhcpOptions", "dhcp-options", "DhcpOptionsId");
        Ec2NamedResources.register(b, world);
        created(b, "newVolume", "volume", (ctx, r, keys) -> {
            Params p = r.params();
            Ec2ConditionKeys.put(keys, "ec2:AvailabilityZone", p.string("AvailabilityZone"));
            Ec2ConditionKeys.volumeConfig(keys, p.string("VolumeType", "gp2"), p.integer("Size"),
                    p.integer("Iops"), p.integer("Throughput"));
            Ec2ConditionKeys.put(keys, "ec2:Encrypted", p.bool("Encrypted") == null ? world.apply(ctx.accountId(),
                    ctx.region(), s -> String.valueOf(s.ebs().encryptionByDefault())) : p.string("Encrypted"));
            if (p.string("SnapshotId") != null) {
                Ec2ConditionKeys.put(keys, "ec2:ParentSnapshot", arn(ctx, "snapshot", p.string("SnapshotId")));
            }
        });
        created(b, "newSnapshot", "snapshot", (ctx, r, keys) -> {
            Ec2ConditionKeys.put(keys, "ec2:Owner", ctx.accountId());
            if (r.params().string("VolumeId") != null) {
                Ec2ConditionKeys.put(keys, "ec2:ParentVolume", arn(ctx, "volume", r.params().string("VolumeId")));
            }
        });
        created(b, "newSecurityGroup", "security-group", (ctx, r, keys) -> {
            String vpc = r.params().string("VpcId");
            if (vpc == null) {
                vpc = world.apply(ctx.accountId(), ctx.region(), s -> s.defaultVpc() == null ? null
                        : s.defaultVpc().id());
            }
            Ec2ConditionKeys.put(keys, "ec2:Vpc", Ec2ConditionKeys.vpcArn(ctx, vpc));
        });
        created(b, "newVpc", "vpc", (ctx, r, keys) ->
                Ec2ConditionKeys.put(keys, "ec2:Tenancy", r.params().string("InstanceTenancy", "default")));
        created(b, "newSubnet", "subnet", (ctx, r, keys) -> {
            Ec2ConditionKeys.put(keys, "ec2:Vpc", Ec2ConditionKeys.vpcArn(ctx, r.params().string("VpcId")));
            Ec2ConditionKeys.put(keys, "ec2:AvailabilityZone", r.params().string("AvailabilityZone"));
        });
        created(b, "newNetworkInterface", "network-interface", (ctx, r, keys) -> {
            String subnet = r.params().string("SubnetId");
            if (subnet != null) {
                Ec2ConditionKeys.put(keys, "ec2:Subnet", arn(ctx, "subnet", subnet));
            }
        });
        created(b, "newImage", "image", (ctx, r, keys) -> {
            Ec2ConditionKeys.put(keys, "ec2:Owner", ctx.accountId());
            Ec2ConditionKeys.put(keys, "ec2:Public", "false");
            Ec2ConditionKeys.put(keys, "ec2:ImageType", "machine");
        });
        created(b, "newElasticIp", "elastic-ip", (ctx, r, keys) -> Ec2ConditionKeys.put(keys, "ec2:Domain", "vpc"));
        created(b, "newLaunchTemplate", "launch-template", null);
        created(b, "newInternetGateway", "internet-gateway", null);
        created(b, "newNatGateway", "natgateway", null);
        created(b, "newRouteTable", "route-table", (ctx, r, keys) ->
                Ec2ConditionKeys.put(keys, "ec2:Vpc", Ec2ConditionKeys.vpcArn(ctx, r.params().string("VpcId"))));
        return b.denied(message -> new AwsException(Ec2Error.UNAUTHORIZED_OPERATION,
                        "You are not authorized to perform this operation. " + message))
                .build();
    }

    /** The table, with {@code ec2:CreateTags} on what each tagging create makes (and its action where not listed). */
    private static String table() {
        StringBuilder t = new StringBuilder(TABLE);
        for (String op : TAGGING_CREATES) {
            if (!java.util.regex.Pattern.compile("(?m)^\\s*" + op + "\\s").matcher(TABLE).find()) {
                t.append(op).append(" = *\n");
            }
            t.append(op).append(" ec2:CreateTags createTagged?\n");
        }
        return t.toString();
    }

    /**
     * Keys every EC2 request has: {@code ec2:Region}; and for {@code CreateTags} and {@code DeleteTags} the tags
     * given, as {@code aws:RequestTag/<key>} and {@code aws:TagKeys}.
     */
    private static void requestKeys(ActionRequest r, Map<String, List<String>> keys) {
        keys.put("ec2:Region", List.of(r.context().region()));
        if (r.action().equals("CreateTags") || r.action().equals("DeleteTags")) {
            Map<String, String> tags = new java.util.LinkedHashMap<>();
            for (Params tag : r.params().list("Tag")) {
                if (tag.string("Key") != null) {
                    tags.put(tag.string("Key"), tag.string("Value"));
                }
            }
            tags.forEach((k, v) -> {
                if (v != null || r.action().equals("CreateTags")) {
                    keys.put("aws:RequestTag/" + k, List.of(v == null ? "" : v));
                }
            });
            if (!tags.isEmpty()) {
                keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
            }
        }
    }

    /** The tags a create call gives one resource type ({@code TagSpecification}), as request keys. */
    static Map<String, List<String>> requestTags(Params p, String resourceType) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (Params spec : p.list("TagSpecification")) {
            if (resourceType.equals(spec.string("ResourceType"))) {
                for (Params tag : spec.list("Tag")) {
                    if (tag.string("Key") != null) {
                        tags.put(tag.string("Key"), tag.string("Value", ""));
                    }
                }
            }
        }
        Map<String, List<String>> keys = new HashMap<>();
        AccessRules.requestTags(tags, keys);
        return keys;
    }

    /**
     * {@code ec2:CreateTags} on each resource a create call tags as it makes it, with {@code ec2:CreateAction} (the
     * call) and the tags it gives that resource, as AWS authorizes tagging on creation.
     */
    private static List<AccessRules.Target> taggedOnCreate(RequestContext ctx, ActionRequest r) {
        List<AccessRules.Target> out = new ArrayList<>();
        java.util.Set<String> types = new java.util.LinkedHashSet<>();
        for (Params spec : r.params().list("TagSpecification")) {
            if (spec.string("ResourceType") != null && !spec.list("Tag").isEmpty()) {
                types.add(spec.string("ResourceType"));
            }
        }
        for (String type : types) {
            Map<String, List<String>> keys = new HashMap<>(requestTags(r.params(), type));
            keys.put("ec2:CreateAction", List.of(r.action()));
            String id = type.equals("key-pair") && r.params().string("KeyName") != null
                    ? r.params().string("KeyName") : "*";
            out.add(new AccessRules.Target(arn(ctx, type, id), keys));
        }
        return out;
    }

    /** A kind whose ARN is the resource the request names by {@code param}; {@code *} when it names none. */
    static void named(AccessRules.Builder<ActionRequest> b, String kind, String type, String param) {
        b.single(kind, (ctx, r) -> {
            String id = r.params().string(param);
            return id == null ? null : arn(ctx, type, id);
        });
    }

    /** The keys a create call gives the resource it makes. */
    @FunctionalInterface
    private interface CreatedKeys {
        void add(RequestContext ctx, ActionRequest r, Map<String, List<String>> keys);
    }

    /**
     * A kind for the resource an operation creates: {@code <type>/*}, with what the call says of it and the tags it
     * gives it ({@code aws:RequestTag/<key>}, {@code aws:TagKeys}).
     */
    private static void created(AccessRules.Builder<ActionRequest> b, String kind, String type, CreatedKeys given) {
        b.targets(kind, (ctx, r) -> {
            Map<String, List<String>> keys = new HashMap<>(requestTags(r.params(), type));
            if (given != null) {
                given.add(ctx, r, keys);
            }
            return List.of(new AccessRules.Target(arn(ctx, type, "*"), keys));
        });
    }

    private static List<String> each(RequestContext ctx, String type, List<String> ids) {
        List<String> arns = new ArrayList<>(ids.size());
        for (String id : ids) {
            arns.add(arn(ctx, type, id));
        }
        return arns;
    }

    /** The ARN of an EC2 resource; images and snapshots are regional but name no account. */
    static String arn(RequestContext ctx, String type, String id) {
        String account = type.equals("image") || type.equals("snapshot") ? "" : ctx.accountId();
        return Arn.of("ec2", ctx.region(), account, type + "/" + id).toString();
    }
}
