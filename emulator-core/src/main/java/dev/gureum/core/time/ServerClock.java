package dev.gureum.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The one clock of a server: real time (as read from a base clock) unless moved. {@link #advance} moves it
 * forward for every service at once, running the work due in between; {@link #speed} makes it run faster
 * than real time; {@link #realTime} puts it back. Its {@link #timers() timers} run work when it falls due.
 *
 * <p>It reads {@code anchor + (base now - base anchor) × speed}; every change re-anchors it where it stands,
 * so speeding it up never makes it jump.
 */
public final class ServerClock extends Clock implements AutoCloseable {

    /** Where the clock stands: {@code at} when the base read {@code baseAt}; {@code held} while an advance runs. */
    private record Frame(Instant baseAt, Instant at, double speed, boolean held) {
    }

    /** What the clock says of itself, for {@code GET /_gureum/clock}. */
    public record Reading(Instant time, Duration offset, double speed) {
    }

    private static final Duration LONGEST_WAIT = Duration.ofDays(1);

    private final Clock base;
    private volatile Frame frame;
    private final ServerTimers timers;

    /** A clock on real time as read from {@code base} ({@link Clock#systemUTC()} in a server). */
    public ServerClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
        Instant now = base.instant();
        this.frame = new Frame(now, now, 1.0, false);
        this.timers = new ServerTimers(this, !base.equals(Clock.systemUTC()));
    }

    /** A clock on real time, the default of a server. */
    public ServerClock() {
        this(Clock.systemUTC());
    }

    @Override
    public Instant instant() {
        Frame f = frame;
        if (f.held) {
            return f.at;
        }
        return read(f, base.instant());
    }

    private static Instant read(Frame f, Instant baseNow) {
        Duration elapsed = Duration.between(f.baseAt, baseNow);
        if (f.speed == 1.0) {
            return f.at.plus(elapsed);
        }
        return f.at.plusNanos(Math.round(elapsed.toNanos() * f.speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? this : new Zoned(this, zone);
    }

    /** The timers that follow this clock: every service schedules its timed work here. */
    public Timers timers() {
        return timers;
    }

    /** The time, how far it is ahead of the base clock, and how fast it runs. */
    public Reading reading() {
        Frame f = frame;
        Instant baseNow = base.instant();
        Instant now = f.held ? f.at : read(f, baseNow);
        return new Reading(now, Duration.between(baseNow, now), f.speed);
    }

    /** How many times faster than real time the clock runs (1 unless {@link #speed} changed it). */
    public double speed() {
        return frame.speed;
    }

    /**
     * Moves the clock forward by {@code amount} for the whole server: every task due in between runs, in the
     * order of their due times, the clock reading each one's due time while it runs (tasks scheduled by those
     * tasks run too if they fall due before the end). Returns once they have all run; work they hand to
     * other threads (an HTTP delivery, a function's process) is not awaited. The offset grows by exactly
     * {@code amount}: the real time the advance itself took still counts afterwards.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public Reading advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward: " + amount + " is negative");
        }
        timers.advance(amount);
        return reading();
    }

    /**
     * Makes the clock run {@code times} faster than real time from now on (1 for real speed); due work fires
     * when the faster clock reaches it.
     *
     * @throws IllegalArgumentException unless {@code times} is a positive, finite number
     */
    public Reading speed(double times) {
        if (!(times > 0) || Double.isInfinite(times)) {
            throw new IllegalArgumentException("The speed must be a positive number, not " + times);
        }
        timers.changed(() -> {
            Instant baseNow = base.instant();
            Frame f = frame;
            frame = new Frame(baseNow, f.held ? f.at : read(f, baseNow), times, false);
        });
        return reading();
    }

    /**
     * Puts the clock back on the base clock's time at real speed. A clock that was ahead goes back: work
     * scheduled for its later times waits until the clock reaches them again.
     */
    public Reading realTime() {
        timers.changed(() -> {
            Instant baseNow = base.instant();
            frame = new Frame(baseNow, baseNow, 1.0, false);
        });
        return reading();
    }

    /** Sets the clock {@code offset} ahead of the base clock (a kept offset, restored at start-up). */
    public void offset(Duration offset) {
        timers.changed(() -> {
            Instant baseNow = base.instant();
            frame = new Frame(baseNow, baseNow.plus(offset), frame.speed, false);
        });
    }

    // ---- for the timers: only while they hold their run lock ----

    /** Holds the clock at {@code at} (never behind where it stands). */
    Instant hold(Instant at) {
        Frame f = frame;
        Instant now = f.held ? f.at : read(f, base.instant());
        Instant held = at.isAfter(now) ? at : now;
        frame = new Frame(f.baseAt, held, f.speed, true);
        return held;
    }

    /** The base clock's time. */
    Instant baseInstant() {
        return base.instant();
    }

    /** What this clock reads when the base clock reads {@code baseNow}. */
    Instant at(Instant baseNow) {
        Frame f = frame;
        return f.held ? f.at : read(f, baseNow);
    }

    /**
     * Lets a held clock run on as if it had read {@code at} when the base read {@code baseAt}: the real time an
     * advance took still counts, so that an advance moves the clock by exactly its amount.
     */
    void release(Instant baseAt, Instant at) {
        frame = new Frame(baseAt, at, frame.speed, false);
    }

    /** How long in the base clock's time until this clock reads {@code due} (at most a day: look again then). */
    Duration untilBase(Instant due) {
        Frame f = frame;
        Duration ahead = Duration.between(f.held ? f.at : read(f, base.instant()), due);
        if (ahead.isNegative()) {
            return Duration.ZERO;
        }
        if (ahead.compareTo(LONGEST_WAIT) > 0) {
            ahead = LONGEST_WAIT;
        }
        return f.held || f.speed == 1.0 ? ahead : Duration.ofNanos((long) Math.ceil(ahead.toNanos() / f.speed));
    }

    @Override
    public void close() {
        timers.close();
    }

    /** This clock in another zone (the instant is the same). */
    private static final class Zoned extends Clock {
        private final ServerClock clock;
        private final ZoneId zone;

        Zoned(ServerClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return clock.withZone(z);
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }
}
