package dev.gureum.core.state;

import java.util.Objects;

/** An (account, region) pair: the unit of isolation of almost every AWS resource. */
public record Scope(String accountId, String region) {

    public Scope {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
    }
}
