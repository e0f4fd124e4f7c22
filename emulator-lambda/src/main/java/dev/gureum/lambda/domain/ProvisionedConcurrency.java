package dev.gureum.lambda.domain;

import java.time.Instant;

/**
 * Provisioned concurrency of a version or alias: Lambda reports it {@code IN_PROGRESS} while it prepares
 * the environments and {@code READY} from {@code readyAt} on.
 */
public record ProvisionedConcurrency(int requested, Instant lastModified, Instant readyAt) {

    public boolean ready(Instant now) {
        return !now.isBefore(readyAt);
    }
}
