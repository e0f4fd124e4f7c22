package dev.gureum.core.time;

import dev.gureum.core.testing.Await;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerClockTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private final MutableClock base = new MutableClock(START);
    private final ServerClock clock = new ServerClock(base);

    @AfterEach
    void close() {
        clock.close();
    }

    @Test
    void readsTheBaseClockUntilMoved() {
        assertThat(clock.instant()).isEqualTo(START);
        base.advanceSeconds(7);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(7));
        assertThat(clock.reading()).isEqualTo(new ServerClock.Reading(START.plusSeconds(7), Duration.ZERO, 1.0));
    }

    @Test
    void advanceMovesTheTimeAndKeepsTheOffset() {
        ServerClock.Reading reading = clock.advance(Duration.ofMinutes(5));
        assertThat(reading.time()).isEqualTo(START.plusSeconds(300));
        assertThat(reading.offset()).isEqualTo(Duration.ofMinutes(5));
        base.advanceSeconds(1);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(301));
    }

    @Test
    void advanceRunsTheDueTasksInOrderOfDueTimeEachAtItsTime() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Timers timers = clock.timers();
        timers.after(Duration.ofSeconds(90), () -> ran.add("90s at " + clock.instant()));
        timers.after(Duration.ofSeconds(30), () -> {
            ran.add("30s at " + clock.instant());
            // scheduled while the advance runs: inside the window, so it runs too, in its place
            timers.after(Duration.ofSeconds(20), () -> ran.add("50s at " + clock.instant()));
            // beyond the window: waits
            timers.after(Duration.ofMinutes(10), () -> ran.add("too late"));
        });
        timers.after(Duration.ofSeconds(60), () -> ran.add("60s at " + clock.instant()));
        timers.after(Duration.ofSeconds(400), () -> ran.add("400s"));

        clock.advance(Duration.ofMinutes(2));

        assertThat(ran).containsExactly("30s at " + START.plusSeconds(30), "50s at " + START.plusSeconds(50),
                "60s at " + START.plusSeconds(60), "90s at " + START.plusSeconds(90));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(120));
        assertThat(((ServerTimers) timers).pending()).isEqualTo(2);
    }

    @Test
    void tasksDueAtTheSameTimeRunInTheOrderTheyWereScheduled() {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            clock.timers().at(START.plusSeconds(10), () -> ran.add(n));
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aCancelledTaskDoesNotRun() {
        AtomicBoolean ran = new AtomicBoolean();
        Timers.Timer timer = clock.timers().after(Duration.ofSeconds(5), () -> ran.set(true));
        assertThat(timer.cancel()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(ran).isFalse();
        assertThat(timer.cancel()).isFalse();
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() {
        List<String> ran = new CopyOnWriteArrayList<>();
        clock.timers().after(Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("boom");
        });
        clock.timers().after(Duration.ofSeconds(2), () -> ran.add("after"));
        clock.advance(Duration.ofSeconds(3));
        assertThat(ran).containsExactly("after");
    }

    @Test
    void tasksRunWhenTheClockReachesThemInRealRunning() {
        AtomicBoolean ran = new AtomicBoolean();
        clock.timers().after(Duration.ofSeconds(30), () -> ran.set(true));
        base.advanceSeconds(29);
        assertThat(ran).isFalse();
        base.advanceSeconds(1);
        Await.until(Duration.ofSeconds(5), ran::get, "the task due when the base clock reached it");
    }

    @Test
    void speedMakesTheClockRunFasterFromWhereItStands() {
        clock.advance(Duration.ofSeconds(10));
        clock.speed(60);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(10));
        base.advanceSeconds(2);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(130));
        assertThat(clock.reading().speed()).isEqualTo(60.0);
        assertThat(clock.reading().offset()).isEqualTo(Duration.ofSeconds(128));
    }

    @Test
    void atSpeedTasksFallDueSoonerInRealTime() {
        clock.speed(60);
        AtomicBoolean ran = new AtomicBoolean();
        clock.timers().after(Duration.ofSeconds(60), () -> ran.set(true));
        base.advanceSeconds(1);
        Await.until(Duration.ofSeconds(5), ran::get, "a minute of clock time in a second of real time");
    }

    @Test
    void onTheSystemClockSpeedShortensTheRealWait() {
        try (ServerClock real = new ServerClock()) {
            real.speed(1000);
            AtomicBoolean ran = new AtomicBoolean();
            long started = System.nanoTime();
            real.timers().after(Duration.ofSeconds(60), () -> ran.set(true));
            Await.until(Duration.ofSeconds(10), ran::get, "a minute at 1000x");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void realTimeGoesBackToTheBaseClock() {
        clock.advance(Duration.ofHours(1));
        clock.speed(5);
        ServerClock.Reading reading = clock.realTime();
        assertThat(reading).isEqualTo(new ServerClock.Reading(START, Duration.ZERO, 1.0));
    }

    @Test
    void refusesToGoBackOrToStop() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.speed(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.speed(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.speed(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void otherThreadsReadTheDueTimeWhileATaskOfAnAdvanceRuns() throws Exception {
        List<Instant> seen = new CopyOnWriteArrayList<>();
        clock.timers().after(Duration.ofSeconds(40), () -> {
            Thread reader = new Thread(() -> seen.add(clock.instant()));
            reader.start();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        clock.advance(Duration.ofMinutes(1));
        assertThat(seen).containsExactly(START.plusSeconds(40));
    }

    @Test
    void workDueCenturiesAheadWaitsWithoutStoppingTheTimers() throws InterruptedException {
        AtomicBoolean far = new AtomicBoolean();
        AtomicBoolean near = new AtomicBoolean();
        clock.timers().at(Instant.parse("2999-01-01T00:00:00Z"), () -> far.set(true));
        // the timer thread starts waiting for the far task first
        Thread.sleep(100);
        clock.timers().after(Duration.ofSeconds(1), () -> near.set(true));
        base.advanceSeconds(1);
        Await.until(Duration.ofSeconds(5), near::get, "the task due in a second");
        assertThat(far).isFalse();
    }
}
