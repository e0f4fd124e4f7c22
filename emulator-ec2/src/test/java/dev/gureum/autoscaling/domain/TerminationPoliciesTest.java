package dev.gureum.autoscaling.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminationPoliciesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final LaunchTemplateSpec TEMPLATE = new LaunchTemplateSpec("lt-1", "web", "$Latest");

    private static AutoScalingGroup group(List<String> policies, MixedInstances mixed) {
        return new AutoScalingGroup("arn", "a", "r", "g", null, mixed == null ? TEMPLATE : null, mixed, 0, 10, 2, 300,
                List.of("z1", "z2"), List.of(), "EC2", 0, List.of(), policies, false, NOW, Map.of(), List.of(),
                List.of(), null, null, false, null, null, null);
    }

    private static GroupInstance instance(String id, String zone, String launchedAt, boolean spot) {
        return new GroupInstance("a", "r", "g", id, zone, "t3.micro", "InService", "Healthy", null, TEMPLATE, "ami",
                false, spot, Instant.parse(launchedAt), null);
    }

    private static final GroupInstance OLD_Z1 = instance("i-1", "z1", "2026-01-01T08:10:00Z", false);
    private static final GroupInstance NEW_Z1 = instance("i-2", "z1", "2026-01-01T11:50:00Z", false);
    private static final GroupInstance MID_Z1 = instance("i-3", "z1", "2026-01-01T10:30:00Z", false);
    private static final GroupInstance ONLY_Z2 = instance("i-4", "z2", "2026-01-01T07:00:00Z", false);

    private static List<String> choose(List<String> policies, int n, Map<String, Long> versions) {
        return TerminationPolicies.choose(group(policies, null), List.of(OLD_Z1, NEW_Z1, MID_Z1, ONLY_Z2), n, NOW,
                versions).stream().map(GroupInstance::instanceId).toList();
    }

    @Test
    void theZoneWithTheMostInstancesGoesFirstWhateverThePolicy() {
        assertThat(choose(List.of("OldestInstance"), 1, Map.of())).containsExactly("i-1");
        // z1 keeps more until both zones are even, then the oldest overall
        assertThat(choose(List.of("OldestInstance"), 3, Map.of())).containsExactly("i-1", "i-3", "i-4");
    }

    @Test
    void eachPolicyPicksItsInstance() {
        assertThat(choose(List.of("NewestInstance"), 1, Map.of())).containsExactly("i-2");
        // launched at 08:10, 11:50, 10:30: at noon, the next billed hour is closest for the one at 08:10 (10 min)
        assertThat(choose(List.of("ClosestToNextInstanceHour"), 1, Map.of())).containsExactly("i-1");
        // the default: oldest template version first, then the closest to the next hour
        assertThat(choose(List.of("Default"), 1, Map.of("i-1", 3L, "i-2", 1L, "i-3", 3L)))
                .containsExactly("i-2");
        assertThat(choose(List.of("OldestLaunchTemplate", "NewestInstance"), 1,
                Map.of("i-1", 2L, "i-2", 2L, "i-3", 1L))).containsExactly("i-3");
    }

    @Test
    void allocationStrategyTerminatesTheOptionAboveItsShare() {
        MixedInstances mixed = new MixedInstances(TEMPLATE, List.of(), 0, 50, "prioritized", "lowest-price", null, null);
        AutoScalingGroup g = group(List.of("AllocationStrategy"), mixed);
        // desired 2 at 50%: one On-Demand wanted; with two On-Demand and one Spot in the zone, an On-Demand goes
        List<GroupInstance> z1 = List.of(instance("i-a", "z1", "2026-01-01T10:00:00Z", false),
                instance("i-b", "z1", "2026-01-01T10:00:00Z", false), instance("i-c", "z1", "2026-01-01T10:00:00Z", true));
        assertThat(TerminationPolicies.choose(g, z1, 1, NOW, Map.of())).extracting(GroupInstance::instanceId)
                .containsExactly("i-a");
    }
}
