package dev.gureum.ec2.domain;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The CPU an instance without a workload of its own would spend on the requests a load balancer sent it: each
 * request costs {@value #CPU_MILLIS_PER_REQUEST} ms of one vCPU, and each MiB received or sent
 * {@value #CPU_MILLIS_PER_MIB} ms more, over the idle {@value InstanceMetrics#IDLE_CPU}%. Over a one-minute
 * period a t2.micro (one vCPU) serving 600 requests is 50.5% busy, a t3.micro (two vCPUs) 25.5%; the result
 * is at most 100%.
 */
public final class ServedRequests implements CpuSource {

    static final long CPU_MILLIS_PER_REQUEST = 50;
    static final long CPU_MILLIS_PER_MIB = 10;

    private static final class Served {
        final LongAdder requests = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }

    private final Map<String, Served> served = new ConcurrentHashMap<>();

    /** A request the load balancer sent to the instance, with the bytes of its request and answer bodies. */
    public void record(String instanceId, long bytes) {
        Served s = served.computeIfAbsent(instanceId, id -> new Served());
        s.requests.increment();
        s.bytes.add(Math.max(0, bytes));
    }

    @Override
    public OptionalDouble utilization(String instanceId, int vcpus, Duration period) {
        Served s = served.get(instanceId);
        long requests = s == null ? 0 : s.requests.sumThenReset();
        long bytes = s == null ? 0 : s.bytes.sumThenReset();
        double cpuMillis = requests * CPU_MILLIS_PER_REQUEST + bytes * (double) CPU_MILLIS_PER_MIB / (1 << 20);
        double available = Math.max(1, vcpus) * (double) period.toMillis();
        return OptionalDouble.of(Math.min(100, InstanceMetrics.IDLE_CPU + 100 * cpuMillis / available));
    }

    @Override
    public void retainOnly(Set<String> running) {
        served.keySet().retainAll(running);
    }
}
