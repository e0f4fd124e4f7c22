package dev.gureum.lambda.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a function has beside its configurations, kept apart from {@link LambdaFunction} and journaled on
 * its own: event invoke configurations and provisioned concurrency by qualifier ({@code $LATEST}, a version
 * or an alias), and the code signing configuration it uses. Guarded by its own monitor.
 */
public final class FunctionSettings {

    private final Map<String, EventInvokeConfig> eventInvokeConfigs = new TreeMap<>();
    private final Map<String, ProvisionedConcurrency> provisioned = new TreeMap<>();
    private String codeSigningConfigArn;

    public synchronized EventInvokeConfig eventInvokeConfig(String qualifier) {
        return eventInvokeConfigs.get(qualifier);
    }

    public synchronized Map<String, EventInvokeConfig> eventInvokeConfigs() {
        return new LinkedHashMap<>(eventInvokeConfigs);
    }

    public synchronized void putEventInvokeConfig(String qualifier, EventInvokeConfig config) {
        eventInvokeConfigs.put(qualifier, config);
    }

    public synchronized EventInvokeConfig removeEventInvokeConfig(String qualifier) {
        return eventInvokeConfigs.remove(qualifier);
    }

    public synchronized ProvisionedConcurrency provisioned(String qualifier) {
        return provisioned.get(qualifier);
    }

    public synchronized Map<String, ProvisionedConcurrency> provisioned() {
        return new LinkedHashMap<>(provisioned);
    }

    public synchronized void putProvisioned(String qualifier, ProvisionedConcurrency config) {
        provisioned.put(qualifier, config);
    }

    public synchronized ProvisionedConcurrency removeProvisioned(String qualifier) {
        return provisioned.remove(qualifier);
    }

    public synchronized String codeSigningConfigArn() {
        return codeSigningConfigArn;
    }

    public synchronized void codeSigningConfigArn(String arn) {
        this.codeSigningConfigArn = arn;
    }

    /** Drops what belonged to a version or alias that was deleted. */
    public synchronized boolean forget(String qualifier) {
        boolean removed = eventInvokeConfigs.remove(qualifier) != null;
        return provisioned.remove(qualifier) != null || removed;
    }

    public synchronized LambdaRecords.SettingsSaved saved(String accountId, String region, String functionName) {
        return new LambdaRecords.SettingsSaved(accountId, region, functionName, eventInvokeConfigs, provisioned,
                codeSigningConfigArn);
    }

    static FunctionSettings restore(LambdaRecords.SettingsSaved saved) {
        FunctionSettings s = new FunctionSettings();
        synchronized (s) {
            s.eventInvokeConfigs.putAll(saved.eventInvokeConfigs());
            s.provisioned.putAll(saved.provisioned());
            s.codeSigningConfigArn = saved.codeSigningConfigArn();
        }
        return s;
    }
}
