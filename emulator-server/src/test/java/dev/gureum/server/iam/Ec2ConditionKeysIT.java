package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.VolumeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code --enforce-iam}, EC2 gives each resource a request acts on the condition keys AWS gives it: the instance
 * {@code RunInstances} makes its type, the image its owner, each volume its size; an existing volume its type, a
 * security group its VPC; every request its region. Tagging on creation needs {@code ec2:CreateTags} with
 * {@code ec2:CreateAction}, and resources named by a name or an association id are judged on their ARNs.
 */
class Ec2ConditionKeysIT {

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

    private StaticCredentialsProvider credentials(String name, String statements) {
        rootIam.createUser(r -> r.userName(name));
        rootIam.putUserPolicy(r -> r.userName(name).policyName("inline")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName(name)).accessKey();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    private Ec2Client user(String name, String statements) {
        return gureum.configure(Ec2Client.builder()).credentialsProvider(credentials(name, statements)).build();
    }

    private static void assertUnauthorized(Runnable call, String user, String action, String arn) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("You are not authorized to perform this "
                    + "operation. User: " + USER + user + " is not authorized to perform: " + action
                    + " on resource: " + arn + " because no identity-based policy allows the " + action + " action");
        });
    }

    private String amazonImage() {
        return rootEc2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
    }

    private static Consumer<RunInstancesRequest.Builder> launch(String image, String type) {
        return r -> r.imageId(image).instanceType(type).minCount(1).maxCount(1);
    }

    @Test
    void runInstancesJudgesEachResourceWithItsOwnKeys() {
        String image = amazonImage();
        Ec2Client ec2 = user("ivy", """
                {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"%sinstance/*",
                 "Condition":{"StringEquals":{"ec2:InstanceType":["t3.micro","t3.small"]}}},
                {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"arn:aws:ec2:us-east-1::image/*",
                 "Condition":{"StringEquals":{"ec2:Owner":"amazon"}}},
                {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"%svolume/*",
                 "Condition":{"NumericLessThanEquals":{"ec2:VolumeSize":"50"}}},
                {"Effect":"Allow","Action":"ec2:RunInstances",
                 "Resource":["%ssubnet/*","%snetwork-interface/*","%ssecurity-group/*"]}""".formatted(EC2, EC2, EC2,
                EC2, EC2));

        assertUnauthorized(() -> ec2.runInstances(launch(image, "m5.large")), "ivy", "ec2:RunInstances",
                EC2 + "instance/*");
        assertUnauthorized(() -> ec2.runInstances(launch(image, "t3.micro").andThen(r -> r.blockDeviceMappings(
                        m -> m.deviceName("/dev/sdf").ebs(v -> v.volumeSize(100).volumeType(VolumeType.GP3))))),
                "ivy", "ec2:RunInstances", EC2 + "volume/*");
        assertThat(ec2.runInstances(launch(image, "t3.small").andThen(r -> r.blockDeviceMappings(
                m -> m.deviceName("/dev/sdf").ebs(v -> v.volumeSize(20))))).instances()).hasSize(1);
        // a DryRun says the same
        assertThatThrownBy(() -> ec2.runInstances(launch(image, "t3.micro").andThen(r -> r.dryRun(true))))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation"));

        // an image of the account's own is not Amazon's
        String own = rootEc2.registerImage(r -> r.name("my-own-image").architecture("x86_64")).imageId();
        assertUnauthorized(() -> ec2.runInstances(launch(own, "t3.micro")), "ivy", "ec2:RunInstances",
                "arn:aws:ec2:us-east-1::image/" + own);
    }

    @Test
    void taggingOnCreationNeedsCreateTagsForThatCreateAction() {
        String image = amazonImage();
        Ec2Client ec2 = user("jon", """
                {"Effect":"Allow","Action":["ec2:RunInstances","ec2:CreateVolume"],"Resource":"*"},
                {"Effect":"Allow","Action":"ec2:CreateTags","Resource":"%sinstance/*",
                 "Condition":{"StringEquals":{"ec2:CreateAction":"RunInstances","aws:RequestTag/env":"dev"}}}"""
                .formatted(EC2));
        Consumer<RunInstancesRequest.Builder> tagged = launch(image, "t3.micro").andThen(r -> r.tagSpecifications(
                s -> s.resourceType(ResourceType.INSTANCE).tags(t -> t.key("env").value("prod"))));
        assertUnauthorized(() -> ec2.runInstances(tagged), "jon", "ec2:CreateTags", EC2 + "instance/*");
        assertThat(rootEc2.describeInstances().reservations()).isEmpty();

        String id = ec2.runInstances(launch(image, "t3.micro").andThen(r -> r.tagSpecifications(
                        s -> s.resourceType(ResourceType.INSTANCE).tags(t -> t.key("env").value("dev")))))
                .instances().get(0).instanceId();
        assertThat(rootEc2.describeTags(r -> r.filters(f -> f.name("resource-id").values(id))).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("env=dev");
        // tagging afterwards is no create action
        assertUnauthorized(() -> ec2.createTags(r -> r.resources(id).tags(t -> t.key("env").value("dev"))), "jon",
                "ec2:CreateTags", EC2 + "instance/" + id);
        // a volume tagged as it is made needs its own CreateTags
        assertUnauthorized(() -> ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(1).tagSpecifications(
                        s -> s.resourceType(ResourceType.VOLUME).tags(t -> t.key("env").value("dev")))), "jon",
                "ec2:CreateTags", EC2 + "volume/*");
        assertThat(ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(1)).volumeId()).startsWith("vol-");
    }

    @Test
    void existingResourcesHaveTheKeysOfTheirType() {
        String gp3 = rootEc2.createVolume(r -> r.availabilityZone("us-east-1a").size(1).volumeType(VolumeType.GP3))
                .volumeId();
        String io1 = rootEc2.createVolume(r -> r.availabilityZone("us-east-1a").size(4).volumeType(VolumeType.IO1)
                .iops(100)).volumeId();
        String defaultVpc = rootEc2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs()
                .get(0).vpcId();
        String otherVpc = rootEc2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        String inDefault = rootEc2.createSecurityGroup(r -> r.groupName("a").description("a")).groupId();
        String inOther = rootEc2.createSecurityGroup(r -> r.groupName("b").description("b").vpcId(otherVpc))
                .groupId();
        Ec2Client ec2 = user("kai", """
                {"Effect":"Allow","Action":"ec2:DeleteVolume","Resource":"*",
                 "Condition":{"StringEquals":{"ec2:VolumeType":"gp3"}}},
                {"Effect":"Allow","Action":"ec2:DeleteSecurityGroup","Resource":"*",
                 "Condition":{"ArnEquals":{"ec2:Vpc":"%svpc/%s"}}}""".formatted(EC2, defaultVpc));

        assertUnauthorized(() -> ec2.deleteVolume(r -> r.volumeId(io1)), "kai", "ec2:DeleteVolume",
                EC2 + "volume/" + io1);
        ec2.deleteVolume(r -> r.volumeId(gp3));
        assertUnauthorized(() -> ec2.deleteSecurityGroup(r -> r.groupId(inOther)), "kai", "ec2:DeleteSecurityGroup",
                EC2 + "security-group/" + inOther);
        // named by its name, a group is judged on its own ARN
        ec2.deleteSecurityGroup(r -> r.groupName("a"));
        assertThat(rootEc2.describeSecurityGroups().securityGroups()).extracting(g -> g.groupId())
                .doesNotContain(inDefault).contains(inOther);
    }

    @Test
    void namesAndAssociationIdsAreJudgedOnTheResourcesArns() {
        String allowed = rootEc2.createSecurityGroup(r -> r.groupName("web").description("web")).groupId();
        String other = rootEc2.createSecurityGroup(r -> r.groupName("db").description("db")).groupId();
        String instance = rootEc2.runInstances(launch(amazonImage(), "t3.micro")).instances().get(0).instanceId();
        String allocation = rootEc2.allocateAddress().allocationId();
        String association = rootEc2.associateAddress(r -> r.allocationId(allocation).instanceId(instance))
                .associationId();
        Ec2Client ec2 = user("lee", """
                {"Effect":"Allow","Action":"ec2:AuthorizeSecurityGroupIngress","Resource":"%ssecurity-group/%s"},
                {"Effect":"Allow","Action":"ec2:DisassociateAddress","Resource":"%selastic-ip/%s"}"""
                .formatted(EC2, allowed, EC2, allocation));

        assertUnauthorized(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupName("db").ipProtocol("tcp")
                        .fromPort(5432).toPort(5432).cidrIp("10.0.0.0/8")), "lee",
                "ec2:AuthorizeSecurityGroupIngress", EC2 + "security-group/" + other);
        ec2.authorizeSecurityGroupIngress(r -> r.groupName("web").ipProtocol("tcp").fromPort(443).toPort(443)
                .cidrIp("0.0.0.0/0"));
        // the association's instance is judged too
        assertUnauthorized(() -> ec2.disassociateAddress(r -> r.associationId(association)), "lee",
                "ec2:DisassociateAddress", EC2 + "instance/" + instance);
        rootIam.putUserPolicy(r -> r.userName("lee").policyName("more").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DisassociateAddress",
                 "Resource":["%sinstance/%s","%snetwork-interface/*"]}]}""".formatted(EC2, instance, EC2)));
        ec2.disassociateAddress(r -> r.associationId(association));
        assertThat(rootEc2.describeAddresses().addresses().get(0).associationId()).isNull();
    }

    @Test
    void everyRequestHasItsRegion() {
        StaticCredentialsProvider max = credentials("max", """
                {"Effect":"Allow","Action":"ec2:*","Resource":"*"},
                {"Effect":"Deny","Action":"ec2:*","Resource":"*",
                 "Condition":{"StringNotEquals":{"ec2:Region":"us-east-1"}}}""");
        Ec2Client ec2 = gureum.configure(Ec2Client.builder()).credentialsProvider(max).build();
        assertThat(ec2.describeVpcs().vpcs()).isNotEmpty();
        Ec2Client west = gureum.configure(Ec2Client.builder()).region(Region.EU_WEST_1).credentialsProvider(max)
                .build();
        assertThatThrownBy(west::describeVpcs).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("You are not authorized to perform this "
                    + "operation. User: " + USER + "max is not authorized to perform: ec2:DescribeVpcs with an "
                    + "explicit deny in an identity-based policy");
        });
    }
}
