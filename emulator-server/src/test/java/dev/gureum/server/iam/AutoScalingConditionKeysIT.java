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
 * With {@code --enforce-iam}, Auto Scaling gives its requests the condition keys AWS gives them (a group's sizes,
 * tags, launch configuration, subnets), judges tag operations on the groups they tag, and needs {@code iam:PassRole}
 * for the roles a launch configuration, a launch template or a group hands on, and {@code ec2:RunInstances} on a
 * group's launch template.
 */
class AutoScalingConditionKeysIT {

    private static final String USER = "arn:aws:iam::000000000000:user/";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String IMAGE = "ami-0abcdef1234567890";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true));

    private final IamClient rootIam = gureum.configure(IamClient.builder()).region(Region.AWS_GLOBAL).build();
    private final AutoScalingClient root = gureum.configure(AutoScalingClient.builder()).build();

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    private AutoScalingClient user(String name, String statements) {
        rootIam.createUser(r -> r.userName(name));
        rootIam.putUserPolicy(r -> r.userName(name).policyName("inline")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName(name)).accessKey();
        return gureum.configure(AutoScalingClient.builder()).credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build();
    }

    private static void assertRefused(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static String denied(String user, String action, String arn) {
        return "User: " + USER + user + " is not authorized to perform: " + action + " on resource: " + arn
                + " because no identity-based policy allows the " + action + " action";
    }

    private String profile(String role) {
        rootIam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(TRUST));
        rootIam.createInstanceProfile(r -> r.instanceProfileName(role + "-profile"));
        rootIam.addRoleToInstanceProfile(r -> r.instanceProfileName(role + "-profile").roleName(role));
        return "arn:aws:iam::000000000000:role/" + role;
    }

    @Test
    void aGroupsSizesTagsAndLaunchConfigurationAreConditionKeys() {
        root.createLaunchConfiguration(r -> r.launchConfigurationName("small").imageId(IMAGE)
                .instanceType("t3.micro"));
        root.createLaunchConfiguration(r -> r.launchConfigurationName("big").imageId(IMAGE)
                .instanceType("m5.xlarge"));
        AutoScalingClient asg = user("nia", """
                {"Effect":"Allow","Action":["autoscaling:CreateAutoScalingGroup","autoscaling:UpdateAutoScalingGroup"],
                 "Resource":"*","Condition":{"NumericLessThanEquals":{"autoscaling:MaxSize":"4"},
                 "StringEqualsIfExists":{"autoscaling:LaunchConfigurationName":"small"}}},
                {"Effect":"Deny","Action":"autoscaling:CreateAutoScalingGroup","Resource":"*",
                 "Condition":{"StringNotEquals":{"aws:RequestTag/team":"web"}}}""");
        String arn = "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:*:autoScalingGroupName/web";

        assertRefused(() -> asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web")
                        .launchConfigurationName("small").minSize(0).maxSize(10).availabilityZones("us-east-1a")
                        .tags(t -> t.key("team").value("web"))), 403, "AccessDenied",
                denied("nia", "autoscaling:CreateAutoScalingGroup", arn));
        assertRefused(() -> asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web")
                        .launchConfigurationName("big").minSize(0).maxSize(2).availabilityZones("us-east-1a")
                        .tags(t -> t.key("team").value("web"))), 403, "AccessDenied",
                denied("nia", "autoscaling:CreateAutoScalingGroup", arn));
        assertRefused(() -> asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web")
                        .launchConfigurationName("small").minSize(0).maxSize(2).availabilityZones("us-east-1a")
                        .tags(t -> t.key("team").value("data"))), 403, "AccessDenied",
                "User: " + USER + "nia is not authorized to perform: autoscaling:CreateAutoScalingGroup on "
                        + "resource: " + arn + " with an explicit deny in an identity-based policy");
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web").launchConfigurationName("small").minSize(0)
                .maxSize(2).availabilityZones("us-east-1a").tags(t -> t.key("team").value("web")));
        assertThatThrownBy(() -> asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").maxSize(8)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").maxSize(4));
        assertThat(root.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
                .maxSize()).isEqualTo(4);
    }

    @Test
    void tagOperationsActOnTheGroupsTheyTag() {
        root.createLaunchConfiguration(r -> r.launchConfigurationName("lc").imageId(IMAGE).instanceType("t3.micro"));
        for (String name : new String[]{"web", "batch"}) {
            root.createAutoScalingGroup(r -> r.autoScalingGroupName(name).launchConfigurationName("lc").minSize(0)
                    .maxSize(1).availabilityZones("us-east-1a"));
        }
        String web = root.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
                .autoScalingGroupARN();
        String batch = root.describeAutoScalingGroups(r -> r.autoScalingGroupNames("batch")).autoScalingGroups()
                .get(0).autoScalingGroupARN();
        AutoScalingClient asg = user("oto", """
                {"Effect":"Allow","Action":"autoscaling:CreateOrUpdateTags","Resource":"%s",
                 "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}}""".formatted(web));

        assertRefused(() -> asg.createOrUpdateTags(r -> r.tags(t -> t.resourceId("batch")
                        .resourceType("auto-scaling-group").key("team").value("x").propagateAtLaunch(false))), 403,
                "AccessDenied", denied("oto", "autoscaling:CreateOrUpdateTags", batch));
        assertRefused(() -> asg.createOrUpdateTags(r -> r.tags(t -> t.resourceId("web")
                        .resourceType("auto-scaling-group").key("owner").value("x").propagateAtLaunch(false))), 403,
                "AccessDenied", denied("oto", "autoscaling:CreateOrUpdateTags", web));
        asg.createOrUpdateTags(r -> r.tags(t -> t.resourceId("web").resourceType("auto-scaling-group").key("team")
                .value("blue").propagateAtLaunch(false)));
        assertThat(root.describeTags().tags()).extracting(t -> t.resourceId() + ":" + t.key())
                .containsExactly("web:team");
    }

    @Test
    void aLaunchConfigurationsInstanceProfilePassesItsRole() {
        String role = profile("app");
        AutoScalingClient denied = user("pat", """
                {"Effect":"Allow","Action":"autoscaling:*","Resource":"*"},
                {"Effect":"Allow","Action":"iam:PassRole","Resource":"*",
                 "Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}""");
        assertRefused(() -> denied.createLaunchConfiguration(r -> r.launchConfigurationName("lc").imageId(IMAGE)
                        .instanceType("t3.micro").iamInstanceProfile("app-profile")), 403, "AccessDenied",
                denied("pat", "iam:PassRole", role));
        assertThat(root.describeLaunchConfigurations().launchConfigurations()).isEmpty();
        // without a profile there is no role to pass
        denied.createLaunchConfiguration(r -> r.launchConfigurationName("plain").imageId(IMAGE)
                .instanceType("t3.micro"));

        AutoScalingClient allowed = user("quin", """
                {"Effect":"Allow","Action":"autoscaling:*","Resource":"*"},
                {"Effect":"Allow","Action":"iam:PassRole","Resource":"%s",
                 "Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}""".formatted(role));
        allowed.createLaunchConfiguration(r -> r.launchConfigurationName("lc").imageId(IMAGE)
                .instanceType("t3.micro").iamInstanceProfile("app-profile"));
        // a service-linked role of the group's own is passed to Auto Scaling
        String linked = rootIam.createServiceLinkedRole(r -> r.awsServiceName("autoscaling.amazonaws.com")
                .customSuffix("web")).role().arn();
        assertRefused(() -> allowed.createAutoScalingGroup(r -> r.autoScalingGroupName("web")
                        .launchConfigurationName("lc").minSize(0).maxSize(1).availabilityZones("us-east-1a")
                        .serviceLinkedRoleARN(linked)), 403, "AccessDenied",
                denied("quin", "iam:PassRole", linked));
    }

    @Test
    void aGroupsLaunchTemplateNeedsRunInstancesAndItsProfilesRole() {
        String role = profile("web");
        Ec2Client ec2 = gureum.configure(Ec2Client.builder()).build();
        ec2.createLaunchTemplate(r -> r.launchTemplateName("web-lt").launchTemplateData(d -> d.imageId(IMAGE)
                .instanceType("t3.small").iamInstanceProfile(p -> p.name("web-profile"))));
        AutoScalingClient noRun = user("ria", """
                {"Effect":"Allow","Action":"autoscaling:*","Resource":"*"},
                {"Effect":"Allow","Action":"iam:PassRole","Resource":"%s"}""".formatted(role));
        AutoScalingClient noPass = user("sol", """
                {"Effect":"Allow","Action":["autoscaling:*","ec2:RunInstances"],"Resource":"*"}""");
        AutoScalingClient both = user("tao", """
                {"Effect":"Allow","Action":"autoscaling:CreateAutoScalingGroup","Resource":"*",
                 "Condition":{"ForAllValues:StringEquals":{"autoscaling:InstanceTypes":["t3.small","t3.micro"]}}},
                {"Effect":"Allow","Action":["ec2:RunInstances","iam:PassRole"],"Resource":"*"}""");

        for (AutoScalingClient c : new AutoScalingClient[]{noRun, noPass}) {
            assertRefused(() -> c.createAutoScalingGroup(r -> r.autoScalingGroupName("web")
                            .launchTemplate(t -> t.launchTemplateName("web-lt")).minSize(0).maxSize(1)
                            .availabilityZones("us-east-1a")), 400, "ValidationError",
                    "You are not authorized to use launch template: web-lt");
        }
        assertThat(root.describeAutoScalingGroups().autoScalingGroups()).isEmpty();
        both.createAutoScalingGroup(r -> r.autoScalingGroupName("web")
                .launchTemplate(t -> t.launchTemplateName("web-lt")).minSize(0).maxSize(1)
                .availabilityZones("us-east-1a"));
        // the template's instance type, and the overrides', are autoscaling:InstanceTypes
        assertThatThrownBy(() -> both.createAutoScalingGroup(r -> r.autoScalingGroupName("mixed")
                .mixedInstancesPolicy(m -> m.launchTemplate(t -> t.launchTemplateSpecification(
                                s -> s.launchTemplateName("web-lt"))
                        .overrides(o -> o.instanceType("m5.large"))))
                .minSize(0).maxSize(1).availabilityZones("us-east-1a")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }
}
