package dev.gureum.ec2;

import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Launch templates, their versions, and instances launched from them with overrides. */
class LaunchTemplatesIT {

    private static final String AMI = InstancesIT.PASTED_AMI;

    private final Ec2Harness harness = new Ec2Harness(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5)));
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private LaunchTemplate create(String name, RequestLaunchTemplateData data) {
        return ec2.createLaunchTemplate(r -> r.launchTemplateName(name).versionDescription("first")
                .launchTemplateData(data)).launchTemplate();
    }

    private static Map<String, String> tags(Instance i) {
        return i.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void everyFieldOfTheDataIsReturnedAsGiven() {
        String sg = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values("default").build()))
                .securityGroups().get(0).groupId();
        RequestLaunchTemplateData data = RequestLaunchTemplateData.builder()
                .imageId(AMI).instanceType("t3.micro").ebsOptimized(true)
                .iamInstanceProfile(p -> p.name("web-role"))
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.volumeSize(20).volumeType("gp3")
                        .deleteOnTermination(true).iops(3000)))
                .networkInterfaces(n -> n.deviceIndex(0).associatePublicIpAddress(true).groups(sg)
                        .privateIpAddresses(a -> a.primary(true).privateIpAddress("172.31.0.10")))
                .monitoring(m -> m.enabled(true))
                .placement(p -> p.availabilityZone("us-east-1a").tenancy("default"))
                .userData(base64("#!/bin/sh\necho hi\n"))
                .tagSpecifications(LaunchTemplateTagSpecificationRequest.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value("web").build()).build())
                .metadataOptions(m -> m.httpTokens("required").httpPutResponseHopLimit(2).httpEndpoint("enabled"))
                .creditSpecification(c -> c.cpuCredits("unlimited"))
                .cpuOptions(c -> c.coreCount(1).threadsPerCore(2))
                .instanceRequirements(q -> q.vCpuCount(v -> v.min(2).max(4)).memoryMiB(m -> m.min(1024)))
                .disableApiTermination(false).instanceInitiatedShutdownBehavior("terminate")
                .build();
        LaunchTemplate t = create("web-template", data);
        assertThat(t.launchTemplateId()).matches("lt-[0-9a-f]{17}");
        assertThat(t.defaultVersionNumber()).isEqualTo(1L);
        assertThat(t.latestVersionNumber()).isEqualTo(1L);
        assertThat(t.createdBy()).isEqualTo("arn:aws:iam::000000000000:root");

        LaunchTemplateVersion v = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(t.launchTemplateId()))
                .launchTemplateVersions().get(0);
        assertThat(v.versionNumber()).isEqualTo(1L);
        assertThat(v.versionDescription()).isEqualTo("first");
        assertThat(v.defaultVersion()).isTrue();
        ResponseLaunchTemplateData d = v.launchTemplateData();
        assertThat(d.imageId()).isEqualTo(AMI);
        assertThat(d.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(d.ebsOptimized()).isTrue();
        assertThat(d.iamInstanceProfile().name()).isEqualTo("web-role");
        assertThat(d.blockDeviceMappings().get(0).deviceName()).isEqualTo("/dev/xvda");
        assertThat(d.blockDeviceMappings().get(0).ebs().volumeSize()).isEqualTo(20);
        assertThat(d.blockDeviceMappings().get(0).ebs().volumeTypeAsString()).isEqualTo("gp3");
        assertThat(d.blockDeviceMappings().get(0).ebs().iops()).isEqualTo(3000);
        assertThat(d.networkInterfaces().get(0).deviceIndex()).isZero();
        assertThat(d.networkInterfaces().get(0).associatePublicIpAddress()).isTrue();
        assertThat(d.networkInterfaces().get(0).groups()).containsExactly(sg);
        assertThat(d.networkInterfaces().get(0).privateIpAddresses().get(0).privateIpAddress()).isEqualTo("172.31.0.10");
        assertThat(d.monitoring().enabled()).isTrue();
        assertThat(d.placement().availabilityZone()).isEqualTo("us-east-1a");
        assertThat(d.userData()).isEqualTo(base64("#!/bin/sh\necho hi\n"));
        assertThat(d.tagSpecifications().get(0).resourceTypeAsString()).isEqualTo("instance");
        assertThat(d.tagSpecifications().get(0).tags()).containsExactly(Tag.builder().key("Name").value("web").build());
        assertThat(d.metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(d.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
        assertThat(d.creditSpecification().cpuCredits()).isEqualTo("unlimited");
        assertThat(d.cpuOptions().coreCount()).isEqualTo(1);
        assertThat(d.instanceRequirements().vCpuCount().min()).isEqualTo(2);
        assertThat(d.instanceRequirements().vCpuCount().max()).isEqualTo(4);
        assertThat(d.instanceRequirements().memoryMiB().min()).isEqualTo(1024);
        assertThat(d.disableApiTermination()).isFalse();
        assertThat(d.instanceInitiatedShutdownBehaviorAsString()).isEqualTo("terminate");
    }

    @Test
    void versionsInheritTheirSourceAndTheDefaultMoves() {
        LaunchTemplate t = create("app", RequestLaunchTemplateData.builder().imageId(AMI).instanceType("t3.micro")
                .keyName(null).monitoring(m -> m.enabled(true)).build());
        String id = t.launchTemplateId();
        LaunchTemplateVersion v2 = ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(id).sourceVersion("1")
                .versionDescription("bigger").launchTemplateData(d -> d.instanceType("t3.large"))).launchTemplateVersion();
        assertThat(v2.versionNumber()).isEqualTo(2L);
        assertThat(v2.defaultVersion()).isFalse();
        assertThat(v2.launchTemplateData().imageId()).isEqualTo(AMI);
        assertThat(v2.launchTemplateData().instanceTypeAsString()).isEqualTo("t3.large");
        assertThat(v2.launchTemplateData().monitoring().enabled()).isTrue();
        LaunchTemplateVersion v3 = ec2.createLaunchTemplateVersion(r -> r.launchTemplateName("app")
                .launchTemplateData(d -> d.instanceType("m5.large"))).launchTemplateVersion();
        assertThat(v3.versionNumber()).isEqualTo(3L);
        assertThat(v3.launchTemplateData().imageId()).isNull();

        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id).versions("$Latest", "$Default"))
                .launchTemplateVersions()).extracting(LaunchTemplateVersion::versionNumber).containsExactly(3L, 1L);
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id).minVersion("2").maxVersion("3"))
                .launchTemplateVersions()).extracting(LaunchTemplateVersion::versionNumber).containsExactly(3L, 2L);
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id)
                .filters(Filter.builder().name("instance-type").values("t3.large").build()))
                .launchTemplateVersions()).extracting(LaunchTemplateVersion::versionNumber).containsExactly(2L);
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id).maxResults(2))
                .nextToken()).isNotNull();

        LaunchTemplate modified = ec2.modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion("2")).launchTemplate();
        assertThat(modified.defaultVersionNumber()).isEqualTo(2L);
        assertThat(modified.latestVersionNumber()).isEqualTo(3L);
        assertThatThrownBy(() -> ec2.modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion("9")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateId.VersionNotFound"));

        DeleteLaunchTemplateVersionsResponse deleted = ec2.deleteLaunchTemplateVersions(r -> r.launchTemplateId(id)
                .versions("1", "2", "7"));
        assertThat(deleted.successfullyDeletedLaunchTemplateVersions()).extracting(x -> x.versionNumber())
                .containsExactly(1L);
        assertThat(deleted.unsuccessfullyDeletedLaunchTemplateVersions()).extracting(x -> x.versionNumber())
                .containsExactly(2L, 7L);
        assertThat(deleted.unsuccessfullyDeletedLaunchTemplateVersions().get(1).responseError().codeAsString())
                .isEqualTo("launchTemplateVersionDoesNotExist");
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id)).launchTemplateVersions())
                .extracting(LaunchTemplateVersion::versionNumber).containsExactly(3L, 2L);
        assertThatThrownBy(() -> ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id).versions("1")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateId.VersionNotFound"));
    }

    @Test
    void describeFindsByIdNameAndFilterAndAnswersAwsErrors() {
        CreateLaunchTemplateResponse a = ec2.createLaunchTemplate(r -> r.launchTemplateName("alpha")
                .launchTemplateData(d -> d.imageId(AMI))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.LAUNCH_TEMPLATE)
                        .tags(Tag.builder().key("team").value("blue").build()).build()));
        create("beta", RequestLaunchTemplateData.builder().imageId(AMI).build());
        create("gamma", RequestLaunchTemplateData.builder().imageId(AMI).build());
        assertThat(a.launchTemplate().tags()).containsExactly(Tag.builder().key("team").value("blue").build());
        ec2.createTags(r -> r.resources(a.launchTemplate().launchTemplateId()).tags(t -> t.key("env").value("dev")));
        assertThat(ec2.describeTags(r -> r.filters(Filter.builder().name("resource-type").values("launch-template")
                .build())).tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=blue", "env=dev");
        ec2.deleteTags(r -> r.resources(a.launchTemplate().launchTemplateId()).tags(t -> t.key("env")));
        // an id of a kind EC2 knows but of no resource: that kind's NotFound
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("lt-0123456789abcdef0").tags(t -> t.key("k").value("v"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateId.NotFound"));
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("vol-0123456789abcdef0").tags(t -> t.key("k").value("v"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVolume.NotFound"));
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("snap-0123456789abcdef0").tags(t -> t.key("k").value("v"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSnapshot.NotFound"));

        assertThat(ec2.describeLaunchTemplates(r -> r.launchTemplateIds(a.launchTemplate().launchTemplateId()))
                .launchTemplates()).extracting(LaunchTemplate::launchTemplateName).containsExactly("alpha");
        assertThat(ec2.describeLaunchTemplates(r -> r.launchTemplateNames("beta", "gamma"))
                .launchTemplates()).extracting(LaunchTemplate::launchTemplateName).containsExactly("beta", "gamma");
        assertThat(ec2.describeLaunchTemplates(r -> r.filters(Filter.builder().name("tag:team").values("blue").build()))
                .launchTemplates()).extracting(LaunchTemplate::launchTemplateName).containsExactly("alpha");
        assertThat(ec2.describeLaunchTemplates(r -> r.filters(Filter.builder().name("launch-template-name")
                .values("*a").build())).launchTemplates()).hasSize(3);
        var first = ec2.describeLaunchTemplates(r -> r.maxResults(2));
        assertThat(first.launchTemplates()).hasSize(2);
        assertThat(ec2.describeLaunchTemplates(r -> r.maxResults(2).nextToken(first.nextToken())).launchTemplates())
                .extracting(LaunchTemplate::launchTemplateName).containsExactly("gamma");

        assertThatThrownBy(() -> create("alpha", RequestLaunchTemplateData.builder().imageId(AMI).build()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateName.AlreadyExistsException"));
        assertThatThrownBy(() -> create("a b", RequestLaunchTemplateData.builder().imageId(AMI).build()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateName.MalformedException"));
        assertThatThrownBy(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateIds("lt-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateId.NotFound"));
        assertThatThrownBy(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateNames("nope")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateName.NotFoundException"));
        assertThatThrownBy(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateIds("lt-xyz")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateId.Malformed"));

        LaunchTemplate gone = ec2.deleteLaunchTemplate(r -> r.launchTemplateName("beta")).launchTemplate();
        assertThat(gone.launchTemplateName()).isEqualTo("beta");
        assertThat(ec2.describeLaunchTemplates(r -> r.maxResults(5)).launchTemplates())
                .extracting(LaunchTemplate::launchTemplateName).containsExactly("alpha", "gamma");
        assertThatThrownBy(() -> ec2.deleteLaunchTemplate(r -> r.launchTemplateName("beta")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateName.NotFoundException"));
    }

    @Test
    void runInstancesFromATemplateTakesTheCallsOverrides() {
        String subnet = ec2.describeSubnets(r -> r.filters(Filter.builder().name("availability-zone")
                .values("us-east-1b").build())).subnets().get(0).subnetId();
        LaunchTemplate t = create("web", RequestLaunchTemplateData.builder().imageId(AMI).instanceType("t3.micro")
                .monitoring(m -> m.enabled(true))
                .iamInstanceProfile(p -> p.name("web-role"))
                .metadataOptions(m -> m.httpTokens("required"))
                .tagSpecifications(LaunchTemplateTagSpecificationRequest.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value("from-template").build()).build())
                .build());
        ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(t.launchTemplateId()).sourceVersion("1")
                .launchTemplateData(d -> d.instanceType("t3.small")));

        Instance byDefault = ec2.runInstances(r -> r.minCount(1).maxCount(1)
                .launchTemplate(l -> l.launchTemplateName("web"))).instances().get(0);
        assertThat(byDefault.imageId()).isEqualTo(AMI);
        assertThat(byDefault.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(byDefault.monitoring().stateAsString()).isEqualTo("enabled");
        assertThat(byDefault.iamInstanceProfile().arn()).isEqualTo("arn:aws:iam::000000000000:instance-profile/web-role");
        assertThat(byDefault.metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(tags(byDefault)).containsEntry("Name", "from-template")
                .containsEntry("aws:ec2launchtemplate:id", t.launchTemplateId())
                .containsEntry("aws:ec2launchtemplate:version", "1");

        Instance latest = ec2.runInstances(r -> r.minCount(1).maxCount(1).subnetId(subnet)
                .launchTemplate(l -> l.launchTemplateId(t.launchTemplateId()).version("$Latest"))).instances().get(0);
        assertThat(latest.instanceTypeAsString()).isEqualTo("t3.small");
        assertThat(latest.subnetId()).isEqualTo(subnet);
        assertThat(tags(latest)).containsEntry("aws:ec2launchtemplate:version", "2");

        Instance overridden = ec2.runInstances(r -> r.minCount(1).maxCount(1).instanceType("t3.medium")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value("from-call").build()).build())
                .launchTemplate(l -> l.launchTemplateId(t.launchTemplateId()).version("1"))).instances().get(0);
        assertThat(overridden.instanceTypeAsString()).isEqualTo("t3.medium");
        assertThat(tags(overridden)).containsEntry("Name", "from-call");

        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:aws:ec2launchtemplate:id")
                .values(t.launchTemplateId()).build())).reservations()).hasSize(3);
        assertThatThrownBy(() -> ec2.runInstances(r -> r.minCount(1).maxCount(1)
                .launchTemplate(l -> l.launchTemplateId(t.launchTemplateId()).version("5"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateId.VersionNotFound"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.minCount(1).maxCount(1)
                .launchTemplate(l -> l.launchTemplateName("missing"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateName.NotFoundException"));
    }

    @Test
    void getLaunchTemplateDataDescribesAnInstance() {
        Instance i = ec2.runInstances(r -> r.imageId(AMI).instanceType("t3.micro").minCount(1).maxCount(1)
                .userData(base64("hello"))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value("solo").build()).build())).instances().get(0);
        ResponseLaunchTemplateData d = ec2.getLaunchTemplateData(r -> r.instanceId(i.instanceId())).launchTemplateData();
        assertThat(d.imageId()).isEqualTo(AMI);
        assertThat(d.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(d.userData()).isEqualTo(base64("hello"));
        assertThat(d.placement().availabilityZone()).isEqualTo(i.placement().availabilityZone());
        assertThat(d.networkInterfaces().get(0).subnetId()).isEqualTo(i.subnetId());
        assertThat(d.networkInterfaces().get(0).groups()).containsExactly(i.securityGroups().get(0).groupId());
        assertThat(d.tagSpecifications().get(0).tags()).containsExactly(Tag.builder().key("Name").value("solo").build());
        assertThat(d.metadataOptions().httpTokensAsString()).isEqualTo("optional");

        // a template made from it launches an instance like it
        LaunchTemplate t = ec2.createLaunchTemplate(r -> r.launchTemplateName("copy").launchTemplateData(
                RequestLaunchTemplateData.builder().imageId(d.imageId()).instanceType(d.instanceType())
                        .userData(d.userData()).build())).launchTemplate();
        Instance copy = ec2.runInstances(r -> r.minCount(1).maxCount(1)
                .launchTemplate(l -> l.launchTemplateId(t.launchTemplateId()))).instances().get(0);
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(copy.instanceId()).attribute("userData"))
                .userData().value()).isEqualTo(base64("hello"));
        assertThat(List.of(copy.instanceTypeAsString())).containsExactly("t3.micro");
    }

    @Test
    void autoScalingLaunchesFromATemplateWithItsOverrides() {
        String subnet = ec2.describeSubnets(r -> r.filters(Filter.builder().name("availability-zone")
                .values("us-east-1c").build())).subnets().get(0).subnetId();
        LaunchTemplate t = create("asg", RequestLaunchTemplateData.builder().imageId(AMI).instanceType("t3.micro").build());
        List<String> ids = harness.service().launchFromTemplate("000000000000", "us-east-1", null, "asg", "$Latest",
                subnet, "t3.small", 2);
        assertThat(ids).hasSize(2);
        List<Instance> launched = ec2.describeInstances(r -> r.instanceIds(ids)).reservations().get(0).instances();
        assertThat(launched).allSatisfy(i -> {
            assertThat(i.subnetId()).isEqualTo(subnet);
            assertThat(i.instanceTypeAsString()).isEqualTo("t3.small");
            assertThat(tags(i)).containsEntry("aws:ec2launchtemplate:id", t.launchTemplateId());
        });
        assertThatThrownBy(() -> harness.service().launchFromTemplate("000000000000", "us-east-1",
                "lt-0123456789abcdef0", null, null, null, null, 1))
                .hasMessageContaining("lt-0123456789abcdef0");
    }

    @Test
    void aRetriedCallWithItsClientTokenMakesNothingTwice() {
        String first = ec2.createLaunchTemplate(r -> r.launchTemplateName("once").clientToken("token-1")
                .launchTemplateData(d -> d.imageId(AMI))).launchTemplate().launchTemplateId();
        String again = ec2.createLaunchTemplate(r -> r.launchTemplateName("once").clientToken("token-1")
                .launchTemplateData(d -> d.imageId(AMI))).launchTemplate().launchTemplateId();
        assertThat(again).isEqualTo(first);
        long v = ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(first).clientToken("token-2")
                .launchTemplateData(d -> d.instanceType("t3.micro"))).launchTemplateVersion().versionNumber();
        long retried = ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(first).clientToken("token-2")
                .launchTemplateData(d -> d.instanceType("t3.micro"))).launchTemplateVersion().versionNumber();
        assertThat(retried).isEqualTo(v).isEqualTo(2L);
        assertThat(ec2.describeLaunchTemplates(r -> r.launchTemplateIds(first)).launchTemplates().get(0)
                .latestVersionNumber()).isEqualTo(2L);
    }
}
