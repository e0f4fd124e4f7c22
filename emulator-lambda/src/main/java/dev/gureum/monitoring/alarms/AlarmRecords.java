package dev.gureum.monitoring.alarms;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch alarms as journal records (tags 1 to 4, version 1): metric and composite alarms whole, with
 * their state and tags; a deleted alarm; and each history item, which is kept by its id.
 */
public final class AlarmRecords {

    private AlarmRecords() {
    }

    /** An alarm removed by {@code DeleteAlarms}. */
    public record AlarmDeleted(String account, String region, String name) {
    }

    public static final RecordTypes TYPES = RecordTypes.of(
            RecordType.of(20, MetricAlarm.class, 1, AlarmRecords::writeMetricAlarm, (in, v) -> readMetricAlarm(in)),
            RecordType.of(21, CompositeAlarm.class, 1, AlarmRecords::writeComposite, (in, v) -> readComposite(in)),
            RecordType.of(22, AlarmDeleted.class, 1, (d, out) -> {
                out.writeString(d.account());
                out.writeString(d.region());
                out.writeString(d.name());
            }, (in, v) -> new AlarmDeleted(in.readString(), in.readString(), in.readString())),
            RecordType.of(23, AlarmHistoryItem.class, 1, (h, out) -> {
                out.writeString(h.account());
                out.writeString(h.region());
                out.writeLong(h.id());
                out.writeString(h.alarmName());
                out.writeString(h.alarmType());
                out.writeInstant(h.timestamp());
                out.writeString(h.itemType());
                out.writeString(h.summary());
                out.writeString(h.data());
            }, (in, v) -> new AlarmHistoryItem(in.readString(), in.readString(), in.readLong(), in.readString(),
                    in.readString(), in.readInstant(), in.readString(), in.readString(), in.readString())));

    private static void writeMetricAlarm(MetricAlarm a, RecordOutput out) throws IOException {
        writeCommon(a, out);
        out.writeString(a.namespace());
        out.writeString(a.metricName());
        writeDimensions(a.dimensions(), out);
        out.writeString(a.statistic());
        out.writeString(a.extendedStatistic());
        writeInteger(a.period(), out);
        out.writeString(a.unit());
        out.writeInt(a.evaluationPeriods());
        writeInteger(a.datapointsToAlarm(), out);
        out.writeBoolean(a.threshold() != null);
        if (a.threshold() != null) {
            out.writeDouble(a.threshold());
        }
        out.writeString(a.comparisonOperator().wireName());
        out.writeString(a.treatMissingData() == null ? null : a.treatMissingData().wireName());
        out.writeString(a.evaluateLowSampleCountPercentile());
        out.writeInt(a.metrics().size());
        for (AlarmQuery q : a.metrics()) {
            out.writeString(q.id());
            out.writeBoolean(q.metricStat() != null);
            if (q.metricStat() != null) {
                writeStat(q.metricStat(), out);
            }
            out.writeString(q.expression());
            out.writeString(q.label());
            out.writeBoolean(q.returnData());
            writeInteger(q.period(), out);
            out.writeString(q.accountId());
        }
        out.writeString(a.thresholdMetricId());
        out.writeStringMap(a.tags());
        out.writeInstant(a.configurationUpdated());
        writeStatus(a.status(), out);
    }

    private static MetricAlarm readMetricAlarm(RecordInput in) throws IOException {
        Common c = readCommon(in);
        String namespace = in.readString();
        String metricName = in.readString();
        List<MetricStat.Dimension> dimensions = readDimensions(in);
        String statistic = in.readString();
        String extended = in.readString();
        Integer period = readInteger(in);
        String unit = in.readString();
        int evaluationPeriods = in.readInt();
        Integer datapoints = readInteger(in);
        Double threshold = in.readBoolean() ? in.readDouble() : null;
        ComparisonOperator operator = ComparisonOperator.of(in.readString());
        if (operator == null) {
            throw new IOException("an unknown comparison operator");
        }
        TreatMissingData treat = TreatMissingData.of(in.readString());
        String lowSample = in.readString();
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("a negative count of queries");
        }
        List<AlarmQuery> metrics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = in.readString();
            MetricStat stat = in.readBoolean() ? readStat(in) : null;
            metrics.add(new AlarmQuery(id, stat, in.readString(), in.readString(), in.readBoolean(), readInteger(in),
                    in.readString()));
        }
        String thresholdMetricId = in.readString();
        return new MetricAlarm(c.account, c.region, c.name, c.arn, c.description, c.actionsEnabled, c.ok, c.alarm,
                c.insufficient, namespace, metricName, dimensions, statistic, extended, period, unit,
                evaluationPeriods, datapoints, threshold, operator, treat, lowSample, metrics, thresholdMetricId,
                in.readStringMap(), in.readInstant(), readStatus(in));
    }

    private static void writeComposite(CompositeAlarm a, RecordOutput out) throws IOException {
        writeCommon(a, out);
        out.writeString(a.rule());
        out.writeString(a.actionsSuppressor());
        writeInteger(a.actionsSuppressorWaitPeriod(), out);
        writeInteger(a.actionsSuppressorExtensionPeriod(), out);
        out.writeStringMap(a.tags());
        out.writeInstant(a.configurationUpdated());
        writeStatus(a.status(), out);
        out.writeString(a.actionsSuppressedBy());
        out.writeString(a.actionsSuppressedReason());
    }

    private static CompositeAlarm readComposite(RecordInput in) throws IOException {
        Common c = readCommon(in);
        return new CompositeAlarm(c.account, c.region, c.name, c.arn, c.description, c.actionsEnabled, c.ok, c.alarm,
                c.insufficient, in.readString(), in.readString(), readInteger(in), readInteger(in), in.readStringMap(),
                in.readInstant(), readStatus(in), in.readString(), in.readString());
    }

    private record Common(String account, String region, String name, String arn, String description,
                          boolean actionsEnabled, List<String> ok, List<String> alarm, List<String> insufficient) {
    }

    private static void writeCommon(Alarm a, RecordOutput out) throws IOException {
        out.writeString(a.account());
        out.writeString(a.region());
        out.writeString(a.name());
        out.writeString(a.arn());
        out.writeString(a.description());
        out.writeBoolean(a.actionsEnabled());
        out.writeStringList(a.okActions());
        out.writeStringList(a.alarmActions());
        out.writeStringList(a.insufficientDataActions());
    }

    private static Common readCommon(RecordInput in) throws IOException {
        return new Common(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readBoolean(), in.readStringList(), in.readStringList(), in.readStringList());
    }

    private static void writeStatus(AlarmStatus s, RecordOutput out) throws IOException {
        out.writeString(s.value().name());
        out.writeString(s.reason());
        out.writeString(s.reasonData());
        out.writeInstant(s.updated());
        out.writeInstant(s.transitioned());
    }

    private static AlarmStatus readStatus(RecordInput in) throws IOException {
        AlarmState state = AlarmState.of(in.readString());
        if (state == null) {
            throw new IOException("an unknown alarm state");
        }
        return new AlarmStatus(state, in.readString(), in.readString(), in.readInstant(), in.readInstant());
    }

    private static void writeStat(MetricStat s, RecordOutput out) throws IOException {
        out.writeString(s.namespace());
        out.writeString(s.metricName());
        writeDimensions(s.dimensions(), out);
        out.writeInt(s.period());
        out.writeString(s.stat());
        out.writeString(s.unit());
    }

    private static MetricStat readStat(RecordInput in) throws IOException {
        return new MetricStat(in.readString(), in.readString(), readDimensions(in), in.readInt(), in.readString(),
                in.readString());
    }

    private static void writeDimensions(List<MetricStat.Dimension> dimensions, RecordOutput out) throws IOException {
        out.writeInt(dimensions.size());
        for (MetricStat.Dimension d : dimensions) {
            out.writeString(d.name());
            out.writeString(d.value());
        }
    }

    private static List<MetricStat.Dimension> readDimensions(RecordInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("a negative count of dimensions");
        }
        List<MetricStat.Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dimensions.add(new MetricStat.Dimension(in.readString(), in.readString()));
        }
        return dimensions;
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

}
