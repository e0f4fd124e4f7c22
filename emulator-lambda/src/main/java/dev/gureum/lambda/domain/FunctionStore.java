package dev.gureum.lambda.domain;

import dev.gureum.core.state.Scope;
import dev.gureum.core.state.ScopedStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/** Functions, layers and event source mappings of every account and region. */
public final class FunctionStore {

    /**
     * A layer's versions, the last number handed out (numbers are not reused), and each version's
     * permission statements (by statement id) with the revision of that policy. Guarded by the layer's lock.
     */
    public static final class Layer {
        public final TreeMap<Long, LayerVersion> versions = new TreeMap<>();
        public final Map<Long, Map<String, String>> policies = new HashMap<>();
        public final Map<Long, String> policyRevisions = new HashMap<>();
        public long lastVersion;

        /** The layer as a journal record; call with the layer's lock held. */
        public LambdaRecords.LayerSaved saved(String accountId, String region, String name) {
            return new LambdaRecords.LayerSaved(accountId, region, name, lastVersion,
                    new ArrayList<>(versions.values()), policies, policyRevisions);
        }

        static Layer restore(LambdaRecords.LayerSaved saved) {
            Layer layer = new Layer();
            saved.versions().forEach(v -> layer.versions.put(v.version(), v));
            saved.policies().forEach((v, statements) -> layer.policies.put(v, new java.util.LinkedHashMap<>(statements)));
            layer.policyRevisions.putAll(saved.policyRevisions());
            layer.lastVersion = saved.lastVersion();
            return layer;
        }
    }

    /** What one account has in one region. */
    public static final class Regional {
        final Map<String, LambdaFunction> functions = new ConcurrentSkipListMap<>();
        final Map<String, Layer> layers = new ConcurrentSkipListMap<>();
        final Map<String, EventSourceMapping> mappings = new ConcurrentHashMap<>();
        final Map<String, FunctionSettings> settings = new ConcurrentHashMap<>();
        final Map<String, CodeSigningConfig> codeSigningConfigs = new ConcurrentSkipListMap<>();
    }

    private final ScopedStore<Regional> scopes = new ScopedStore<>(Regional::new);

    public LambdaFunction function(String accountId, String region, String name) {
        return scopes.get(accountId, region).functions.get(name);
    }

    /** Adds the function unless the name is taken; returns the function that holds the name. */
    public LambdaFunction putIfAbsent(String accountId, String region, LambdaFunction function) {
        LambdaFunction existing = scopes.get(accountId, region).functions.putIfAbsent(function.name(), function);
        return existing == null ? function : existing;
    }

    /** Removes the function with its settings. */
    public LambdaFunction removeFunction(String accountId, String region, String name) {
        Regional regional = scopes.get(accountId, region);
        regional.settings.remove(name);
        return regional.functions.remove(name);
    }

    /** The settings of a function (made when {@code create}), or {@code null}. */
    public FunctionSettings settings(String accountId, String region, String functionName, boolean create) {
        Map<String, FunctionSettings> settings = scopes.get(accountId, region).settings;
        return create ? settings.computeIfAbsent(functionName, n -> new FunctionSettings()) : settings.get(functionName);
    }

    /** Sets the settings a record describes. */
    public void apply(LambdaRecords.SettingsSaved saved) {
        scopes.get(saved.accountId(), saved.region()).settings.put(saved.functionName(), FunctionSettings.restore(saved));
    }

    /** Every function's settings as records. */
    public List<LambdaRecords.SettingsSaved> allSettings() {
        List<LambdaRecords.SettingsSaved> all = new ArrayList<>();
        scopes.forEach((scope, regional) -> regional.settings.forEach((name, s) ->
                all.add(s.saved(scope.accountId(), scope.region(), name))));
        return all;
    }

    public CodeSigningConfig codeSigningConfig(String accountId, String region, String id) {
        return scopes.get(accountId, region).codeSigningConfigs.get(id);
    }

    public void putCodeSigningConfig(CodeSigningConfig config) {
        scopes.get(config.accountId(), config.region()).codeSigningConfigs.put(config.id(), config);
    }

    public CodeSigningConfig removeCodeSigningConfig(String accountId, String region, String id) {
        return scopes.get(accountId, region).codeSigningConfigs.remove(id);
    }

    /** The code signing configurations of one account and region, by id. */
    public List<CodeSigningConfig> codeSigningConfigs(String accountId, String region) {
        return new ArrayList<>(scopes.get(accountId, region).codeSigningConfigs.values());
    }

    /** Every code signing configuration of every scope. */
    public List<CodeSigningConfig> allCodeSigningConfigs() {
        List<CodeSigningConfig> all = new ArrayList<>();
        scopes.forEach((scope, regional) -> all.addAll(regional.codeSigningConfigs.values()));
        return all;
    }

    /** The functions of one account and region, by name. */
    public List<LambdaFunction> functions(String accountId, String region) {
        return new ArrayList<>(scopes.get(accountId, region).functions.values());
    }

    public Layer layer(String accountId, String region, String name, boolean create) {
        Map<String, Layer> layers = scopes.get(accountId, region).layers;
        return create ? layers.computeIfAbsent(name, n -> new Layer()) : layers.get(name);
    }

    public Map<String, Layer> layers(String accountId, String region) {
        return new TreeMap<>(scopes.get(accountId, region).layers);
    }

    public EventSourceMapping mapping(String accountId, String region, String uuid) {
        return scopes.get(accountId, region).mappings.get(uuid);
    }

    public void putMapping(EventSourceMapping mapping) {
        scopes.get(mapping.accountId(), mapping.region()).mappings.put(mapping.uuid(), mapping);
    }

    public EventSourceMapping removeMapping(String accountId, String region, String uuid) {
        return scopes.get(accountId, region).mappings.remove(uuid);
    }

    public List<EventSourceMapping> mappings(String accountId, String region) {
        return new ArrayList<>(scopes.get(accountId, region).mappings.values());
    }

    /** Every function of every scope (code still in use, account totals). */
    /** A function URL: the function (or alias, by its qualifier) that answers it, and its configuration. */
    public record UrlTarget(Scope scope, LambdaFunction function, String qualifier, UrlConfig config) {
    }

    /**
     * The function URL whose id ({@code <url-id>} of {@code https://<url-id>.lambda-url.<region>.on.aws/}) is
     * given, in any account and region (URL ids are unique, as AWS makes them), or {@code null}.
     */
    public UrlTarget urlTarget(String urlId) {
        UrlTarget[] found = new UrlTarget[1];
        forEachFunction((scope, f) -> f.urlConfigsByQualifier().forEach((qualifier, config) -> {
            if (found[0] == null && urlId.equals(config.urlId())) {
                found[0] = new UrlTarget(scope, f, qualifier, config);
            }
        }));
        return found[0];
    }

    public void forEachFunction(BiConsumer<Scope, LambdaFunction> action) {
        scopes.forEach((scope, regional) -> regional.functions.values().forEach(f -> action.accept(scope, f)));
    }

    public void forEachLayer(BiConsumer<Scope, Layer> action) {
        scopes.forEach((scope, regional) -> regional.layers.values().forEach(l -> action.accept(scope, l)));
    }

    /** Sets the function a record describes, replacing the one of that name. */
    public void apply(LambdaRecords.FunctionSaved saved) {
        scopes.get(saved.accountId(), saved.region()).functions.put(saved.name(), LambdaFunction.restore(saved));
    }

    /** Sets the layer a record describes, replacing the one of that name. */
    public void apply(LambdaRecords.LayerSaved saved) {
        scopes.get(saved.accountId(), saved.region()).layers.put(saved.name(), Layer.restore(saved));
    }

    /** Every layer with its scope and name, for records of the whole state. */
    public void forEachLayer(LayerVisitor visitor) {
        scopes.forEach((scope, regional) -> regional.layers.forEach((name, layer) -> visitor.visit(scope, name, layer)));
    }

    /** Visits a layer with the scope and name it is kept under. */
    @FunctionalInterface
    public interface LayerVisitor {
        void visit(Scope scope, String name, Layer layer);
    }

    /** Every event source mapping of every scope. */
    public List<EventSourceMapping> allMappings() {
        List<EventSourceMapping> all = new ArrayList<>();
        scopes.forEach((scope, regional) -> all.addAll(regional.mappings.values()));
        return all;
    }

    public void clear() {
        scopes.clear();
    }
}
