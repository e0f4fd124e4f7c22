package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a metric alarm as AWS documents it ("Evaluating an alarm", "Configuring how CloudWatch alarms
 * treat missing data", "Percentile-based alarms and low data samples"):
 * <ul>
 *   <li>The periods evaluated end with the last whole period before now. CloudWatch reads an evaluation
 *       range longer than {@code EvaluationPeriods} (here as many periods again, at most 5 more).</li>
 *   <li>With at least {@code EvaluationPeriods} datapoints in the range, the most recent that many are
 *       evaluated and {@code TreatMissingData} does not matter.</li>
 *   <li>With fewer, every datapoint of the range is evaluated and the most recent missing periods make up
 *       the count, treated as {@code TreatMissingData} says: {@code breaching}, {@code notBreaching}, or
 *       neither ({@code missing}, {@code ignore}). With no datapoint at all, {@code missing} is
 *       {@code INSUFFICIENT_DATA} and {@code ignore} keeps the state.</li>
 *   <li>{@code ALARM} when at least {@code DatapointsToAlarm} of them breach, {@code OK} otherwise.</li>
 *   <li>A percentile alarm with {@code EvaluateLowSampleCountPercentile=ignore} keeps its state while a
 *       datapoint evaluated has fewer samples than 10/(1-p) (100 for p90, 1,000 for p99).</li>
 * </ul>
 * Band operators ({@code LessThanLowerOrGreaterThanUpperThreshold}...) need an anomaly detection model,
 * which Gureum does not keep: such alarms stay as they are.
 */
public final class AlarmEvaluation {

    /** An alarm's state as an evaluation finds it, with AWS's reason and reason data. */
    public record Outcome(AlarmState state, String reason, String reasonData) {
    }

    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** The timestamps of reason data, history data and notifications: {@code 2026-12-07T12:00:00.000+0000}. */
    public static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d{1,10})?)");
    private static final int MAX_EXTRA_PERIODS = 5;

    private AlarmEvaluation() {
    }

    /**
     * The state {@code alarm} is in at {@code now}, or {@code null} when the evaluation keeps the state as it is
     * ({@code ignore} with no data, too few samples for a percentile, band operators, data that cannot be read).
     */
    public static Outcome evaluate(MetricAlarm alarm, Instant now, AlarmMetrics metrics) {
        if (alarm.comparisonOperator().band() || alarm.threshold() == null) {
            return null;
        }
        int period = alarm.evaluatedPeriod();
        int n = alarm.evaluationPeriods();
        int m = alarm.datapointsRequired();
        long endSecond = Math.floorDiv(now.getEpochSecond(), period) * period;
        Instant end = Instant.ofEpochSecond(endSecond);
        int range = n + Math.min(n, MAX_EXTRA_PERIODS);
        Instant start = end.minusSeconds((long) range * period);
        List<AlarmMetrics.Datapoint> found;
        try {
            found = alarm.onMetrics()
                    ? metrics.query(alarm.account(), alarm.region(), alarm.metrics(), period, start, end)
                    : metrics.statistic(alarm.account(), alarm.region(), alarm.metricStat(), start, end);
        } catch (IllegalArgumentException e) {
            return null;
        }
        List<AlarmMetrics.Datapoint> real = new ArrayList<>();
        for (AlarmMetrics.Datapoint d : found) {
            if (!d.timestamp().isBefore(start) && d.timestamp().isBefore(end) && !Double.isNaN(d.value())) {
                real.add(d);
            }
        }
        real.sort(Comparator.comparing(AlarmMetrics.Datapoint::timestamp).reversed());
        double threshold = alarm.threshold();
        TreatMissingData treat = alarm.missingData();

        if (real.isEmpty()) {
            return switch (treat) {
                case MISSING -> new Outcome(AlarmState.INSUFFICIENT_DATA, "Insufficient Data: " + n + " datapoint"
                        + (n == 1 ? " was" : "s were") + " unknown.", reasonData(alarm, now, null, List.of(), List.of(),
                        period));
                case IGNORE -> null;
                case BREACHING, NOT_BREACHING -> {
                    boolean breaching = treat == TreatMissingData.BREACHING;
                    AlarmState state = breaching && m <= n ? AlarmState.ALARM : AlarmState.OK;
                    List<Slot> slots = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        slots.add(new Slot(end.minusSeconds((long) i * period), null));
                    }
                    String reason = "Threshold Crossed: no datapoints were received for " + n + " period"
                            + (n == 1 ? "" : "s") + " and " + n + " missing datapoint" + (n == 1 ? " was" : "s were")
                            + " treated as [" + (breaching ? "Breaching" : "NonBreaching") + "].";
                    yield new Outcome(state, reason, reasonData(alarm, now, slots.get(n - 1).timestamp(), List.of(),
                            slots, period));
                }
            };
        }

        List<Slot> evaluated = new ArrayList<>();
        if (real.size() >= n) {
            for (AlarmMetrics.Datapoint d : real.subList(0, n)) {
                evaluated.add(new Slot(d.timestamp(), d));
            }
        } else {
            int toFill = n - real.size();
            List<Instant> present = real.stream().map(AlarmMetrics.Datapoint::timestamp).toList();
            for (Instant t = end.minusSeconds(period); toFill > 0 && !t.isBefore(start); t = t.minusSeconds(period)) {
                if (!present.contains(t)) {
                    evaluated.add(new Slot(t, null));
                    toFill--;
                }
            }
            for (AlarmMetrics.Datapoint d : real) {
                evaluated.add(new Slot(d.timestamp(), d));
            }
            evaluated.sort(Comparator.comparing(Slot::timestamp).reversed());
        }
        if (lowSamples(alarm, evaluated)) {
            return null;
        }
        List<AlarmMetrics.Datapoint> breaching = new ArrayList<>();
        List<AlarmMetrics.Datapoint> within = new ArrayList<>();
        int breachingCount = 0;
        for (Slot s : evaluated) {
            if (s.datapoint() == null) {
                if (treat == TreatMissingData.BREACHING) {
                    breachingCount++;
                }
            } else if (alarm.comparisonOperator().breaches(s.datapoint().value(), threshold)) {
                breaching.add(s.datapoint());
                breachingCount++;
            } else {
                within.add(s.datapoint());
            }
        }
        Instant startDate = evaluated.get(evaluated.size() - 1).timestamp();
        String data = reasonData(alarm, now, startDate, oldestFirst(real), evaluated, period);
        String from = alarm.status().value().name();
        int total = evaluated.size();
        String op = alarm.comparisonOperator().phrase();
        String thresholdText = Double.toString(threshold);
        if (breachingCount >= m) {
            String reason = "Threshold Crossed: " + breachingCount + " out of the last " + total + " datapoints "
                    + list(breaching) + " " + (breachingCount == 1 ? "was " : "were ") + op + " the threshold ("
                    + thresholdText + ") (minimum " + m + " datapoint" + (m == 1 ? "" : "s") + " for " + from
                    + " -> ALARM transition).";
            return new Outcome(AlarmState.ALARM, reason, data);
        }
        int okCount = total - breachingCount;
        int okMinimum = n - m + 1;
        String reason = "Threshold Crossed: " + okCount + " out of the last " + total + " datapoints " + list(within)
                + " " + (okCount == 1 ? "was" : "were") + " not " + op + " the threshold (" + thresholdText
                + ") (minimum " + okMinimum + " datapoint" + (okMinimum == 1 ? "" : "s") + " for " + from
                + " -> OK transition).";
        return new Outcome(AlarmState.OK, reason, data);
    }

    /** One evaluated period: its datapoint, or {@code null} for a missing one. */
    private record Slot(Instant timestamp, AlarmMetrics.Datapoint datapoint) {
    }

    private static boolean lowSamples(MetricAlarm alarm, List<Slot> evaluated) {
        if (alarm.extendedStatistic() == null || !"ignore".equals(alarm.evaluateLowSampleCountPercentile())) {
            return false;
        }
        Matcher p = PERCENTILE.matcher(alarm.extendedStatistic());
        if (!p.matches()) {
            return false;
        }
        double percentile = Double.parseDouble(p.group(1)) / 100;
        double needed = 10 / (1 - percentile);
        for (Slot s : evaluated) {
            if (s.datapoint() != null && !Double.isNaN(s.datapoint().sampleCount())
                    && s.datapoint().sampleCount() < needed) {
                return true;
            }
        }
        return false;
    }

    private static List<AlarmMetrics.Datapoint> oldestFirst(List<AlarmMetrics.Datapoint> newestFirst) {
        List<AlarmMetrics.Datapoint> copy = new ArrayList<>(newestFirst);
        copy.sort(Comparator.comparing(AlarmMetrics.Datapoint::timestamp));
        return copy;
    }

    /** {@code [150.0 (07/12/26 12:01:00), 120.0 (07/12/26 12:00:00)]}, newest first. */
    private static String list(List<AlarmMetrics.Datapoint> datapoints) {
        StringBuilder b = new StringBuilder("[");
        for (AlarmMetrics.Datapoint d : datapoints) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(d.value()).append(" (").append(REASON_TIME.format(d.timestamp())).append(')');
        }
        return b.append(']').toString();
    }

    private static String reasonData(MetricAlarm alarm, Instant now, Instant startDate,
                                     List<AlarmMetrics.Datapoint> recent, List<Slot> evaluated, int period) {
        JsonText data = JsonText.object().put("version", "1.0").put("queryDate", DATA_TIME.format(now));
        if (startDate != null) {
            data.put("startDate", DATA_TIME.format(startDate));
        }
        if (!alarm.onMetrics()) {
            data.put("statistic", alarm.stat());
            data.putIfPresent("unit", alarm.unit());
        }
        data.put("period", period);
        data.put("recentDatapoints", recent.stream().map(AlarmMetrics.Datapoint::value).toList());
        data.put("threshold", alarm.threshold());
        if (!evaluated.isEmpty()) {
            List<JsonText> points = new ArrayList<>();
            for (Slot s : evaluated) {
                JsonText point = JsonText.object().put("timestamp", DATA_TIME.format(s.timestamp()));
                AlarmMetrics.Datapoint d = s.datapoint();
                if (d != null) {
                    if (!alarm.onMetrics() && !Double.isNaN(d.sampleCount())) {
                        point.put("sampleCount", d.sampleCount());
                    }
                    point.put("value", d.value());
                }
                points.add(point);
            }
            data.put("evaluatedDatapoints", points);
        }
        return data.toString();
    }
}
