package dev.gureum.lambda.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.http.EdgeHandler;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.ObjectReader;
import dev.gureum.lambda.domain.Alias;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.EventSourceMapping;
import dev.gureum.lambda.domain.FunctionStore;
import dev.gureum.lambda.domain.LambdaDurableState;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.domain.LambdaRecords;
import dev.gureum.lambda.domain.StoredCode;
import dev.gureum.lambda.runtime.FunctionRunner;
import dev.gureum.lambda.runtime.Interpreters;
import dev.gureum.lambda.storage.CodeStore;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/** What Lambda's operations share: the store and its journal, the packages on disk, the runner, the clock. */
final class LambdaState {

    final EmulatorContext context;
    final Clock clock;
    final FunctionStore store = new FunctionStore();
    final CodeStore code;
    final FunctionRunner runner;
    final Interpreters interpreters;
    final CodeUrls codeUrls;
    final StateJournal journal;

    /** Opens the journal: what the data directory holds is in the store when this returns. */
    LambdaState(EmulatorContext context, CodeStore code, FunctionRunner runner, Interpreters interpreters) {
        this.context = context;
        this.clock = context.clock();
        this.code = code;
        this.runner = runner;
        this.interpreters = interpreters;
        this.codeUrls = new CodeUrls(clock);
        this.journal = context.persistence().open(new LambdaDurableState(store, code::located, code));
    }

    // ---- durability: a change is answered once its record is durable -----------------------------

    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** Records the function as it is now, unless it was deleted meanwhile. */
    CompletionStage<Void> save(LambdaFunction f) {
        synchronized (f) {
            if (store.function(f.latest().accountId, f.latest().region, f.name()) != f) {
                return DONE;
            }
            return journal.append(f.saved());
        }
    }

    /** Records the function's settings as they are now, unless the function was deleted meanwhile. */
    CompletionStage<Void> save(LambdaFunction f, dev.gureum.lambda.domain.FunctionSettings settings) {
        synchronized (f) {
            String accountId = f.latest().accountId;
            String region = f.latest().region;
            if (store.function(accountId, region, f.name()) != f
                    || store.settings(accountId, region, f.name(), false) != settings) {
                return DONE;
            }
            return journal.append(settings.saved(accountId, region, f.name()));
        }
    }

    /** Drops the settings (event invoke configuration, provisioned concurrency) of a deleted version or alias. */
    CompletionStage<Void> forget(LambdaFunction f, String qualifier) {
        dev.gureum.lambda.domain.FunctionSettings settings = store.settings(f.latest().accountId, f.latest().region,
                f.name(), false);
        // a deleted version or alias takes its provisioned environments with it
        runner.unprovision(ProvisionedConcurrencyOperations.key(f, qualifier));
        return settings != null && settings.forget(qualifier) ? save(f, settings) : DONE;
    }

    /** Removes the function from the store and records its removal; {@code null} when it was gone already. */
    CompletionStage<Void> delete(LambdaFunction f) {
        synchronized (f) {
            String accountId = f.latest().accountId;
            String region = f.latest().region;
            if (store.removeFunction(accountId, region, f.name()) != f) {
                return null;
            }
            return journal.append(new LambdaRecords.FunctionDeleted(accountId, region, f.name()));
        }
    }

    /** Records the layer as it is now. */
    CompletionStage<Void> save(String accountId, String region, String name, FunctionStore.Layer layer) {
        synchronized (layer) {
            return journal.append(layer.saved(accountId, region, name));
        }
    }

    /** Records the mapping as it is now, unless it was deleted meanwhile. */
    CompletionStage<Void> save(EventSourceMapping m) {
        synchronized (m) {
            if (store.mapping(m.accountId(), m.region(), m.uuid()) != m) {
                return DONE;
            }
            return journal.append(m.saved());
        }
    }

    /** Removes the mapping from the store and records its removal. */
    CompletionStage<Void> delete(EventSourceMapping m) {
        synchronized (m) {
            store.removeMapping(m.accountId(), m.region(), m.uuid());
            return journal.append(new LambdaRecords.MappingDeleted(m.accountId(), m.region(), m.uuid()));
        }
    }

    /**
     * Sends the answer once {@code durable} completes: at once when it has (always, in memory), else from
     * the journal's completion, with no thread waiting; a failed write answers the failure.
     */
    static void answer(RestRequest r, CompletionStage<Void> durable, Runnable send) {
        CompletableFuture<Void> done = durable.toCompletableFuture();
        if (done.isDone() && !done.isCompletedExceptionally()) {
            send.run();
            return;
        }
        io.undertow.server.HttpServerExchange exchange = r.exchange();
        exchange.dispatch(io.undertow.util.SameThreadExecutor.INSTANCE, () -> durable.whenComplete((v, failure) -> {
            if (failure != null) {
                EdgeHandler.fail(exchange, failure);
                return;
            }
            try {
                send.run();
            } catch (RuntimeException e) {
                EdgeHandler.fail(exchange, e);
            }
        }));
    }

    /** Answers {@code status} with {@code body} once the change is durable. */
    static void answer(RestRequest r, CompletionStage<Void> durable, int status, dev.gureum.core.protocol.Struct body) {
        answer(r, durable, () -> dev.gureum.core.protocol.RestJsonCodec.send(r.exchange(), status, body));
    }

    /** Answers an empty {@code status} once the change is durable. */
    static void answerEmpty(RestRequest r, CompletionStage<Void> durable, int status) {
        answer(r, durable, () -> {
            r.exchange().setStatusCode(status);
            r.exchange().endExchange();
        });
    }

    /** The principal a request acts as. */
    Principal caller(RequestContext ctx) {
        return Access.caller(ctx, context.accessKeys());
    }

    /**
     * The function a request names, when the caller may perform {@code action} on it: a function of the
     * caller's account, or another account's whose resource policy allows the caller that action (for the
     * actions such a policy can grant). Another account's missing function is not found, as on AWS.
     */
    LambdaFunction function(RequestContext ctx, FunctionRef ref, String action) {
        if (ref.accountId().equals(ctx.accountId())) {
            return function(ref);
        }
        Principal caller = caller(ctx);
        if (!Access.CROSS_ACCOUNT_ACTIONS.contains(action)) {
            throw Access.denied(caller, action, ref.describedArn(), false);
        }
        LambdaFunction f = function(ref);
        authorize(f, ref, caller, action, Access.conditions(caller));
        return f;
    }

    /** Refuses an operation that never acts on another account's resources, when the ARN names one. */
    static void ownAccountOnly(RequestContext ctx, String accountId, Principal caller, String action, String resource) {
        if (!accountId.equals(ctx.accountId())) {
            throw Access.denied(caller, action, resource, false);
        }
    }

    /** Another service invoking: the function's policy must allow its principal, whatever the accounts. */
    LambdaFunction functionFor(FunctionRef ref, Caller caller) {
        LambdaFunction f = function(ref);
        authorize(f, ref, caller.principal(), "lambda:InvokeFunction", Access.conditions(caller));
        return f;
    }

    /**
     * Evaluates the function's policy: the function's own statements and those of the version or alias the
     * request names, against the ARN it names ({@code $LATEST} is the function itself).
     */
    private void authorize(LambdaFunction f, FunctionRef ref, Principal principal, String action,
                           Map<String, String> conditions) {
        String qualifier = ref.qualifier() == null || ref.qualifier().equals(FunctionConfig.LATEST) ? ""
                : ref.qualifier();
        String resource = qualifier.isEmpty() ? f.functionArn() : f.functionArn() + ":" + qualifier;
        Access.require(decide(f, qualifier, principal, action, conditions), principal, action, resource);
    }

    /** What the function's policy (and that of the alias or version {@code qualifier} names, if any) decides. */
    static dev.gureum.core.auth.AccessDecision decide(LambdaFunction f, String qualifier, Principal principal,
                                                      String action, Map<String, String> conditions) {
        String resource = qualifier.isEmpty() ? f.functionArn() : f.functionArn() + ":" + qualifier;
        List<String> statements = new ArrayList<>(f.policy("").values());
        if (!qualifier.isEmpty()) {
            statements.addAll(f.policy(qualifier).values());
        }
        return Access.evaluate(statements, principal, action, resource, conditions);
    }

    LambdaFunction function(FunctionRef ref) {
        LambdaFunction f = store.function(ref.accountId(), ref.region(), ref.name());
        if (f == null) {
            throw LambdaErrors.functionNotFound(ref.describedArn());
        }
        return f;
    }

    /** The configuration a qualifier names: {@code $LATEST} when none, a version, or an alias's version. */
    FunctionConfig config(LambdaFunction f, FunctionRef ref) {
        String q = ref.qualifier();
        if (q == null || q.equals(FunctionConfig.LATEST)) {
            return f.latest();
        }
        FunctionConfig version = f.version(q);
        if (version != null) {
            return version;
        }
        Alias alias = f.alias(q);
        if (alias != null) {
            FunctionConfig target = f.version(alias.functionVersion());
            if (target != null) {
                return target;
            }
        }
        throw LambdaErrors.functionNotFound(ref.describedArn());
    }

    /** For invocations: an alias with weights picks one of its versions at random, by weight. */
    FunctionConfig routedConfig(LambdaFunction f, FunctionRef ref) {
        Alias alias = ref.qualifier() == null ? null : f.alias(ref.qualifier());
        if (alias != null && !alias.additionalWeights().isEmpty()) {
            double pick = ThreadLocalRandom.current().nextDouble();
            double sum = 0;
            for (var e : alias.additionalWeights().entrySet()) {
                sum += e.getValue();
                if (pick < sum) {
                    FunctionConfig chosen = f.version(e.getKey());
                    if (chosen != null) {
                        return chosen;
                    }
                }
            }
        }
        return config(f, ref);
    }

    /** A deployment package from {@code ZipFile}, or from {@code S3Bucket}/{@code S3Key} in Gureum's S3. */
    StoredCode storeCode(Params p, Principal reader, boolean required) {
        byte[] zip = p.blob("ZipFile");
        String bucket = p.string("S3Bucket");
        String key = p.string("S3Key");
        InputStream in;
        if (zip != null) {
            in = new ByteArrayInputStream(zip);
        } else if (bucket != null && key != null) {
            ObjectReader s3 = context.crossService().find(ObjectReader.class).orElseThrow(() -> LambdaErrors.invalid(
                    "S3 is not enabled on this server, so code cannot be read from S3Bucket/S3Key."));
            try {
                in = s3.open(reader, bucket, key, p.string("S3ObjectVersion"));
            } catch (AwsException e) {
                throw LambdaErrors.invalid("Error occurred while GetObject. S3 Error Code: " + e.code()
                        + ". S3 Error Message: " + e.getMessage());
            }
        } else if (p.string("ImageUri") != null) {
            throw LambdaErrors.invalid("Please don't provide ImageUri when creating a function with packageType Zip.");
        } else if (!required) {
            return null;
        } else {
            throw LambdaErrors.invalid("Please provide a source for function code.");
        }
        try {
            return code.store(in);
        } catch (CodeStore.InvalidPackageException e) {
            throw LambdaErrors.invalid(e.getMessage());
        }
    }

    /** Where GetFunction's {@code Code.Location} points: a presigned URL of Gureum's own, valid for ten minutes. */
    String codeLocation(RequestContext ctx, String kind, String arn, StoredCode code) {
        return codeUrls.location(ctx.baseUrl(), kind, arn, code.key());
    }

    /** Account-wide code size, for GetAccountSettings. */
    long totalCodeSize(String accountId, String region) {
        long total = 0;
        for (LambdaFunction f : store.functions(accountId, region)) {
            for (FunctionConfig c : f.allVersions()) {
                total += c.codeSize();
            }
        }
        return total;
    }
}
