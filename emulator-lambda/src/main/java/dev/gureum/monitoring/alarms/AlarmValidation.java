package dev.gureum.monitoring.alarms;

import dev.gureum.core.id.Arn;
import dev.gureum.monitoring.math.MetricMath;
import dev.gureum.monitoring.math.MetricMathException;
import dev.gureum.monitoring.math.MetricMathExpression;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of {@code PutMetricAlarm} and {@code PutCompositeAlarm}: first the constraints of the API model
 * (lengths, ranges, enumerations), reported together as AWS's {@code ValidationError} reports them
 * ("1 validation error detected: Value '0' at 'evaluationPeriods' failed to satisfy constraint: ..."), then
 * the rules between members.
 */
final class AlarmValidation {

    static final Set<String> STATISTICS = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    static final List<String> UNITS = List.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");
    /** Percentiles and the other extended statistics: p99, tm90, tm(10%:90%), wm99, tc90, ts90, pr(10:20), IQM. */
    private static final Pattern EXTENDED_STATISTIC = Pattern.compile(
            "(p|tm|wm|tc|ts)(\\d{1,2}(\\.\\d{1,10})?|100)|(TM|WM|TC|TS|PR|tm|wm|tc|ts|pr)\\([^)]*\\)|IQM");
    private static final Pattern QUERY_ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final Pattern EC2_ACTION = Pattern.compile("arn:aws[a-z-]*:automate:([a-z0-9-]+):ec2:(stop|terminate|reboot|recover)");
    /** Alarms on metric math name at most this many queries. */
    static final int MAX_QUERIES = 10;
    static final int MAX_TAGS = 50;

    private AlarmValidation() {
    }

    private static void common(ModelConstraints v, String name, String description, List<String> ok, List<String> alarm,
                               List<String> insufficient, Map<String, String> tags) {
        v.length("alarmName", name, 1, 255);
        v.length("alarmDescription", description, 0, 1024);
        v.listSize("oKActions", ok, 5);
        v.listSize("alarmActions", alarm, 5);
        v.listSize("insufficientDataActions", insufficient, 5);
        int i = 0;
        for (Map.Entry<String, String> t : tags.entrySet()) {
            i++;
            v.length("tags." + i + ".member.key", t.getKey(), 1, 128);
            v.length("tags." + i + ".member.value", t.getValue(), 0, 256);
        }
    }

    /** Checks a metric alarm's members; {@code region} is the alarm's, for its EC2 actions. */
    static void metricAlarm(AlarmInputs.MetricAlarmInput in, String region) {
        ModelConstraints v = new ModelConstraints();
        common(v, in.name(), in.description(), in.okActions(), in.alarmActions(), in.insufficientDataActions(), in.tags());
        v.length("metricName", in.metricName(), 1, 255);
        v.length("namespace", in.namespace(), 1, 255);
        if (in.namespace() != null && in.namespace().startsWith(":")) {
            v.add("Value '" + in.namespace() + "' at 'namespace' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:].*");
        }
        v.oneOf("statistic", in.statistic(), List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum"));
        v.listSize("dimensions", in.dimensions(), 30);
        dimensions(v, "dimensions", in.dimensions());
        v.atLeast("period", in.period(), 1);
        v.oneOf("unit", in.unit(), UNITS);
        v.atLeast("evaluationPeriods", in.evaluationPeriods(), 1);
        v.atLeast("datapointsToAlarm", in.datapointsToAlarm(), 1);
        v.oneOf("comparisonOperator", in.comparisonOperator(),
                java.util.Arrays.stream(ComparisonOperator.values()).map(ComparisonOperator::wireName).toList());
        v.length("treatMissingData", in.treatMissingData(), 1, 255);
        v.length("evaluateLowSampleCountPercentile", in.evaluateLowSampleCountPercentile(), 1, 255);
        v.length("thresholdMetricId", in.thresholdMetricId(), 1, 255);
        for (int i = 0; i < in.metrics().size(); i++) {
            AlarmQuery q = in.metrics().get(i);
            String at = "metrics." + (i + 1) + ".member.";
            v.length(at + "id", q.id(), 1, 255);
            v.length(at + "expression", q.expression(), 1, 2048);
            if (q.metricStat() != null) {
                v.atLeast(at + "metricStat.period", q.metricStat().period(), 1);
                v.oneOf(at + "metricStat.unit", q.metricStat().unit(), UNITS);
                dimensions(v, at + "metricStat.metric.dimensions", q.metricStat().dimensions());
            }
            v.atLeast(at + "period", q.period(), 1);
        }
        v.check();

        actions(in.okActions(), region);
        actions(in.alarmActions(), region);
        actions(in.insufficientDataActions(), region);
        if (in.tags().size() > MAX_TAGS) {
            throw invalid("The number of tags (" + in.tags().size() + ") exceeds the limit of " + MAX_TAGS + ".");
        }
        if (in.evaluationPeriods() == null) {
            throw missing("EvaluationPeriods");
        }
        if (in.comparisonOperator() == null) {
            throw missing("ComparisonOperator");
        }
        ComparisonOperator operator = ComparisonOperator.of(in.comparisonOperator());
        boolean onMetrics = !in.metrics().isEmpty();
        if (onMetrics) {
            if (in.metricName() != null || in.namespace() != null || in.statistic() != null
                    || in.extendedStatistic() != null || !in.dimensions().isEmpty() || in.period() != null
                    || in.unit() != null) {
                throw combination("Metrics cannot be specified together with MetricName, Namespace, Dimensions, "
                        + "Statistic, ExtendedStatistic, Period or Unit.");
            }
            queries(in.metrics());
        } else {
            if (in.metricName() == null) {
                throw missing("MetricName");
            }
            if (in.namespace() == null) {
                throw missing("Namespace");
            }
            if (in.period() == null) {
                throw missing("Period");
            }
            if ((in.statistic() == null) == (in.extendedStatistic() == null)) {
                throw combination("Exactly one element of the Statistic and ExtendedStatistic parameters must be specified.");
            }
            if (in.extendedStatistic() != null && !EXTENDED_STATISTIC.matcher(in.extendedStatistic()).matches()) {
                throw invalid("The value " + in.extendedStatistic() + " for parameter ExtendedStatistic is not supported.");
            }
            period(in.period(), "Period");
        }
        if (in.datapointsToAlarm() != null && in.datapointsToAlarm() > in.evaluationPeriods()) {
            throw invalid("DatapointsToAlarm (" + in.datapointsToAlarm() + ") must be less than or equal to "
                    + "EvaluationPeriods (" + in.evaluationPeriods() + ").");
        }
        if (!onMetrics) {
            long range = (long) in.period() * in.evaluationPeriods();
            long limit = in.period() >= 3600 ? 7 * 86_400 : 86_400;
            if (range > limit) {
                throw invalid("The evaluation period (Period " + in.period() + " times EvaluationPeriods "
                        + in.evaluationPeriods() + ") must not exceed " + limit + " seconds.");
            }
        }
        if (in.treatMissingData() != null && TreatMissingData.of(in.treatMissingData()) == null) {
            throw invalid("The value " + in.treatMissingData() + " for parameter TreatMissingData is not supported. "
                    + "Supported values: [breaching, notBreaching, ignore, missing].");
        }
        if (in.evaluateLowSampleCountPercentile() != null) {
            if (!Set.of("evaluate", "ignore").contains(in.evaluateLowSampleCountPercentile())) {
                throw invalid("The value " + in.evaluateLowSampleCountPercentile() + " for parameter "
                        + "EvaluateLowSampleCountPercentile is not supported. Supported values: [evaluate, ignore].");
            }
            if (in.extendedStatistic() == null || !in.extendedStatistic().startsWith("p")) {
                throw combination("EvaluateLowSampleCountPercentile can only be used with a percentile ExtendedStatistic.");
            }
        }
        if (operator.band()) {
            if (!onMetrics || in.thresholdMetricId() == null) {
                throw combination("ComparisonOperators for ranges require ThresholdMetricId to be set.");
            }
            if (in.threshold() != null) {
                throw combination("Threshold cannot be specified with the comparison operator " + operator.wireName() + ".");
            }
            AlarmQuery band = in.metrics().stream().filter(q -> q.id().equals(in.thresholdMetricId())).findFirst()
                    .orElseThrow(() -> invalid("ThresholdMetricId " + in.thresholdMetricId()
                            + " does not match the Id of a query in Metrics."));
            if (band.expression() == null || !band.expression().contains("ANOMALY_DETECTION_BAND")) {
                throw invalid("ThresholdMetricId must name an ANOMALY_DETECTION_BAND expression.");
            }
        } else {
            if (in.thresholdMetricId() != null) {
                throw combination("ThresholdMetricId can only be used with the comparison operators "
                        + "LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold and GreaterThanUpperThreshold.");
            }
            if (in.threshold() == null) {
                throw missing("Threshold");
            }
        }
    }

    private static void dimensions(ModelConstraints v, String at, List<MetricStat.Dimension> dimensions) {
        for (int i = 0; i < dimensions.size(); i++) {
            v.length(at + "." + (i + 1) + ".member.name", dimensions.get(i).name(), 1, 255);
            v.length(at + "." + (i + 1) + ".member.value", dimensions.get(i).value(), 1, 1024);
        }
    }

    private static void queries(List<AlarmQuery> metrics) {
        if (metrics.size() > MAX_QUERIES) {
            throw invalid("The Metrics list can contain at most " + MAX_QUERIES + " queries.");
        }
        Set<String> ids = new HashSet<>();
        int returning = 0;
        for (AlarmQuery q : metrics) {
            if (!QUERY_ID.matcher(q.id()).matches()) {
                throw invalid("Invalid metrics list: the Id " + q.id() + " must start with a lowercase letter and "
                        + "contain only letters, numbers and underscores.");
            }
            if (!ids.add(q.id())) {
                throw invalid("Invalid metrics list: the Id " + q.id() + " is used more than once.");
            }
            if ((q.metricStat() == null) == (q.expression() == null)) {
                throw combination("Exactly one element of the MetricStat and Expression parameters must be specified "
                        + "for the query " + q.id() + ".");
            }
            if (q.metricStat() != null) {
                String stat = q.metricStat().stat();
                if (!STATISTICS.contains(stat) && !EXTENDED_STATISTIC.matcher(stat).matches()) {
                    throw invalid("The value " + stat + " for parameter MetricStat.Stat of the query " + q.id()
                            + " is not supported.");
                }
                period(q.metricStat().period(), "MetricStat.Period");
            }
            if (q.returnData()) {
                returning++;
            }
        }
        for (AlarmQuery q : metrics) {
            if (q.expression() != null) {
                expression(q, ids);
            }
        }
        if (returning != 1) {
            throw invalid("Invalid metrics list: exactly one element of the Metrics list must return data "
                    + "(ReturnData true), not " + returning + ".");
        }
    }

    /** An expression must parse, and name only queries of the list: CloudWatch checks both when the alarm is put. */
    private static void expression(AlarmQuery q, Set<String> ids) {
        MetricMathExpression parsed;
        try {
            parsed = MetricMath.parse(q.expression());
        } catch (MetricMathException e) {
            throw validation(e.messageFor(q.id()));
        }
        for (String id : parsed.referencedIds()) {
            if (!ids.contains(id)) {
                throw validation(new MetricMathException(MetricMathException.Reason.UNKNOWN_ID,
                        "Unknown metric or expression id '" + id + "'").messageFor(q.id()));
            }
        }
    }

    private static void period(int period, String member) {
        if (period != 10 && period != 30 && period % 60 != 0) {
            throw invalid("The parameter " + member + " must be 10, 30 or a multiple of 60.");
        }
    }

    /** Actions are SNS topics, EC2 actions in the alarm's region, Auto Scaling policies, Lambda functions... */
    private static void actions(List<String> actions, String region) {
        for (String action : actions) {
            if (action.length() > 1024 || !action.startsWith("arn:")) {
                throw validation("Invalid arn syntax: " + action);
            }
            Arn arn;
            try {
                arn = Arn.parse(action);
            } catch (RuntimeException e) {
                throw validation("Invalid arn syntax: " + action);
            }
            var ec2 = EC2_ACTION.matcher(action);
            if ("automate".equals(arn.service())) {
                if (!ec2.matches()) {
                    throw validation("Invalid EC2 action: " + action
                            + ". The action must be stop, terminate, reboot or recover.");
                }
                if (!ec2.group(1).equals(region)) {
                    throw validation("Invalid region " + ec2.group(1) + " specified. Only " + region + " is supported.");
                }
            }
        }
    }

    /** Checks a composite alarm's members (the rule is parsed by the caller). */
    static void compositeAlarm(AlarmInputs.CompositeAlarmInput in, String region) {
        ModelConstraints v = new ModelConstraints();
        common(v, in.name(), in.description(), in.okActions(), in.alarmActions(), in.insufficientDataActions(), in.tags());
        v.length("alarmRule", in.rule(), 1, 10240);
        v.length("actionsSuppressor", in.actionsSuppressor(), 1, 1600);
        v.check();
        actions(in.okActions(), region);
        actions(in.alarmActions(), region);
        actions(in.insufficientDataActions(), region);
        if (in.tags().size() > MAX_TAGS) {
            throw invalid("The number of tags (" + in.tags().size() + ") exceeds the limit of " + MAX_TAGS + ".");
        }
        if (in.actionsSuppressor() == null && (in.actionsSuppressorWaitPeriod() != null
                || in.actionsSuppressorExtensionPeriod() != null)) {
            throw combination("ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod require ActionsSuppressor.");
        }
        for (Integer p : new Integer[] {in.actionsSuppressorWaitPeriod(), in.actionsSuppressorExtensionPeriod()}) {
            if (p != null && p < 0) {
                throw invalid("ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod must not be negative.");
            }
        }
    }

    static AlarmRefusal validation(String message) {
        return new AlarmRefusal(AlarmRefusal.Reason.VALIDATION, message);
    }

    static AlarmRefusal invalid(String message) {
        return new AlarmRefusal(AlarmRefusal.Reason.INVALID_PARAMETER_VALUE, message);
    }

    static AlarmRefusal combination(String message) {
        return new AlarmRefusal(AlarmRefusal.Reason.INVALID_PARAMETER_COMBINATION, message);
    }

    static AlarmRefusal missing(String member) {
        return new AlarmRefusal(AlarmRefusal.Reason.MISSING_PARAMETER, "The parameter " + member + " is required.");
    }
}
