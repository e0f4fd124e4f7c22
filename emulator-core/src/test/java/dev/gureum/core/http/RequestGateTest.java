package dev.gureum.core.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A change of a service's whole state waits for its requests in flight, and holds back the ones that come meanwhile. */
class RequestGateTest {

    @Test
    void aChangeWaitsForTheRequestsInFlightAndTheNextOnesWaitForIt() throws Exception {
        RequestGate gate = new RequestGate();
        AtomicReference<Runnable> inFlight = new AtomicReference<>();
        assertThat(gate.tryEnter("s3", inFlight::set)).isTrue();
        assertThat(gate.tryEnter("sqs", leave -> { })).isTrue(); // another service's request does not hold s3 back

        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch closing = new CountDownLatch(1);
        CompletableFuture<String> change = CompletableFuture.supplyAsync(() -> {
            try {
                closing.countDown();
                return gate.exclusive(List.of("s3"), Duration.ofSeconds(30), () -> {
                    order.add("change");
                    return "done";
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        closing.await();
        dev.gureum.core.testing.Await.until(() -> !gate.tryEnter("s3", Runnable::run), "the door to close");
        assertThat(gate.park("s3", () -> order.add("parked request"))).isTrue();
        assertThat(change).isNotDone();

        order.add("request ends");
        inFlight.get().run();
        assertThat(change.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(order).containsExactly("request ends", "change", "parked request");
        assertThat(gate.tryEnter("s3", leave -> { })).isTrue();
        assertThat(gate.park("s3", () -> { })).as("an open door parks nothing").isFalse();
    }

    @Test
    void aChangeThatWaitsTooLongChangesNothingAndOpensTheDoor() throws Exception {
        RequestGate gate = new RequestGate();
        assertThat(gate.tryEnter("sqs", leave -> { })).isTrue(); // a long poll that does not end
        List<String> ran = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> gate.exclusive(List.of("sqs"), Duration.ofMillis(50), () -> ran.add("change")))
                .isInstanceOf(TimeoutException.class).hasMessageContaining("1 requests still in flight");
        assertThat(ran).isEmpty();
        assertThat(gate.tryEnter("sqs", leave -> { })).isTrue();
    }
}
