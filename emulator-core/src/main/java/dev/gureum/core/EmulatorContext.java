package dev.gureum.core;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.spi.CrossService;

import java.time.Clock;

/**
 * What every service is built with: the configuration, the clock all time comes from, the access-key
 * registry that maps keys to accounts, and the cross-service interfaces bound by the server.
 */
public record EmulatorContext(EmulatorConfig config, Clock clock, AccessKeys accessKeys, CrossService crossService) {
}
