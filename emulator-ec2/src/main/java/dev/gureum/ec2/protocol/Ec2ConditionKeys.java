package dev.gureum.ec2.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.ec2.domain.EbsSnapshot;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.ElasticIp;
import dev.gureum.ec2.domain.Image;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceMetadataOptions;
import dev.gureum.ec2.domain.KeyPairInfo;
import dev.gureum.ec2.domain.NetworkInterface;
import dev.gureum.ec2.domain.RouteTable;
import dev.gureum.ec2.domain.SecurityGroup;
import dev.gureum.ec2.domain.Subnet;
import dev.gureum.ec2.domain.Tagged;
import dev.gureum.ec2.domain.Volume;
import dev.gureum.ec2.domain.Vpc;

import java.util.List;
import java.util.Map;

/**
 * The condition keys of an existing EC2 resource, as the Service Authorization Reference lists them for its type:
 * its tags ({@code ec2:ResourceTag/<key>}, {@code aws:ResourceTag/<key>}), its id ({@code ec2:InstanceID},
 * {@code ec2:VolumeID}...), and what describes it: an instance's {@code ec2:InstanceType},
 * {@code ec2:AvailabilityZone}, {@code ec2:Tenancy}, {@code ec2:InstanceProfile}, {@code ec2:InstanceMarketType},
 * {@code ec2:EbsOptimized}, {@code ec2:RootDeviceType} and metadata options; a volume's size, type, IOPS,
 * throughput, encryption, zone and {@code ec2:ParentSnapshot}; a snapshot's {@code ec2:Owner},
 * {@code ec2:ParentVolume}, size, encryption and {@code ec2:SnapshotTime}; an image's {@code ec2:Owner}
 * ({@code amazon} for Amazon's), {@code ec2:Public}, {@code ec2:ImageType}, {@code ec2:RootDeviceType}; the
 * {@code ec2:Vpc} and {@code ec2:Subnet} (ARNs) of security groups, subnets, network interfaces and route tables; a
 * VPC's {@code ec2:Tenancy}; a key pair's {@code ec2:KeyPairName} and {@code ec2:KeyPairType}; an Elastic IP's
 * {@code ec2:AllocationId}, {@code ec2:Domain} and {@code ec2:PublicIpAddress}.
 */
final class Ec2ConditionKeys {

    private Ec2ConditionKeys() {
    }

    /** Adds the keys of the resource an ARN names; nothing for {@code <type>/*} or a resource that does not exist. */
    static void of(Ec2World world, RequestContext ctx, String arn, Map<String, List<String>> keys) {
        int slash = arn.lastIndexOf('/');
        int colon = arn.lastIndexOf(':', slash);
        if (slash < 0 || colon < 0) {
            return;
        }
        String type = arn.substring(colon + 1, slash);
        String id = arn.substring(slash + 1);
        if (id.equals("*")) {
            return;
        }
        world.apply(ctx.accountId(), ctx.region(), scope -> {
            Tagged found = type.equals("key-pair") ? scope.keyPairs().get(id) : scope.tagged(id).orElse(null);
            if (found != null) {
                found.tags().forEach((k, v) -> {
                    keys.put("ec2:ResourceTag/" + k, List.of(v));
                    keys.put("aws:ResourceTag/" + k, List.of(v));
                });
                describe(ctx, found, keys);
            }
            return null;
        });
    }

    private static void describe(RequestContext ctx, Tagged found, Map<String, List<String>> keys) {
        if (found instanceof Instance i) {
            instance(i, keys);
        } else if (found instanceof Volume v) {
            Volume.Data d = v.data();
            put(keys, "ec2:VolumeID", v.id());
            put(keys, "ec2:AvailabilityZone", d.zone());
            put(keys, "ec2:Encrypted", String.valueOf(d.encrypted()));
            volumeConfig(keys, d.config().type(), d.config().sizeGiB(), d.config().iops(), d.config().throughput());
            if (d.snapshotId() != null) {
                put(keys, "ec2:ParentSnapshot", Ec2Access.arn(ctx, "snapshot", d.snapshotId()));
            }
        } else if (found instanceof EbsSnapshot s) {
            EbsSnapshot.Data d = s.data();
            put(keys, "ec2:SnapshotID", s.id());
            put(keys, "ec2:Owner", d.ownerId());
            put(keys, "ec2:VolumeSize", String.valueOf(d.volumeSize()));
            put(keys, "ec2:Encrypted", String.valueOf(d.encrypted()));
            put(keys, "ec2:SnapshotTime", d.startTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            if (d.volumeId() != null) {
                put(keys, "ec2:ParentVolume", Ec2Access.arn(ctx, "volume", d.volumeId()));
            }
        } else if (found instanceof Image im) {
            put(keys, "ec2:ImageID", im.id());
            put(keys, "ec2:ImageType", "machine");
            put(keys, "ec2:Owner", im.ownerAlias() != null ? im.ownerAlias() : im.ownerId());
            put(keys, "ec2:Public", String.valueOf(im.isPublic()));
            put(keys, "ec2:RootDeviceType", "ebs");
        } else if (found instanceof SecurityGroup g) {
            put(keys, "ec2:SecurityGroupID", g.id());
            put(keys, "ec2:Vpc", vpcArn(ctx, g.vpcId()));
        } else if (found instanceof Subnet s) {
            put(keys, "ec2:SubnetID", s.id());
            put(keys, "ec2:Vpc", vpcArn(ctx, s.vpcId()));
            put(keys, "ec2:AvailabilityZone", s.zone().name());
        } else if (found instanceof NetworkInterface n) {
            put(keys, "ec2:NetworkInterfaceID", n.id());
            put(keys, "ec2:Vpc", vpcArn(ctx, n.vpcId()));
            put(keys, "ec2:Subnet", Ec2Access.arn(ctx, "subnet", n.subnet().id()));
            put(keys, "ec2:AvailabilityZone", n.zone().name());
        } else if (found instanceof Vpc v) {
            put(keys, "ec2:VpcID", v.id());
            put(keys, "ec2:Tenancy", v.instanceTenancy());
        } else if (found instanceof RouteTable t) {
            put(keys, "ec2:RouteTableID", t.id());
            put(keys, "ec2:Vpc", vpcArn(ctx, t.vpcId()));
        } else if (found instanceof KeyPairInfo k) {
            put(keys, "ec2:KeyPairName", k.name());
            put(keys, "ec2:KeyPairType", k.type());
        } else if (found instanceof ElasticIp e) {
            put(keys, "ec2:AllocationId", e.allocationId());
            put(keys, "ec2:Domain", "vpc");
            put(keys, "ec2:PublicIpAddress", e.publicIp());
        } else if (found instanceof dev.gureum.ec2.domain.InternetGateway g) {
            put(keys, "ec2:InternetGatewayID", g.id());
        }
    }

    private static void instance(Instance i, Map<String, List<String>> keys) {
        put(keys, "ec2:InstanceID", i.id());
        put(keys, "ec2:InstanceType", i.type().name());
        put(keys, "ec2:AvailabilityZone", i.zone().name());
        put(keys, "ec2:Tenancy", i.tenancy() == null ? "default" : i.tenancy().value());
        put(keys, "ec2:RootDeviceType", "ebs");
        put(keys, "ec2:EbsOptimized", String.valueOf(i.ebsOptimized()));
        put(keys, "ec2:InstanceMarketType", i.isSpot() ? "spot" : "on-demand");
        if (i.instanceProfile() != null) {
            put(keys, "ec2:InstanceProfile", i.instanceProfile().arn());
        }
        metadata(keys, i.metadataOptions());
    }

    static void metadata(Map<String, List<String>> keys, InstanceMetadataOptions m) {
        if (m == null) {
            return;
        }
        put(keys, "ec2:MetadataHttpTokens", m.httpTokens());
        put(keys, "ec2:MetadataHttpEndpoint", m.httpEndpoint());
        put(keys, "ec2:MetadataHttpPutResponseHopLimit", String.valueOf(m.httpPutResponseHopLimit()));
        put(keys, "ec2:InstanceMetadataTags", m.instanceMetadataTags());
    }

    static void volumeConfig(Map<String, List<String>> keys, String type, Integer size, Integer iops,
                             Integer throughput) {
        put(keys, "ec2:VolumeType", type);
        put(keys, "ec2:VolumeSize", size == null ? null : String.valueOf(size));
        put(keys, "ec2:VolumeIops", iops == null ? null : String.valueOf(iops));
        put(keys, "ec2:VolumeThroughput", throughput == null ? null : String.valueOf(throughput));
    }

    static String vpcArn(RequestContext ctx, String vpcId) {
        return vpcId == null ? null : Ec2Access.arn(ctx, "vpc", vpcId);
    }

    static void put(Map<String, List<String>> keys, String key, String value) {
        if (value != null) {
            keys.put(key, List.of(value));
        }
    }
}
