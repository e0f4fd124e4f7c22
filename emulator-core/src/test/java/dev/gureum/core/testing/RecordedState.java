package dev.gureum.core.testing;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;

import java.util.ArrayList;
import java.util.List;

/** A state that keeps the records it is given, in order: what a journal hands back on replay. */
public final class RecordedState implements DurableState {

    private final String name;
    private final RecordTypes types;
    public final List<Object> records = java.util.Collections.synchronizedList(new ArrayList<>());

    public RecordedState(String name, RecordTypes types) {
        this.name = name;
        this.types = types;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RecordTypes recordTypes() {
        return types;
    }

    @Override
    public void apply(Object record) {
        records.add(record);
    }

    @Override
    public Iterable<?> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    @Override
    public void clear() {
        records.clear();
    }
}
