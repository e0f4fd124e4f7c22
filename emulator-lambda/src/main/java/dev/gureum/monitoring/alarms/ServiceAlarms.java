package dev.gureum.monitoring.alarms;

import dev.gureum.core.spi.MetricAlarms;
import dev.gureum.core.spi.MetricSink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The alarms other services create for their users ({@link MetricAlarms}), in the terms of {@code PutMetricAlarm}. */
public final class ServiceAlarms {

    private ServiceAlarms() {
    }

    public static AlarmInputs.MetricAlarmInput input(MetricAlarms.Alarm a) {
        List<AlarmQuery> metrics = new ArrayList<>();
        for (MetricAlarms.Query q : a.metrics()) {
            MetricStat stat = q.metricName() == null ? null : new MetricStat(q.namespace(), q.metricName(),
                    dimensions(q.dimensions()), a.period(), q.stat(), q.unit());
            metrics.add(new AlarmQuery(q.id(), stat, q.expression(), q.label(), q.returnData(), null, null));
        }
        boolean onMetric = metrics.isEmpty();
        return new AlarmInputs.MetricAlarmInput(a.name(), a.description(), true, List.of(), a.alarmActions(), List.of(),
                onMetric ? a.metricName() : null, onMetric ? a.namespace() : null, onMetric ? a.statistic() : null,
                null, onMetric ? dimensions(a.dimensions()) : List.of(), onMetric ? a.period() : null,
                onMetric ? a.unit() : null, a.evaluationPeriods(), a.datapointsToAlarm(), a.threshold(),
                a.comparisonOperator(), null, null, metrics, Map.of(), null);
    }

    /** {@code DescribeAlarms} of these names. */
    public static AlarmFilter named(Collection<String> names) {
        return new AlarmFilter(List.copyOf(names), null, Set.of(), null, null, null, null);
    }

    private static List<MetricStat.Dimension> dimensions(List<MetricSink.Dimension> dimensions) {
        return dimensions.stream().map(d -> new MetricStat.Dimension(d.name(), d.value())).toList();
    }
}
