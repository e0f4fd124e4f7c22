package dev.gureum.monitoring;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.monitoring.dashboards.Dashboard;
import dev.gureum.monitoring.dashboards.DashboardDeleted;
import dev.gureum.monitoring.dashboards.DashboardRecords;
import dev.gureum.monitoring.dashboards.DashboardStore;
import dev.gureum.monitoring.metrics.MetricRecords;
import dev.gureum.monitoring.metrics.MetricStore;
import dev.gureum.monitoring.alarms.AlarmRecords;
import dev.gureum.monitoring.alarms.Alarms;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CloudWatch's state as the records of its journal ({@code cloudwatch}): metrics (tags 1 to 9),
 * dashboards (tags 10 to 19) and alarms with their history (tags 20 to 29).
 */
public final class CloudWatchState implements DurableState {

    public static final RecordTypes TYPES = RecordTypes.of(Stream.concat(Stream.of(MetricRecords.PUT,
            MetricRecords.TIER_STATE, MetricRecords.WATERMARK, DashboardRecords.SAVED, DashboardRecords.DELETED),
            AlarmRecords.TYPES.all().stream()).<RecordType<?>>map(t -> t).toList());

    private final MetricStore metrics;
    private final DashboardStore dashboards;
    private final Alarms alarms;

    public CloudWatchState(MetricStore metrics, DashboardStore dashboards, Alarms alarms) {
        this.metrics = metrics;
        this.dashboards = dashboards;
        this.alarms = alarms;
    }

    @Override
    public String name() {
        return CloudWatchModule.DESCRIPTOR.name();
    }

    @Override
    public RecordTypes recordTypes() {
        return TYPES;
    }

    @Override
    public void apply(Object record) {
        if (record instanceof Dashboard || record instanceof DashboardDeleted) {
            dashboards.apply(record);
        } else if (AlarmRecords.TYPES.knows(record)) {
            alarms.apply(record);
        } else {
            metrics.apply(record);
        }
    }

    @Override
    public Iterable<?> records() {
        List<Object> records = new ArrayList<>(dashboards.records());
        records.addAll(metrics.records());
        records.addAll(alarms.records());
        return records;
    }

    @Override
    public void clear() {
        metrics.clear();
        dashboards.clear();
        alarms.clear();
    }
}
