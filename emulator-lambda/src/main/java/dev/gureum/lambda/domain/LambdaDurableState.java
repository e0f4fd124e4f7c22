package dev.gureum.lambda.domain;

import dev.gureum.core.persist.Attachments;
import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.lambda.domain.LambdaRecords.FunctionDeleted;
import dev.gureum.lambda.domain.LambdaRecords.FunctionSaved;
import dev.gureum.lambda.domain.LambdaRecords.LayerSaved;
import dev.gureum.lambda.domain.LambdaRecords.MappingDeleted;
import dev.gureum.lambda.domain.LambdaRecords.MappingSaved;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lambda's functions, layers and event source mappings as the records of its journal ({@code lambda}); the
 * deployment packages they name travel in state files as attachments named by their content key.
 */
public final class LambdaDurableState implements DurableState {

    private final FunctionStore store;
    private final RecordTypes types;
    private final Attachments packages;

    public LambdaDurableState(FunctionStore store, LambdaRecordTypes.CodeLocations code, PackageArchives archives) {
        this.store = store;
        this.types = LambdaRecordTypes.of(code);
        this.packages = new Packages(archives);
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
        } else if (record instanceof LambdaRecords.SettingsSaved s) {
            store.apply(s);
        } else if (record instanceof LambdaRecords.CodeSigningConfigSaved c) {
            store.putCodeSigningConfig(c.config());
        } else if (record instanceof LambdaRecords.CodeSigningConfigDeleted d) {
            store.removeCodeSigningConfig(d.accountId(), d.region(), d.id());
        } else {
            throw new IllegalArgumentException("Not a Lambda record: " + record.getClass().getName());
        }
    }

    /**
     * Functions first, then layers, mappings, functions' settings and code signing configurations; each an
     * immutable copy taken under its object's lock.
     */
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
        records.addAll(store.allSettings());
        store.allCodeSigningConfigs().forEach(c -> records.add(new LambdaRecords.CodeSigningConfigSaved(c)));
        return records;
    }

    @Override
    public void clear() {
        store.clear();
    }

    @Override
    public Attachments attachments() {
        return packages;
    }

    /**
     * The packages of a function's {@code $LATEST} and published versions with their layers' (a function
     * keeps using a layer version deleted since), and of a layer's versions.
     */
    static Set<String> packageKeys(Object record) {
        Set<String> keys = new LinkedHashSet<>();
        if (record instanceof FunctionSaved f) {
            addKeys(f.latest(), keys);
            f.versions().forEach(v -> addKeys(v, keys));
        } else if (record instanceof LayerSaved l) {
            l.versions().forEach(v -> addKey(v.code(), keys));
        }
        return keys;
    }

    private static void addKeys(FunctionConfig config, Set<String> keys) {
        addKey(config.code, keys);
        config.layers.forEach(layer -> addKey(layer.code(), keys));
    }

    private static void addKey(StoredCode code, Set<String> keys) {
        if (code != null) {
            keys.add(code.key());
        }
    }

    private record Packages(PackageArchives archives) implements Attachments {

        @Override
        public Collection<String> of(Object record) {
            return packageKeys(record);
        }

        @Override
        public InputStream open(String name) throws IOException {
            return archives.open(name);
        }

        @Override
        public void store(String name, InputStream bytes) throws IOException {
            archives.store(name, bytes);
        }
    }
}
