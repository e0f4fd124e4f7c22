package dev.gureum.ec2.domain;

import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the journal holds when Gureum stops without a final snapshot, as after a kill -9. */
class Ec2StateTest {

    private static final String A = "111111111111";
    private static final String R = "ap-northeast-2";
    private static final JournalOptions NO_FINAL_SNAPSHOT = JournalOptions.DEFAULTS.withSnapshotOnClose(false);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));

    private Ec2World open(Persistence persistence) {
        Ec2World world = new Ec2World(clock, Ec2Settings.DEFAULTS);
        Ec2State state = new Ec2State(world);
        world.keep(state, persistence.open(state));
        return world;
    }

    @Test
    void whatReadsAndOperationsChangedIsInTheJournal(@TempDir Path dir) throws Exception {
        String defaultVpc;
        try (Persistence persistence = Persistence.in(dir, NO_FINAL_SNAPSHOT)) {
            Ec2World world = open(persistence);
            // a read that meets an account for the first time makes its default network
            defaultVpc = world.reading(() -> world.apply(A, R, scope -> scope.defaultVpc().id()));
            world.durable().toCompletableFuture().join();
        }
        String instanceId;
        try (Persistence persistence = Persistence.in(dir, NO_FINAL_SNAPSHOT)) {
            Ec2World world = open(persistence);
            String vpc = world.reading(() -> world.apply(A, R, scope -> scope.defaultVpc().id()));
            assertThat(vpc).isEqualTo(defaultVpc);
            LaunchSpec spec = new LaunchSpec("ami-0c02fb55956c7d316", "m5.large", 1, 1, null, List.of(), List.of(),
                    null, "ap-northeast-2a", null, null, null, null, Map.of(), null, null, false, false, null, false,
                    false);
            instanceId = world.apply(A, R, scope -> world.launcher().run(scope, spec, clock.instant()).instances()
                    .get(0).id());
            // the boot ends during a read, which journals the instance running from then on
            clock.advanceSeconds(2);
            world.reading(() -> world.apply(A, R, scope -> scope.instances().size()));
            world.durable().toCompletableFuture().join();
            // a read with nothing due changes nothing and writes nothing
            long size = persistence.sizeOnDisk();
            world.reading(() -> world.apply(A, R, scope -> scope.instances().size()));
            assertThat(persistence.sizeOnDisk()).isEqualTo(size);
        }
        try (Persistence persistence = Persistence.in(dir, NO_FINAL_SNAPSHOT)) {
            Ec2World world = open(persistence);
            Instance instance = world.apply(A, R, scope -> scope.instances().get(instanceId));
            assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(world.dataCenter().hostOf(instanceId).map(h -> h.id())).contains(instance.hostId());
            assertThat(instance.billing()).hasSize(1);
            assertThat(instance.billing().get(0).start()).isEqualTo(Instant.parse("2025-03-01T09:00:01Z"));
        }
    }
}
