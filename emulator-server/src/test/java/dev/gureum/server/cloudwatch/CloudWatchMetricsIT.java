package dev.gureum.server.cloudwatch;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** CloudWatch metrics through the Java SDK (its query protocol). */
class CloudWatchMetricsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static CloudWatchClient cw;

    /** The start of the minute ten minutes ago: every test's data falls in whole minutes after it. */
    Instant base;

    @BeforeAll
    static void client() {
        cw = gureum.configure(CloudWatchClient.builder()).build();
    }

    @AfterAll
    static void close() {
        cw.close();
    }

    @BeforeEach
    void clean() {
        gureum.reset();
        base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
    }

    private static Dimension dim(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    @Test
    void valuesAreAggregatedByPeriod() {
        cw.putMetricData(r -> r.namespace("App").metricData(
                MetricDatum.builder().metricName("Latency").dimensions(dim("Api", "orders")).timestamp(base.plusSeconds(5))
                        .value(10.0).unit(StandardUnit.MILLISECONDS).build(),
                MetricDatum.builder().metricName("Latency").dimensions(dim("Api", "orders")).timestamp(base.plusSeconds(30))
                        .values(20.0, 30.0).counts(1.0, 2.0).unit(StandardUnit.MILLISECONDS).build(),
                MetricDatum.builder().metricName("Latency").dimensions(dim("Api", "orders")).timestamp(base.plusSeconds(70))
                        .statisticValues(StatisticSet.builder().sampleCount(4.0).sum(8.0).minimum(1.0).maximum(3.0).build())
                        .unit(StandardUnit.MILLISECONDS).build()));

        GetMetricStatisticsResponse stats = cw.getMetricStatistics(r -> r.namespace("App").metricName("Latency")
                .dimensions(dim("Api", "orders")).startTime(base).endTime(base.plus(Duration.ofMinutes(5))).period(60)
                .statistics(Statistic.SAMPLE_COUNT, Statistic.SUM, Statistic.AVERAGE, Statistic.MINIMUM, Statistic.MAXIMUM));
        assertThat(stats.label()).isEqualTo("Latency");
        List<Datapoint> points = stats.datapoints().stream().sorted(Comparator.comparing(Datapoint::timestamp)).toList();
        assertThat(points).hasSize(2);
        Datapoint first = points.get(0);
        assertThat(first.timestamp()).isEqualTo(base);
        assertThat(first.sampleCount()).isEqualTo(4.0);
        assertThat(first.sum()).isEqualTo(90.0);
        assertThat(first.average()).isEqualTo(22.5);
        assertThat(first.minimum()).isEqualTo(10.0);
        assertThat(first.maximum()).isEqualTo(30.0);
        assertThat(first.unit()).isEqualTo(StandardUnit.MILLISECONDS);
        assertThat(points.get(1).timestamp()).isEqualTo(base.plusSeconds(60));
        assertThat(points.get(1).sampleCount()).isEqualTo(4.0);
        assertThat(points.get(1).maximum()).isEqualTo(3.0);

        // a five-minute period merges them; another unit filters everything out
        assertThat(cw.getMetricStatistics(r -> r.namespace("App").metricName("Latency").dimensions(dim("Api", "orders"))
                .startTime(base).endTime(base.plus(Duration.ofMinutes(5))).period(300).statistics(Statistic.SUM))
                .datapoints()).singleElement().satisfies(d -> assertThat(d.sum()).isEqualTo(98.0));
        assertThat(cw.getMetricStatistics(r -> r.namespace("App").metricName("Latency").dimensions(dim("Api", "orders"))
                .startTime(base).endTime(base.plus(Duration.ofMinutes(5))).period(60).statistics(Statistic.SUM)
                .unit(StandardUnit.BYTES)).datapoints()).isEmpty();
        // without its dimension it is another metric
        assertThat(cw.getMetricStatistics(r -> r.namespace("App").metricName("Latency")
                .startTime(base).endTime(base.plus(Duration.ofMinutes(5))).period(60).statistics(Statistic.SUM))
                .datapoints()).isEmpty();
    }

    @Test
    void percentilesComeFromTheValues() {
        List<Double> values = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();
        cw.putMetricData(r -> r.namespace("App").metricData(MetricDatum.builder().metricName("Size")
                .timestamp(base.plusSeconds(1)).values(values).build()));
        GetMetricStatisticsResponse stats = cw.getMetricStatistics(r -> r.namespace("App").metricName("Size")
                .startTime(base).endTime(base.plusSeconds(60)).period(60).extendedStatistics("p50", "p99", "p100"));
        Datapoint d = stats.datapoints().get(0);
        assertThat(d.extendedStatistics().get("p50")).isCloseTo(50.0, within(1.0));
        assertThat(d.extendedStatistics().get("p99")).isCloseTo(99.0, within(1.0));
        assertThat(d.extendedStatistics().get("p100")).isEqualTo(100.0);
        assertThat(d.sum()).isNull();
    }

    @Test
    void getMetricDataAnswersSeveralQueriesNewestFirstAndInPages() {
        for (int m = 0; m < 5; m++) {
            int minute = m;
            cw.putMetricData(r -> r.namespace("Shop").metricData(
                    MetricDatum.builder().metricName("Orders").dimensions(dim("Store", "a")).timestamp(base.plusSeconds(60L * minute))
                            .value((double) minute).build(),
                    MetricDatum.builder().metricName("Orders").dimensions(dim("Store", "b")).timestamp(base.plusSeconds(60L * minute))
                            .value(10.0 * minute).build()));
        }
        MetricDataQuery a = query("a", "Sum").toBuilder().label("store a").build();
        MetricDataQuery b = query("b", "Maximum").toBuilder().returnData(true).build();
        GetMetricDataResponse all = cw.getMetricData(r -> r.metricDataQueries(a, b).startTime(base)
                .endTime(base.plus(Duration.ofMinutes(10))));
        MetricDataResult ra = all.metricDataResults().get(0);
        assertThat(ra.id()).isEqualTo("a");
        assertThat(ra.label()).isEqualTo("store a");
        assertThat(ra.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(ra.values()).containsExactly(4.0, 3.0, 2.0, 1.0, 0.0);
        assertThat(ra.timestamps().get(0)).isEqualTo(base.plusSeconds(240));
        assertThat(all.metricDataResults().get(1).label()).isEqualTo("Orders");
        assertThat(all.metricDataResults().get(1).values()).containsExactly(40.0, 30.0, 20.0, 10.0, 0.0);
        assertThat(all.nextToken()).isNull();

        // ascending, three values a page
        List<Double> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            GetMetricDataResponse page = cw.getMetricData(r -> r.metricDataQueries(a, b).startTime(base)
                    .endTime(base.plus(Duration.ofMinutes(10))).scanBy(ScanBy.TIMESTAMP_ASCENDING).maxDatapoints(3)
                    .nextToken(t));
            page.metricDataResults().forEach(res -> seen.addAll(res.values()));
            token = page.nextToken();
            pages++;
            if (token != null) {
                assertThat(page.metricDataResults()).anyMatch(res -> res.statusCode() == StatusCode.PARTIAL_DATA);
            }
        } while (token != null);
        assertThat(pages).isEqualTo(4);
        assertThat(seen).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 0.0, 10.0, 20.0, 30.0, 40.0);

        // ReturnData false leaves a query out; p99 is a stat too
        GetMetricDataResponse onlyB = cw.getMetricData(r -> r.metricDataQueries(a.toBuilder().returnData(false).build(),
                query("b", "p99").toBuilder().id("bp").build()).startTime(base).endTime(base.plus(Duration.ofMinutes(10))));
        assertThat(onlyB.metricDataResults()).extracting(MetricDataResult::id).containsExactly("bp");
        assertThat(onlyB.metricDataResults().get(0).values().get(0)).isCloseTo(40.0, within(0.4));
    }

    private static MetricDataQuery query(String store, String stat) {
        return MetricDataQuery.builder().id(store).metricStat(s -> s.metric(m -> m.namespace("Shop").metricName("Orders")
                .dimensions(dim("Store", store))).period(60).stat(stat)).build();
    }

    @Test
    void malformedExpressionsAreRefused() {
        assertThatThrownBy(() -> cw.getMetricData(r -> r.metricDataQueries(query("a", "Sum"),
                MetricDataQuery.builder().id("e1").expression("a * ").build()).startTime(base).endTime(base.plusSeconds(600))))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void listMetricsFiltersByNamespaceNameAndDimensions() {
        cw.putMetricData(r -> r.namespace("A").metricData(
                MetricDatum.builder().metricName("Hits").dimensions(dim("Page", "home"), dim("Host", "h1")).value(1.0).build(),
                MetricDatum.builder().metricName("Hits").dimensions(dim("Page", "cart")).value(1.0).build(),
                MetricDatum.builder().metricName("Misses").value(1.0).build()));
        cw.putMetricData(r -> r.namespace("B").metricData(MetricDatum.builder().metricName("Hits").value(1.0).build()));

        assertThat(cw.listMetrics(r -> r.namespace("A")).metrics()).hasSize(3);
        assertThat(cw.listMetrics(r -> r.metricName("Hits")).metrics()).hasSize(3);
        ListMetricsResponse home = cw.listMetrics(r -> r.dimensions(DimensionFilter.builder().name("Page").value("home").build()));
        assertThat(home.metrics()).singleElement().satisfies(m -> {
            assertThat(m.namespace()).isEqualTo("A");
            assertThat(m.dimensions()).containsExactlyInAnyOrder(dim("Page", "home"), dim("Host", "h1"));
        });
        assertThat(cw.listMetrics(r -> r.dimensions(DimensionFilter.builder().name("Page").build())).metrics()).hasSize(2);
        assertThat(cw.listMetrics(r -> r.recentlyActive("PT3H").namespace("B")).metrics())
                .extracting(Metric::metricName).containsExactly("Hits");
        assertThat(cw.listMetrics(r -> r.namespace("B").includeLinkedAccounts(true)).owningAccounts())
                .containsExactly("000000000000");
        assertThatThrownBy(() -> cw.listMetrics(r -> r.recentlyActive("PT1H")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void listMetricsPagesBy500() {
        for (int call = 0; call < 2; call++) {
            int c = call;
            cw.putMetricData(r -> r.namespace("Many").metricData(IntStream.range(0, 300).mapToObj(i ->
                    MetricDatum.builder().metricName("M" + (c * 300 + i)).value(1.0).build()).toList()));
        }
        ListMetricsResponse first = cw.listMetrics(r -> r.namespace("Many"));
        assertThat(first.metrics()).hasSize(500);
        assertThat(first.nextToken()).isNotNull();
        ListMetricsResponse second = cw.listMetrics(r -> r.namespace("Many").nextToken(first.nextToken()));
        assertThat(second.metrics()).hasSize(100);
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void badDataIsRefusedWithCloudWatchsErrors() {
        List<Dimension> dims = IntStream.range(0, 31).mapToObj(i -> dim("d" + i, "v")).toList();
        assertThatThrownBy(() -> cw.putMetricData(r -> r.namespace("App").metricData(
                MetricDatum.builder().metricName("X").dimensions(dims).value(1.0).build())))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("The collection MetricData.member.1.Dimensions must not have a size greater than 30.");
        assertThatThrownBy(() -> cw.putMetricData(r -> r.namespace("App").metricData(
                MetricDatum.builder().metricName("X").value(1.0)
                        .statisticValues(StatisticSet.builder().sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0).build()).build())))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageContaining("The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues"
                        + " are mutually exclusive and you have specified both.");
        assertThatThrownBy(() -> cw.putMetricData(r -> r.namespace("App").metricData(
                MetricDatum.builder().metricName("X").value(1.0).timestamp(Instant.now().minus(Duration.ofDays(15))).build())))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("must specify a time no more than two weeks in the past");
        assertThatThrownBy(() -> cw.putMetricData(r -> r.namespace("App").metricData(
                MetricDatum.builder().metricName("X").value(Math.pow(2, 400)).build())))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> cw.putMetricData(r -> r.namespace("App").metricData(
                MetricDatum.builder().metricName("X").value(1.0).storageResolution(5).build())))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("StorageResolution");
        assertThatThrownBy(() -> cw.putMetricData(r -> r.namespace("AWS/EC2").metricData(
                MetricDatum.builder().metricName("X").value(1.0).build())))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> cw.putMetricData(r -> r.namespace("App").metricData(
                MetricDatum.builder().value(1.0).build())))
                .isInstanceOf(MissingRequiredParameterException.class)
                .hasMessageContaining("The parameter MetricData.member.1.MetricName is required.");
        assertThatThrownBy(() -> cw.putMetricData(r -> r.namespace("App").metricData(
                MetricDatum.builder().metricName("X").values(1.0, 2.0).counts(1.0).build())))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("must be of the same size");

        assertThatThrownBy(() -> cw.getMetricStatistics(r -> r.namespace("App").metricName("X").startTime(base)
                .endTime(base.plus(Duration.ofDays(2))).period(60).statistics(Statistic.SUM)))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageContaining("You have requested up to 2,880 datapoints, which exceeds the limit of 1,440.");
        assertThatThrownBy(() -> cw.getMetricStatistics(r -> r.namespace("App").metricName("X").startTime(base)
                .endTime(base.plusSeconds(600)).period(60)))
                .isInstanceOf(InvalidParameterCombinationException.class);
        assertThatThrownBy(() -> cw.getMetricStatistics(r -> r.namespace("App").metricName("X").startTime(base)
                .endTime(base.plusSeconds(600)).period(60).extendedStatistics("p101")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> cw.getMetricStatistics(r -> r.namespace("App").metricName("X").startTime(base)
                .endTime(base.plusSeconds(600)).period(45).statistics(Statistic.SUM)))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> cw.getMetricStatistics(r -> r.namespace("App").metricName("X").startTime(base)
                .endTime(base).period(60).statistics(Statistic.SUM)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("The parameter StartTime must be less than the parameter EndTime.");
        assertThatThrownBy(() -> cw.getMetricData(r -> r.metricDataQueries(query("a", "p999x"))
                .startTime(base).endTime(base.plusSeconds(600))))
                .isInstanceOfSatisfying(CloudWatchException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        // the server is still up
        assertThat(cw.listMetrics().metrics()).isEmpty();
    }

    @Test
    void highResolutionDataAnswersSecondPeriods() {
        cw.putMetricData(r -> r.namespace("Fast").metricData(
                MetricDatum.builder().metricName("Ticks").storageResolution(1).timestamp(base.plusSeconds(1)).value(1.0).build(),
                MetricDatum.builder().metricName("Ticks").storageResolution(1).timestamp(base.plusSeconds(2)).value(2.0).build(),
                MetricDatum.builder().metricName("Ticks").storageResolution(1).timestamp(base.plusSeconds(12)).value(4.0).build()));
        assertThat(cw.getMetricStatistics(r -> r.namespace("Fast").metricName("Ticks").startTime(base)
                .endTime(base.plusSeconds(60)).period(10).statistics(Statistic.SUM)).datapoints())
                .extracting(Datapoint::sum).containsExactlyInAnyOrder(3.0, 4.0);
        assertThat(cw.getMetricStatistics(r -> r.namespace("Fast").metricName("Ticks").startTime(base)
                .endTime(base.plusSeconds(60)).period(60).statistics(Statistic.SUM)).datapoints())
                .extracting(Datapoint::sum).containsExactly(7.0);
    }
}
