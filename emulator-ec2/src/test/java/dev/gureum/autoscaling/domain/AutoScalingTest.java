package dev.gureum.autoscaling.domain;

import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoScalingTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeFleet fleet = new FakeFleet(clock);
    private final AutoScaling domain = new AutoScaling(new AutoScalingStore(), clock, fleet);

    private GroupSpec spec(String name, int min, int max, int desired) {
        return new GroupSpec(name, null, new LaunchTemplateSpec("lt-0123456789abcdef0", null, null), null, null, min,
                max, desired, null, null, "subnet-a,subnet-b", null, null, null, null, null, null, null, null,
                List.of(new GroupTag("team", "blue", true), new GroupTag("cost", "x", false)), null);
    }

    private AutoScalingGroup create(String name, int min, int max, int desired) {
        return domain.write(c -> domain.groups().create("000000000000", "us-east-1", spec(name, min, max, desired), c))
                .value();
    }

    @Test
    void aPolicyChangesTheDesiredCapacityWithItsCauseAndTheCapacityFollows() {
        create("web", 1, 4, 2);
        GroupState before = domain.group("000000000000", "us-east-1", "web").orElseThrow();
        assertThat(before.desiredCapacity()).isEqualTo(2);
        assertThat(before.defaultCooldown()).isEqualTo(300);
        assertThat(before.arn()).contains(":autoScalingGroupName/web");
        clock.advance(Duration.ofMinutes(10));
        List<Activity> started = domain.changeDesiredCapacity("000000000000", "us-east-1", "web", 9,
                domain.at() + "a monitor alarm high in state ALARM triggered policy up", true).value();
        // kept within the maximum
        assertThat(started).hasSize(2).allSatisfy(a -> assertThat(a.cause()).isEqualTo(
                "At 2026-01-01T00:10:00Z a monitor alarm high in state ALARM triggered policy up changing the desired "
                        + "capacity from 2 to 4.  At 2026-01-01T00:10:00Z an instance was started in response to a "
                        + "difference between desired and actual capacity, increasing the capacity from 2 to 4."));
        GroupState after = domain.group("000000000000", "us-east-1", "web").orElseThrow();
        assertThat(after.desiredCapacity()).isEqualTo(4);
        assertThat(after.instances()).hasSize(4);
        // in cooldown now
        assertThatThrownBy(() -> domain.changeDesiredCapacity("000000000000", "us-east-1", "web", 1, "x", true))
                .isInstanceOfSatisfying(AutoScalingRefusal.class, r ->
                        assertThat(r.reason()).isEqualTo(AutoScalingRefusal.Reason.SCALING_ACTIVITY_IN_PROGRESS));
        assertThat(domain.changeDesiredCapacity("000000000000", "us-east-1", "web", 4, "x", false).value()).isEmpty();
    }

    @Test
    void launchedInstancesCarryPropagatedTagsAndTheGroupName() {
        create("web", 1, 4, 1);
        String id = domain.group("000000000000", "us-east-1", "web").orElseThrow().instances().get(0).instanceId();
        assertThat(fleet.tags.get(id)).containsEntry("team", "blue").containsEntry("aws:autoscaling:groupName", "web")
                .doesNotContainKey("cost");
    }

    @Test
    void deletingAGroupRunsTheHooksOfItsDependents() {
        List<String> deleted = new ArrayList<>();
        domain.onGroupDeleted((g, changes) -> deleted.add(g.name()));
        create("web", 0, 2, 1);
        domain.write(c -> {
            domain.groups().delete("000000000000", "us-east-1", "web", true, c);
            return null;
        });
        assertThat(deleted).isEmpty();
        domain.tick();
        assertThat(deleted).containsExactly("web");
        assertThat(domain.group("000000000000", "us-east-1", "web")).isEmpty();
    }

    @Test
    void scaleInKeepsZonesBalancedAndSparesProtectedInstances() {
        create("web", 0, 6, 4);
        List<GroupInstance> all = domain.group("000000000000", "us-east-1", "web").orElseThrow().instances();
        domain.tick();
        GroupInstance keep = all.get(0);
        domain.write(c -> {
            c.add(domain.store().instance("000000000000", "us-east-1", keep.instanceId()).withProtection(true));
            return null;
        });
        domain.changeDesiredCapacity("000000000000", "us-east-1", "web", 2, domain.at() + "a test", false);
        List<GroupInstance> left = domain.group("000000000000", "us-east-1", "web").orElseThrow().instances().stream()
                .filter(GroupInstance::counted).toList();
        assertThat(left).hasSize(2).extracting(GroupInstance::zone).containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        assertThat(left).extracting(GroupInstance::instanceId).contains(keep.instanceId());
    }
}
