package dev.gureum.monitoring.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.monitoring.metrics.ExpressionEvaluator;
import dev.gureum.monitoring.metrics.MetricData;
import dev.gureum.monitoring.metrics.MetricDataInput;
import dev.gureum.monitoring.metrics.MetricDataRules;
import dev.gureum.monitoring.metrics.MetricException;
import dev.gureum.monitoring.metrics.MetricId;
import dev.gureum.monitoring.metrics.MetricListing;
import dev.gureum.monitoring.metrics.MetricStatistics;
import dev.gureum.monitoring.metrics.MetricStore;
import dev.gureum.monitoring.metrics.MetricsPut;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code PutMetricData}, {@code GetMetricStatistics}, {@code GetMetricData} and {@code ListMetrics}. */
final class MetricOperations {

    private final MetricStore store;
    private final MetricStatistics statistics;
    private final MetricData data;
    private final MetricListing listing;
    private final Supplier<StateJournal> journal;

    MetricOperations(MetricStore store, ExpressionEvaluator math, Supplier<StateJournal> journal) {
        this.store = store;
        this.statistics = new MetricStatistics(store);
        this.data = new MetricData(store, math);
        this.listing = new MetricListing(store);
        this.journal = journal;
    }

    void register(CloudWatchService service) {
        service.operation("PutMetricData", this::putMetricData);
        service.operation("GetMetricStatistics", this::getMetricStatistics);
        service.operation("GetMetricData", this::getMetricData);
        service.operation("ListMetrics", this::listMetrics);
    }

    private Object putMetricData(ActionRequest r) {
        Params p = r.params();
        List<MetricDataInput> inputs = new ArrayList<>();
        for (Params d : p.list("MetricData")) {
            inputs.add(datum(d));
        }
        // the entity form carries the same data, grouped by the entity it is about
        for (Params entity : p.list("EntityMetricData")) {
            for (Params d : entity.list("MetricData")) {
                inputs.add(datum(d));
            }
        }
        RequestContext ctx = r.context();
        MetricsPut put;
        try {
            put = store.put(ctx.accountId(), ctx.region(),
                    MetricDataRules.validate(p.string("Namespace"), inputs, store.clock().instant()));
        } catch (MetricException e) {
            throw Inputs.error(e);
        }
        return journal.get().append(put).thenApply(done -> null);
    }

    private static MetricDataInput datum(Params d) {
        MetricDataInput.StatisticsInput stats = null;
        if (d.has("StatisticValues")) {
            Params s = d.object("StatisticValues");
            stats = new MetricDataInput.StatisticsInput(s.doubleValue("SampleCount"), s.doubleValue("Sum"),
                    s.doubleValue("Minimum"), s.doubleValue("Maximum"));
        }
        return new MetricDataInput(d.string("MetricName"), Inputs.dimensions(d, "Dimensions"),
                Inputs.timestamp(d, "Timestamp"), d.doubleValue("Value"), stats, Inputs.doubles(d, "Values"),
                Inputs.doubles(d, "Counts"), d.string("Unit"), d.integer("StorageResolution"));
    }

    private Object getMetricStatistics(ActionRequest r) {
        Params p = r.params();
        MetricStatistics.Result result;
        try {
            result = statistics.get(r.context().accountId(), r.context().region(), new MetricStatistics.Request(
                    p.string("Namespace"), p.string("MetricName"), Inputs.dimensions(p, "Dimensions"),
                    Inputs.timestamp(p, "StartTime"), Inputs.timestamp(p, "EndTime"), p.integer("Period"),
                    p.has("Statistics") ? p.stringList("Statistics") : null,
                    p.has("ExtendedStatistics") ? p.stringList("ExtendedStatistics") : null, p.string("Unit")));
        } catch (MetricException e) {
            throw Inputs.error(e);
        }
        List<Struct> points = new ArrayList<>(result.datapoints().size());
        for (MetricStatistics.Datapoint d : result.datapoints()) {
            Struct point = Struct.of().put("Timestamp", d.timestamp());
            d.statistics().forEach(point::put);
            point.put("Unit", d.unit().wireName());
            if (!d.extendedStatistics().isEmpty()) {
                point.put("ExtendedStatistics", MapValue.of(d.extendedStatistics()));
            }
            points.add(point);
        }
        return Struct.of().put("Label", result.label()).list("Datapoints", points);
    }

    private Object getMetricData(ActionRequest r) {
        Params p = r.params();
        MetricData.Page page;
        try {
            List<MetricData.Query> queries = new ArrayList<>();
            List<Params> items = p.list("MetricDataQueries");
            for (int i = 0; i < items.size(); i++) {
                queries.add(query(items.get(i), "MetricDataQueries.member." + (i + 1)));
            }
            page = data.get(r.context().accountId(), r.context().region(), new MetricData.Request(queries,
                    Inputs.timestamp(p, "StartTime"), Inputs.timestamp(p, "EndTime"), p.string("ScanBy"),
                    p.integer("MaxDatapoints"), p.string("NextToken")));
        } catch (MetricException e) {
            throw Inputs.error(e);
        }
        List<Struct> results = new ArrayList<>(page.results().size());
        for (MetricData.Result result : page.results()) {
            results.add(Struct.of().put("Id", result.id()).put("Label", result.label())
                    .list("Timestamps", timestamps(result.epochSeconds())).list("Values", values(result.values()))
                    .put("StatusCode", result.statusCode())
                    .list("Messages", result.messages(), m -> Struct.of().put("Code", m.code()).put("Value", m.value())));
        }
        return Struct.of().list("MetricDataResults", results).put("NextToken", page.nextToken())
                .list("Messages", List.of());
    }

    private static List<Instant> timestamps(long[] epochSeconds) {
        List<Instant> list = new ArrayList<>(epochSeconds.length);
        for (long s : epochSeconds) {
            list.add(Instant.ofEpochSecond(s));
        }
        return list;
    }

    private static List<Double> values(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    private static MetricData.Query query(Params q, String at) {
        MetricId metric = null;
        Integer period = q.integer("Period");
        String stat = null;
        String unit = null;
        if (q.has("MetricStat")) {
            Params ms = q.object("MetricStat");
            Params m = ms.object("Metric");
            if (!ms.has("Metric")) {
                throw MetricException.missingParameter(at + ".MetricStat.Metric");
            }
            MetricDataRules.checkNamespace(m.string("Namespace"), at + ".MetricStat.Metric.Namespace");
            if (m.string("MetricName") == null || m.string("MetricName").isEmpty()) {
                throw MetricException.missingParameter(at + ".MetricStat.Metric.MetricName");
            }
            metric = new MetricId(m.string("Namespace"), m.string("MetricName"),
                    MetricDataRules.dimensions(Inputs.dimensions(m, "Dimensions"), at + ".MetricStat.Metric.Dimensions"));
            period = ms.integer("Period");
            stat = ms.string("Stat");
            unit = ms.string("Unit");
        }
        return new MetricData.Query(q.string("Id"), metric, period, stat, unit, q.string("Expression"),
                q.string("Label"), q.bool("ReturnData"), metric == null ? period : null);
    }

    private Object listMetrics(ActionRequest r) {
        Params p = r.params();
        List<MetricListing.DimensionFilter> filters = new ArrayList<>();
        for (Params f : p.list("Dimensions")) {
            filters.add(new MetricListing.DimensionFilter(f.string("Name"), f.string("Value")));
        }
        MetricListing.Page page;
        try {
            page = listing.list(r.context().accountId(), r.context().region(), new MetricListing.Request(
                    p.string("Namespace"), p.string("MetricName"), filters, p.string("RecentlyActive"),
                    p.string("NextToken")));
        } catch (MetricException e) {
            throw Inputs.error(e);
        }
        String owner = p.string("OwningAccount");
        List<Struct> metrics = new ArrayList<>();
        for (MetricId id : page.metrics()) {
            metrics.add(metric(id));
        }
        Struct out = Struct.of().list("Metrics", metrics).put("NextToken", page.nextToken());
        if (p.bool("IncludeLinkedAccounts", false)) {
            // no linked accounts here: every metric is the caller's own
            String account = owner != null ? owner : r.context().accountId();
            out.list("OwningAccounts", page.metrics().stream().map(m -> account).toList());
        }
        return out;
    }

    static Struct metric(MetricId id) {
        return Struct.of().put("Namespace", id.namespace()).put("MetricName", id.name())
                .list("Dimensions", id.dimensions(), d -> Struct.of().put("Name", d.name()).put("Value", d.value()));
    }
}
