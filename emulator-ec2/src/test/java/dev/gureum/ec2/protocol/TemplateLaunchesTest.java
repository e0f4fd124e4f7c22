package dev.gureum.ec2.protocol;

import dev.gureum.core.protocol.Params;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Launch template data as RunInstances members, and the call's members over them. */
class TemplateLaunchesTest {

    private static Params form(Map<String, String> flat) {
        Map<String, List<String>> form = new TreeMap<>();
        flat.forEach((k, v) -> form.put(k, List.of(v)));
        return Params.fromForm(form);
    }

    @Test
    void templateMembersBecomeRunInstancesMembersOfTheSameNames() {
        Map<String, String> data = LaunchTemplateData.fromRequest(form(Map.of(
                "RamDiskId", "ari-1", "ElasticGpuSpecification.1.Type", "eg1.medium",
                "NetworkInterface.1.SecurityGroupId.2", "sg-2", "Unknown.Member", "x")));
        assertThat(data).containsOnlyKeys("RamDiskId", "ElasticGpuSpecification.1.Type",
                "NetworkInterface.1.SecurityGroupId.2");
        assertThat(LaunchTemplateData.toRunInstances(data)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "RamdiskId", "ari-1", "ElasticGpuSpecification.1.Type", "eg1.medium",
                "NetworkInterface.1.SecurityGroupId.2", "sg-2"));
    }

    @Test
    void theCallOverridesParameterByParameterAndTagsByResourceType() {
        Map<String, String> template = Map.of("ImageId", "ami-1", "InstanceType", "t3.micro",
                "NetworkInterface.1.DeviceIndex", "0", "NetworkInterface.1.SubnetId", "subnet-1",
                "TagSpecification.1.ResourceType", "instance", "TagSpecification.1.Tag.1.Key", "Name",
                "TagSpecification.1.Tag.1.Value", "t",
                "TagSpecification.2.ResourceType", "volume", "TagSpecification.2.Tag.1.Key", "disk",
                "TagSpecification.2.Tag.1.Value", "v");
        Map<String, String> call = Map.of("InstanceType", "t3.large", "SubnetId", "subnet-9", "MinCount", "1",
                "MaxCount", "2", "TagSpecification.1.ResourceType", "instance", "TagSpecification.1.Tag.1.Key", "Name",
                "TagSpecification.1.Tag.1.Value", "c");
        Map<String, String> merged = TemplateLaunches.merge(template, call);
        assertThat(merged).containsEntry("ImageId", "ami-1").containsEntry("InstanceType", "t3.large")
                .containsEntry("NetworkInterface.1.SubnetId", "subnet-9").doesNotContainKey("SubnetId")
                .containsEntry("TagSpecification.1.Tag.1.Value", "c")
                .containsEntry("TagSpecification.2.ResourceType", "volume")
                .containsEntry("MinCount", "1").containsEntry("MaxCount", "2");
        assertThat(merged.keySet().stream().filter(k -> k.startsWith("TagSpecification."))).hasSize(6);
    }

    @Test
    void dataIsAnsweredUnderTheResponseNames() {
        var data = new TreeMap<>(Map.of("SecurityGroupId.1", "sg-1", "NetworkInterface.1.SecurityGroupId.1", "sg-2",
                "Monitoring.Enabled", "true"));
        var rendered = LaunchTemplateData.render(data);
        assertThat(rendered.members()).containsOnlyKeys("securityGroupIdSet", "networkInterfaceSet", "monitoring");
        var groups = (dev.gureum.core.protocol.ListValue) rendered.get("securityGroupIdSet");
        assertThat(groups.items()).containsExactly("sg-1");
        assertThat(groups.memberName()).isEqualTo("item");
        var interfaces = (dev.gureum.core.protocol.ListValue) rendered.get("networkInterfaceSet");
        var eni = (dev.gureum.core.protocol.Struct) interfaces.items().get(0);
        assertThat(((dev.gureum.core.protocol.ListValue) eni.get("groupSet")).memberName()).isEqualTo("groupId");
    }
}
