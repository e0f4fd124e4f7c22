package dev.gureum.monitoring.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A metric as CloudWatch names it: namespace, name and dimensions. Dimensions are a set: the order a
 * client sends them in does not matter, so they are kept sorted by name.
 */
public record MetricId(String namespace, String name, List<Dimension> dimensions) implements Comparable<MetricId> {

    /** A dimension, such as {@code QueueName=orders}. */
    public record Dimension(String name, String value) {
        public Dimension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final Comparator<Dimension> BY_NAME =
            Comparator.comparing(Dimension::name).thenComparing(Dimension::value);

    public MetricId {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        List<Dimension> sorted = new ArrayList<>(dimensions);
        sorted.sort(BY_NAME);
        dimensions = List.copyOf(sorted);
    }

    @Override
    public int compareTo(MetricId o) {
        int c = namespace.compareTo(o.namespace);
        if (c == 0) {
            c = name.compareTo(o.name);
        }
        for (int i = 0; c == 0 && i < Math.min(dimensions.size(), o.dimensions.size()); i++) {
            c = BY_NAME.compare(dimensions.get(i), o.dimensions.get(i));
        }
        return c != 0 ? c : Integer.compare(dimensions.size(), o.dimensions.size());
    }
}
