package dev.gureum.monitoring.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.monitoring.alarms.Alarm;
import dev.gureum.monitoring.alarms.AlarmHistoryItem;
import dev.gureum.monitoring.alarms.AlarmInputs;
import dev.gureum.monitoring.alarms.AlarmQuery;
import dev.gureum.monitoring.alarms.CompositeAlarm;
import dev.gureum.monitoring.alarms.MetricAlarm;
import dev.gureum.monitoring.alarms.MetricStat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alarms' members read from a request and written into an answer, in the botocore model's shapes. */
final class AlarmShapes {

    private AlarmShapes() {
    }

    static AlarmInputs.MetricAlarmInput metricAlarm(Params p) {
        List<AlarmQuery> metrics = new ArrayList<>();
        for (Params q : p.list("Metrics")) {
            MetricStat stat = null;
            if (q.has("MetricStat")) {
                Params s = q.object("MetricStat");
                Params metric = s.object("Metric");
                if (!s.has("Metric")) {
                    throw missing(s.path() + ".Metric");
                }
                Integer period = s.integer("Period");
                if (period == null) {
                    throw missing(s.path() + ".Period");
                }
                stat = new MetricStat(metric.requireString("Namespace"), metric.requireString("MetricName"),
                        dimensions(metric), period, s.requireString("Stat"), s.string("Unit"));
            }
            metrics.add(new AlarmQuery(q.requireString("Id"), stat, q.string("Expression"), q.string("Label"),
                    q.bool("ReturnData", true), q.integer("Period"), q.string("AccountId")));
        }
        return new AlarmInputs.MetricAlarmInput(p.requireString("AlarmName"), p.string("AlarmDescription"),
                p.bool("ActionsEnabled"), p.stringList("OKActions"), p.stringList("AlarmActions"),
                p.stringList("InsufficientDataActions"), p.string("MetricName"), p.string("Namespace"),
                p.string("Statistic"), p.string("ExtendedStatistic"), dimensions(p), p.integer("Period"),
                p.string("Unit"), p.integer("EvaluationPeriods"), p.integer("DatapointsToAlarm"),
                p.doubleValue("Threshold"), p.string("ComparisonOperator"), p.string("TreatMissingData"),
                p.string("EvaluateLowSampleCountPercentile"), metrics, tags(p), p.string("ThresholdMetricId"));
    }

    static AlarmInputs.CompositeAlarmInput compositeAlarm(Params p) {
        return new AlarmInputs.CompositeAlarmInput(p.requireString("AlarmName"), p.string("AlarmDescription"),
                p.bool("ActionsEnabled"), p.stringList("OKActions"), p.stringList("AlarmActions"),
                p.stringList("InsufficientDataActions"), p.requireString("AlarmRule"), p.string("ActionsSuppressor"),
                p.integer("ActionsSuppressorWaitPeriod"), p.integer("ActionsSuppressorExtensionPeriod"), tags(p));
    }

    static List<MetricStat.Dimension> dimensions(Params p) {
        List<MetricStat.Dimension> dimensions = new ArrayList<>();
        for (Params d : p.list("Dimensions")) {
            dimensions.add(new MetricStat.Dimension(d.requireString("Name"), d.requireString("Value")));
        }
        return dimensions;
    }

    static Map<String, String> tags(Params p) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params t : p.list("Tags")) {
            tags.put(t.requireString("Key"), t.requireString("Value"));
        }
        return tags;
    }

    /** A timestamp member: ISO 8601 text (query) or epoch seconds (JSON). */
    static Instant instant(Params p, String name) {
        if (!p.has(name)) {
            return null;
        }
        if (p.get(name).node().isNumber()) {
            BigDecimal seconds = p.get(name).node().decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        String text = p.string(name).trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text + (text.length() <= 19 ? "Z" : ""));
            } catch (DateTimeParseException again) {
                throw new AwsException(CommonError.INVALID_PARAMETER_VALUE,
                        "Value for parameter " + name + " is invalid: expected a timestamp.");
            }
        }
    }

    static AwsException missing(String path) {
        return new AwsException(CommonError.MISSING_PARAMETER, "The request must contain the parameter " + path);
    }

    // ---- answers -------------------------------------------------------------------------------------

    static Struct metricAlarm(MetricAlarm a) {
        Struct s = Struct.of().put("AlarmName", a.name()).put("AlarmArn", a.arn())
                .put("AlarmDescription", a.description())
                .put("AlarmConfigurationUpdatedTimestamp", a.configurationUpdated())
                .put("ActionsEnabled", a.actionsEnabled())
                .list("OKActions", a.okActions())
                .list("AlarmActions", a.alarmActions())
                .list("InsufficientDataActions", a.insufficientDataActions())
                .put("StateValue", a.status().value().name())
                .put("StateReason", a.status().reason())
                .put("StateReasonData", a.status().reasonData())
                .put("StateUpdatedTimestamp", a.status().updated())
                .put("MetricName", a.metricName())
                .put("Namespace", a.namespace())
                .put("Statistic", a.statistic());
        if (!a.onMetrics()) {
            s.list("Dimensions", a.dimensions(), AlarmShapes::dimension);
        }
        s.put("Period", a.period())
                .put("Unit", a.unit())
                .put("EvaluationPeriods", a.evaluationPeriods())
                .put("Threshold", a.threshold())
                .put("ComparisonOperator", a.comparisonOperator().wireName())
                .put("ExtendedStatistic", a.extendedStatistic())
                .put("TreatMissingData", a.treatMissingData() == null ? null : a.treatMissingData().wireName())
                .put("EvaluateLowSampleCountPercentile", a.evaluateLowSampleCountPercentile())
                .put("DatapointsToAlarm", a.datapointsToAlarm());
        if (a.onMetrics()) {
            s.list("Metrics", a.metrics(), AlarmShapes::query);
        }
        return s.put("ThresholdMetricId", a.thresholdMetricId())
                .put("StateTransitionedTimestamp", a.status().transitioned());
    }

    static Struct compositeAlarm(CompositeAlarm a) {
        return Struct.of().put("ActionsEnabled", a.actionsEnabled())
                .list("AlarmActions", a.alarmActions())
                .put("AlarmArn", a.arn())
                .put("AlarmConfigurationUpdatedTimestamp", a.configurationUpdated())
                .put("AlarmDescription", a.description())
                .put("AlarmName", a.name())
                .put("AlarmRule", a.rule())
                .list("InsufficientDataActions", a.insufficientDataActions())
                .list("OKActions", a.okActions())
                .put("StateReason", a.status().reason())
                .put("StateReasonData", a.status().reasonData())
                .put("StateUpdatedTimestamp", a.status().updated())
                .put("StateValue", a.status().value().name())
                .put("StateTransitionedTimestamp", a.status().transitioned())
                .put("ActionsSuppressedBy", a.actionsSuppressedBy())
                .put("ActionsSuppressedReason", a.actionsSuppressedReason())
                .put("ActionsSuppressor", a.actionsSuppressor())
                .put("ActionsSuppressorWaitPeriod", a.actionsSuppressorWaitPeriod())
                .put("ActionsSuppressorExtensionPeriod", a.actionsSuppressorExtensionPeriod());
    }

    static Struct alarm(Alarm a) {
        return a instanceof MetricAlarm m ? metricAlarm(m) : compositeAlarm((CompositeAlarm) a);
    }

    static Struct dimension(MetricStat.Dimension d) {
        return Struct.of().put("Name", d.name()).put("Value", d.value());
    }

    private static Struct query(AlarmQuery q) {
        Struct s = Struct.of().put("Id", q.id());
        if (q.metricStat() != null) {
            MetricStat m = q.metricStat();
            s.put("MetricStat", Struct.of()
                    .put("Metric", Struct.of().put("Namespace", m.namespace()).put("MetricName", m.metricName())
                            .list("Dimensions", m.dimensions(), AlarmShapes::dimension))
                    .put("Period", m.period()).put("Stat", m.stat()).put("Unit", m.unit()));
        }
        return s.put("Expression", q.expression()).put("Label", q.label()).put("ReturnData", q.returnData())
                .put("Period", q.period()).put("AccountId", q.accountId());
    }

    static Struct historyItem(AlarmHistoryItem h) {
        return Struct.of().put("AlarmName", h.alarmName()).put("AlarmType", h.alarmType())
                .put("Timestamp", h.timestamp()).put("HistoryItemType", h.itemType())
                .put("HistorySummary", h.summary()).put("HistoryData", h.data());
    }

    static Struct tags(Map<String, String> tags) {
        List<Struct> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Struct.of().put("Key", k).put("Value", v)));
        return Struct.of().list("Tags", list);
    }
}
