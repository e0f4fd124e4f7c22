package dev.gureum.lambda;

import dev.gureum.core.EmulatorContext;
import dev.gureum.lambda.logs.LogStore;

import java.util.IdentityHashMap;
import java.util.Map;

/** The CloudWatch Logs store that Lambda and the Logs API share, one per server, with its journal. */
final class LogStores {

    private final Map<EmulatorContext, LogStore> stores = new IdentityHashMap<>();

    synchronized LogStore of(EmulatorContext context) {
        return stores.computeIfAbsent(context, c -> {
            LogStore store = new LogStore();
            store.open(c.persistence());
            return store;
        });
    }
}
