package dev.gureum.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardEntry;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudWatch's acknowledged writes survive {@code kill -9} at the default durability: metric data put from
 * several threads (replayed from the journal, and through a snapshot on the next round) and dashboards.
 */
class CloudWatchCrashRecoveryIT {

    private static CloudWatchClient client(URI endpoint) {
        return CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private static double sum(CloudWatchClient cw, Instant minute) {
        List<Datapoint> points = cw.getMetricStatistics(r -> r.namespace("Crash").metricName("Writes")
                .startTime(minute).endTime(minute.plusSeconds(3600)).period(3600).statistics(Statistic.SAMPLE_COUNT))
                .datapoints();
        return points.isEmpty() ? 0 : points.get(0).sampleCount();
    }

    @Test
    void acknowledgedMetricDataAndDashboardsSurviveAKill(@TempDir Path dataDir) throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant at = Instant.now().minusSeconds(5);
        int acknowledged = 0;
        for (int round = 0; round < 2; round++) {
            AtomicInteger acks = new AtomicInteger();
            try (ChildGureum child = ChildGureum.start(dataDir, "--services=cloudwatch")) {
                URI endpoint = child.endpoint();
                try (CloudWatchClient cw = client(endpoint)) {
                    assertThat(sum(cw, hour)).isEqualTo(acknowledged);
                    int r = round;
                    cw.putDashboard(d -> d.dashboardName("round-" + r).dashboardBody("{\"widgets\":[]}"));
                    ExecutorService writers = Executors.newFixedThreadPool(4);
                    List<Future<?>> done = new ArrayList<>();
                    for (int w = 0; w < 4; w++) {
                        done.add(writers.submit(() -> {
                            for (int i = 0; i < 50; i++) {
                                cw.putMetricData(p -> p.namespace("Crash").metricData(MetricDatum.builder()
                                        .metricName("Writes").timestamp(at).values(1.0, 2.0).build()));
                                acks.addAndGet(2);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                    writers.shutdown();
                }
                child.kill();
            }
            acknowledged += acks.get();
        }
        try (ChildGureum restarted = ChildGureum.start(dataDir, "--services=cloudwatch");
             CloudWatchClient cw = client(restarted.endpoint())) {
            assertThat(sum(cw, hour)).isEqualTo(acknowledged);
            assertThat(cw.listDashboards().dashboardEntries()).extracting(DashboardEntry::dashboardName)
                    .containsExactly("round-0", "round-1");
        }
        assertThat(Duration.between(at, Instant.now())).isLessThan(Duration.ofHours(1));
    }
}
