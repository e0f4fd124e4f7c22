package dev.gureum.ec2.protocol;

import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Image;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.Reservation;

import java.util.ArrayList;
import java.util.List;

/** An instance and its reservation as DescribeInstances and RunInstances write them. */
final class InstanceView {

    private InstanceView() {
    }

    static Struct reservation(Reservation r, List<Instance> instances, Ec2Scope scope) {
        List<Struct> items = new ArrayList<>();
        for (Instance i : instances) {
            items.add(instance(i, scope));
        }
        return Struct.of()
                .put("reservationId", r.id())
                .put("ownerId", r.ownerId())
                .put("requesterId", r.requesterId())
                .list("groupSet", List.of())
                .list("instancesSet", items);
    }

    static List<Struct> groups(Instance i, Ec2Scope scope) {
        return NetworkInterfaceView.groups(i.securityGroupIds(), scope);
    }

    static Struct instance(Instance i, Ec2Scope scope) {
        Image image = i.image();
        boolean terminated = i.state().wireName().equals("terminated");
        return Struct.of()
                .put("instanceId", i.id())
                .put("imageId", image.id())
                .put("instanceState", Render.state(i.state()))
                .put("privateDnsName", i.privateDnsName())
                .put("dnsName", i.publicDnsName())
                .put("reason", i.stateTransitionReason())
                .put("keyName", i.keyName())
                .put("amiLaunchIndex", i.launchIndex())
                .list("productCodes", List.of())
                .put("instanceType", i.type().name())
                .put("launchTime", i.launchTime())
                .put("placement", Struct.of()
                        .put("availabilityZoneId", i.zone().zoneId())
                        .put("groupName", "")
                        .put("tenancy", i.tenancy().value())
                        .put("hostId", i.tenancy() == Tenancy.HOST ? i.hostId() != null ? i.hostId() : i.requestedHostId() : null)
                        .put("affinity", i.tenancy() == Tenancy.HOST ? i.requestedHostId() != null ? "host" : "default" : null)
                        .put("availabilityZone", i.zone().name()))
                .put("platform", image.isWindows() ? "windows" : null)
                .put("monitoring", Struct.of().put("state", i.monitoring() ? "enabled" : "disabled"))
                .put("subnetId", terminated ? null : i.subnet().id())
                .put("vpcId", terminated ? null : i.subnet().vpcId())
                .put("privateIpAddress", i.privateIp())
                .put("ipAddress", i.publicIp())
                .put("sourceDestCheck", i.sourceDestCheck())
                .list("groupSet", terminated ? List.of() : groups(i, scope))
                .put("stateReason", i.stateReason() == null ? null
                        : Struct.of().put("code", i.stateReason().code()).put("message", i.stateReason().message()))
                .put("architecture", image.architecture())
                .put("rootDeviceType", "ebs")
                .put("rootDeviceName", image.rootDeviceName())
                .list("blockDeviceMapping", terminated ? List.of() : BlockDeviceMappings.ofInstance(i, scope))
                .put("virtualizationType", "hvm")
                .put("clientToken", i.clientToken() == null ? "" : i.clientToken())
                .list("tagSet", Render.tagSet(i.tags()))
                .put("hypervisor", "xen")
                .list("networkInterfaceSet", terminated ? List.of() : NetworkInterfaceView.ofInstance(i, scope))
                .put("ebsOptimized", i.ebsOptimized())
                .put("enaSupport", true)
                .put("instanceLifecycle", i.isSpot() ? "spot" : null)
                .put("spotInstanceRequestId", i.isSpot() ? i.spot().requestId() : null)
                .put("cpuOptions", Struct.of().put("coreCount", i.type().cores()).put("threadsPerCore", i.type().threadsPerCore()))
                .put("capacityReservationSpecification", Struct.of().put("capacityReservationPreference", "open"))
                .put("hibernationOptions", Struct.of().put("configured", false))
                .put("metadataOptions", InstanceLaunchOptions.view(i.metadataOptions(), "applied"))
                .put("iamInstanceProfile", i.instanceProfile() == null ? null : Struct.of()
                        .put("arn", i.instanceProfile().arn()).put("id", i.instanceProfile().id()))
                .put("enclaveOptions", Struct.of().put("enabled", false))
                .put("bootMode", image.bootMode())
                .put("platformDetails", image.platform().details())
                .put("usageOperation", image.platform().usageOperation())
                .put("usageOperationUpdateTime", i.firstLaunch())
                .put("privateDnsNameOptions", Struct.of()
                        .put("hostnameType", "ip-name")
                        .put("enableResourceNameDnsARecord", false)
                        .put("enableResourceNameDnsAAAARecord", false))
                .put("maintenanceOptions", Struct.of().put("autoRecovery", "default"))
                .put("currentInstanceBootMode", "uefi".equals(image.bootMode()) ? "uefi" : "legacy-bios");
    }
}
