package dev.gureum.monitoring.metrics;

import dev.gureum.core.id.PageTokens;

import java.util.ArrayList;
import java.util.List;

/** {@code ListMetrics}: the metrics that received data in the last two weeks, filtered, 500 a page. */
public final class MetricListing {

    public static final int PAGE_SIZE = 500;
    private static final long RECENTLY_ACTIVE_MILLIS = 3L * 3600 * 1000;

    /** A dimension a metric must have; with a value, that value. */
    public record DimensionFilter(String name, String value) {
    }

    public record Request(String namespace, String metricName, List<DimensionFilter> dimensions, String recentlyActive,
                          String nextToken) {
    }

    public record Page(List<MetricId> metrics, String nextToken) {
    }

    private final MetricStore store;

    public MetricListing(MetricStore store) {
        this.store = store;
    }

    public Page list(String account, String region, Request r) {
        List<DimensionFilter> filters = r.dimensions() == null ? List.of() : r.dimensions();
        if (filters.size() > 10) {
            throw MetricException.invalid("The collection Dimensions must not have a size greater than 10.");
        }
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).name() == null || filters.get(i).name().isEmpty()) {
                throw MetricException.missing("Dimensions.member." + (i + 1) + ".Name");
            }
        }
        if (r.recentlyActive() != null && !r.recentlyActive().equals("PT3H")) {
            throw MetricException.invalidValue(r.recentlyActive(), "RecentlyActive");
        }
        long activeSince = r.recentlyActive() == null ? Long.MIN_VALUE
                : store.clock().millis() - RECENTLY_ACTIVE_MILLIS;
        List<MetricId> matching = new ArrayList<>();
        for (MetricStore.Listed listed : store.metrics(account, region)) {
            MetricId id = listed.id();
            if (listed.lastPutMillis() >= activeSince
                    && (r.namespace() == null || r.namespace().equals(id.namespace()))
                    && (r.metricName() == null || r.metricName().equals(id.name()))
                    && filters.stream().allMatch(f -> id.dimensions().stream().anyMatch(d -> d.name().equals(f.name())
                            && (f.value() == null || f.value().equals(d.value()))))) {
                matching.add(id);
            }
        }
        try {
            PageTokens.Page<MetricId> page = PageTokens.page(matching, r.nextToken(), PAGE_SIZE);
            return new Page(page.items(), page.nextToken());
        } catch (PageTokens.InvalidTokenException e) {
            throw MetricException.invalid("The value " + r.nextToken() + " for parameter NextToken is invalid.");
        }
    }
}
