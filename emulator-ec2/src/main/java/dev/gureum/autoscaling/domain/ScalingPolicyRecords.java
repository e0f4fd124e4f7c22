package dev.gureum.autoscaling.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal records of scaling policies (tag 30), scheduled actions (tag 31) and simple scaling cooldowns of
 * policies (tag 32), given to {@link AutoScalingRecords}
 * as extensions; their removals are {@link AutoScalingStore.ExtensionRemoved}.
 */
public final class ScalingPolicyRecords {

    public static final List<RecordType<?>> TYPES = List.of(
            RecordType.of(30, ScalingPolicy.class, 1, ScalingPolicyRecords::writePolicy, (in, v) -> readPolicy(in)),
            RecordType.of(31, ScheduledAction.class, 1, ScalingPolicyRecords::writeAction, (in, v) -> readAction(in)),
            RecordType.of(32, PolicyCooldown.class, 1, ScalingPolicyRecords::writeCooldown,
                    (in, v) -> new PolicyCooldown(in.readString(), in.readString(), in.readString(), in.readInstant())));

    private ScalingPolicyRecords() {
    }

    private static void writeInteger(Integer value, RecordOutput out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer readInteger(RecordInput in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    private static void writeDouble(Double value, RecordOutput out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readDouble(RecordInput in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    private static void writeDimensions(List<ScalingPolicy.Dimension> dimensions, RecordOutput out) throws IOException {
        out.writeInt(dimensions.size());
        for (ScalingPolicy.Dimension d : dimensions) {
            out.writeString(d.name());
            out.writeString(d.value());
        }
    }

    private static List<ScalingPolicy.Dimension> readDimensions(RecordInput in) throws IOException {
        int n = in.readInt();
        List<ScalingPolicy.Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dimensions.add(new ScalingPolicy.Dimension(in.readString(), in.readString()));
        }
        return dimensions;
    }

    private static void writePolicy(ScalingPolicy p, RecordOutput out) throws IOException {
        out.writeString(p.arn());
        out.writeString(p.account());
        out.writeString(p.region());
        out.writeString(p.groupName());
        out.writeString(p.name());
        out.writeString(p.type());
        out.writeString(p.adjustmentType());
        writeInteger(p.minAdjustmentMagnitude(), out);
        writeInteger(p.scalingAdjustment(), out);
        writeInteger(p.cooldown(), out);
        out.writeString(p.metricAggregationType());
        out.writeInt(p.steps().size());
        for (ScalingPolicy.Step s : p.steps()) {
            writeDouble(s.lowerBound(), out);
            writeDouble(s.upperBound(), out);
            out.writeInt(s.scalingAdjustment());
        }
        writeInteger(p.estimatedInstanceWarmup(), out);
        ScalingPolicy.TargetTracking t = p.targetTracking();
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeString(t.predefinedMetricType());
            out.writeString(t.resourceLabel());
            out.writeDouble(t.targetValue());
            out.writeBoolean(t.disableScaleIn());
            ScalingPolicy.CustomizedMetric c = t.customized();
            out.writeBoolean(c != null);
            if (c != null) {
                out.writeString(c.metricName());
                out.writeString(c.namespace());
                writeDimensions(c.dimensions(), out);
                out.writeString(c.statistic());
                out.writeString(c.unit());
                writeInteger(c.period(), out);
                out.writeInt(c.metrics().size());
                for (ScalingPolicy.MetricQuery q : c.metrics()) {
                    out.writeString(q.id());
                    out.writeString(q.expression());
                    out.writeString(q.namespace());
                    out.writeString(q.metricName());
                    writeDimensions(q.dimensions(), out);
                    out.writeString(q.stat());
                    out.writeString(q.unit());
                    out.writeString(q.label());
                    out.writeBoolean(q.returnData());
                }
            }
        }
        out.writeBoolean(p.enabled());
        out.writeInt(p.alarms().size());
        for (ScalingPolicy.PolicyAlarm a : p.alarms()) {
            out.writeString(a.name());
            out.writeString(a.arn());
        }
        out.writeInstant(p.created());
    }

    private static ScalingPolicy readPolicy(RecordInput in) throws IOException {
        String arn = in.readString();
        String account = in.readString();
        String region = in.readString();
        String group = in.readString();
        String name = in.readString();
        String type = in.readString();
        String adjustmentType = in.readString();
        Integer magnitude = readInteger(in);
        Integer adjustment = readInteger(in);
        Integer cooldown = readInteger(in);
        String aggregation = in.readString();
        int stepCount = in.readInt();
        List<ScalingPolicy.Step> steps = new ArrayList<>();
        for (int i = 0; i < stepCount; i++) {
            steps.add(new ScalingPolicy.Step(readDouble(in), readDouble(in), in.readInt()));
        }
        Integer warmup = readInteger(in);
        ScalingPolicy.TargetTracking tracking = null;
        if (in.readBoolean()) {
            String predefined = in.readString();
            String label = in.readString();
            double target = in.readDouble();
            boolean disableScaleIn = in.readBoolean();
            ScalingPolicy.CustomizedMetric customized = null;
            if (in.readBoolean()) {
                String metricName = in.readString();
                String namespace = in.readString();
                List<ScalingPolicy.Dimension> dimensions = readDimensions(in);
                String statistic = in.readString();
                String unit = in.readString();
                Integer period = readInteger(in);
                int queryCount = in.readInt();
                List<ScalingPolicy.MetricQuery> queries = new ArrayList<>();
                for (int i = 0; i < queryCount; i++) {
                    queries.add(new ScalingPolicy.MetricQuery(in.readString(), in.readString(), in.readString(),
                            in.readString(), readDimensions(in), in.readString(), in.readString(), in.readString(),
                            in.readBoolean()));
                }
                customized = new ScalingPolicy.CustomizedMetric(metricName, namespace, dimensions, statistic, unit,
                        period, queries);
            }
            tracking = new ScalingPolicy.TargetTracking(predefined, label, customized, target, disableScaleIn);
        }
        boolean enabled = in.readBoolean();
        int alarmCount = in.readInt();
        List<ScalingPolicy.PolicyAlarm> alarms = new ArrayList<>();
        for (int i = 0; i < alarmCount; i++) {
            alarms.add(new ScalingPolicy.PolicyAlarm(in.readString(), in.readString()));
        }
        return new ScalingPolicy(arn, account, region, group, name, type, adjustmentType, magnitude, adjustment,
                cooldown, aggregation, steps, warmup, tracking, enabled, alarms, in.readInstant());
    }

    private static void writeCooldown(PolicyCooldown c, RecordOutput out) throws IOException {
        out.writeString(c.account());
        out.writeString(c.region());
        out.writeString(c.groupName());
        out.writeInstant(c.until());
    }

    private static void writeAction(ScheduledAction a, RecordOutput out) throws IOException {
        out.writeString(a.arn());
        out.writeString(a.account());
        out.writeString(a.region());
        out.writeString(a.groupName());
        out.writeString(a.name());
        out.writeInstant(a.startTime());
        out.writeInstant(a.endTime());
        out.writeString(a.recurrence());
        writeInteger(a.minSize(), out);
        writeInteger(a.maxSize(), out);
        writeInteger(a.desiredCapacity(), out);
        out.writeString(a.timeZone());
        out.writeInstant(a.nextRun());
    }

    private static ScheduledAction readAction(RecordInput in) throws IOException {
        return new ScheduledAction(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readInstant(), in.readInstant(), in.readString(), readInteger(in), readInteger(in), readInteger(in),
                in.readString(), in.readInstant());
    }
}
