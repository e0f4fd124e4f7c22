package dev.gureum.monitoring.metrics;

import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordsReplay;
import dev.gureum.monitoring.CloudWatchState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MetricStoreTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final MetricId CPU = new MetricId("App", "Cpu", List.of(new MetricId.Dimension("Host", "h1")));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0.plusSeconds(600));
    private final MetricStore store = new MetricStore(clock);

    private MetricsPut put(Instant at, double... values) {
        double[] counts = new double[values.length];
        java.util.Arrays.fill(counts, 1);
        return store.put(ACCOUNT, REGION, List.of(new MetricDatum(CPU, at, Unit.PERCENT, 60, values, counts, null)));
    }

    private Map<Long, Bucket> query(Instant start, Instant end, int period) {
        return store.statistics(ACCOUNT, REGION, CPU, start, end, period, null, true).buckets();
    }

    @Test
    void aMetricsChangeNumberMovesWithEachPutOfItAndOnlyOfIt() {
        MetricId other = new MetricId("App", "Cpu", List.of(new MetricId.Dimension("Host", "h2")));
        assertThat(store.changeOf(ACCOUNT, REGION, CPU)).isZero();
        put(T0, 10);
        long first = store.changeOf(ACCOUNT, REGION, CPU);
        assertThat(first).isPositive();
        store.put(ACCOUNT, REGION, List.of(new MetricDatum(other, T0, Unit.PERCENT, 60, new double[] {1},
                new double[] {1}, null)));
        assertThat(store.changeOf(ACCOUNT, REGION, CPU)).isEqualTo(first);
        put(T0.plusSeconds(1), 20);
        assertThat(store.changeOf(ACCOUNT, REGION, CPU)).isGreaterThan(first);
        assertThat(store.changeOf("210987654321", REGION, CPU)).isZero();
    }

    @Test
    void theScopesAreTheAccountsAndRegionsThatHoldMetrics() {
        assertThat(store.scopes()).isEmpty();
        put(T0.plusSeconds(1), 10);
        store.put("210987654321", "us-west-2", List.of(new MetricDatum(CPU, T0, Unit.PERCENT, 60, new double[] {1},
                new double[] {1}, null)));
        assertThat(store.scopes()).extracting(s -> s[0] + " " + s[1])
                .containsExactlyInAnyOrder(ACCOUNT + " " + REGION, "210987654321 us-west-2");
    }

    @Test
    void bucketsAggregateByPeriodAndKeepTheUnit() {
        put(T0.plusSeconds(1), 10, 20);
        put(T0.plusSeconds(59), 30);
        put(T0.plusSeconds(61), 40);
        MetricStore.Series minute = store.statistics(ACCOUNT, REGION, CPU, T0, T0.plusSeconds(300), 60, null, false);
        assertThat(minute.unit()).isEqualTo(Unit.PERCENT);
        assertThat(minute.buckets()).containsOnlyKeys(T0.getEpochSecond(), T0.getEpochSecond() + 60);
        Bucket first = minute.buckets().get(T0.getEpochSecond());
        assertThat(first.sum()).isEqualTo(60);
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.min()).isEqualTo(10);
        assertThat(first.max()).isEqualTo(30);
        assertThat(first.average()).isEqualTo(20);
        assertThat(query(T0, T0.plusSeconds(300), 300).get(T0.getEpochSecond()).sum()).isEqualTo(100);
        // another unit, another stream of data
        assertThat(store.statistics(ACCOUNT, REGION, CPU, T0, T0.plusSeconds(300), 60, Unit.BYTES, false).buckets())
                .isEmpty();
    }

    @Test
    void percentilesAreWithinOnePercentAndLostToNegativeValues() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        put(T0, values);
        Bucket b = query(T0, T0.plusSeconds(60), 60).get(T0.getEpochSecond());
        assertThat(b.percentile(50)).isCloseTo(500, within(5.0));
        assertThat(b.percentile(99)).isCloseTo(990, within(9.9));
        assertThat(b.percentile(100)).isEqualTo(1000);
        assertThat(b.percentile(0.1)).isCloseTo(1, within(0.02));

        put(T0.plusSeconds(1), -1);
        assertThat(Double.isNaN(query(T0, T0.plusSeconds(60), 60).get(T0.getEpochSecond()).percentile(50))).isTrue();
    }

    @Test
    void statisticSetsKeepPercentilesOnlyForOneRepeatedValue() {
        store.put(ACCOUNT, REGION, List.of(new MetricDatum(CPU, T0, Unit.NONE, 60, null, null,
                new MetricDatum.StatisticSet(4, 20, 5, 5))));
        Bucket b = query(T0, T0.plusSeconds(60), 60).get(T0.getEpochSecond());
        assertThat(b.percentile(90)).isEqualTo(5);
        store.put(ACCOUNT, REGION, List.of(new MetricDatum(CPU, T0, Unit.NONE, 60, null, null,
                new MetricDatum.StatisticSet(2, 3, 1, 2))));
        b = query(T0, T0.plusSeconds(60), 60).get(T0.getEpochSecond());
        assertThat(b.sum()).isEqualTo(23);
        assertThat(b.count()).isEqualTo(6);
        assertThat(b.percentilesAvailable()).isFalse();
    }

    @Test
    void dataRollsUpAndExpiresAsCloudWatchKeepsIt() {
        store.put(ACCOUNT, REGION, List.of(new MetricDatum(CPU, T0.plusSeconds(3), Unit.NONE, 1, new double[] {1},
                new double[] {1}, null)));
        store.put(ACCOUNT, REGION, List.of(new MetricDatum(CPU, T0.plusSeconds(13), Unit.NONE, 1, new double[] {2},
                new double[] {1}, null)));
        assertThat(query(T0, T0.plusSeconds(60), 10)).hasSize(2);

        // after three hours, 1-second data is gone; the minute and coarser tiers hold it
        clock.advance(Duration.ofHours(3).plusMinutes(1));
        store.expire();
        assertThat(query(T0, T0.plusSeconds(60), 10)).isEmpty();
        assertThat(query(T0, T0.plusSeconds(60), 60).get(T0.getEpochSecond()).sum()).isEqualTo(3);

        // after 15 days, only 5-minute data: a 1-minute period finds nothing, 5 minutes does
        clock.advance(Duration.ofDays(15));
        store.expire();
        assertThat(query(T0, T0.plusSeconds(300), 60)).isEmpty();
        assertThat(query(T0, T0.plusSeconds(300), 300).get(T0.getEpochSecond()).sum()).isEqualTo(3);

        clock.advance(Duration.ofDays(63));
        store.expire();
        assertThat(query(T0, T0.plusSeconds(3600), 3600).get(T0.getEpochSecond()).sum()).isEqualTo(3);
        assertThat(store.size()).isEqualTo(1);

        clock.advance(Duration.ofDays(455));
        store.expire();
        assertThat(store.size()).isZero();
    }

    @Test
    void aSnapshotAndTheJournalAfterItCountEachPutOnce() {
        List<Object> journal = new ArrayList<>();
        journal.add(put(T0, 1));
        journal.add(put(T0, 2));
        List<Object> snapshot = store.records();
        // written to the next journal while the snapshot was taken: the snapshot may hold some of them
        journal.add(put(T0, 4));

        MetricStore replayed = new MetricStore(clock);
        snapshot.forEach(replayed::apply);
        journal.forEach(replayed::apply);
        Bucket b = replayed.statistics(ACCOUNT, REGION, CPU, T0, T0.plusSeconds(60), 60, null, true).buckets()
                .get(T0.getEpochSecond());
        assertThat(b.sum()).isEqualTo(7);
        assertThat(b.count()).isEqualTo(3);
        // and later puts are numbered after the replayed ones
        assertThat(replayed.put(ACCOUNT, REGION, List.of(MetricDatum.of(CPU, T0, Unit.PERCENT, 8))).sequence())
                .isGreaterThan(((MetricsPut) journal.get(2)).sequence());
    }

    @Test
    void recordsReadBackFromAJournalAndASnapshot() {
        List<Object> written = new ArrayList<>();
        written.add(put(T0, 1, 2, 3));
        written.add(store.put(ACCOUNT, REGION, List.of(
                new MetricDatum(new MetricId("Other", "N", List.of()), T0, Unit.COUNT_PER_SECOND, 1, new double[] {5},
                        new double[] {2}, null),
                new MetricDatum(CPU, T0.plusSeconds(60), Unit.PERCENT, 60, null, null,
                        new MetricDatum.StatisticSet(2, 10, 4, 6)))));
        MetricStore fromJournal = new MetricStore(clock);
        RecordsReplay.fromJournal(dir.resolve("j"), CloudWatchState.TYPES, written).forEach(fromJournal::apply);
        MetricStore fromSnapshot = new MetricStore(clock);
        RecordsReplay.fromSnapshot(dir.resolve("s"), CloudWatchState.TYPES, store.records()).forEach(fromSnapshot::apply);
        for (MetricStore s : List.of(fromJournal, fromSnapshot)) {
            Map<Long, Bucket> buckets = s.statistics(ACCOUNT, REGION, CPU, T0, T0.plusSeconds(120), 60, null, true)
                    .buckets();
            assertThat(buckets.get(T0.getEpochSecond()).sum()).isEqualTo(6);
            assertThat(buckets.get(T0.getEpochSecond()).percentile(100)).isEqualTo(3);
            assertThat(buckets.get(T0.getEpochSecond() + 60).max()).isEqualTo(6);
            assertThat(s.statistics(ACCOUNT, REGION, new MetricId("Other", "N", List.of()), T0, T0.plusSeconds(1), 1,
                    Unit.COUNT_PER_SECOND, false).buckets().get(T0.getEpochSecond()).sum()).isEqualTo(10);
            assertThat(s.metrics(ACCOUNT, REGION)).hasSize(2);
        }
    }

    @Test
    void validationUsesCloudWatchsMessages() {
        Instant now = clock.instant();
        MetricDataInput ok = new MetricDataInput("M", List.of(), null, 1.0, null, null, null, null, null);
        assertThat(MetricDataRules.validate("App", List.of(ok), now)).singleElement()
                .satisfies(d -> assertThat(d.timestamp()).isEqualTo(now));
        assertThatThrownBy(() -> MetricDataRules.validate(null, List.of(ok), now))
                .isInstanceOfSatisfying(MetricException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MetricException.Reason.MISSING);
                    assertThat(e.getMessage()).isEqualTo("The parameter Namespace is required.");
                });
        assertThatThrownBy(() -> MetricDataRules.validate("App", List.of(new MetricDataInput("M", List.of(),
                now.plus(Duration.ofHours(3)), 1.0, null, null, null, null, null)), now))
                .hasMessage("The parameter MetricData.member.1.Timestamp must specify a time no more than two hours"
                        + " in the future.");
        assertThatThrownBy(() -> MetricDataRules.validate("App", List.of(new MetricDataInput("M", List.of(), null,
                Double.NaN, null, null, null, null, null)), now))
                .hasMessage("The value NaN for parameter MetricData.member.1.Value is invalid.");
        assertThatThrownBy(() -> MetricDataRules.validate("App", List.of(new MetricDataInput("M", List.of(
                new MetricDataInput.DimensionInput("a", "1"), new MetricDataInput.DimensionInput("a", "2")), null,
                1.0, null, null, null, null, null)), now))
                .isInstanceOfSatisfying(MetricException.class,
                        e -> assertThat(e.reason()).isEqualTo(MetricException.Reason.INVALID_VALUE));
        assertThatThrownBy(() -> MetricDataRules.validate("App", List.of(new MetricDataInput("M", List.of(), null,
                null, new MetricDataInput.StatisticsInput(1.0, null, 1.0, 1.0), null, null, null, null)), now))
                .hasMessage("The parameter MetricData.member.1.StatisticValues.Sum is required.");
        List<Double> many = java.util.Collections.nCopies(151, 1.0);
        assertThatThrownBy(() -> MetricDataRules.validate("App", List.of(new MetricDataInput("M", List.of(), null,
                null, null, many, null, null, null)), now))
                .hasMessage("The collection MetricData.member.1.Values must not have a size greater than 150.");
    }

    @Test
    void listingShowsMetricsOfTheLastTwoWeeksSorted() {
        store.put(ACCOUNT, REGION, List.of(MetricDatum.of(new MetricId("B", "x", List.of()), T0, Unit.NONE, 1)));
        put(T0, 1);
        assertThat(store.metrics(ACCOUNT, REGION)).extracting(l -> l.id().namespace()).containsExactly("App", "B");
        assertThat(store.metrics("other", REGION)).isEmpty();
        clock.advance(Duration.ofDays(15));
        assertThat(store.metrics(ACCOUNT, REGION)).isEmpty();
    }
}
