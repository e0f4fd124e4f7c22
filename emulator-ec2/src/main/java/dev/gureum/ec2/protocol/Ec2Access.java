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
import java.util.List;
import java.util.Map;

/**
 * What each EC2 operation needs under {@code --enforce-iam}: {@code ec2:<Operation>} on the resources the Service
 * Authorization Reference lists for it ({@code arn:aws:ec2:<region>:<account>:volume/vol-...}; images and snapshots
 * have no account: {@code arn:aws:ec2:<region>::image/ami-...}). A resource the operation creates is
 * {@code <type>/*}. {@code RunInstances} needs the action on the instance, the image, the subnet, the security groups,
 * the network interface, the volume and the key pair it launches with, each of them allowed; a subnet or security
 * group the request does not name (the default ones) is {@code subnet/*}, {@code security-group/*}. A resource named
 * only by its name where AWS's ARN carries the id (a security group by {@code GroupName}), and the operations that
 * support no resource-level permissions ({@code Describe*}), are judged on {@code *}. A refusal is EC2's
 * {@code UnauthorizedOperation}.
 */
public final class Ec2Access {

    private static final String TABLE = """
            RunInstances                 =  launched
            RunInstances                 =  image?
            RunInstances                 =  launchSubnet
            RunInstances                 =  launchGroups
            RunInstances                 =  newNetworkInterface
            RunInstances                 =  newVolume
            RunInstances                 =  keyPair?
            StartInstances               =  instances
            StopInstances                =  instances
            RebootInstances              =  instances
            TerminateInstances           =  instances
            ModifyInstanceAttribute      =  instance
            ResetInstanceAttribute       =  instance
            GetConsoleOutput             =  instance
            MonitorInstances             =  instances
            UnmonitorInstances           =  instances
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
            CreateTags                   =  tagged
            DeleteTags                   =  tagged
            """;

    /** The resource type of an id, by its prefix, for the operations that name resources of any type. */
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("i", "instance"),
            Map.entry("vol", "volume"), Map.entry("snap", "snapshot"), Map.entry("sg", "security-group"),
            Map.entry("subnet", "subnet"), Map.entry("vpc", "vpc"), Map.entry("eni", "network-interface"),
            Map.entry("ami", "image"), Map.entry("eipalloc", "elastic-ip"), Map.entry("lt", "launch-template"),
            Map.entry("igw", "internet-gateway"), Map.entry("nat", "natgateway"), Map.entry("rtb", "route-table"),
            Map.entry("key", "key-pair"));

    private Ec2Access() {
    }

    public static AccessRules<ActionRequest> rules(Ec2World world) {
        AccessRules.Builder<ActionRequest> b = AccessRules.<ActionRequest>builder("ec2").table(TABLE)
                .resourceKeys((ctx, arn, keys) -> resourceTags(world, ctx, arn, keys))
                .resource("instances", (ctx, r) -> each(ctx, "instance", r.params().stringList("InstanceId")))
                .resource("securityGroups", (ctx, r) -> each(ctx, "security-group",
                        r.params().stringList("SecurityGroupId")))
                .resource("launchGroups", (ctx, r) -> {
                    List<String> ids = new ArrayList<>(r.params().stringList("SecurityGroupId"));
                    for (Params eni : r.params().list("NetworkInterface")) {
                        ids.addAll(eni.stringList("SecurityGroupId"));
                    }
                    return ids.isEmpty() ? List.of(arn(ctx, "security-group", "*")) : each(ctx, "security-group", ids);
                })
                .single("launchSubnet", (ctx, r) -> {
                    String id = r.params().string("SubnetId");
                    for (Params eni : r.params().list("NetworkInterface")) {
                        id = id != null ? id : eni.string("SubnetId");
                    }
                    return arn(ctx, "subnet", id == null ? "*" : id);
                })
                .resource("tagged", (ctx, r) -> {
                    List<String> arns = new ArrayList<>();
                    for (String id : r.params().stringList("ResourceId")) {
                        int dash = id.indexOf('-');
                        String type = dash < 0 ? null : TYPES.get(id.substring(0, dash));
                        arns.add(type == null ? null : arn(ctx, type, id));
                    }
                    return arns;
                });
        named(b, "instance", "instance", "InstanceId");
        named(b, "volume", "volume", "VolumeId");
        named(b, "snapshot", "snapshot", "SnapshotId");
        named(b, "securityGroup", "security-group", "GroupId");
        named(b, "vpc", "vpc", "VpcId");
        named(b, "subnet", "subnet", "SubnetId");
        named(b, "networkInterface", "network-interface", "NetworkInterfaceId");
        named(b, "keyPair", "key-pair", "KeyName");
        named(b, "image", "image", "ImageId");
        named(b, "elasticIp", "elastic-ip", "AllocationId");
        named(b, "launchTemplate", "launch-template", "LaunchTemplateId");
        named(b, "internetGateway", "internet-gateway", "InternetGatewayId");
        named(b, "natGateway", "natgateway", "NatGatewayId");
        named(b, "routeTable", "route-table", "RouteTableId");
        created(b, "launched", "instance");
        created(b, "newVolume", "volume");
        created(b, "newSnapshot", "snapshot");
        created(b, "newSecurityGroup", "security-group");
        created(b, "newVpc", "vpc");
        created(b, "newSubnet", "subnet");
        created(b, "newNetworkInterface", "network-interface");
        created(b, "newImage", "image");
        created(b, "newElasticIp", "elastic-ip");
        created(b, "newLaunchTemplate", "launch-template");
        created(b, "newInternetGateway", "internet-gateway");
        created(b, "newNatGateway", "natgateway");
        created(b, "newRouteTable", "route-table");
        return b.denied(message -> new AwsException(Ec2Error.UNAUTHORIZED_OPERATION,
                        "You are not authorized to perform this operation. " + message))
                .build();
    }

    /**
     * {@code ec2:ResourceTag/<key>} and {@code aws:ResourceTag/<key>} of the existing resource an ARN names (none for
     * {@code <type>/*}, a resource that does not exist, or a key pair, whose ARN carries its name).
     */
    private static void resourceTags(Ec2World world, RequestContext ctx, String arn, Map<String, List<String>> keys) {
        int slash = arn.lastIndexOf('/');
        String id = arn.substring(slash + 1);
        if (slash < 0 || id.equals("*")) {
            return;
        }
        Map<String, String> tags = world.apply(ctx.accountId(), ctx.region(),
                scope -> scope.tagged(id).map(t -> Map.copyOf(t.tags())).orElse(Map.of()));
        tags.forEach((k, v) -> {
            keys.put("ec2:ResourceTag/" + k, List.of(v));
            keys.put("aws:ResourceTag/" + k, List.of(v));
        });
    }

    /** A kind whose ARN is the resource the request names by {@code param}; {@code *} when it names none. */
    private static void named(AccessRules.Builder<ActionRequest> b, String kind, String type, String param) {
        b.single(kind, (ctx, r) -> {
            String id = r.params().string(param);
            return id == null ? null : arn(ctx, type, id);
        });
    }

    /** A kind for the resource an operation creates: {@code <type>/*}. */
    private static void created(AccessRules.Builder<ActionRequest> b, String kind, String type) {
        b.single(kind, (ctx, r) -> arn(ctx, type, "*"));
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
