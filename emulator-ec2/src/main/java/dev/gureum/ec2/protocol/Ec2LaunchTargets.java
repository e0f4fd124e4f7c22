package dev.gureum.ec2.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules.Target;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.Params;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Image;
import dev.gureum.ec2.domain.InstanceMetadataOptions;
import dev.gureum.ec2.domain.SecurityGroup;
import dev.gureum.ec2.domain.Subnet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources {@code RunInstances} launches with, each with the condition keys AWS evaluates it with: the instance
 * ({@code instance/*}: {@code ec2:InstanceType}, {@code ec2:AvailabilityZone}, {@code ec2:Tenancy},
 * {@code ec2:InstanceProfile}, {@code ec2:InstanceMarketType}, {@code ec2:EbsOptimized}, {@code ec2:PlacementGroup},
 * {@code ec2:RootDeviceType}, the metadata options, and the call's instance tags as {@code aws:RequestTag/...}),
 * each volume ({@code volume/*}: size, type, IOPS, throughput, {@code ec2:Encrypted}, {@code ec2:ParentSnapshot}),
 * the network interface ({@code ec2:Subnet}, {@code ec2:Vpc}), the image, subnet, security groups (by id or by
 * name in the default VPC), key pair and launch template. From a launch template every resource also has
 * {@code ec2:LaunchTemplate} and {@code ec2:IsLaunchTemplateResource} (whether the call left it to the template).
 */
final class Ec2LaunchTargets {

    private static final String[] INSTANCE = {"InstanceType", "Placement.", "IamInstanceProfile.",
            "InstanceMarketOptions.", "MetadataOptions.", "EbsOptimized", "UserData", "KernelId", "RamdiskId"};

    private Ec2LaunchTargets() {
    }

    static List<Target> instance(Ec2World world, RequestContext ctx, Ec2Launch launch) {
        Params p = launch.params();
        Map<String, List<String>> keys = new HashMap<>();
        put(keys, "ec2:InstanceType", p.string("InstanceType", "m1.small"));
        Params placement = p.object("Placement");
        String zone = placement.string("AvailabilityZone");
        if (zone == null) {
            zone = world.apply(ctx.accountId(), ctx.region(), scope -> {
                Subnet s = scope.subnets().get(subnetId(p));
                return s == null ? null : s.zone().name();
            });
        }
        put(keys, "ec2:AvailabilityZone", zone);
        put(keys, "ec2:Tenancy", placement.string("Tenancy", "default"));
        if (placement.string("GroupName") != null) {
            put(keys, "ec2:PlacementGroup", Ec2Access.arn(ctx, "placement-group", placement.string("GroupName")));
        }
        Params profile = p.object("IamInstanceProfile");
        String profileArn = profile.string("Arn");
        if (profileArn == null && profile.string("Name") != null) {
            profileArn = Arn.of("iam", "", ctx.accountId(), "instance-profile/" + profile.string("Name")).toString();
        }
        put(keys, "ec2:InstanceProfile", profileArn);
        put(keys, "ec2:InstanceMarketType",
                "spot".equals(p.object("InstanceMarketOptions").string("MarketType")) ? "spot" : "on-demand");
        put(keys, "ec2:EbsOptimized", String.valueOf(p.bool("EbsOptimized", false)));
        put(keys, "ec2:RootDeviceType", "ebs");
        InstanceMetadataOptions metadata = world.apply(ctx.accountId(), ctx.region(), scope -> {
            Image image = p.string("ImageId") == null ? null : scope.image(p.string("ImageId")).orElse(null);
            return image == null ? null : InstanceMetadataOptions.defaultsFor(image);
        });
        Params m = p.object("MetadataOptions");
        if (metadata != null) {
            try {
                metadata = metadata.with(m.string("HttpTokens"), m.integer("HttpPutResponseHopLimit"),
                        m.string("HttpEndpoint"), m.string("HttpProtocolIpv6"), m.string("InstanceMetadataTags"));
            } catch (RuntimeException e) {
                // the launch refuses the options itself
            }
            Ec2ConditionKeys.metadata(keys, metadata);
        } else {
            put(keys, "ec2:MetadataHttpTokens", m.string("HttpTokens"));
            put(keys, "ec2:MetadataHttpEndpoint", m.string("HttpEndpoint"));
            put(keys, "ec2:MetadataHttpPutResponseHopLimit", m.string("HttpPutResponseHopLimit"));
            put(keys, "ec2:InstanceMetadataTags", m.string("InstanceMetadataTags"));
        }
        keys.putAll(Ec2Access.requestTags(p, "instance"));
        return List.of(target(ctx, launch, "instance", "*", keys, INSTANCE));
    }

    /** Each volume the launch makes: the image's root volume as the mappings change it, and each added EBS one. */
    static List<Target> volumes(Ec2World world, RequestContext ctx, Ec2Launch launch) {
        Params p = launch.params();
        String zone = instanceZone(world, ctx, launch);
        Map<String, List<String>> tags = Ec2Access.requestTags(p, "volume");
        return world.apply(ctx.accountId(), ctx.region(), scope -> {
            Image image = p.string("ImageId") == null ? null : scope.image(p.string("ImageId")).orElse(null);
            boolean encryptedByDefault = scope.ebs().encryptionByDefault();
            List<Target> out = new ArrayList<>();
            boolean rootMapped = false;
            for (Params mapping : p.list("BlockDeviceMapping")) {
                Params ebs = mapping.object("Ebs");
                boolean root = image != null && image.rootDeviceName().equals(mapping.string("DeviceName"));
                if (!ebs.isPresent() && !root || mapping.has("NoDevice")) {
                    continue;
                }
                rootMapped |= root;
                Map<String, List<String>> keys = new HashMap<>(tags);
                String snapshot = ebs.string("SnapshotId", root ? image.snapshotId() : null);
                Integer size = ebs.integer("VolumeSize");
                if (size == null && root) {
                    size = image.volumeSizeGiB();
                }
                String type = ebs.string("VolumeType", root ? image.volumeType() : "gp2");
                volume(ctx, keys, zone, type, size, ebs.integer("Iops"), ebs.integer("Throughput"),
                        ebs.bool("Encrypted", encryptedByDefault), snapshot);
                out.add(target(ctx, launch, "volume", "*", keys, "BlockDeviceMapping."));
            }
            if (!rootMapped) {
                Map<String, List<String>> keys = new HashMap<>(tags);
                if (image != null) {
                    volume(ctx, keys, zone, image.volumeType(), image.volumeSizeGiB(), null, null,
                            encryptedByDefault, image.snapshotId());
                }
                out.add(0, target(ctx, launch, "volume", "*", keys, "BlockDeviceMapping."));
            }
            return out;
        });
    }

    private static void volume(RequestContext ctx, Map<String, List<String>> keys, String zone, String type,
                               Integer size, Integer iops, Integer throughput, boolean encrypted, String snapshot) {
        put(keys, "ec2:AvailabilityZone", zone);
        Ec2ConditionKeys.volumeConfig(keys, type, size, iops, throughput);
        put(keys, "ec2:Encrypted", String.valueOf(encrypted));
        if (snapshot != null) {
            put(keys, "ec2:ParentSnapshot", Ec2Access.arn(ctx, "snapshot", snapshot));
        }
    }

    /** The primary network interface: its subnet and VPC (the default subnet's when the launch names none). */
    static List<Target> networkInterface(Ec2World world, RequestContext ctx, Ec2Launch launch) {
        Params p = launch.params();
        Map<String, List<String>> keys = new HashMap<>(Ec2Access.requestTags(p, "network-interface"));
        String subnetId = subnetId(p);
        world.apply(ctx.accountId(), ctx.region(), scope -> {
            Subnet s = subnetId == null ? null : scope.subnets().get(subnetId);
            if (s != null) {
                put(keys, "ec2:Subnet", Ec2Access.arn(ctx, "subnet", s.id()));
                put(keys, "ec2:Vpc", Ec2ConditionKeys.vpcArn(ctx, s.vpcId()));
                put(keys, "ec2:AvailabilityZone", s.zone().name());
            } else if (subnetId == null) {
                put(keys, "ec2:Vpc", Ec2ConditionKeys.vpcArn(ctx, scope.defaultVpc() == null ? null
                        : scope.defaultVpc().id()));
            }
            return null;
        });
        return List.of(target(ctx, launch, "network-interface", "*", keys, "NetworkInterface.", "SubnetId",
                "SecurityGroup"));
    }

    static List<Target> image(RequestContext ctx, Ec2Launch launch) {
        String id = launch.params().string("ImageId");
        return id == null ? null : List.of(target(ctx, launch, "image", id, Map.of(), "ImageId"));
    }

    static List<Target> subnet(RequestContext ctx, Ec2Launch launch) {
        String id = subnetId(launch.params());
        return List.of(target(ctx, launch, "subnet", id == null ? "*" : id, Map.of(), "SubnetId",
                "NetworkInterface."));
    }

    /** The security groups by id, and by name in the default VPC; {@code security-group/*} for the default one. */
    static List<Target> securityGroups(Ec2World world, RequestContext ctx, Ec2Launch launch) {
        Params p = launch.params();
        List<String> ids = new ArrayList<>(p.stringList("SecurityGroupId"));
        for (Params eni : p.list("NetworkInterface")) {
            ids.addAll(eni.stringList("SecurityGroupId"));
        }
        List<String> names = p.stringList("SecurityGroup");
        if (!names.isEmpty()) {
            world.apply(ctx.accountId(), ctx.region(), scope -> {
                for (String name : names) {
                    SecurityGroup g = groupByName(scope, name);
                    ids.add(g == null ? "*" : g.id());
                }
                return null;
            });
        }
        if (ids.isEmpty()) {
            ids.add("*");
        }
        List<Target> out = new ArrayList<>();
        for (String id : ids) {
            out.add(target(ctx, launch, "security-group", id, Map.of(), "SecurityGroup", "NetworkInterface."));
        }
        return out;
    }

    static List<Target> keyPair(RequestContext ctx, Ec2Launch launch) {
        String name = launch.params().string("KeyName");
        return name == null ? null : List.of(target(ctx, launch, "key-pair", name, Map.of(), "KeyName"));
    }

    static List<Target> template(Ec2Launch launch) {
        return launch.templateArn() == null ? null
                : List.of(new Target(launch.templateArn(), templateKeys(launch, true)));
    }

    /** The security group of a name in the default VPC, as EC2 finds one named by {@code GroupName}. */
    static SecurityGroup groupByName(Ec2Scope scope, String name) {
        String vpc = scope.defaultVpc() == null ? null : scope.defaultVpc().id();
        for (SecurityGroup g : scope.securityGroups().values()) {
            if (g.name().equals(name) && (vpc == null || vpc.equals(g.vpcId()))) {
                return g;
            }
        }
        return null;
    }

    private static String instanceZone(Ec2World world, RequestContext ctx, Ec2Launch launch) {
        List<String> zone = instance(world, ctx, launch).get(0).keys().get("ec2:AvailabilityZone");
        return zone == null ? null : zone.get(0);
    }

    private static String subnetId(Params p) {
        String id = p.string("SubnetId");
        for (Params eni : p.list("NetworkInterface")) {
            id = id != null ? id : eni.string("SubnetId");
        }
        return id;
    }

    private static Target target(RequestContext ctx, Ec2Launch launch, String type, String id,
                                 Map<String, List<String>> keys, String... members) {
        Map<String, List<String>> all = new HashMap<>(keys);
        all.putAll(templateKeys(launch, launch.templateResource(members)));
        return new Target(Ec2Access.arn(ctx, type, id), all);
    }

    private static Map<String, List<String>> templateKeys(Ec2Launch launch, boolean fromTemplate) {
        return launch.templateArn() == null ? Map.of() : Map.of("ec2:LaunchTemplate", List.of(launch.templateArn()),
                "ec2:IsLaunchTemplateResource", List.of(String.valueOf(fromTemplate)));
    }

    private static void put(Map<String, List<String>> keys, String key, String value) {
        Ec2ConditionKeys.put(keys, key, value);
    }
}
