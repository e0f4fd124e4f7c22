package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The message an alarm publishes to an SNS topic when it changes state, as AWS writes it: a JSON document with
 * the alarm, the transition and (for a metric alarm) the {@code Trigger}; the subject
 * {@code ALARM: "name" in US East (N. Virginia)}.
 */
public final class AlarmNotification {

    private static final Map<String, String> REGION_NAMES = new LinkedHashMap<>();

    static {
        String[][] names = {
            {"us-east-1", "US East (N. Virginia)"}, {"us-east-2", "US East (Ohio)"},
            {"us-west-1", "US West (N. California)"}, {"us-west-2", "US West (Oregon)"},
            {"af-south-1", "Africa (Cape Town)"}, {"ap-east-1", "Asia Pacific (Hong Kong)"},
            {"ap-south-1", "Asia Pacific (Mumbai)"}, {"ap-south-2", "Asia Pacific (Hyderabad)"},
            {"ap-northeast-1", "Asia Pacific (Tokyo)"}, {"ap-northeast-2", "Asia Pacific (Seoul)"},
            {"ap-northeast-3", "Asia Pacific (Osaka)"}, {"ap-southeast-1", "Asia Pacific (Singapore)"},
            {"ap-southeast-2", "Asia Pacific (Sydney)"}, {"ap-southeast-3", "Asia Pacific (Jakarta)"},
            {"ap-southeast-4", "Asia Pacific (Melbourne)"}, {"ca-central-1", "Canada (Central)"},
            {"ca-west-1", "Canada West (Calgary)"}, {"eu-central-1", "EU (Frankfurt)"},
            {"eu-central-2", "EU (Zurich)"}, {"eu-west-1", "EU (Ireland)"}, {"eu-west-2", "EU (London)"},
            {"eu-west-3", "EU (Paris)"}, {"eu-north-1", "EU (Stockholm)"}, {"eu-south-1", "EU (Milan)"},
            {"eu-south-2", "EU (Spain)"}, {"il-central-1", "Israel (Tel Aviv)"},
            {"me-south-1", "Middle East (Bahrain)"}, {"me-central-1", "Middle East (UAE)"},
            {"sa-east-1", "South America (Sao Paulo)"}, {"cn-north-1", "China (Beijing)"},
            {"cn-northwest-1", "China (Ningxia)"}, {"us-gov-west-1", "AWS GovCloud (US-West)"},
            {"us-gov-east-1", "AWS GovCloud (US-East)"},
        };
        for (String[] n : names) {
            REGION_NAMES.put(n[0], n[1]);
        }
    }

    private AlarmNotification() {
    }

    /** A region's long name as notifications write it; the code itself for a region not listed. */
    public static String regionName(String region) {
        return REGION_NAMES.getOrDefault(region, region);
    }

    /** {@code ALARM: "name" in US East (N. Virginia)}, cut to SNS's 100 characters of a subject. */
    public static String subject(Alarm alarm) {
        String subject = alarm.status().value().name() + ": \"" + alarm.name() + "\" in " + regionName(alarm.region());
        return subject.length() <= 100 ? subject : subject.substring(0, 100);
    }

    /** The message of the transition from {@code oldState} to the alarm's state. */
    public static String message(Alarm alarm, AlarmState oldState) {
        JsonText m = JsonText.object()
                .put("AlarmName", alarm.name())
                .put("AlarmDescription", alarm.description())
                .put("AWSAccountId", alarm.account());
        if (alarm instanceof MetricAlarm) {
            m.put("AlarmConfigurationUpdatedTimestamp", time(alarm.configurationUpdated()));
        }
        m.put("NewStateValue", alarm.status().value().name())
                .put("NewStateReason", alarm.status().reason())
                .put("StateChangeTime", time(alarm.status().updated()))
                .put("Region", regionName(alarm.region()))
                .put("AlarmArn", alarm.arn())
                .put("OldStateValue", oldState.name());
        if (alarm instanceof MetricAlarm metric) {
            m.put("OKActions", alarm.okActions())
                    .put("AlarmActions", alarm.alarmActions())
                    .put("InsufficientDataActions", alarm.insufficientDataActions())
                    .put("Trigger", trigger(metric));
        } else {
            CompositeAlarm composite = (CompositeAlarm) alarm;
            m.put("AlarmRule", composite.rule());
            if (composite.status().reasonData() != null) {
                m.put("TriggeringChildren", new JsonText.Raw(triggeringChildren(composite.status().reasonData())));
            }
            m.put("OKActions", alarm.okActions())
                    .put("AlarmActions", alarm.alarmActions())
                    .put("InsufficientDataActions", alarm.insufficientDataActions());
        }
        return m.toString();
    }

    /** The {@code triggeringAlarms} of a composite alarm's reason data, spelled as notifications spell them. */
    private static String triggeringChildren(String reasonData) {
        int start = reasonData.indexOf('[');
        int end = reasonData.lastIndexOf(']');
        if (start < 0 || end < start) {
            return "[]";
        }
        return reasonData.substring(start, end + 1).replace("\"arn\":", "\"Arn\":").replace("\"state\":", "\"State\":")
                .replace("\"value\":", "\"Value\":").replace("\"timestamp\":", "\"Timestamp\":");
    }

    private static JsonText trigger(MetricAlarm a) {
        JsonText t = JsonText.object();
        if (!a.onMetrics()) {
            t.put("MetricName", a.metricName()).put("Namespace", a.namespace());
            if (a.statistic() != null) {
                t.put("StatisticType", "Statistic").put("Statistic", statisticName(a.statistic()));
            } else {
                t.put("StatisticType", "ExtendedStatistic").put("ExtendedStatistic", a.extendedStatistic());
            }
            t.put("Unit", a.unit()).put("Dimensions", dimensions(a.dimensions()));
        }
        t.put("Period", a.evaluatedPeriod())
                .put("EvaluationPeriods", a.evaluationPeriods())
                .put("DatapointsToAlarm", a.datapointsRequired())
                .put("ComparisonOperator", a.comparisonOperator().wireName())
                .put("Threshold", a.threshold())
                // AWS writes the setting after a label of its own, padded
                .put("TreatMissingData", a.treatMissingData() == null ? ""
                        : "- TreatMissingData:                    " + a.treatMissingData().wireName())
                .put("EvaluateLowSampleCountPercentile", a.evaluateLowSampleCountPercentile() == null ? ""
                        : a.evaluateLowSampleCountPercentile());
        if (a.onMetrics()) {
            List<JsonText> metrics = new ArrayList<>();
            for (AlarmQuery q : a.metrics()) {
                JsonText query = JsonText.object().put("Id", q.id());
                if (q.expression() != null) {
                    query.put("Expression", q.expression());
                }
                if (q.metricStat() != null) {
                    MetricStat s = q.metricStat();
                    query.put("MetricStat", JsonText.object()
                            .put("Metric", JsonText.object().put("Dimensions", dimensions(s.dimensions()))
                                    .put("MetricName", s.metricName()).put("Namespace", s.namespace()))
                            .put("Period", s.period()).put("Stat", s.stat()).putIfPresent("Unit", s.unit()));
                }
                query.putIfPresent("Label", q.label()).put("ReturnData", q.returnData());
                metrics.add(query);
            }
            t.put("Metrics", metrics);
        }
        return t;
    }

    /** {@code SampleCount} is {@code SAMPLE_COUNT} in a trigger, {@code Average} {@code AVERAGE}. */
    static String statisticName(String statistic) {
        return statistic.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static List<JsonText> dimensions(List<MetricStat.Dimension> dimensions) {
        List<JsonText> list = new ArrayList<>();
        for (MetricStat.Dimension d : dimensions) {
            list.add(JsonText.object().put("value", d.value()).put("name", d.name()));
        }
        return list;
    }

    private static String time(Instant instant) {
        return instant == null ? null : AlarmEvaluation.DATA_TIME.format(instant);
    }
}
