package dev.gureum.ec2.domain;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.Dimension;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.core.time.Timers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code AWS/EC2} metrics of running instances, on the server clock: {@code CPUUtilization},
 * {@code NetworkIn}/{@code Out} and {@code NetworkPacketsIn}/{@code Out} every five minutes (basic
 * monitoring) or every minute (detailed monitoring, {@code MonitorInstances}), the status checks every
 * minute whatever the monitoring, as EC2 sends them. Each value is stamped with the start of its period.
 *
 * <p>{@code CPUUtilization} is the tag {@code gureum:cpu-load} (a percentage, 0 to 100) when the instance has
 * it; else what the first of the {@link CpuSource}s that knows the instance says (the process of its user data,
 * then the requests a load balancer sent it), else an idle {@value #IDLE_CPU}%; the network follows the load: per minute {@value #IDLE_BYTES_IN} bytes in and
 * {@value #IDLE_BYTES_OUT} out when idle, plus {@value #BYTES_PER_CPU_PERCENT} each per percent of CPU,
 * in packets of {@value #BYTES_PER_PACKET} bytes. The tag {@code gureum:status-check} set to
 * {@code instance} or {@code system} fails that check. Besides {@code InstanceId}, values carry
 * {@code AutoScalingGroupName} for instances of a group ({@code aws:autoscaling:groupName}) and, with
 * detailed monitoring, {@code InstanceType}, {@code ImageId} and no dimension, the aggregates EC2 keeps.
 */
public final class InstanceMetrics {

    public static final String NAMESPACE = "AWS/EC2";
    public static final String CPU_LOAD_TAG = "gureum:cpu-load";
    public static final String STATUS_CHECK_TAG = "gureum:status-check";
    static final double IDLE_CPU = 0.5;
    static final long IDLE_BYTES_IN = 2_000;
    static final long IDLE_BYTES_OUT = 1_000;
    static final long BYTES_PER_CPU_PERCENT = 1_000;
    static final long BYTES_PER_PACKET = 500;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration BASIC_PERIOD = Duration.ofMinutes(5);

    /** What one instance puts at a tick, read under the world's lock. */
    private record Sample(String account, String region, String instanceId, int vcpus,
                          List<List<Dimension>> dimensions, boolean loadDue, Duration period, String cpuTag,
                          String failedCheck) {
    }

    private final MetricSink sink;
    private final Timers timers;
    private final Ec2World world;
    private final List<CpuSource> cpuSources;
    private final ServedRequests served = new ServedRequests();
    private volatile Timers.Timer ticks;

    private InstanceMetrics(MetricSink sink, Timers timers, Ec2World world, CpuSource processes) {
        this.sink = sink;
        this.timers = timers;
        this.world = world;
        this.cpuSources = processes == null ? List.of(served) : List.of(processes, served);
    }

    /** Starts the minute ticks, unless there is no sink to put to; CPU from tags and served requests only. */
    public static InstanceMetrics start(MetricSink sink, Timers timers, Ec2World world) {
        return start(sink, timers, world, null);
    }

    /**
     * Starts the minute ticks, unless there is no sink to put to.
     *
     * @param processes the CPU of the instances' workloads, asked before the requests they served; may be null
     */
    public static InstanceMetrics start(MetricSink sink, Timers timers, Ec2World world, CpuSource processes) {
        InstanceMetrics metrics = new InstanceMetrics(sink, timers, world, processes);
        if (sink != null) {
            metrics.scheduleNext();
        }
        return metrics;
    }

    public void stop() {
        Timers.Timer t = ticks;
        if (t != null) {
            t.cancel();
        }
    }

    /** A request a load balancer sent to the instance, {@code bytes} in its request and answer bodies. */
    public void served(String instanceId, long bytes) {
        served.record(instanceId, bytes);
    }

    private void scheduleNext() {
        ticks = timers.every(MINUTE, this::tick);
    }

    /** The minute that ends at {@code now}: what every running instance puts. */
    void tick(Instant now) {
        boolean basicDue = now.getEpochSecond() % BASIC_PERIOD.toSeconds() == 0;
        List<Sample> samples = world.global(w -> {
            List<Sample> out = new ArrayList<>();
            for (Instance i : w.instancesById().values()) {
                if (i.state() == InstanceState.RUNNING) {
                    out.add(sample(i, i.monitoring() || basicDue));
                }
            }
            return out;
        });
        java.util.Set<String> running = new java.util.HashSet<>();
        for (Sample s : samples) {
            running.add(s.instanceId());
            put(s, now);
        }
        cpuSources.forEach(source -> source.retainOnly(running));
    }

    private static Sample sample(Instance i, boolean loadDue) {
        List<List<Dimension>> dimensions = new ArrayList<>();
        dimensions.add(List.of(new Dimension("InstanceId", i.id())));
        String group = i.tags().get("aws:autoscaling:groupName");
        if (group != null) {
            dimensions.add(List.of(new Dimension("AutoScalingGroupName", group)));
        }
        if (i.monitoring()) {
            dimensions.add(List.of(new Dimension("InstanceType", i.type().name())));
            dimensions.add(List.of(new Dimension("ImageId", i.image().id())));
            dimensions.add(List.of());
        }
        return new Sample(i.ownerId(), i.region(), i.id(), i.type().vcpus(), dimensions, loadDue,
                i.monitoring() ? MINUTE : BASIC_PERIOD, i.tags().get(CPU_LOAD_TAG), i.tags().get(STATUS_CHECK_TAG));
    }

    /** The tag's value when it is a number, else what the first source knowing the instance measured. */
    private double cpu(Sample s) {
        double tagged = tagged(s.cpuTag());
        if (!Double.isNaN(tagged)) {
            return tagged;
        }
        for (CpuSource source : cpuSources) {
            java.util.OptionalDouble measured = source.utilization(s.instanceId(), s.vcpus(), s.period());
            if (measured.isPresent()) {
                return Math.max(0, Math.min(100, measured.getAsDouble()));
            }
        }
        return IDLE_CPU;
    }

    /** The tag's percentage, within 0 and 100; idle without it (or with one that is not a number). */
    static double cpuLoad(String tag) {
        double load = tagged(tag);
        return Double.isNaN(load) ? IDLE_CPU : load;
    }

    /** The tag's percentage, within 0 and 100, or NaN without a tag that is a number. */
    private static double tagged(String tag) {
        if (tag == null) {
            return Double.NaN;
        }
        try {
            double load = Double.parseDouble(tag.trim().replace("%", ""));
            return Double.isNaN(load) ? Double.NaN : Math.max(0, Math.min(100, load));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void put(Sample s, Instant now) {
        int instanceFailed = "instance".equals(s.failedCheck()) ? 1 : 0;
        int systemFailed = "system".equals(s.failedCheck()) ? 1 : 0;
        Instant minuteStart = now.minus(MINUTE);
        put(s, "StatusCheckFailed_Instance", instanceFailed, "Count", minuteStart);
        put(s, "StatusCheckFailed_System", systemFailed, "Count", minuteStart);
        put(s, "StatusCheckFailed", Math.max(instanceFailed, systemFailed), "Count", minuteStart);
        if (!s.loadDue()) {
            return;
        }
        Instant start = now.minus(s.period());
        long minutes = s.period().toMinutes();
        double cpu = cpu(s);
        long in = minutes * (IDLE_BYTES_IN + Math.round(BYTES_PER_CPU_PERCENT * cpu));
        long out = minutes * (IDLE_BYTES_OUT + Math.round(BYTES_PER_CPU_PERCENT * cpu));
        put(s, "CPUUtilization", cpu, "Percent", start);
        put(s, "NetworkIn", in, "Bytes", start);
        put(s, "NetworkOut", out, "Bytes", start);
        put(s, "NetworkPacketsIn", in / BYTES_PER_PACKET, "Count", start);
        put(s, "NetworkPacketsOut", out / BYTES_PER_PACKET, "Count", start);
    }

    private void put(Sample s, String name, double value, String unit, Instant timestamp) {
        for (List<Dimension> dimensions : s.dimensions()) {
            sink.put(new MetricDatum(s.account(), s.region(), NAMESPACE, name, dimensions, value, unit, timestamp));
        }
    }
}
