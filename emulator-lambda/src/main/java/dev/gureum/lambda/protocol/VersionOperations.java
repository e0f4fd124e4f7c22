package dev.gureum.lambda.protocol;

import dev.gureum.core.id.Ids;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.Alias;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.runtime.FunctionRunner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Versions, aliases and reserved concurrency. */
final class VersionOperations {

    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    /** AWS keeps this much of an account's concurrency unreserved. */
    private static final int MINIMUM_UNRESERVED = 100;

    private final LambdaState state;
    private Function<LambdaFunction, CompletionStage<Void>> onFunctionDeleted =
            f -> CompletableFuture.completedFuture(null);

    VersionOperations(LambdaState state) {
        this.state = state;
    }

    void onFunctionDeleted(Function<LambdaFunction, CompletionStage<Void>> listener) {
        this.onFunctionDeleted = listener;
    }

    // ---- versions -------------------------------------------------------------------------------

    /** Publishes {@code $LATEST} unless the last version is the same; returns the version. */
    FunctionConfig publish(LambdaFunction f, String codeSha256, String description) {
        synchronized (f) {
            FunctionConfig latest = f.latest();
            if (codeSha256 != null && !codeSha256.equals(latest.codeSha256())) {
                throw LambdaErrors.invalid("CodeSHA256 (" + codeSha256 + ") is different from current CodeSHA256 in "
                        + "$LATEST (" + latest.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
            }
            FunctionConfig last = f.lastPublished();
            if (last != null && sameContent(latest, last)) {
                return last;
            }
            FunctionConfig.Builder b = latest.toBuilder();
            b.version = String.valueOf(f.nextVersion());
            if (description != null) {
                b.description = description;
            }
            b.revisionId = Ids.uuid();
            b.lastModified = state.clock.instant();
            FunctionConfig version = b.build();
            f.addVersion(version);
            return version;
        }
    }

    private static boolean sameContent(FunctionConfig latest, FunctionConfig published) {
        // a version's description may differ from $LATEST's when PublishVersion gave one
        FunctionConfig.Builder b = published.toBuilder();
        b.description = latest.description;
        return latest.sameContentAs(b.build());
    }

    void publishVersion(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:PublishVersion");
        synchronized (f) {
            FunctionOperations.checkRevision(p.string("RevisionId"), f.latest().revisionId);
        }
        FunctionConfig version = publish(f, p.string("CodeSha256"), p.string("Description"));
        LambdaState.answer(r, state.save(f), 201, Shapes.configuration(version));
    }

    void listVersionsByFunction(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:ListVersionsByFunction");
        PageTokens.Page<FunctionConfig> page = Pages.page(f.allVersions(), r.queryParam("Marker"),
                Validation.maxItems(r, 50, 10000));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("NextMarker", page.nextToken())
                .list("Versions", page.items(), Shapes::configuration));
    }

    void deleteVersion(LambdaFunction f, FunctionRef ref) {
        FunctionConfig removed;
        synchronized (f) {
            if (f.version(ref.qualifier()) == null) {
                if (f.alias(ref.qualifier()) != null) {
                    throw LambdaErrors.invalid("Deletion of aliases is not supported by DeleteFunction; use DeleteAlias.");
                }
                throw LambdaErrors.functionNotFound(ref.describedArn());
            }
            List<String> using = new ArrayList<>();
            for (Alias a : f.aliases().values()) {
                if (a.functionVersion().equals(ref.qualifier()) || a.additionalWeights().containsKey(ref.qualifier())) {
                    using.add(a.name());
                }
            }
            if (!using.isEmpty()) {
                throw LambdaErrors.conflict("Unable to delete version because the following aliases reference it: "
                        + using);
            }
            removed = f.removeVersion(ref.qualifier());
        }
        state.runner.retire(removed);
    }

    /** Tells the mappings of a deleted function; the stage completes when what changed is durable. */
    CompletionStage<Void> functionDeleted(LambdaFunction f) {
        return onFunctionDeleted.apply(f);
    }

    // ---- aliases --------------------------------------------------------------------------------

    void createAlias(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:CreateAlias");
        String name = Validation.required(p, "Name", "name");
        Validation.pattern("name", name, ALIAS);
        String version = Validation.required(p, "FunctionVersion", "functionVersion");
        Alias alias;
        synchronized (f) {
            checkVersion(f, version, ref);
            Map<String, Double> weights = weights(f, p, version, ref);
            if (f.alias(name) != null) {
                throw LambdaErrors.conflict("Alias already exists: " + f.functionArn() + ":" + name);
            }
            alias = new Alias(name, f.functionArn() + ":" + name, version, p.string("Description"), weights, Ids.uuid());
            f.putAlias(alias);
        }
        LambdaState.answer(r, state.save(f), 201, Shapes.alias(alias));
    }

    void getAlias(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:GetAlias");
        RestJsonCodec.send(r.exchange(), 200, Shapes.alias(alias(f, r.label("Name"))));
    }

    void updateAlias(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:UpdateAlias");
        Alias updated;
        synchronized (f) {
            Alias old = alias(f, r.label("Name"));
            FunctionOperations.checkRevision(p.string("RevisionId"), old.revisionId());
            String version = p.string("FunctionVersion", old.functionVersion());
            checkVersion(f, version, ref);
            Map<String, Double> weights = p.has("RoutingConfig") ? weights(f, p, version, ref) : old.additionalWeights();
            updated = new Alias(old.name(), old.aliasArn(), version, p.string("Description", old.description()),
                    weights, Ids.uuid());
            f.putAlias(updated);
        }
        LambdaState.answer(r, state.save(f), 200, Shapes.alias(updated));
    }

    void deleteAlias(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:DeleteAlias");
        f.removeAlias(r.label("Name"));
        LambdaState.answerEmpty(r, state.save(f).thenCombine(state.forget(f, r.label("Name")), (a, b) -> null), 204);
    }

    void listAliases(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:ListAliases");
        String version = r.queryParam("FunctionVersion");
        List<Alias> aliases = new ArrayList<>();
        for (Alias a : f.aliases().values()) {
            if (version == null || a.functionVersion().equals(version)) {
                aliases.add(a);
            }
        }
        PageTokens.Page<Alias> page = Pages.page(aliases, r.queryParam("Marker"), Validation.maxItems(r, 50, 10000));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("NextMarker", page.nextToken())
                .list("Aliases", page.items(), Shapes::alias));
    }

    private static Alias alias(LambdaFunction f, String name) {
        Alias a = f.alias(name);
        if (a == null) {
            throw LambdaErrors.notFound("Alias not found: " + f.functionArn() + ":" + name);
        }
        return a;
    }

    private static void checkVersion(LambdaFunction f, String version, FunctionRef ref) {
        if (!version.equals(FunctionConfig.LATEST) && !version.matches("[0-9]+")) {
            throw LambdaErrors.validation("functionVersion", version,
                    "Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)");
        }
        if (f.version(version) == null) {
            throw LambdaErrors.notFound("Function not found: " + ref.unqualifiedArn() + ":" + version);
        }
    }

    private static Map<String, Double> weights(LambdaFunction f, Params p, String primary, FunctionRef ref) {
        Map<String, Params> given = p.object("RoutingConfig").map("AdditionalVersionWeights", "Key", "Value");
        Map<String, Double> weights = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Params> e : given.entrySet()) {
            Double weight = p.object("RoutingConfig").object("AdditionalVersionWeights").doubleValue(e.getKey());
            if (weight == null || weight < 0 || weight > 1) {
                throw LambdaErrors.validation("routingConfig.additionalVersionWeights", weight,
                        "Member must have value between 0.0 and 1.0");
            }
            if (e.getKey().equals(FunctionConfig.LATEST) || primary.equals(FunctionConfig.LATEST)) {
                throw LambdaErrors.invalid("$LATEST is not supported for an alias pointing to more than 1 version");
            }
            if (e.getKey().equals(primary)) {
                throw LambdaErrors.invalid("Cannot set additional routing weight for the primary version " + primary);
            }
            checkVersion(f, e.getKey(), ref);
            weights.put(e.getKey(), weight);
            total += weight;
        }
        if (weights.size() > 1 || total > 1) {
            throw LambdaErrors.invalid("Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        return weights;
    }

    // ---- concurrency ----------------------------------------------------------------------------

    void putFunctionConcurrency(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:PutFunctionConcurrency");
        Integer reserved = p.integer("ReservedConcurrentExecutions");
        if (reserved == null) {
            throw LambdaErrors.validation("reservedConcurrentExecutions", null, "Member must not be null");
        }
        Validation.range("reservedConcurrentExecutions", reserved, 0, Integer.MAX_VALUE);
        synchronized (state.store) {
            int others = 0;
            for (LambdaFunction other : state.store.functions(ref.accountId(), ref.region())) {
                if (other != f && other.reservedConcurrency() != null) {
                    others += other.reservedConcurrency();
                }
            }
            if (FunctionRunner.ACCOUNT_CONCURRENCY - others - reserved < MINIMUM_UNRESERVED) {
                throw LambdaErrors.invalid("Specified ReservedConcurrentExecutions for function decreases account's "
                        + "UnreservedConcurrentExecution below its minimum value of [" + MINIMUM_UNRESERVED + "].");
            }
            f.reservedConcurrency(reserved);
        }
        LambdaState.answer(r, state.save(f), 200, Struct.of().put("ReservedConcurrentExecutions", reserved));
    }

    void getFunctionConcurrency(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:GetFunctionConcurrency");
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("ReservedConcurrentExecutions", f.reservedConcurrency()));
    }

    void deleteFunctionConcurrency(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:DeleteFunctionConcurrency");
        f.reservedConcurrency(null);
        LambdaState.answerEmpty(r, state.save(f), 204);
    }
}
