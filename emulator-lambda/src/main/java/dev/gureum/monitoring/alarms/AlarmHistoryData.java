package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code HistorySummary} and {@code HistoryData} AWS writes for an alarm's history items: a configuration
 * created, updated or deleted (with the alarm's configuration), and a state update (old and new state, with
 * their reasons and reason data).
 */
final class AlarmHistoryData {

    private AlarmHistoryData() {
    }

    static String createdSummary(Alarm alarm) {
        return "Alarm \"" + alarm.name() + "\" created";
    }

    static String updatedSummary(Alarm alarm) {
        return "Alarm \"" + alarm.name() + "\" updated";
    }

    static String deletedSummary(Alarm alarm) {
        return "Alarm \"" + alarm.name() + "\" deleted";
    }

    static String created(Alarm alarm) {
        return JsonText.object().put("type", "Create").put("version", "1.0").put("createdAlarm", configuration(alarm))
                .toString();
    }

    static String updated(Alarm before, Alarm after) {
        return JsonText.object().put("type", "Update").put("version", "1.0").put("updatedAlarm", configuration(after))
                .put("originalUpdatedFields", configuration(before)).toString();
    }

    static String deleted(Alarm alarm) {
        return JsonText.object().put("type", "Delete").put("version", "1.0").put("deletedAlarm", configuration(alarm))
                .toString();
    }

    static String stateSummary(AlarmState from, AlarmState to) {
        return "Alarm updated from " + from.name() + " to " + to.name();
    }

    static String state(AlarmStatus from, AlarmStatus to) {
        return JsonText.object().put("version", "1.0").put("oldState", state(from)).put("newState", state(to)).toString();
    }

    private static JsonText state(AlarmStatus s) {
        JsonText state = JsonText.object().put("stateValue", s.value().name()).put("stateReason", s.reason());
        if (s.reasonData() != null && !s.reasonData().isBlank()) {
            state.put("stateReasonData", new JsonText.Raw(s.reasonData()));
        }
        return state;
    }

    /** An alarm's configuration as history data writes it. */
    private static JsonText configuration(Alarm alarm) {
        JsonText c = JsonText.object().put("alarmName", alarm.name()).put("alarmArn", alarm.arn())
                .putIfPresent("alarmDescription", alarm.description())
                .put("actionsEnabled", alarm.actionsEnabled())
                .put("okactions", alarm.okActions())
                .put("alarmActions", alarm.alarmActions())
                .put("insufficientDataActions", alarm.insufficientDataActions())
                .put("alarmConfigurationUpdatedTimestamp", time(alarm.configurationUpdated()));
        if (alarm instanceof MetricAlarm m) {
            if (!m.onMetrics()) {
                c.put("metricName", m.metricName()).put("namespace", m.namespace());
                if (m.statistic() != null) {
                    c.put("statistic", AlarmNotification.statisticName(m.statistic()));
                } else {
                    c.put("extendedStatistic", m.extendedStatistic());
                }
                List<JsonText> dimensions = new ArrayList<>();
                for (MetricStat.Dimension d : m.dimensions()) {
                    dimensions.add(JsonText.object().put("name", d.name()).put("value", d.value()));
                }
                c.put("dimensions", dimensions).put("period", m.period()).putIfPresent("unit", m.unit());
            } else {
                List<JsonText> metrics = new ArrayList<>();
                for (AlarmQuery q : m.metrics()) {
                    JsonText query = JsonText.object().put("id", q.id());
                    if (q.metricStat() != null) {
                        MetricStat s = q.metricStat();
                        List<JsonText> dimensions = new ArrayList<>();
                        for (MetricStat.Dimension d : s.dimensions()) {
                            dimensions.add(JsonText.object().put("name", d.name()).put("value", d.value()));
                        }
                        query.put("metricStat", JsonText.object()
                                .put("metric", JsonText.object().put("namespace", s.namespace())
                                        .put("name", s.metricName()).put("dimensions", dimensions))
                                .put("period", s.period()).put("stat", s.stat()));
                    }
                    query.putIfPresent("expression", q.expression()).putIfPresent("label", q.label())
                            .put("returnData", q.returnData());
                    metrics.add(query);
                }
                c.put("metrics", metrics);
            }
            c.put("evaluationPeriods", m.evaluationPeriods())
                    .put("datapointsToAlarm", m.datapointsRequired())
                    .putIfPresent("threshold", m.threshold())
                    .put("comparisonOperator", m.comparisonOperator().wireName())
                    .put("treatMissingData", m.missingData().wireName())
                    .putIfPresent("evaluateLowSampleCountPercentile", m.evaluateLowSampleCountPercentile())
                    .putIfPresent("thresholdMetricId", m.thresholdMetricId());
        } else {
            CompositeAlarm k = (CompositeAlarm) alarm;
            c.put("alarmRule", k.rule()).putIfPresent("actionsSuppressor", k.actionsSuppressor())
                    .putIfPresent("actionsSuppressorWaitPeriod", k.actionsSuppressorWaitPeriod())
                    .putIfPresent("actionsSuppressorExtensionPeriod", k.actionsSuppressorExtensionPeriod());
        }
        return c;
    }

    private static String time(Instant instant) {
        return instant == null ? null : AlarmEvaluation.DATA_TIME.format(instant);
    }
}
