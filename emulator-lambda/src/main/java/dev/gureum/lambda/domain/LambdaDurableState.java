package dev.gureum.lambda.domain;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.lambda.domain.LambdaRecords.FunctionDeleted;
import dev.gureum.lambda.domain.LambdaRecords.FunctionSaved;
import dev.gureum.lambda.domain.LambdaRecords.LayerSaved;
import dev.gureum.lambda.domain.LambdaRecords.MappingDeleted;
import dev.gureum.lambda.domain.LambdaRecords.MappingSaved;

import java.util.ArrayList;
import java.util.List;

/** Lambda's functions, layers and event source mappings as the records of its journal ({@code lambda}). */
public final class LambdaDurableState implements DurableState {

    private final FunctionStore store;
    private final RecordTypes types;

    public LambdaDurableState(FunctionStore store, LambdaRecordTypes.CodeLocations code) {
        this.store = store;
        this.types = LambdaRecordTypes.of(code);
    }

    @Override
    public String name() {
        return "lambda";
    }

    @Override
    public RecordTypes recordTypes() {
        return types;
    }

    @Override
    public void apply(Object record) {
        if (record instanceof FunctionSaved f) {
            store.apply(f);
        } else if (record instanceof FunctionDeleted d) {
            store.removeFunction(d.accountId(), d.region(), d.name());
        } else if (record instanceof LayerSaved l) {
            store.apply(l);
        } else if (record instanceof MappingSaved m) {
            store.putMapping(EventSourceMapping.restore(m));
        } else if (record instanceof MappingDeleted d) {
            store.removeMapping(d.accountId(), d.region(), d.uuid());
        } else {
            throw new IllegalArgumentException("Not a Lambda record: " + record.getClass().getName());
        }
    }

    /** Functions first, then layers, then mappings; each an immutable copy taken under its object's lock. */
    @Override
    public Iterable<?> records() {
        List<Object> records = new ArrayList<>();
        store.forEachFunction((scope, f) -> records.add(f.saved()));
        store.forEachLayer((scope, name, layer) -> {
            synchronized (layer) {
                records.add(layer.saved(scope.accountId(), scope.region(), name));
            }
        });
        store.allMappings().forEach(m -> records.add(m.saved()));
        return records;
    }

    @Override
    public void clear() {
        store.clear();
    }
}
