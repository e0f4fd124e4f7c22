package dev.gureum.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where services publish the CloudWatch metrics AWS publishes for them ({@code AWS/SQS},
 * {@code AWS/Lambda}...), bound by the server to CloudWatch. A service never imports the monitoring
 * module; it finds this interface in {@link CrossService} and, without one, publishes nothing.
 *
 * <p>{@link #put} is called on request paths: implementations keep it cheap and never block.
 */
public interface MetricSink {

    /** Records one value of a metric. */
    void put(MetricDatum datum);

    /**
     * A metric a service puts values of again and again (a queue's {@code SentMessageSize}): named once, so
     * that each value costs no look-up of its name. Its values go where {@link #put} sends them.
     */
    default Series series(String account, String region, String namespace, String name, List<Dimension> dimensions,
                          String unit) {
        List<Dimension> copied = List.copyOf(dimensions);
        return (value, timestamp) -> put(new MetricDatum(account, region, namespace, name, copied, value, unit, timestamp));
    }

    /** One named metric of {@link #series}. */
    @FunctionalInterface
    interface Series {
        /** Records one value of the metric, as {@link #put} would. */
        void put(double value, Instant timestamp);
    }

    /**
     * Registers a gauge read once a minute of server-clock time (queue depths, the age of the oldest
     * message...): at each minute the sampler is called and puts what it measures.
     */
    void sampleEveryMinute(Runnable sampler);

    /** A sink that drops everything. */
    MetricSink NONE = new MetricSink() {
        @Override
        public void put(MetricDatum datum) {
        }

        @Override
        public void sampleEveryMinute(Runnable sampler) {
        }
    };

    /** A dimension of a metric, such as {@code QueueName=orders}. */
    record Dimension(String name, String value) {
        public Dimension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * One value of a metric, as a service would send it with {@code PutMetricData}.
     *
     * @param unit a CloudWatch unit name ({@code Count}, {@code Bytes}, {@code Milliseconds}, {@code Percent},
     *             {@code Seconds}, {@code None}...)
     */
    record MetricDatum(String account, String region, String namespace, String name, List<Dimension> dimensions,
                       double value, String unit, Instant timestamp) {
        public MetricDatum {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            dimensions = List.copyOf(dimensions);
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }
}
