package dev.gureum.lambda.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function and what hangs off it: {@code $LATEST}, published versions, aliases, resource policies,
 * tags, reserved concurrency and URL configurations. Callers synchronize on the function for
 * read-modify-write sequences; the configurations themselves are immutable.
 */
public final class LambdaFunction {

    private final String name;
    private final String functionArn;
    private FunctionConfig latest;
    private final TreeMap<Long, FunctionConfig> versions = new TreeMap<>();
    private long lastVersion;
    private final Map<String, Alias> aliases = new TreeMap<>();
    /** Resource policy statements by qualifier ({@code ""} for the function itself), then by statement id. */
    private final Map<String, Map<String, String>> policies = new LinkedHashMap<>();
    private final Map<String, String> policyRevisions = new LinkedHashMap<>();
    private final Map<String, String> tags = new TreeMap<>();
    private Integer reservedConcurrency;
    private final Map<String, UrlConfig> urlConfigs = new LinkedHashMap<>();

    public LambdaFunction(FunctionConfig latest) {
        this.name = latest.name;
        this.functionArn = latest.functionArn;
        this.latest = latest;
    }

    public String name() {
        return name;
    }

    public String functionArn() {
        return functionArn;
    }

    public synchronized FunctionConfig latest() {
        return latest;
    }

    public synchronized void latest(FunctionConfig config) {
        this.latest = config;
    }

    public synchronized FunctionConfig version(String version) {
        if (FunctionConfig.LATEST.equals(version)) {
            return latest;
        }
        try {
            return versions.get(Long.parseLong(version));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public synchronized FunctionConfig lastPublished() {
        return versions.isEmpty() ? null : versions.lastEntry().getValue();
    }

    /** Takes the next version number (numbers are never reused, even after a version is deleted). */
    public synchronized long nextVersion() {
        return ++lastVersion;
    }

    public synchronized void addVersion(FunctionConfig config) {
        versions.put(Long.parseLong(config.version), config);
    }

    public synchronized FunctionConfig removeVersion(String version) {
        return versions.remove(Long.parseLong(version));
    }

    public synchronized Map<String, Alias> aliases() {
        return new TreeMap<>(aliases);
    }

    public synchronized Alias alias(String name) {
        return aliases.get(name);
    }

    public synchronized void putAlias(Alias alias) {
        aliases.put(alias.name(), alias);
    }

    public synchronized Alias removeAlias(String name) {
        return aliases.remove(name);
    }

    public synchronized Map<String, String> policy(String qualifier) {
        return new LinkedHashMap<>(policies.getOrDefault(qualifier, Map.of()));
    }

    public synchronized String policyRevision(String qualifier) {
        return policyRevisions.get(qualifier);
    }

    public synchronized void putStatement(String qualifier, String sid, String statement, String revision) {
        policies.computeIfAbsent(qualifier, q -> new LinkedHashMap<>()).put(sid, statement);
        policyRevisions.put(qualifier, revision);
    }

    public synchronized boolean removeStatement(String qualifier, String sid, String revision) {
        Map<String, String> statements = policies.get(qualifier);
        if (statements == null || statements.remove(sid) == null) {
            return false;
        }
        policyRevisions.put(qualifier, revision);
        return true;
    }

    public synchronized Map<String, String> tags() {
        return new TreeMap<>(tags);
    }

    public synchronized void tag(Map<String, String> add) {
        tags.putAll(add);
    }

    public synchronized void untag(List<String> keys) {
        keys.forEach(tags::remove);
    }

    public synchronized Integer reservedConcurrency() {
        return reservedConcurrency;
    }

    public synchronized void reservedConcurrency(Integer value) {
        this.reservedConcurrency = value;
    }

    public synchronized UrlConfig urlConfig(String qualifier) {
        return urlConfigs.get(qualifier);
    }

    public synchronized List<UrlConfig> urlConfigs() {
        return new ArrayList<>(urlConfigs.values());
    }

    /** The function's URL configurations by qualifier ({@code ""} for the unqualified function, else an alias). */
    public synchronized Map<String, UrlConfig> urlConfigsByQualifier() {
        return new LinkedHashMap<>(urlConfigs);
    }

    public synchronized void putUrlConfig(String qualifier, UrlConfig config) {
        urlConfigs.put(qualifier, config);
    }

    public synchronized UrlConfig removeUrlConfig(String qualifier) {
        return urlConfigs.remove(qualifier);
    }

    /** The function as a journal record, everything that hangs off it included. */
    public synchronized LambdaRecords.FunctionSaved saved() {
        return new LambdaRecords.FunctionSaved(latest.accountId, latest.region, latest, new ArrayList<>(versions.values()),
                lastVersion, new ArrayList<>(aliases.values()), policies, policyRevisions, tags, reservedConcurrency,
                urlConfigs);
    }

    /** The function a journal record describes. */
    public static LambdaFunction restore(LambdaRecords.FunctionSaved saved) {
        LambdaFunction f = new LambdaFunction(saved.latest());
        synchronized (f) {
            saved.versions().forEach(v -> f.versions.put(Long.parseLong(v.version), v));
            f.lastVersion = saved.lastVersion();
            saved.aliases().forEach(a -> f.aliases.put(a.name(), a));
            saved.policies().forEach((q, statements) -> f.policies.put(q, new LinkedHashMap<>(statements)));
            f.policyRevisions.putAll(saved.policyRevisions());
            f.tags.putAll(saved.tags());
            f.reservedConcurrency = saved.reservedConcurrency();
            f.urlConfigs.putAll(saved.urlConfigs());
        }
        return f;
    }

    /** All configurations: {@code $LATEST} and the published versions. */
    public synchronized List<FunctionConfig> allVersions() {
        List<FunctionConfig> all = new ArrayList<>();
        all.add(latest);
        all.addAll(versions.values());
        return all;
    }
}
