package dev.gureum.ec2.domain;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Where an instance's {@code CPUUtilization} comes from when its {@code gureum:cpu-load} tag does not say: the
 * process its user data runs, or the requests a load balancer sent it. Each is asked when a period of the
 * instance's metrics ends, and answers for the time since it was last asked.
 */
public interface CpuSource {

    /**
     * The instance's CPU use since it was last asked, as a percentage of its {@code vcpus} (0 to 100), or empty
     * when this source knows nothing of the instance.
     *
     * @param period the metrics period that ended, on the server clock
     */
    OptionalDouble utilization(String instanceId, int vcpus, Duration period);

    /** Forgets what it keeps of instances other than {@code running}. */
    default void retainOnly(Set<String> running) {
    }
}
