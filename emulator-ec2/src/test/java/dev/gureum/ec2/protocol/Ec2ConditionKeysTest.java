package dev.gureum.ec2.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.auth.AccessRules.Access;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.ec2.domain.Ec2Settings;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Image;
import dev.gureum.ec2.domain.KeyMaterial;
import dev.gureum.ec2.domain.KeyPairInfo;
import dev.gureum.ec2.domain.LaunchTemplates;
import dev.gureum.ec2.domain.SecurityGroup;
import dev.gureum.ec2.domain.Subnet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The condition keys each EC2 operation gives each resource it acts on, as a table: for every access (action and
 * resource) the keys a policy can test there.
 */
class Ec2ConditionKeysTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final String EC2 = "arn:aws:ec2:eu-west-1:123456789012:";
    private static final RequestContext CTX = new RequestContext("r", Clock.systemUTC()).accountId(ACCOUNT)
            .region(REGION);

    private final Ec2World world = new Ec2World(Clock.systemUTC(), Ec2Settings.DEFAULTS);
    private final AccessRules<ActionRequest> rules = Ec2Access.rules(world);
    private final Image image = world.apply(ACCOUNT, REGION, scope -> scope.images().get(0));
    private final Subnet subnet = world.apply(ACCOUNT, REGION,
            scope -> scope.subnets().values().stream().filter(Subnet::defaultForAz).findFirst().orElseThrow());
    private final String vpc = EC2 + "vpc/" + subnet.vpcId();

    /** One access of a request and its keys (global keys left out). */
    private record Row(String action, String resource, Map<String, List<String>> keys) {

        String key(String name) {
            List<String> v = keys.get(name);
            return v == null ? null : String.join(",", v);
        }
    }

    private List<Row> rows(String operation, Object... form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < form.length; i += 2) {
            params.put((String) form[i], List.of(String.valueOf(form[i + 1])));
        }
        ActionRequest r = new ActionRequest(CTX, operation, Params.fromForm(params), "/");
        List<Row> out = new ArrayList<>();
        for (Access a : rules.accesses(operation, CTX, r)) {
            out.add(new Row(a.action(), a.resource(), rules.keysOf(CTX, r, a)));
        }
        return out;
    }

    private static Row on(List<Row> rows, String action, String resource) {
        return rows.stream().filter(r -> r.action.equals(action) && r.resource.equals(resource)).findFirst()
                .orElseThrow(() -> new AssertionError(action + " on " + resource + " not in " + rows));
    }

    @Test
    void runInstancesGivesEachResourceItsOwnKeys() {
        List<Row> rows = rows("RunInstances", "ImageId", image.id(), "InstanceType", "t3.micro", "MinCount", 1,
                "MaxCount", 1, "SubnetId", subnet.id(), "KeyName", "deploy", "IamInstanceProfile.Name", "web",
                "MetadataOptions.HttpTokens", "required", "InstanceMarketOptions.MarketType", "spot",
                "Placement.Tenancy", "dedicated",
                "BlockDeviceMapping.1.DeviceName", "/dev/sdf", "BlockDeviceMapping.1.Ebs.VolumeSize", 100,
                "BlockDeviceMapping.1.Ebs.VolumeType", "io1", "BlockDeviceMapping.1.Ebs.Iops", 1000,
                "BlockDeviceMapping.1.Ebs.Encrypted", true,
                "TagSpecification.1.ResourceType", "instance", "TagSpecification.1.Tag.1.Key", "team",
                "TagSpecification.1.Tag.1.Value", "blue");

        Row instance = on(rows, "ec2:RunInstances", EC2 + "instance/*");
        assertThat(instance.key("ec2:InstanceType")).isEqualTo("t3.micro");
        assertThat(instance.key("ec2:AvailabilityZone")).isEqualTo(subnet.zone().name());
        assertThat(instance.key("ec2:Tenancy")).isEqualTo("dedicated");
        assertThat(instance.key("ec2:InstanceProfile")).isEqualTo("arn:aws:iam::123456789012:instance-profile/web");
        assertThat(instance.key("ec2:InstanceMarketType")).isEqualTo("spot");
        assertThat(instance.key("ec2:MetadataHttpTokens")).isEqualTo("required");
        assertThat(instance.key("ec2:RootDeviceType")).isEqualTo("ebs");
        assertThat(instance.key("ec2:Region")).isEqualTo(REGION);
        assertThat(instance.key("aws:RequestTag/team")).isEqualTo("blue");
        assertThat(instance.key("aws:TagKeys")).isEqualTo("team");
        assertThat(instance.keys).doesNotContainKeys("ec2:LaunchTemplate", "ec2:IsLaunchTemplateResource");

        Row ami = on(rows, "ec2:RunInstances", "arn:aws:ec2:eu-west-1::image/" + image.id());
        assertThat(ami.key("ec2:Owner")).isEqualTo("amazon");
        assertThat(ami.key("ec2:Public")).isEqualTo("true");
        assertThat(ami.key("ec2:ImageType")).isEqualTo("machine");
        assertThat(ami.key("ec2:ImageID")).isEqualTo(image.id());
        assertThat(ami.keys).doesNotContainKeys("ec2:InstanceType", "aws:RequestTag/team");

        Row net = on(rows, "ec2:RunInstances", EC2 + "subnet/" + subnet.id());
        assertThat(net.key("ec2:Vpc")).isEqualTo(vpc);
        assertThat(net.key("ec2:SubnetID")).isEqualTo(subnet.id());
        Row eni = on(rows, "ec2:RunInstances", EC2 + "network-interface/*");
        assertThat(eni.key("ec2:Subnet")).isEqualTo(EC2 + "subnet/" + subnet.id());
        assertThat(eni.key("ec2:Vpc")).isEqualTo(vpc);
        assertThat(on(rows, "ec2:RunInstances", EC2 + "key-pair/deploy").keys).containsKey("ec2:Region");

        List<Row> volumes = rows.stream().filter(r -> r.resource.equals(EC2 + "volume/*")).toList();
        assertThat(volumes).extracting(r -> r.key("ec2:VolumeType") + "/" + r.key("ec2:VolumeSize") + "/"
                + r.key("ec2:Encrypted")).containsExactly(image.volumeType() + "/" + image.volumeSizeGiB() + "/false",
                "io1/100/true");
        assertThat(volumes.get(1).key("ec2:VolumeIops")).isEqualTo("1000");
        assertThat(volumes.get(0).key("ec2:ParentSnapshot")).isEqualTo(image.snapshotId() == null ? null
                : "arn:aws:ec2:eu-west-1::snapshot/" + image.snapshotId());

        // tagging on creation is ec2:CreateTags on the instance, with the call as ec2:CreateAction
        Row tagging = on(rows, "ec2:CreateTags", EC2 + "instance/*");
        assertThat(tagging.key("ec2:CreateAction")).isEqualTo("RunInstances");
        assertThat(tagging.key("aws:RequestTag/team")).isEqualTo("blue");
        assertThat(rows).filteredOn(r -> r.action.equals("ec2:CreateTags")).hasSize(1);
    }

    @Test
    void aLaunchFromATemplateJudgesTheTemplatesMembersAndSaysWhichCameFromIt() {
        String templateId = world.apply(ACCOUNT, REGION, scope -> LaunchTemplates.create(scope, "web", null,
                Map.of("ImageId", image.id(), "InstanceType", "t3.small", "KeyName", "deploy"), Map.of(),
                world.now()).id());
        String template = EC2 + "launch-template/" + templateId;
        List<Row> rows = rows("RunInstances", "LaunchTemplate.LaunchTemplateName", "web", "MinCount", 1,
                "MaxCount", 1, "InstanceType", "t3.large");

        Row ami = on(rows, "ec2:RunInstances", "arn:aws:ec2:eu-west-1::image/" + image.id());
        assertThat(ami.key("ec2:LaunchTemplate")).isEqualTo(template);
        assertThat(ami.key("ec2:IsLaunchTemplateResource")).isEqualTo("true");
        Row instance = on(rows, "ec2:RunInstances", EC2 + "instance/*");
        assertThat(instance.key("ec2:InstanceType")).isEqualTo("t3.large");
        assertThat(instance.key("ec2:IsLaunchTemplateResource")).isEqualTo("false");
        assertThat(on(rows, "ec2:RunInstances", EC2 + "key-pair/deploy").key("ec2:IsLaunchTemplateResource"))
                .isEqualTo("true");
        assertThat(on(rows, "ec2:RunInstances", template).key("ec2:LaunchTemplate")).isEqualTo(template);
    }

    @Test
    void createCallsGiveWhatTheyMakeTheKeysOfTheRequest() {
        Row volume = on(rows("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", 50, "VolumeType", "gp3",
                "TagSpecification.1.ResourceType", "volume", "TagSpecification.1.Tag.1.Key", "env",
                "TagSpecification.1.Tag.1.Value", "dev"), "ec2:CreateVolume", EC2 + "volume/*");
        assertThat(volume.key("ec2:VolumeSize")).isEqualTo("50");
        assertThat(volume.key("ec2:VolumeType")).isEqualTo("gp3");
        assertThat(volume.key("ec2:Encrypted")).isEqualTo("false");
        assertThat(volume.key("ec2:AvailabilityZone")).isEqualTo("eu-west-1a");
        assertThat(volume.key("aws:RequestTag/env")).isEqualTo("dev");

        Row snapshot = on(rows("CreateSnapshot", "VolumeId", "vol-1"), "ec2:CreateSnapshot",
                "arn:aws:ec2:eu-west-1::snapshot/*");
        assertThat(snapshot.key("ec2:ParentVolume")).isEqualTo(EC2 + "volume/vol-1");
        assertThat(snapshot.key("ec2:Owner")).isEqualTo(ACCOUNT);
        assertThat(on(rows("CreateSubnet", "VpcId", "vpc-1", "CidrBlock", "10.0.0.0/24"), "ec2:CreateSubnet",
                EC2 + "subnet/*").key("ec2:Vpc")).isEqualTo(EC2 + "vpc/vpc-1");
        assertThat(on(rows("CreateVpc", "CidrBlock", "10.0.0.0/16", "InstanceTenancy", "dedicated"), "ec2:CreateVpc",
                EC2 + "vpc/*").key("ec2:Tenancy")).isEqualTo("dedicated");

        Row group = on(rows("CreateSecurityGroup", "GroupName", "web", "GroupDescription", "web"),
                "ec2:CreateSecurityGroup", EC2 + "security-group/*");
        assertThat(group.key("ec2:Vpc")).isEqualTo(vpc);
        assertThat(group.keys).doesNotContainKey("aws:TagKeys");
        assertThat(rows("CreateSecurityGroup", "GroupName", "web", "GroupDescription", "web"))
                .noneMatch(r -> r.action.equals("ec2:CreateTags"));
    }

    @Test
    void resourcesNamedByNameOrAssociationAreJudgedOnTheirArns() {
        String groupId = world.apply(ACCOUNT, REGION, scope -> {
            SecurityGroup g = new SecurityGroup("db", "db", subnet.vpcId(), ACCOUNT, REGION);
            scope.securityGroups().put(g.id(), g);
            g.tags().put("team", "data");
            return g.id();
        });
        Row byName = on(rows("DeleteSecurityGroup", "GroupName", "db"), "ec2:DeleteSecurityGroup",
                EC2 + "security-group/" + groupId);
        assertThat(byName.key("ec2:SecurityGroupID")).isEqualTo(groupId);
        assertThat(byName.key("ec2:Vpc")).isEqualTo(vpc);
        assertThat(byName.key("ec2:ResourceTag/team")).isEqualTo("data");
        assertThat(byName.key("aws:ResourceTag/team")).isEqualTo("data");

        String keyId = world.apply(ACCOUNT, REGION, scope -> {
            KeyPairInfo k = new KeyPairInfo("deploy", KeyMaterial.create("ed25519"), world.now());
            scope.keyPairs().put("deploy", k);
            return k.id();
        });
        Row key = on(rows("DeleteKeyPair", "KeyPairId", keyId), "ec2:DeleteKeyPair", EC2 + "key-pair/deploy");
        assertThat(key.key("ec2:KeyPairName")).isEqualTo("deploy");
        assertThat(key.key("ec2:KeyPairType")).isEqualTo("ed25519");
        assertThat(rows("CreateTags", "ResourceId.1", keyId, "Tag.1.Key", "a", "Tag.1.Value", "b"))
                .extracting(Row::resource).containsExactly(EC2 + "key-pair/deploy");

        // what no longer exists is judged on *, and the operation says so
        assertThat(rows("DisassociateAddress", "AssociationId", "eipassoc-12345678")).extracting(Row::resource)
                .containsExactly("*");
        assertThat(rows("DeleteLaunchTemplate", "LaunchTemplateName", "nope")).extracting(Row::resource)
                .containsExactly("*");
    }

    @Test
    void tagOperationsGiveTheTagsAsRequestKeys() {
        Row create = rows("CreateTags", "ResourceId.1", subnet.id(), "Tag.1.Key", "env", "Tag.1.Value", "prod",
                "Tag.2.Key", "team", "Tag.2.Value", "web").get(0);
        assertThat(create.key("aws:RequestTag/env")).isEqualTo("prod");
        assertThat(create.keys.get("aws:TagKeys")).containsExactly("env", "team");
        assertThat(create.key("ec2:SubnetID")).isEqualTo(subnet.id());
        assertThat(create.keys).doesNotContainKey("ec2:CreateAction");
        Row delete = rows("DeleteTags", "ResourceId.1", subnet.id(), "Tag.1.Key", "env").get(0);
        assertThat(delete.keys.get("aws:TagKeys")).containsExactly("env");
        assertThat(delete.keys).doesNotContainKey("aws:RequestTag/env");
    }
}
