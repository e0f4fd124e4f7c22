package dev.gureum.iam.domain;

import java.util.ArrayList;
import java.util.List;

/** The records one operation applied to the store, in order, for the journal. */
public final class Changes {

    private final IamStore store;
    private final List<Object> records = new ArrayList<>();

    public Changes(IamStore store) {
        this.store = store;
    }

    void put(Object record) {
        store.apply(record);
        records.add(record);
    }

    public List<Object> records() {
        return List.copyOf(records);
    }
}
