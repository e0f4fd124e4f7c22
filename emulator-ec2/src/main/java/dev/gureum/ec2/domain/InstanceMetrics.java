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
 * <p>A simulated instance runs no code, so its load is modelled: {@code CPUUtilization} is the tag
 * {@code gureum:cpu-load} (a percentage, 0 to 100) when the instance has it, else an idle
 * {@value #IDLE_CPU}%; the network follows the load: per minute {@value #IDLE_BYTES_IN} bytes in and
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
    private record Sample(String account, String region, List<List<Dimension>> dimensions, boolean loadDue,
                          Duration period, double cpu, String failedCheck) {
    }

    private final MetricSink sink;
    private final Timers timers;
    private final Ec2World world;
    private volatile Timers.Timer ticks;

    private InstanceMetrics(MetricSink sink, Timers timers, Ec2World world) {
        this.sink = sink;
        this.timers = timers;
        this.world = world;
    }

    /** Starts the minute ticks, unless there is no sink to put to. */
    public static InstanceMetrics start(MetricSink sink, Timers timers, Ec2World world) {
        InstanceMetrics metrics = new InstanceMetrics(sink, timers, world);
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
        for (Sample s : samples) {
            put(s, now);
        }
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
        return new Sample(i.ownerId(), i.region(), dimensions, loadDue, i.monitoring() ? MINUTE : BASIC_PERIOD,
                cpuLoad(i.tags().get(CPU_LOAD_TAG)), i.tags().get(STATUS_CHECK_TAG));
    }

    /** The tag's percentage, within 0 and 100; idle without it (or with one that is not a number). */
    static double cpuLoad(String tag) {
        if (tag == null) {
            return IDLE_CPU;
        }
        try {
            double load = Double.parseDouble(tag.trim().replace("%", ""));
            return Double.isNaN(load) ? IDLE_CPU : Math.max(0, Math.min(100, load));
        } catch (NumberFormatException e) {
            return IDLE_CPU;
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
        long in = minutes * (IDLE_BYTES_IN + Math.round(BYTES_PER_CPU_PERCENT * s.cpu()));
        long out = minutes * (IDLE_BYTES_OUT + Math.round(BYTES_PER_CPU_PERCENT * s.cpu()));
        put(s, "CPUUtilization", s.cpu(), "Percent", start);
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
