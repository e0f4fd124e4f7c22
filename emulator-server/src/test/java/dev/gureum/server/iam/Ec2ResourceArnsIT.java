package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code --enforce-iam}, EC2 and Auto Scaling requests are judged on the ARNs of the resources they act on, as
 * the Service Authorization Reference lists them, so a policy naming one volume, security group or group allows
 * that one only, and {@code RunInstances} needs every resource it launches with.
 */
class Ec2ResourceArnsIT {

    private static final String USER = "arn:aws:iam::000000000000:user/";
    private static final String EC2 = "arn:aws:ec2:us-east-1:000000000000:";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true));

    private final IamClient rootIam = gureum.configure(IamClient.builder()).region(Region.AWS_GLOBAL).build();
    private final Ec2Client rootEc2 = gureum.configure(Ec2Client.builder()).build();

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    private StaticCredentialsProvider user(String name, String policy) {
        rootIam.createUser(r -> r.userName(name));
        rootIam.putUserPolicy(r -> r.userName(name).policyName("inline").policyDocument(policy));
        AccessKey key = rootIam.createAccessKey(r -> r.userName(name)).accessKey();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    private static String allow(String actions, String resources) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":%s,"Resource":%s}]}"""
                .formatted(actions, resources);
    }

    private static void assertDenied(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static String unauthorized(String user, String action, String arn) {
        return "You are not authorized to perform this operation. User: " + USER + user + " is not authorized to "
                + "perform: " + action + " on resource: " + arn + " because no identity-based policy allows the "
                + action + " action";
    }

    @Test
    void aPolicyOnOneVolumeAndOneSecurityGroupAllowsThoseOnly() {
        String mine = rootEc2.createVolume(r -> r.availabilityZone("us-east-1a").size(1)).volumeId();
        String other = rootEc2.createVolume(r -> r.availabilityZone("us-east-1a").size(1)).volumeId();
        String web = rootEc2.createSecurityGroup(r -> r.groupName("web").description("web")).groupId();
        String db = rootEc2.createSecurityGroup(r -> r.groupName("db").description("db")).groupId();
        Ec2Client ec2 = gureum.configure(Ec2Client.builder()).credentialsProvider(user("vera", allow(
                "[\"ec2:DeleteVolume\",\"ec2:AuthorizeSecurityGroupIngress\"]",
                "[\"" + EC2 + "volume/" + mine + "\",\"" + EC2 + "security-group/" + web + "\"]"))).build();

        assertDenied(() -> ec2.deleteVolume(r -> r.volumeId(other)), 403, "UnauthorizedOperation",
                unauthorized("vera", "ec2:DeleteVolume", EC2 + "volume/" + other));
        ec2.deleteVolume(r -> r.volumeId(mine));

        assertDenied(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(db).ipProtocol("tcp").fromPort(5432)
                        .toPort(5432).cidrIp("10.0.0.0/8")), 403, "UnauthorizedOperation",
                unauthorized("vera", "ec2:AuthorizeSecurityGroupIngress", EC2 + "security-group/" + db));
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipProtocol("tcp").fromPort(443).toPort(443)
                .cidrIp("0.0.0.0/0"));
        assertThat(rootEc2.describeSecurityGroups(r -> r.groupIds(web)).securityGroups().get(0).ipPermissions())
                .hasSize(1);
    }

    @Test
    void resourceTagConditionsJudgeTheVolumeActedOn() {
        String blue = rootEc2.createVolume(r -> r.availabilityZone("us-east-1a").size(1)).volumeId();
        String red = rootEc2.createVolume(r -> r.availabilityZone("us-east-1a").size(1)).volumeId();
        rootEc2.createTags(r -> r.resources(blue).tags(t -> t.key("team").value("blue")));
        rootEc2.createTags(r -> r.resources(red).tags(t -> t.key("team").value("red")));
        String condition = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DeleteVolume","Resource":"*",
                 "Condition":{"StringEquals":{"%s":"%s"}}}]}""";
        Ec2Client yuri = gureum.configure(Ec2Client.builder()).credentialsProvider(user("yuri",
                condition.formatted("ec2:ResourceTag/team", "blue"))).build();
        Ec2Client zoe = gureum.configure(Ec2Client.builder()).credentialsProvider(user("zoe",
                condition.formatted("aws:ResourceTag/team", "red"))).build();

        assertDenied(() -> yuri.deleteVolume(r -> r.volumeId(red)), 403, "UnauthorizedOperation",
                unauthorized("yuri", "ec2:DeleteVolume", EC2 + "volume/" + red));
        assertDenied(() -> zoe.deleteVolume(r -> r.volumeId(blue)), 403, "UnauthorizedOperation",
                unauthorized("zoe", "ec2:DeleteVolume", EC2 + "volume/" + blue));
        yuri.deleteVolume(r -> r.volumeId(blue));
        zoe.deleteVolume(r -> r.volumeId(red));
    }

    @Test
    void runInstancesNeedsEveryResourceTypeItLaunchesWith() {
        String launch = "\"" + EC2 + "instance/*\",\"arn:aws:ec2:us-east-1::image/*\",\"" + EC2 + "subnet/*\",\""
                + EC2 + "network-interface/*\",\"" + EC2 + "volume/*\"";
        Ec2Client ec2 = gureum.configure(Ec2Client.builder()).credentialsProvider(user("walt", allow(
                "\"ec2:RunInstances\"", "[" + launch + "]"))).build();
        assertDenied(() -> ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").minCount(1).maxCount(1)), 403,
                "UnauthorizedOperation", unauthorized("walt", "ec2:RunInstances", EC2 + "security-group/*"));

        rootIam.putUserPolicy(r -> r.userName("walt").policyName("inline").policyDocument(allow(
                "\"ec2:RunInstances\"", "[" + launch + ",\"" + EC2 + "security-group/*\"]")));
        assertDenied(() -> ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").keyName("deploy").minCount(1)
                        .maxCount(1)), 403, "UnauthorizedOperation",
                unauthorized("walt", "ec2:RunInstances", EC2 + "key-pair/deploy"));
        assertThat(ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").minCount(1).maxCount(1)).instances())
                .hasSize(1);
    }

    @Test
    void anAutoScalingPolicyOnOneGroupsArnAllowsThatGroupOnly() {
        AutoScalingClient root = gureum.configure(AutoScalingClient.builder()).build();
        root.createLaunchConfiguration(r -> r.launchConfigurationName("lc").imageId("ami-0abcdef1234567890")
                .instanceType("t3.micro"));
        for (String name : new String[]{"web", "batch"}) {
            root.createAutoScalingGroup(r -> r.autoScalingGroupName(name).launchConfigurationName("lc").minSize(0)
                    .maxSize(2).desiredCapacity(0).availabilityZones("us-east-1a"));
        }
        String web = root.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
                .autoScalingGroupARN();
        String batch = root.describeAutoScalingGroups(r -> r.autoScalingGroupNames("batch")).autoScalingGroups()
                .get(0).autoScalingGroupARN();
        AutoScalingClient asg = gureum.configure(AutoScalingClient.builder()).credentialsProvider(user("xena", allow(
                "\"autoscaling:UpdateAutoScalingGroup\"", "\"" + web + "\""))).build();

        assertDenied(() -> asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("batch").maxSize(3)), 403,
                "AccessDenied", "User: " + USER + "xena is not authorized to perform: "
                        + "autoscaling:UpdateAutoScalingGroup on resource: " + batch + " because no identity-based "
                        + "policy allows the autoscaling:UpdateAutoScalingGroup action");
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").maxSize(3));
        assertThat(root.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
                .maxSize()).isEqualTo(3);
    }

    @Test
    void aGroupsTagsAreItsResourceTagKeys() {
        AutoScalingClient root = gureum.configure(AutoScalingClient.builder()).build();
        root.createLaunchConfiguration(r -> r.launchConfigurationName("lc").imageId("ami-0abcdef1234567890")
                .instanceType("t3.micro"));
        for (String team : new String[]{"blue", "red"}) {
            root.createAutoScalingGroup(r -> r.autoScalingGroupName(team).launchConfigurationName("lc").minSize(0)
                    .maxSize(2).desiredCapacity(0).availabilityZones("us-east-1a")
                    .tags(t -> t.key("team").value(team).propagateAtLaunch(false)));
        }
        AutoScalingClient asg = gureum.configure(AutoScalingClient.builder()).credentialsProvider(user("ada", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"autoscaling:SetDesiredCapacity",
                 "Resource":"*","Condition":{"StringEquals":{"autoscaling:ResourceTag/team":"blue"}}}]}""")).build();
        assertThatThrownBy(() -> asg.setDesiredCapacity(r -> r.autoScalingGroupName("red").desiredCapacity(0)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("blue").desiredCapacity(0));
    }
}
