package dev.gureum.ec2.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.auth.AccessRules.Access;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.ec2.domain.Ec2Settings;
import dev.gureum.ec2.domain.Ec2World;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2AccessTest {

    private static final RequestContext CTX = new RequestContext("r", Clock.systemUTC()).accountId("123456789012")
            .region("eu-west-1");
    private static final String EC2 = "arn:aws:ec2:eu-west-1:123456789012:";
    private static final AccessRules<ActionRequest> RULES =
            Ec2Access.rules(new Ec2World(Clock.systemUTC(), Ec2Settings.DEFAULTS));

    /** The accesses of a request, without the keys each carries. */
    private static List<Access> accesses(String operation, Map<String, List<String>> form) {
        return RULES.accesses(operation, CTX, new ActionRequest(CTX, operation, Params.fromForm(form), "/")).stream()
                .map(a -> new Access(a.action(), a.resource())).toList();
    }

    @Test
    void runInstancesNeedsEachResourceItLaunchesWithAndTheKeyPairOnlyWhenNamed() {
        assertThat(accesses("RunInstances", Map.of("ImageId", List.of("ami-1"), "SubnetId", List.of("subnet-1"),
                "SecurityGroupId.1", List.of("sg-1"), "SecurityGroupId.2", List.of("sg-2"))))
                .extracting(Access::resource).containsExactly(EC2 + "instance/*",
                        "arn:aws:ec2:eu-west-1::image/ami-1", EC2 + "subnet/subnet-1", EC2 + "security-group/sg-1",
                        EC2 + "security-group/sg-2", EC2 + "network-interface/*", EC2 + "volume/*");
        assertThat(accesses("RunInstances", Map.of("ImageId", List.of("ami-1"), "KeyName", List.of("deploy"))))
                .extracting(Access::resource).contains(EC2 + "subnet/*", EC2 + "security-group/*",
                        EC2 + "key-pair/deploy");
    }

    @Test
    void snapshotsHaveNoAccountTagsNameEachResourceByItsIdAndDescribeIsOnStar() {
        assertThat(accesses("CreateSnapshot", Map.of("VolumeId", List.of("vol-1")))).containsExactly(
                new Access("ec2:CreateSnapshot", "arn:aws:ec2:eu-west-1::snapshot/*"),
                new Access("ec2:CreateSnapshot", EC2 + "volume/vol-1"));
        assertThat(accesses("CreateTags", Map.of("ResourceId.1", List.of("vol-1"), "ResourceId.2",
                List.of("rtb-2")))).extracting(Access::resource)
                .containsExactly(EC2 + "volume/vol-1", EC2 + "route-table/rtb-2");
        assertThat(accesses("DescribeVolumes", Map.of("VolumeId.1", List.of("vol-1"))))
                .containsExactly(new Access("ec2:DescribeVolumes", "*"));
        assertThat(accesses("CreateVolume", Map.of())).containsExactly(
                new Access("ec2:CreateVolume", EC2 + "volume/*"));
    }
}
