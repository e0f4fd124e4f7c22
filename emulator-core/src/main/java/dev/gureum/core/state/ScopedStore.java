package dev.gureum.core.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A service's state, one plain-data object per (account, region), created on first use. Holding the
 * data apart from the operations lets the server reset it, and later snapshot or persist it.
 *
 * @param <T> the state of one scope, e.g. the queues of one account in one region
 */
public final class ScopedStore<T> {

    private final Supplier<T> factory;
    private final Map<Scope, T> scopes = new ConcurrentHashMap<>();

    public ScopedStore(Supplier<T> factory) {
        this.factory = factory;
    }

    public T get(String accountId, String region) {
        return get(new Scope(accountId, region));
    }

    public T get(Scope scope) {
        return scopes.computeIfAbsent(scope, s -> factory.get());
    }

    /** The state of a scope if it has any, without creating it. */
    public T peek(Scope scope) {
        return scopes.get(scope);
    }

    public void forEach(BiConsumer<Scope, T> action) {
        scopes.forEach(action);
    }

    public void clear() {
        scopes.clear();
    }
}
