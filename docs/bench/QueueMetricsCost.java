import dev.gureum.core.spi.MetricSink;
import dev.gureum.sqs.domain.OutgoingMessage;
import dev.gureum.sqs.domain.QueueMetrics;
import dev.gureum.sqs.domain.QueueStore;
import dev.gureum.sqs.domain.SqsQueue;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * What counting SQS's CloudWatch metrics costs a send and a receive, in one thread: QueueMetrics.sent and
 * received without a metric sink (CloudWatch not running) and with one that only counts what it is given,
 * twice each, the first round warming up.
 *
 * Usage, from the repository's root after mvn -q -B -DskipTests package:
 *   java -cp emulator-server/target/gureum.jar docs/bench/QueueMetricsCost.java
 */
public class QueueMetricsCost {

    public static void main(String[] args) {
        LongAdder puts = new LongAdder();
        MetricSink counting = new MetricSink() {
            @Override
            public void put(MetricDatum datum) {
                puts.increment();
            }

            @Override
            public void sampleEveryMinute(Runnable sampler) {
            }
        };
        QueueStore store = new QueueStore();
        SqsQueue queue = new SqsQueue("bench", "000000000000", "us-east-1", false, Map.of(), Map.of(),
                Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor(), store);
        store.putIfAbsent(queue);
        OutgoingMessage message = new OutgoingMessage("a message of a typical size for a benchmark: order 12345 shipped",
                Map.of(), Map.of(), null, null, null, 64);
        int n = 20_000_000;
        for (String mode : new String[] {"no sink", "counting sink", "no sink", "counting sink"}) {
            QueueMetrics metrics = QueueMetrics.publishedTo(mode.equals("counting sink") ? counting : null,
                    Clock.systemUTC(), store);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                metrics.sent(queue, message);
            }
            long sent = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                metrics.received(queue, 1);
            }
            long received = System.nanoTime() - start;
            System.out.printf("%-14s sent %6.1f ns/call, received %6.1f ns/call%n", mode, (double) sent / n,
                    (double) received / n);
        }
        System.exit(0);
    }
}
