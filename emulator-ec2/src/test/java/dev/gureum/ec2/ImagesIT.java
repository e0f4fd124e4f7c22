package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagesIT {

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    private Image find(String owner, String namePattern, String architecture) {
        return ec2.describeImages(r -> r.owners(owner).filters(
                Filter.builder().name("name").values(namePattern).build(),
                Filter.builder().name("architecture").values(architecture).build())).images().get(0);
    }

    @Test
    void publicImagesHaveTheirRealOwners() {
        Image al2023 = find("amazon", "al2023-ami-2023.*-x86_64", "x86_64");
        assertThat(al2023.ownerId()).isEqualTo("137112412989");
        assertThat(al2023.imageOwnerAlias()).isEqualTo("amazon");
        assertThat(al2023.imageId()).matches("ami-[0-9a-f]{17}");
        assertThat(al2023.publicLaunchPermissions()).isTrue();
        assertThat(al2023.platformDetails()).isEqualTo("Linux/UNIX");

        List<Image> ubuntu = ec2.describeImages(r -> r.owners("099720109477")).images();
        assertThat(ubuntu).extracting(Image::name).anyMatch(n -> n.contains("ubuntu-noble-24.04-amd64"))
                .anyMatch(n -> n.contains("ubuntu-jammy-22.04-amd64"));
        Image windows = ec2.describeImages(r -> r.filters(Filter.builder().name("platform").values("windows").build(),
                Filter.builder().name("name").values("Windows_Server-2022-English-Full-Base-*").build())).images().get(0);
        assertThat(windows.ownerId()).isEqualTo("801119661308");
        assertThat(windows.platformAsString()).isEqualTo("windows");

        // the same image in another region has another id
        try (Ec2Client seoul = harness.ec2("test", "ap-northeast-2")) {
            Image there = seoul.describeImages(r -> r.owners("amazon").filters(
                    Filter.builder().name("name").values(al2023.name()).build())).images().get(0);
            assertThat(there.imageId()).isNotEqualTo(al2023.imageId());
        }
        assertThatThrownBy(() -> ec2.describeImages(r -> r.imageIds("ami-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAMIID.NotFound"));
        assertThatThrownBy(() -> ec2.describeImages(r -> r.imageIds("ami-nope")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAMIID.Malformed"));
    }

    @Test
    void theImageDecidesPlatformAndArchitecture() {
        Image windows = find("amazon", "Windows_Server-2022*", "x86_64");
        Instance w = ec2.runInstances(r -> r.imageId(windows.imageId()).instanceType(InstanceType.M5_LARGE)
                .minCount(1).maxCount(1)).instances().get(0);
        assertThat(w.platformAsString()).isEqualTo("windows");
        assertThat(w.platformDetails()).isEqualTo("Windows");
        assertThat(w.usageOperation()).isEqualTo("RunInstances:0002");

        Image arm = find("amazon", "al2023-ami-2023.*", "arm64");
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(arm.imageId()).instanceType(InstanceType.M5_LARGE)
                .minCount(1).maxCount(1)))
                .satisfies(e -> {
                    assertThat(code(e)).isEqualTo("InvalidParameterValue");
                    assertThat(e).hasMessageContaining("architecture");
                });
        Instance graviton = ec2.runInstances(r -> r.imageId(arm.imageId()).instanceType(InstanceType.M7_G_LARGE)
                .minCount(1).maxCount(1)).instances().get(0);
        assertThat(graviton.architectureAsString()).isEqualTo("arm64");
        // an unknown image takes the architecture of the instance type
        Instance pasted = ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType(InstanceType.T4_G_MICRO)
                .minCount(1).maxCount(1)).instances().get(0);
        assertThat(pasted.architectureAsString()).isEqualTo("arm64");
    }

    @Test
    void imagesMadeRegisteredAndDeregistered() {
        Instance i = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1)).instances().get(0);
        assertThatThrownBy(() -> ec2.createImage(r -> r.instanceId(i.instanceId()).name("golden-1")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectInstanceState"));
        harness.clock.advanceSeconds(5);
        String golden = ec2.createImage(r -> r.instanceId(i.instanceId()).name("golden-1")).imageId();
        Image pending = ec2.describeImages(r -> r.imageIds(golden)).images().get(0);
        assertThat(pending.stateAsString()).isEqualTo("pending");
        assertThat(pending.ownerId()).isEqualTo("000000000000");
        assertThat(pending.sourceInstanceId()).isEqualTo(i.instanceId());
        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).singleElement()
                .satisfies(img -> assertThat(img.stateAsString()).isEqualTo("available"));

        assertThatThrownBy(() -> ec2.registerImage(r -> r.name("golden-1").rootDeviceName("/dev/xvda")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAMIName.Duplicate"));
        assertThatThrownBy(() -> ec2.registerImage(r -> r.name("x")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAMIName.Malformed"));
        String registered = ec2.registerImage(r -> r.name("my-arm-image").architecture("arm64")).imageId();
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).hasSize(2);

        ec2.deregisterImage(r -> r.imageId(registered));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(registered).instanceType(InstanceType.T4_G_MICRO)
                .minCount(1).maxCount(1)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAMIID.NotFound"));
        Image amazon = find("amazon", "al2023*", "x86_64");
        assertThatThrownBy(() -> ec2.deregisterImage(r -> r.imageId(amazon.imageId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("AuthFailure"));
    }
}
