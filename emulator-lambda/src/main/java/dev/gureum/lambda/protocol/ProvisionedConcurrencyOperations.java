package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.Alias;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.FunctionSettings;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.domain.ProvisionedConcurrency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Provisioned concurrency of published versions and aliases: a configuration starts its environments of the
 * version (an alias's: the version it points to) ahead of invocations, and is {@code IN_PROGRESS} until they
 * are all initialised and {@link #PREPARATION} of server-clock time has passed, then {@code READY}. Removing
 * it ends them.
 */
final class ProvisionedConcurrencyOperations {

    /** How long a configuration stays {@code IN_PROGRESS}. */
    static final Duration PREPARATION = Duration.ofSeconds(30);

    private final LambdaState state;

    ProvisionedConcurrencyOperations(LambdaState state) {
        this.state = state;
    }

    void put(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = ref(r);
        LambdaFunction f = state.function(r.context(), ref, "lambda:PutProvisionedConcurrencyConfig");
        Integer requested = p.integer("ProvisionedConcurrentExecutions");
        if (requested == null) {
            throw LambdaErrors.validation("provisionedConcurrentExecutions", null, "Member must not be null");
        }
        Validation.range("provisionedConcurrentExecutions", requested, 1, Integer.MAX_VALUE);
        String qualifier = qualifier(f, ref);
        Integer reserved = f.reservedConcurrency();
        if (reserved != null && requested > reserved) {
            throw LambdaErrors.invalid("Requested Provisioned Concurrency should not be greater than the "
                    + "reservedConcurrentExecution for function");
        }
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), true);
        Instant now = state.clock.instant();
        ProvisionedConcurrency config = new ProvisionedConcurrency(requested, now, now.plus(PREPARATION));
        settings.putProvisioned(qualifier, config);
        state.runner.provision(key(f, qualifier), version(f, qualifier), requested);
        LambdaState.answer(r, state.save(f, settings), 202, shape(config, now, null, 0));
    }

    void get(RestRequest r) {
        FunctionRef ref = ref(r);
        LambdaFunction f = state.function(r.context(), ref, "lambda:GetProvisionedConcurrencyConfig");
        String qualifier = qualifier(f, ref);
        RestJsonCodec.send(r.exchange(), 200, shape(existing(f, ref, qualifier), state.clock.instant(), null,
                state.runner.provisionedReady(key(f, qualifier))));
    }

    void delete(RestRequest r) {
        FunctionRef ref = ref(r);
        LambdaFunction f = state.function(r.context(), ref, "lambda:DeleteProvisionedConcurrencyConfig");
        String qualifier = qualifier(f, ref);
        existing(f, ref, qualifier);
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), false);
        settings.removeProvisioned(qualifier);
        state.runner.unprovision(key(f, qualifier));
        LambdaState.answerEmpty(r, state.save(f, settings), 204);
    }

    void list(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:ListProvisionedConcurrencyConfigs");
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), false);
        Instant now = state.clock.instant();
        List<Struct> all = new ArrayList<>();
        if (settings != null) {
            for (Map.Entry<String, ProvisionedConcurrency> e : settings.provisioned().entrySet()) {
                all.add(shape(e.getValue(), now, f.functionArn() + ":" + e.getKey(),
                        state.runner.provisionedReady(key(f, e.getKey()))));
            }
        }
        PageTokens.Page<Struct> page = Pages.page(all, r.queryParam("Marker"), Validation.maxItems(r, 50, 50));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().list("ProvisionedConcurrencyConfigs", page.items(), s -> s)
                .put("NextMarker", page.nextToken()));
    }

    private static FunctionRef ref(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        if (ref.qualifier() == null) {
            throw LambdaErrors.validation("qualifier", null, "Member must not be null");
        }
        return ref;
    }

    /** A published version or an alias without weights; {@code $LATEST} cannot have provisioned concurrency. */
    private static String qualifier(LambdaFunction f, FunctionRef ref) {
        String q = ref.qualifier();
        if (q.equals(FunctionConfig.LATEST)) {
            throw LambdaErrors.invalid("Provisioned Concurrency Configs cannot be applied to unpublished function "
                    + "versions.");
        }
        Alias alias = f.alias(q);
        if (alias == null && f.version(q) == null) {
            throw LambdaErrors.functionNotFound(ref.describedArn());
        }
        if (alias != null && !alias.additionalWeights().isEmpty()) {
            throw LambdaErrors.invalid("Alias with weights can not be used with Provisioned Concurrency");
        }
        return q;
    }

    /** Starts the environments of every configuration (those kept from before a restart). */
    void resume() {
        state.store.forEachFunction((scope, f) -> {
            FunctionSettings settings = state.store.settings(scope.accountId(), scope.region(), f.name(), false);
            if (settings == null) {
                return;
            }
            settings.provisioned().forEach((qualifier, config) -> {
                FunctionConfig version = version(f, qualifier);
                if (version != null && state.runner.provisionedReady(key(f, qualifier)) == 0) {
                    state.runner.provision(key(f, qualifier), version, config.requested());
                }
            });
        });
    }

    /** What the runner knows a configuration by: the function's ARN and the qualifier. */
    static String key(LambdaFunction f, String qualifier) {
        return f.functionArn() + ":" + qualifier;
    }

    /** The published version a qualifier runs: itself, or the version its alias points to. */
    private static FunctionConfig version(LambdaFunction f, String qualifier) {
        Alias alias = f.alias(qualifier);
        return f.version(alias == null ? qualifier : alias.functionVersion());
    }

    private ProvisionedConcurrency existing(LambdaFunction f, FunctionRef ref, String qualifier) {
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), false);
        ProvisionedConcurrency config = settings == null ? null : settings.provisioned(qualifier);
        if (config == null) {
            throw new AwsException(LambdaError.PROVISIONED_CONCURRENCY_NOT_FOUND,
                    "No Provisioned Concurrency Config found for this function");
        }
        return config;
    }

    /**
     * The configuration as reported now, with {@code initialised} of its environments ready; {@code functionArn}
     * for list items.
     */
    private static Struct shape(ProvisionedConcurrency c, Instant now, String functionArn, int initialised) {
        int allocated = Math.min(initialised, c.requested());
        boolean ready = c.ready(now) && allocated == c.requested();
        return Struct.of()
                .put("FunctionArn", functionArn)
                .put("RequestedProvisionedConcurrentExecutions", c.requested())
                .put("AvailableProvisionedConcurrentExecutions", ready ? c.requested() : 0)
                .put("AllocatedProvisionedConcurrentExecutions", allocated)
                .put("Status", ready ? "READY" : "IN_PROGRESS")
                .put("LastModified", Timestamps.format(c.lastModified()));
    }
}
