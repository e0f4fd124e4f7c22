package dev.gureum.core.spi;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The interfaces services use to reach each other (S3 notifying SQS, SNS invoking Lambda...), bound
 * by the server at wiring time. Bindings are suppliers so that a service is only built when another
 * one first needs it.
 */
public final class CrossService {

    private final Map<Class<?>, Supplier<?>> bindings = new ConcurrentHashMap<>();

    public <T> CrossService bind(Class<T> type, Supplier<? extends T> implementation) {
        bindings.put(type, implementation);
        return this;
    }

    public <T> Optional<T> find(Class<T> type) {
        Supplier<?> supplier = bindings.get(type);
        return supplier == null ? Optional.empty() : Optional.ofNullable(type.cast(supplier.get()));
    }
}
