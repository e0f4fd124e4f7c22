package dev.gureum.server.cloudwatch;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Metric math in GetMetricData and in alarms, through the Java SDK (its query protocol). */
class CloudWatchMetricMathIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static CloudWatchClient cw;

    /** The start of the minute ten minutes ago. */
    Instant base;

    @BeforeAll
    static void client() {
        cw = gureum.configure(CloudWatchClient.builder()).build();
    }

    @AfterAll
    static void close() {
        cw.close();
    }

    /** Store a sold 1, 2, 3, 4, 5 orders in the five minutes from base; store b 10, 20, -, 40, 50. */
    @BeforeEach
    void orders() {
        gureum.reset();
        base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        for (int minute = 0; minute < 5; minute++) {
            int m = minute;
            cw.putMetricData(r -> r.namespace("Shop").metricData(MetricDatum.builder().metricName("Orders")
                    .dimensions(Dimension.builder().name("Store").value("a").build())
                    .timestamp(base.plusSeconds(60L * m)).value(m + 1.0).build()));
            if (minute != 2) {
                cw.putMetricData(r -> r.namespace("Shop").metricData(MetricDatum.builder().metricName("Orders")
                        .dimensions(Dimension.builder().name("Store").value("b").build())
                        .timestamp(base.plusSeconds(60L * m)).value(10.0 * (m + 1)).build()));
            }
        }
    }

    private static MetricDataQuery store(String store) {
        return MetricDataQuery.builder().id(store).label("store " + store).returnData(false)
                .metricStat(s -> s.metric(m -> m.namespace("Shop").metricName("Orders")
                        .dimensions(Dimension.builder().name("Store").value(store).build())).period(60).stat("Sum"))
                .build();
    }

    private static MetricDataQuery expression(String id, String expression) {
        return MetricDataQuery.builder().id(id).expression(expression).build();
    }

    private GetMetricDataResponse get(MetricDataQuery... queries) {
        return cw.getMetricData(r -> r.metricDataQueries(queries).startTime(base).endTime(base.plusSeconds(300))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING));
    }

    @Test
    void arithmeticAndStatisticsOverMetrics() {
        GetMetricDataResponse r = get(store("a"), store("b"),
                expression("total", "a + b").toBuilder().label("All stores").build(),
                expression("summed", "SUM(METRICS())"), expression("average", "AVG(METRICS())"),
                expression("biggest", "MAX(METRICS())"), expression("share", "b / MAX(b)"),
                expression("filled", "FILL(b, 0)"), expression("rate", "RATE(a)"),
                expression("busy", "IF(b > 25, 1, 0)"));
        Map<String, MetricDataResult> byId = r.metricDataResults().stream()
                .collect(Collectors.toMap(MetricDataResult::id, Function.identity()));

        assertThat(r.metricDataResults()).extracting(MetricDataResult::id)
                .containsExactly("total", "summed", "average", "biggest", "share", "filled", "rate", "busy");
        assertThat(byId.get("total").label()).isEqualTo("All stores");
        // a minute without a datapoint of b counts as 0 in arithmetic between series
        assertThat(byId.get("total").values()).containsExactly(11.0, 22.0, 3.0, 44.0, 55.0);
        assertThat(byId.get("total").timestamps().get(0)).isEqualTo(base);
        assertThat(byId.get("summed").label()).isEqualTo("summed");
        assertThat(byId.get("summed").values()).containsExactly(11.0, 22.0, 3.0, 44.0, 55.0);
        assertThat(byId.get("average").values()).containsExactly(5.5, 11.0, 1.5, 22.0, 27.5);
        assertThat(byId.get("biggest").values()).containsExactly(10.0, 20.0, 3.0, 40.0, 50.0);
        assertThat(byId.get("share").values()).containsExactly(0.2, 0.4, 0.8, 1.0);
        assertThat(byId.get("filled").values()).containsExactly(10.0, 20.0, 0.0, 40.0, 50.0);
        assertThat(byId.get("rate").values()).hasSize(4).allSatisfy(v -> assertThat(v).isCloseTo(1.0 / 60, within(1e-9)));
        assertThat(byId.get("busy").values()).containsExactly(0.0, 0.0, 1.0, 1.0);
        assertThat(r.metricDataResults()).allSatisfy(res -> assertThat(res.messages()).isEmpty());
    }

    @Test
    void aStartWithinAMinuteIsRoundedDownForExpressionsAsForMetrics() {
        GetMetricDataResponse r = cw.getMetricData(q -> q.metricDataQueries(store("b"), expression("filled", "FILL(b, 0)"))
                .startTime(base.plusSeconds(30)).endTime(base.plusSeconds(300)).scanBy(ScanBy.TIMESTAMP_ASCENDING));
        MetricDataResult filled = r.metricDataResults().get(0);
        assertThat(filled.timestamps()).containsExactly(base, base.plusSeconds(60), base.plusSeconds(120),
                base.plusSeconds(180), base.plusSeconds(240));
        assertThat(filled.values()).containsExactly(10.0, 20.0, 0.0, 40.0, 50.0);
    }

    @Test
    void metricsGivesOneResultPerMetricLabelledAfterTheExpression() {
        GetMetricDataResponse r = get(store("a"), store("b"),
                expression("doubled", "METRICS() * 2").toBuilder().label("Twice").build());
        assertThat(r.metricDataResults()).extracting(MetricDataResult::id).containsExactly("doubled", "doubled");
        assertThat(r.metricDataResults()).extracting(MetricDataResult::label)
                .containsExactly("Twice store a", "Twice store b");
        assertThat(r.metricDataResults().get(1).values()).containsExactly(20.0, 40.0, 80.0, 100.0);
    }

    @Test
    void aDivisionByZeroDropsTheDatapointWithAnArithmeticError() {
        GetMetricDataResponse r = get(store("a"), store("b"), expression("per", "b / (a - 3)"));
        MetricDataResult per = r.metricDataResults().get(0);
        assertThat(per.values()).containsExactly(-5.0, -20.0, 40.0, 25.0);
        assertThat(per.messages()).extracting(MessageData::code).containsExactly("ArithmeticError");
    }

    @Test
    void malformedMathIsAValidationError() {
        for (String bad : List.of("a +", "NOSUCH(a)", "c * 2", "SUM(a")) {
            assertThatThrownBy(() -> get(store("a"), expression("e1", bad)))
                    .as(bad).isInstanceOfSatisfying(CloudWatchException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Error in expression 'e1': ");
                    });
        }
        assertThat(get(store("a"), expression("e1", "a * 2")).metricDataResults().get(0).values()).hasSize(5);
    }

    @Test
    void anAlarmWithMalformedMathIsRefused() {
        for (String bad : List.of("m1 +", "NOSUCH(m1)", "m2 * 2")) {
            assertThatThrownBy(() -> cw.putMetricAlarm(r -> r.alarmName("bad").evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).metrics(store("a").toBuilder()
                            .id("m1").build(), expression("e1", bad).toBuilder().returnData(true).build())))
                    .as(bad).isInstanceOfSatisfying(CloudWatchException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Error in expression 'e1': ");
                    });
        }
        assertThat(cw.describeAlarms().metricAlarms()).isEmpty();
    }
}
