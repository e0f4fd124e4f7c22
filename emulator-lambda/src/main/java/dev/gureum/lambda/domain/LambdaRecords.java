package dev.gureum.lambda.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lambda's state as journal records: each sets a whole object under its key (a function with all that
 * hangs off it, a layer with its versions, an event source mapping) or removes one. Execution
 * environments and invocations in flight are processes, not state, and have no record.
 */
public final class LambdaRecords {

    private LambdaRecords() {
    }

    /**
     * A function: {@code $LATEST}, its published versions and the last number handed out (numbers are not
     * reused), aliases, resource policies by qualifier ({@code ""} for the function), tags, reserved
     * concurrency and URL configurations by qualifier.
     */
    public record FunctionSaved(String accountId, String region, FunctionConfig latest, List<FunctionConfig> versions,
                                long lastVersion, List<Alias> aliases, Map<String, Map<String, String>> policies,
                                Map<String, String> policyRevisions, Map<String, String> tags,
                                Integer reservedConcurrency, Map<String, UrlConfig> urlConfigs) {

        public FunctionSaved {
            versions = List.copyOf(versions);
            aliases = List.copyOf(aliases);
            Map<String, Map<String, String>> copied = new LinkedHashMap<>();
            policies.forEach((q, statements) -> copied.put(q, java.util.Collections.unmodifiableMap(
                    new LinkedHashMap<>(statements))));
            policies = java.util.Collections.unmodifiableMap(copied);
            policyRevisions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policyRevisions));
            tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
            urlConfigs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(urlConfigs));
        }

        public String name() {
            return latest.name;
        }
    }

    /** A function deleted, with everything that hung off it. */
    public record FunctionDeleted(String accountId, String region, String name) {
    }

    /**
     * A layer: its versions, the last number handed out, and each version's permission statements (by
     * statement id) with the revision of that policy. A layer whose versions are all deleted keeps its
     * numbering.
     */
    public record LayerSaved(String accountId, String region, String name, long lastVersion,
                             List<LayerVersion> versions, Map<Long, Map<String, String>> policies,
                             Map<Long, String> policyRevisions) {

        public LayerSaved {
            versions = List.copyOf(versions);
            Map<Long, Map<String, String>> copied = new TreeMap<>();
            policies.forEach((v, statements) -> copied.put(v, java.util.Collections.unmodifiableMap(
                    new LinkedHashMap<>(statements))));
            policies = java.util.Collections.unmodifiableMap(copied);
            policyRevisions = java.util.Collections.unmodifiableMap(new TreeMap<>(policyRevisions));
        }
    }

    /** An event source mapping with its settings and state ({@code Enabled} ones poll again after a restart). */
    public record MappingSaved(String uuid, String arn, String accountId, String region, String eventSourceArn,
                               String functionArn, int batchSize, int maximumBatchingWindowInSeconds,
                               FilterCriteria filterCriteria, List<String> functionResponseTypes,
                               Integer maximumConcurrency, String state, String stateTransitionReason,
                               String lastProcessingResult, Instant lastModified, Map<String, String> tags) {

        public MappingSaved {
            functionResponseTypes = functionResponseTypes == null ? null : List.copyOf(functionResponseTypes);
            tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        }
    }

    /** An event source mapping deleted. */
    public record MappingDeleted(String accountId, String region, String uuid) {
    }

    /**
     * What a function has beside its configurations: event invoke configurations and provisioned concurrency
     * by qualifier, and the code signing configuration it uses ({@code null} for none).
     */
    public record SettingsSaved(String accountId, String region, String functionName,
                                Map<String, EventInvokeConfig> eventInvokeConfigs,
                                Map<String, ProvisionedConcurrency> provisioned, String codeSigningConfigArn) {

        public SettingsSaved {
            eventInvokeConfigs = java.util.Collections.unmodifiableMap(new TreeMap<>(eventInvokeConfigs));
            provisioned = java.util.Collections.unmodifiableMap(new TreeMap<>(provisioned));
        }
    }

    /** A code signing configuration, whole. */
    public record CodeSigningConfigSaved(CodeSigningConfig config) {
    }

    /** A code signing configuration deleted. */
    public record CodeSigningConfigDeleted(String accountId, String region, String id) {
    }
}
