package dev.gureum.monitoring.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.spi.MetricAlarms;
import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.time.Timers;
import dev.gureum.monitoring.CloudWatchModule;
import dev.gureum.monitoring.CloudWatchState;
import dev.gureum.monitoring.StoredMetrics;
import dev.gureum.monitoring.alarms.AlarmActionRunner;
import dev.gureum.monitoring.alarms.ServiceAlarms;
import dev.gureum.monitoring.alarms.Alarms;
import dev.gureum.monitoring.dashboards.DashboardStore;
import dev.gureum.monitoring.metrics.ExpressionEvaluator;
import dev.gureum.monitoring.metrics.MetricStore;
import dev.gureum.monitoring.metrics.PublishedMetrics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * CloudWatch's API. Each group of operations (metrics, alarms, dashboards) registers its own; the rest of
 * the API answers 501 {@code NotImplemented}, as in every service. It is also the {@link MetricSink} the
 * other services publish their {@code AWS/*} metrics to.
 */
public final class CloudWatchService extends ActionService implements MetricSink, MetricAlarms {

    /** How often data past its retention is dropped, in server-clock time. */
    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(10);

    private final MetricStore metrics;
    private final dev.gureum.monitoring.metrics.MetricData metricData;
    private final DashboardStore dashboards;
    private final StateJournal journal;
    private final PublishedMetrics published;
    private final Timers timers;
    private volatile Timers.Timer expiry;
    private volatile boolean closed;

    private final AlarmOperations alarms;
    private final Alarms alarmStore;

    /** @param math the metric-math evaluator of {@code GetMetricData}'s expressions and of metric-math alarms */
    public CloudWatchService(EmulatorContext context, ExpressionEvaluator math) {
        super(CloudWatchModule.DESCRIPTOR);
        registerNotImplemented("/dev/gureum/monitoring/operations.txt", "CloudWatch");
        this.timers = context.timers();
        this.metrics = new MetricStore(context.clock());
        this.metricData = new dev.gureum.monitoring.metrics.MetricData(metrics, math);
        this.dashboards = new DashboardStore(context.clock());
        this.alarmStore = new Alarms(context.timers(), new AlarmActionRunner(context.crossService()));
        this.journal = context.persistence().open(new CloudWatchState(metrics, dashboards, alarmStore));
        this.published = new PublishedMetrics(metrics, timers, put -> {
            try {
                journal.append(put);
            } catch (RuntimeException e) {
                // the server is stopping: what services publish from now on is not kept
            }
        });
        new MetricOperations(metrics, math, () -> journal).register(this);
        new DashboardOperations(dashboards, () -> journal).register(this);
        alarmStore.journal(journal);
        alarmStore.metrics(new StoredMetrics(metrics, math));
        alarms = new AlarmOperations(alarmStore, context.timers());
        alarms.register(this);
        scheduleExpiry();
    }

    private void scheduleExpiry() {
        if (!closed) {
            expiry = timers.after(EXPIRY_INTERVAL, () -> {
                metrics.expire();
                scheduleExpiry();
            });
        }
    }

    /** The store of metric data, for the operation groups that read it (alarms). */
    public MetricStore metrics() {
        return metrics;
    }

    /** {@code GetMetricData}'s reading, metric math included, for Gureum's own views (the console's dashboards). */
    public dev.gureum.monitoring.metrics.MetricData metricData() {
        return metricData;
    }

    /** Every account's dashboards, for Gureum's own views (the console). */
    public DashboardStore dashboards() {
        return dashboards;
    }

    /** Every account's alarms, for Gureum's own views (the console). */
    public Alarms alarms() {
        return alarmStore;
    }

    @Override
    public void put(MetricSink.MetricDatum datum) {
        published.put(datum);
    }

    @Override
    public MetricSink.Series series(String account, String region, String namespace, String name,
                                    java.util.List<MetricSink.Dimension> dimensions, String unit) {
        return published.series(account, region, namespace, name, dimensions, unit);
    }

    @Override
    public void sampleEveryMinute(Runnable sampler) {
        published.sampleEveryMinute(sampler);
    }

    @Override
    public void put(MetricAlarms.Alarm alarm) {
        alarmStore.putMetricAlarm(alarm.account(), alarm.region(), ServiceAlarms.input(alarm));
    }

    @Override
    public void delete(String account, String region, Collection<String> names) {
        List<String> existing = alarmStore.describe(account, region, ServiceAlarms.named(names)).stream()
                .map(dev.gureum.monitoring.alarms.Alarm::name).toList();
        if (!existing.isEmpty()) {
            alarmStore.delete(account, region, existing);
        }
    }

    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public void reset() {
        journal.reset().toCompletableFuture().join();    }

    @Override
    public void close() {
        closed = true;
        Timers.Timer t = expiry;
        if (t != null) {
            t.cancel();
        }
        alarms.close();
        published.close();
        journal.close();    }

    /** Serves {@code action} with {@code operation}: how the operation groups add themselves. */
    void operation(String action, Operation operation) {
        register(action, operation);
    }
}
