package dev.gureum.autoscaling.domain;

import java.util.ArrayList;
import java.util.List;

/** The records one operation applied to the store, in order, for the journal. */
public final class Changes {

    private final AutoScalingStore store;
    private final List<Object> records = new ArrayList<>();

    Changes(AutoScalingStore store) {
        this.store = store;
    }

    /** Applies the record to the store and keeps it for the journal. */
    public void add(Object record) {
        store.apply(record);
        records.add(record);
    }

    public List<Object> records() {
        return List.copyOf(records);
    }
}
