package dev.gureum.monitoring.alarms;

import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.CrossService;
import dev.gureum.core.spi.InstanceActions;
import dev.gureum.core.spi.ScalingPolicies;
import dev.gureum.core.spi.TopicPublisher;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an alarm's actions through the services that carry them out: SNS topics get AWS's notification, EC2
 * actions ({@code arn:aws:automate:REGION:ec2:stop|terminate|reboot|recover}) act on the instance of the
 * alarm's {@code InstanceId} dimension, and scaling policy ARNs go to Auto Scaling. Each run is answered as the
 * {@code Action} item of the alarm's history.
 */
public final class AlarmActionRunner {

    /** What running an action came to: a history item's summary and data. */
    public record Result(boolean succeeded, String summary, String data) {
    }

    private final CrossService services;

    public AlarmActionRunner(CrossService services) {
        this.services = services;
    }

    /** Whether {@code action} names an Auto Scaling policy (which an alarm invokes again while it stays in its state). */
    static boolean isScalingAction(String action) {
        try {
            return "autoscaling".equals(Arn.parse(action).service());
        } catch (RuntimeException notAnArn) {
            return false;
        }
    }

    /** Runs {@code action} for the alarm's transition from {@code oldState}; never throws. */
    public Result run(Alarm alarm, AlarmState oldState, String action) {
        try {
            Arn arn = Arn.parse(action);
            JsonText data = JsonText.object().put("actionState", "Succeeded")
                    .put("stateUpdateTimestamp", alarm.status().updated().toEpochMilli());
            switch (arn.service()) {
                case "sns" -> {
                    TopicPublisher sns = services.find(TopicPublisher.class)
                            .orElseThrow(() -> new IllegalStateException("SNS is not running"));
                    String message = AlarmNotification.message(alarm, oldState);
                    sns.publish(Caller.service("cloudwatch.amazonaws.com", alarm.arn(), alarm.account()), action,
                            message, AlarmNotification.subject(alarm), Map.of());
                    data.put("notificationResource", action).put("publishedMessage", message);
                }
                case "automate" -> {
                    InstanceActions ec2 = services.find(InstanceActions.class)
                            .orElseThrow(() -> new IllegalStateException("EC2 is not running"));
                    String instanceId = instanceId(alarm);
                    if (instanceId == null) {
                        throw new IllegalStateException("The alarm's metric has no InstanceId dimension");
                    }
                    ec2.perform(alarm.account(), alarm.region(), instanceId,
                            InstanceActions.Action.valueOf(arn.resource().toUpperCase(Locale.ROOT)));
                    data.put("instanceId", instanceId);
                }
                case "autoscaling" -> {
                    double threshold = alarm instanceof MetricAlarm m && m.threshold() != null ? m.threshold()
                            : Double.NaN;
                    boolean executed = services.find(ScalingPolicies.class)
                            .map(p -> p.execute(action, alarm.arn(), newestDatapoint(alarm), threshold)).orElse(false);
                    if (!executed) {
                        throw new IllegalStateException("The scaling policy " + action + " was not found");
                    }
                }
                default -> throw new IllegalStateException("Gureum does not run " + arn.service() + " alarm actions");
            }
            return new Result(true, "Successfully executed action " + action, data.toString());
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(false, "Failed to execute action " + action, JsonText.object()
                    .put("actionState", "Failed")
                    .put("stateUpdateTimestamp", alarm.status().updated().toEpochMilli())
                    .put("error", error).toString());
        }
    }

    /** The newest of the state reason's {@code recentDatapoints}, which the alarm's transition was decided on. */
    static double newestDatapoint(Alarm alarm) {
        String data = alarm.status().reasonData();
        if (data == null) {
            return Double.NaN;
        }
        Matcher m = RECENT_DATAPOINTS.matcher(data);
        if (!m.find() || m.group(1).isBlank()) {
            return Double.NaN;
        }
        String[] values = m.group(1).split(",");
        return Double.parseDouble(values[values.length - 1]);
    }

    /** The datapoints, oldest first. */
    private static final Pattern RECENT_DATAPOINTS = Pattern.compile("\"recentDatapoints\":\\[([-0-9.Ee+,]*)]");

    private static String instanceId(Alarm alarm) {
        if (!(alarm instanceof MetricAlarm metric)) {
            return null;
        }
        for (MetricStat.Dimension d : metric.dimensions()) {
            if (d.name().equals("InstanceId")) {
                return d.value();
            }
        }
        for (AlarmQuery q : metric.metrics()) {
            if (q.metricStat() != null) {
                for (MetricStat.Dimension d : q.metricStat().dimensions()) {
                    if (d.name().equals("InstanceId")) {
                        return d.value();
                    }
                }
            }
        }
        return null;
    }
}
