package dev.gureum.core;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.spi.CrossService;
import dev.gureum.core.time.Timers;

import java.time.Clock;
import java.util.Objects;

/**
 * What every service is built with: the configuration, the clock all time comes from, the access-key
 * registry that maps keys to accounts, the cross-service interfaces bound by the server, where the
 * services keep their state durable ({@link Persistence#inMemory()} when nothing is kept), and the timers
 * on which timed work waits for the clock.
 */
public record EmulatorContext(EmulatorConfig config, Clock clock, AccessKeys accessKeys, CrossService crossService,
                              Persistence persistence, Timers timers) {

    public EmulatorContext {
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(timers, "timers");
    }

    /** A context whose timed work follows {@code clock} in real time. */
    public EmulatorContext(EmulatorConfig config, Clock clock, AccessKeys accessKeys, CrossService crossService,
                           Persistence persistence) {
        this(config, clock, accessKeys, crossService, persistence, Timers.realTime(clock));
    }

    /** A context whose services keep nothing between runs. */
    public EmulatorContext(EmulatorConfig config, Clock clock, AccessKeys accessKeys, CrossService crossService) {
        this(config, clock, accessKeys, crossService, Persistence.inMemory());
    }
}
