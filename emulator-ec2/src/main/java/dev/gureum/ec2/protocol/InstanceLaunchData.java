package dev.gureum.ec2.protocol;

import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceMetadataOptions;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * What launched an instance, as launch template data (GetLaunchTemplateData): the members a template
 * would need to launch one like it, as RequestLaunchTemplateData names them.
 */
final class InstanceLaunchData {

    private InstanceLaunchData() {
    }

    static Map<String, String> of(Instance i) {
        Map<String, String> d = new TreeMap<>();
        d.put("ImageId", i.image().id());
        d.put("InstanceType", i.type().name());
        put(d, "KeyName", i.keyName());
        d.put("EbsOptimized", String.valueOf(i.ebsOptimized()));
        d.put("DisableApiTermination", String.valueOf(i.disableApiTermination()));
        d.put("DisableApiStop", String.valueOf(i.disableApiStop()));
        d.put("InstanceInitiatedShutdownBehavior", i.shutdownBehavior());
        d.put("Monitoring.Enabled", String.valueOf(i.monitoring()));
        d.put("Placement.AvailabilityZone", i.zone().name());
        d.put("Placement.GroupName", "");
        d.put("Placement.Tenancy", i.tenancy().value());
        if (i.userData() != null) {
            d.put("UserData", Base64.getEncoder().encodeToString(i.userData()));
        }
        String eni = "NetworkInterface.1.";
        d.put(eni + "AssociatePublicIpAddress", String.valueOf(i.publicIp() != null && i.elasticIpAllocationId() == null));
        d.put(eni + "DeleteOnTermination", "true");
        d.put(eni + "Description", "");
        d.put(eni + "DeviceIndex", "0");
        d.put(eni + "NetworkCardIndex", "0");
        d.put(eni + "InterfaceType", "interface");
        d.put(eni + "SubnetId", i.subnet().id());
        put(d, eni + "PrivateIpAddress", i.privateIp());
        if (i.privateIp() != null) {
            d.put(eni + "PrivateIpAddresses.1.Primary", "true");
            d.put(eni + "PrivateIpAddresses.1.PrivateIpAddress", i.privateIp());
        }
        int g = 0;
        for (String group : i.securityGroupIds()) {
            d.put(eni + "SecurityGroupId." + (++g), group);
        }
        d.put("BlockDeviceMapping.1.DeviceName", i.image().rootDeviceName());
        d.put("BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true");
        d.put("BlockDeviceMapping.1.Ebs.Encrypted", "false");
        d.put("BlockDeviceMapping.1.Ebs.VolumeSize", String.valueOf(i.image().volumeSizeGiB()));
        put(d, "BlockDeviceMapping.1.Ebs.VolumeType", i.image().volumeType());
        put(d, "BlockDeviceMapping.1.Ebs.SnapshotId", i.image().snapshotId());
        int t = 0;
        Map<String, String> tags = new TreeMap<>(i.tags());
        tags.keySet().removeIf(k -> k.startsWith("aws:"));
        if (!tags.isEmpty()) {
            d.put("TagSpecification.1.ResourceType", "instance");
            for (Map.Entry<String, String> e : tags.entrySet()) {
                t++;
                d.put("TagSpecification.1.Tag." + t + ".Key", e.getKey());
                d.put("TagSpecification.1.Tag." + t + ".Value", e.getValue());
            }
        }
        d.put("CpuOptions.CoreCount", String.valueOf(i.type().cores()));
        d.put("CpuOptions.ThreadsPerCore", String.valueOf(i.type().threadsPerCore()));
        d.put("CapacityReservationSpecification.CapacityReservationPreference", "open");
        d.put("HibernationOptions.Configured", "false");
        d.put("EnclaveOptions.Enabled", "false");
        d.put("MaintenanceOptions.AutoRecovery", "default");
        d.put("PrivateDnsNameOptions.HostnameType", "ip-name");
        d.put("PrivateDnsNameOptions.EnableResourceNameDnsARecord", "false");
        d.put("PrivateDnsNameOptions.EnableResourceNameDnsAAAARecord", "false");
        InstanceMetadataOptions m = i.metadataOptions();
        d.put("MetadataOptions.HttpTokens", m.httpTokens());
        d.put("MetadataOptions.HttpPutResponseHopLimit", String.valueOf(m.httpPutResponseHopLimit()));
        d.put("MetadataOptions.HttpEndpoint", m.httpEndpoint());
        d.put("MetadataOptions.HttpProtocolIpv6", m.httpProtocolIpv6());
        d.put("MetadataOptions.InstanceMetadataTags", m.instanceMetadataTags());
        if (i.instanceProfile() != null) {
            d.put("IamInstanceProfile.Arn", i.instanceProfile().arn());
        }
        if (i.type().burstable()) {
            d.put("CreditSpecification.CpuCredits", i.type().family().startsWith("t2") ? "standard" : "unlimited");
        }
        return d;
    }

    private static void put(Map<String, String> d, String key, String value) {
        if (value != null) {
            d.put(key, value);
        }
    }
}
