package dev.gureum.ec2.protocol;

import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceState;
import dev.gureum.ec2.domain.NetworkInterface;
import dev.gureum.ec2.domain.NetworkInterfaces;
import dev.gureum.ec2.domain.SecurityGroup;

import java.util.ArrayList;
import java.util.List;

/** A network interface as DescribeNetworkInterfaces writes it, and as an instance's {@code networkInterfaceSet} does. */
final class NetworkInterfaceView {

    private NetworkInterfaceView() {
    }

    static List<Struct> groups(List<String> ids, Ec2Scope scope) {
        List<Struct> groups = new ArrayList<>();
        for (String id : ids) {
            SecurityGroup g = scope.securityGroups().get(id);
            groups.add(Struct.of().put("groupId", id).put("groupName", g == null ? null : g.name()));
        }
        return groups;
    }

    /** An Elastic IP's owner is the account; an address Amazon gave is {@code amazon}'s. */
    private static String ipOwner(NetworkInterface.Association a, NetworkInterface eni) {
        return a.elastic() ? eni.ownerId() : "amazon";
    }

    private static Struct association(NetworkInterface eni, String privateIp, boolean withIds) {
        NetworkInterface.Association a = eni.association(privateIp);
        if (a == null) {
            return null;
        }
        Struct s = Struct.of();
        if (withIds) {
            s.put("allocationId", a.allocationId()).put("associationId", a.associationId());
        }
        return s.put("ipOwnerId", ipOwner(a, eni))
                .put("publicDnsName", NetworkInterface.publicDnsName(eni.region(), a.publicIp()))
                .put("publicIp", a.publicIp());
    }

    private static List<Struct> privateIps(NetworkInterface eni, boolean withIds) {
        List<Struct> out = new ArrayList<>();
        for (String ip : eni.privateIps()) {
            out.add(Struct.of()
                    .put("association", association(eni, ip, withIds))
                    .put("primary", ip.equals(eni.privateIp()))
                    .put("privateDnsName", NetworkInterface.privateDnsName(eni.region(), ip))
                    .put("privateIpAddress", ip));
        }
        return out;
    }

    /** The interfaces of an instance, by device index, with the attachment status its state gives. */
    static List<Struct> ofInstance(Instance i, Ec2Scope scope) {
        List<Struct> out = new ArrayList<>();
        String status = i.state().occupiesHost() || i.state() == InstanceState.STOPPED ? "attached" : "detached";
        for (NetworkInterface eni : NetworkInterfaces.of(scope, i)) {
            out.add(Struct.of()
                    .put("association", association(eni, eni.privateIp(), false))
                    .put("attachment", attachment(eni.attachment(), status))
                    .put("description", eni.description())
                    .list("groupSet", groups(eni.securityGroupIds(), scope))
                    .list("ipv6AddressesSet", List.of())
                    .put("macAddress", eni.macAddress())
                    .put("networkInterfaceId", eni.id())
                    .put("ownerId", eni.ownerId())
                    .put("privateDnsName", eni.privateDnsName())
                    .put("privateIpAddress", eni.privateIp())
                    .list("privateIpAddressesSet", privateIps(eni, false))
                    .put("sourceDestCheck", eni.sourceDestCheck())
                    .put("status", eni.status())
                    .put("subnetId", eni.subnet().id())
                    .put("vpcId", eni.vpcId())
                    .put("interfaceType", eni.interfaceType()));
        }
        return out;
    }

    private static Struct attachment(NetworkInterface.Attachment a, String status) {
        return Struct.of()
                .put("attachTime", a.attachTime())
                .put("attachmentId", a.attachmentId())
                .put("deleteOnTermination", a.deleteOnTermination())
                .put("deviceIndex", a.deviceIndex())
                .put("status", status)
                .put("networkCardIndex", 0);
    }

    /** {@code NetworkInterfaceAttachment}: the instance's part too. */
    static Struct attachment(NetworkInterface eni) {
        NetworkInterface.Attachment a = eni.attachment();
        return a == null ? null : attachment(a, "attached")
                .put("instanceId", a.instanceId())
                .put("instanceOwnerId", a.instanceOwnerId());
    }

    static Struct of(NetworkInterface eni, Ec2Scope scope) {
        NetworkInterface.Association primary = eni.association(eni.privateIp());
        return Struct.of()
                .put("association", association(eni, eni.privateIp(), true))
                .put("attachment", attachment(eni))
                .put("availabilityZone", eni.zone().name())
                .put("availabilityZoneId", eni.zone().zoneId())
                .put("description", eni.description())
                .list("groupSet", groups(eni.securityGroupIds(), scope))
                .put("interfaceType", eni.interfaceType())
                .list("ipv6AddressesSet", List.of())
                .put("macAddress", eni.macAddress())
                .put("networkInterfaceId", eni.id())
                .put("ownerId", eni.ownerId())
                .put("privateDnsName", eni.privateDnsName())
                .put("publicDnsName", primary == null ? null : NetworkInterface.publicDnsName(eni.region(), primary.publicIp()))
                .put("privateIpAddress", eni.privateIp())
                .list("privateIpAddressesSet", privateIps(eni, true))
                .put("requesterManaged", eni.requesterManaged())
                .put("sourceDestCheck", eni.sourceDestCheck())
                .put("status", eni.status())
                .put("subnetId", eni.subnet().id())
                .list("tagSet", Render.tagSet(eni.tags()))
                .put("vpcId", eni.vpcId())
                .put("denyAllIgwTraffic", false)
                .put("ipv6Native", false);
    }
}
