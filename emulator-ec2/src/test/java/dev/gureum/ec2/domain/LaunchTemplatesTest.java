package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Launch templates' versions: inheritance, $Latest and $Default, deletion, and their records. */
class LaunchTemplatesTest {

    private static final String A = "111111111111";
    private static final String R = "us-east-1";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final Ec2World world = new Ec2World(clock, Ec2Settings.DEFAULTS);

    private static String code(Throwable e) {
        return ((AwsException) e).code();
    }

    @Test
    void aParameterGivenReplacesTheWholeOfItInTheSource() {
        Map<String, String> base = Map.of("ImageId", "ami-1", "NetworkInterface.1.SubnetId", "subnet-1",
                "NetworkInterface.1.DeviceIndex", "0", "NetworkInterface.2.SubnetId", "subnet-2",
                "Placement.AvailabilityZone", "us-east-1a");
        Map<String, String> out = LaunchTemplateVersion.overlay(base, Map.of("NetworkInterface.1.SubnetId", "subnet-9",
                "InstanceType", "t3.micro"));
        assertThat(out).containsExactlyInAnyOrderEntriesOf(Map.of("ImageId", "ami-1",
                "NetworkInterface.1.SubnetId", "subnet-9", "Placement.AvailabilityZone", "us-east-1a",
                "InstanceType", "t3.micro"));
    }

    @Test
    void versionsResolveByNumberLatestAndDefault() {
        world.apply(A, R, scope -> {
            LaunchTemplate t = LaunchTemplates.create(scope, "web", "one", Map.of("ImageId", "ami-1"), Map.of(),
                    clock.instant());
            LaunchTemplates.createVersion(scope, t, "1", "two", Map.of("InstanceType", "t3.micro"), clock.instant());
            LaunchTemplates.createVersion(scope, t, null, "three", Map.of("InstanceType", "t3.large"), clock.instant());
            assertThat(LaunchTemplates.version(t, "$Default").number()).isEqualTo(1);
            assertThat(LaunchTemplates.version(t, null).number()).isEqualTo(1);
            assertThat(LaunchTemplates.version(t, "$Latest").number()).isEqualTo(3);
            assertThat(LaunchTemplates.version(t, "2").data()).containsEntry("ImageId", "ami-1")
                    .containsEntry("InstanceType", "t3.micro");
            assertThat(LaunchTemplates.version(t, "3").data()).doesNotContainKey("ImageId");
            assertThatThrownBy(() -> LaunchTemplates.version(t, "latest"))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateId.VersionNotFound"));

            LaunchTemplates.setDefault(t, "$Latest");
            List<LaunchTemplates.VersionDeletion> deleted = LaunchTemplates.deleteVersions(t, List.of("3", "2", "x"));
            assertThat(deleted).extracting(LaunchTemplates.VersionDeletion::errorCode)
                    .containsExactly("unexpectedError", null, "launchTemplateVersionDoesNotExist");
            assertThat(t.versions()).extracting(LaunchTemplateVersion::number).containsExactly(1L, 3L);
            LaunchTemplates.setDefault(t, "1");
            LaunchTemplates.deleteVersions(t, List.of("3"));
            assertThat(LaunchTemplates.createVersion(scope, t, null, null, Map.of(), clock.instant()).number())
                    .isEqualTo(4);

            assertThat(LaunchTemplates.find(scope, null, "web")).isSameAs(t);
            assertThat(LaunchTemplates.find(scope, t.id(), null)).isSameAs(t);
            assertThatThrownBy(() -> LaunchTemplates.create(scope, "web", null, Map.of(), Map.of(), clock.instant()))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidLaunchTemplateName.AlreadyExistsException"));
            assertThatThrownBy(() -> LaunchTemplates.find(scope, null, null))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"));
            return null;
        });
    }

    @Test
    void metadataOptionsChangeOnlyWhatIsGivenAndOnlyToValidValues() {
        InstanceMetadataOptions o = new InstanceMetadataOptions("optional", 1, "enabled", "disabled", "disabled");
        assertThat(o.with("required", null, null, null, "enabled"))
                .isEqualTo(new InstanceMetadataOptions("required", 1, "enabled", "disabled", "enabled"));
        assertThatThrownBy(() -> o.with("sometimes", null, null, null, null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> o.with(null, 65, null, null, null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void templatesAndInstanceOptionsAreWrittenAndReadBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String instanceId;
        String templateId;
        try (var persistence = dev.gureum.core.persist.Persistence.in(dir, dev.gureum.core.persist.JournalOptions.DEFAULTS
                .withSnapshotOnClose(false))) {
            Ec2World kept = new Ec2World(clock, Ec2Settings.DEFAULTS);
            Ec2State state = new Ec2State(kept);
            kept.keep(state, persistence.open(state));
            templateId = kept.apply(A, R, scope -> {
                LaunchTemplate t = LaunchTemplates.create(scope, "web", null, Map.of("ImageId", "ami-1"),
                        Map.of("team", "a"), clock.instant());
                LaunchTemplates.createVersion(scope, t, "1", "two", Map.of("InstanceType", "t3.micro"), clock.instant());
                LaunchTemplates.setDefault(t, "2");
                return t.id();
            });
            LaunchSpec spec = new LaunchSpec("ami-0c02fb55956c7d316", "m5.large", 1, 1, null, List.of(), List.of(),
                    null, null, null, null, null, null, Map.of(), null, null, false, false, null, false, false);
            instanceId = kept.apply(A, R, scope -> {
                Instance i = kept.launcher().run(scope, spec, clock.instant()).instances().get(0);
                i.metadataOptions(new InstanceMetadataOptions("required", 2, "enabled", "disabled", "enabled"));
                i.instanceProfile(new InstanceProfile("arn:aws:iam::111111111111:instance-profile/web", "AIPAX", "web"));
                return i.id();
            });
            // the instance's record is written again as it boots; its options stay
            clock.advanceSeconds(2);
            kept.apply(A, R, scope -> scope.instances().size());
            kept.durable().toCompletableFuture().join();
        }
        try (var persistence = dev.gureum.core.persist.Persistence.in(dir, dev.gureum.core.persist.JournalOptions.DEFAULTS)) {
            Ec2World back = new Ec2World(clock, Ec2Settings.DEFAULTS);
            Ec2State state = new Ec2State(back);
            back.keep(state, persistence.open(state));
            back.apply(A, R, scope -> {
                LaunchTemplate t = LaunchTemplates.find(scope, templateId, null);
                assertThat(t.name()).isEqualTo("web");
                assertThat(t.tags()).containsEntry("team", "a");
                assertThat(t.defaultVersion()).isEqualTo(2);
                assertThat(LaunchTemplates.version(t, "2").data()).containsEntry("ImageId", "ami-1")
                        .containsEntry("InstanceType", "t3.micro");
                assertThat(LaunchTemplates.version(t, "2").description()).isEqualTo("two");
                Instance i = scope.instances().get(instanceId);
                assertThat(i.state()).isEqualTo(InstanceState.RUNNING);
                assertThat(i.metadataOptions().httpTokens()).isEqualTo("required");
                assertThat(i.instanceProfile().role()).isEqualTo("web");
                return null;
            });
        }
    }
}
