package dev.gureum.lambda.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.protocol.RestService;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.domain.LayerVersion;
import dev.gureum.lambda.domain.StoredCode;
import dev.gureum.lambda.runtime.FunctionRunner;
import dev.gureum.lambda.runtime.Interpreters;
import dev.gureum.lambda.runtime.LambdaSettings;
import dev.gureum.lambda.runtime.LogSink;
import dev.gureum.lambda.storage.CodeStore;
import io.undertow.server.HttpServerExchange;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/**
 * Lambda's REST-JSON API and the Runtime API its execution environments call, on one route table in
 * the order of the model's {@code http} traits. It is also the {@link FunctionInvoker} other services
 * invoke functions through.
 */
public final class LambdaService extends RestService implements FunctionInvoker {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LambdaService.class);
    private static final String RUNTIME = "/2018-06-01/runtime/environments/{EnvironmentId}/2018-06-01/runtime";

    private final LambdaState state;
    private final CodeStore code;
    private final FunctionRunner runner;
    private final InvokeOperations invocations;
    private final EventSourceOperations eventSources;
    private final UrlEndpoint urlEndpoint;
    private volatile InetSocketAddress localAddress;
    private final LogSink logs;

    public LambdaService(EmulatorContext context, LambdaSettings settings, LogSink logs) {
        super(dev.gureum.lambda.LambdaModule.DESCRIPTOR);
        this.logs = logs;
        Path root = context.config().dataDir().resolve("lambda");
        Interpreters interpreters = new Interpreters(settings.interpreters());
        this.code = new CodeStore(root);
        this.runner = new FunctionRunner(settings, context.clock(), context.timers(), context.accessKeys(), logs, root,
                interpreters, dev.gureum.lambda.runtime.FunctionMetrics.publishedTo(context.crossService()
                        .find(dev.gureum.core.spi.MetricSink.class).orElse(null), context.clock()));
        this.state = new LambdaState(context, code, runner, interpreters);
        VersionOperations versions = new VersionOperations(state);
        FunctionOperations functions = new FunctionOperations(state, versions);
        this.invocations = new InvokeOperations(state);
        PolicyOperations policies = new PolicyOperations(state);
        LayerOperations layers = new LayerOperations(state);
        UrlOperations urls = new UrlOperations(state);
        this.eventSources = new EventSourceOperations(state, invocations);
        this.urlEndpoint = new UrlEndpoint(state);
        versions.onFunctionDeleted(eventSources::functionDeleted);
        RuntimeApiOperations runtimeApi = new RuntimeApiOperations(runner.runtimeApi());

        // packages no function, version, layer or running environment uses any more are deleted
        runner.every(java.time.Duration.ofMinutes(1), () -> collectGarbage(java.time.Duration.ofMinutes(2)));
        // the state replayed from the data directory names the packages that are not leftovers
        removeLeftovers(root);
        // mappings enabled before a restart poll again (their environments and invocations start afresh)
        runner.schedule(eventSources::resume, 0);

        route("GET", RUNTIME + "/invocation/next", "RuntimeNext", runtimeApi::next);
        route("POST", RUNTIME + "/invocation/{AwsRequestId}/response", "RuntimeResponse", runtimeApi::response);
        route("POST", RUNTIME + "/invocation/{AwsRequestId}/error", "RuntimeError", runtimeApi::error);
        route("POST", RUNTIME + "/init/error", "RuntimeInitError", runtimeApi::initError);
        route("GET", "/2018-06-01/runtime/invocation/next", "RuntimeNext", runtimeApi::unaddressed);
        route("POST", "/2018-06-01/runtime/{Rest+}", "Runtime", runtimeApi::unaddressed);

        route("POST", "/2015-03-31/functions", "CreateFunction", functions::createFunction);
        route("GET", "/2015-03-31/functions", "ListFunctions", functions::listFunctions);
        route("GET", "/2015-03-31/functions/{FunctionName}", "GetFunction", functions::getFunction);
        route("DELETE", "/2015-03-31/functions/{FunctionName}", "DeleteFunction", functions::deleteFunction);
        route("GET", "/2015-03-31/functions/{FunctionName}/configuration", "GetFunctionConfiguration",
                functions::getFunctionConfiguration);
        route("PUT", "/2015-03-31/functions/{FunctionName}/configuration", "UpdateFunctionConfiguration",
                functions::updateFunctionConfiguration);
        route("PUT", "/2015-03-31/functions/{FunctionName}/code", "UpdateFunctionCode", functions::updateFunctionCode);
        route("GET", "/2016-08-19/account-settings", "GetAccountSettings", functions::getAccountSettings);

        route("POST", "/2015-03-31/functions/{FunctionName}/invocations", "Invoke", invocations::invoke);
        route("POST", "/2014-11-13/functions/{FunctionName}/invoke-async", "InvokeAsync", invocations::invokeAsync);
        route("POST", "/2021-11-15/functions/{FunctionName}/response-streaming-invocations",
                "InvokeWithResponseStream", new StreamingInvokeOperations(state)::invokeWithResponseStream);

        route("POST", "/2015-03-31/functions/{FunctionName}/versions", "PublishVersion", versions::publishVersion);
        route("GET", "/2015-03-31/functions/{FunctionName}/versions", "ListVersionsByFunction",
                versions::listVersionsByFunction);
        route("POST", "/2015-03-31/functions/{FunctionName}/aliases", "CreateAlias", versions::createAlias);
        route("GET", "/2015-03-31/functions/{FunctionName}/aliases", "ListAliases", versions::listAliases);
        route("GET", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "GetAlias", versions::getAlias);
        route("PUT", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "UpdateAlias", versions::updateAlias);
        route("DELETE", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "DeleteAlias", versions::deleteAlias);
        route("PUT", "/2017-10-31/functions/{FunctionName}/concurrency", "PutFunctionConcurrency",
                versions::putFunctionConcurrency);
        route("GET", "/2019-09-30/functions/{FunctionName}/concurrency", "GetFunctionConcurrency",
                versions::getFunctionConcurrency);
        route("DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", "DeleteFunctionConcurrency",
                versions::deleteFunctionConcurrency);

        route("POST", "/2015-03-31/functions/{FunctionName}/policy", "AddPermission", policies::addPermission);
        route("GET", "/2015-03-31/functions/{FunctionName}/policy", "GetPolicy", policies::getPolicy);
        route("DELETE", "/2015-03-31/functions/{FunctionName}/policy/{StatementId}", "RemovePermission",
                policies::removePermission);
        route("POST", "/2017-03-31/tags/{Resource}", "TagResource", policies::tagResource);
        route("DELETE", "/2017-03-31/tags/{Resource}", "UntagResource", policies::untagResource);
        route("GET", "/2017-03-31/tags/{Resource}", "ListTags", policies::listTags);

        route("POST", "/2018-10-31/layers/{LayerName}/versions", "PublishLayerVersion", layers::publishLayerVersion);
        route("GET", "/2018-10-31/layers/{LayerName}/versions", "ListLayerVersions", layers::listLayerVersions);
        route("GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "GetLayerVersion",
                layers::getLayerVersion);
        route("DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "DeleteLayerVersion",
                layers::deleteLayerVersion);
        route("POST", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", "AddLayerVersionPermission",
                layers::addLayerVersionPermission);
        route("GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", "GetLayerVersionPolicy",
                layers::getLayerVersionPolicy);
        route("DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy/{StatementId}",
                "RemoveLayerVersionPermission", layers::removeLayerVersionPermission);
        route("GET", "/2018-10-31/layers", java.util.Set.of("find"), "GetLayerVersionByArn",
                layers::getLayerVersionByArn);
        route("GET", "/2018-10-31/layers", "ListLayers", layers::listLayers);

        route("POST", "/2015-03-31/event-source-mappings", "CreateEventSourceMapping", eventSources::create);
        route("GET", "/2015-03-31/event-source-mappings", "ListEventSourceMappings", eventSources::list);
        route("GET", "/2015-03-31/event-source-mappings/{UUID}", "GetEventSourceMapping", eventSources::get);
        route("PUT", "/2015-03-31/event-source-mappings/{UUID}", "UpdateEventSourceMapping", eventSources::update);
        route("DELETE", "/2015-03-31/event-source-mappings/{UUID}", "DeleteEventSourceMapping", eventSources::delete);

        EventInvokeConfigOperations eventInvokeConfigs = new EventInvokeConfigOperations(state);
        route("PUT", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "PutFunctionEventInvokeConfig",
                eventInvokeConfigs::put);
        route("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config/list", "ListFunctionEventInvokeConfigs",
                eventInvokeConfigs::list);
        route("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "GetFunctionEventInvokeConfig",
                eventInvokeConfigs::get);
        route("POST", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "UpdateFunctionEventInvokeConfig",
                eventInvokeConfigs::update);
        route("DELETE", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "DeleteFunctionEventInvokeConfig",
                eventInvokeConfigs::delete);

        ProvisionedConcurrencyOperations provisioned = new ProvisionedConcurrencyOperations(state);
        // configurations kept from before a restart start their environments again
        runner.schedule(provisioned::resume, 0);
        String provisionedPath = "/2019-09-30/functions/{FunctionName}/provisioned-concurrency";
        route("PUT", provisionedPath, "PutProvisionedConcurrencyConfig", provisioned::put);
        route("GET", provisionedPath, java.util.Set.of("List"), "ListProvisionedConcurrencyConfigs", provisioned::list);
        route("GET", provisionedPath, "GetProvisionedConcurrencyConfig", provisioned::get);
        route("DELETE", provisionedPath, "DeleteProvisionedConcurrencyConfig", provisioned::delete);

        CodeSigningOperations codeSigning = new CodeSigningOperations(state);
        route("POST", "/2020-04-22/code-signing-configs", "CreateCodeSigningConfig", codeSigning::create);
        route("GET", "/2020-04-22/code-signing-configs", "ListCodeSigningConfigs", codeSigning::list);
        route("GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "GetCodeSigningConfig",
                codeSigning::get);
        route("PUT", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "UpdateCodeSigningConfig",
                codeSigning::update);
        route("DELETE", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "DeleteCodeSigningConfig",
                codeSigning::delete);
        route("GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}/functions",
                "ListFunctionsByCodeSigningConfig", codeSigning::listFunctions);
        route("PUT", "/2020-06-30/functions/{FunctionName}/code-signing-config", "PutFunctionCodeSigningConfig",
                codeSigning::putForFunction);
        route("GET", "/2020-06-30/functions/{FunctionName}/code-signing-config", "GetFunctionCodeSigningConfig",
                codeSigning::getForFunction);
        route("DELETE", "/2020-06-30/functions/{FunctionName}/code-signing-config", "DeleteFunctionCodeSigningConfig",
                codeSigning::deleteForFunction);

        route("POST", "/2021-10-31/functions/{FunctionName}/url", "CreateFunctionUrlConfig", urls::create);
        route("GET", "/2021-10-31/functions/{FunctionName}/url", "GetFunctionUrlConfig", urls::get);
        route("PUT", "/2021-10-31/functions/{FunctionName}/url", "UpdateFunctionUrlConfig", urls::update);
        route("DELETE", "/2021-10-31/functions/{FunctionName}/url", "DeleteFunctionUrlConfig", urls::delete);
        route("GET", "/2021-10-31/functions/{FunctionName}/urls", "ListFunctionUrlConfigs", urls::list);
        enforce(context, LambdaAccess.rules());
    }

    @Override
    public boolean bufferRequestBody(HttpServerExchange request) {
        // a runtime's streamed response goes on to the caller as it arrives
        return !RuntimeApiOperations.streaming(request);
    }

    @Override
    public void handle(HttpServerExchange exchange, RequestContext ctx) throws Exception {
        InetSocketAddress local = exchange.getDestinationAddress();
        if (local != null && !local.equals(localAddress)) {
            localAddress = local;
            // runtimes reach the Runtime API, and their SDKs reach Gureum, where this request arrived
            String host = local.getAddress() instanceof Inet6Address ? "[" + local.getAddress().getHostAddress() + "]"
                    : local.getAddress().getHostAddress();
            runner.endpoint(host + ":" + local.getPort());
        }
        super.handle(exchange, ctx);
    }

    @Override
    public void checkInvoke(String functionArn, Caller caller) {
        invocations.checkInvoke(functionArn, caller);
    }

    @Override
    public CompletionStage<Result> invoke(String functionArn, byte[] payload, InvocationType type, Caller caller) {
        return invocations.invokeFor(functionArn, payload, type, caller);
    }

    /**
     * Answers a request to the function URL {@code urlId} (on a worker thread, with its body read).
     *
     * @param host the host name the client addressed, or {@code null} for the path form
     * @param path the path the function sees
     */
    public void serveUrl(HttpServerExchange exchange, String urlId, String host, String path, byte[] body) {
        urlEndpoint.serve(exchange, urlId, host, path, body);
    }

    /** The stored archive of a function version (for embedders and tests; downloads go through {@link #download}). */
    public Path codeArchive(String qualifiedArn) {
        FunctionRef ref = FunctionRef.parse(qualifiedArn, null, state.context.config().defaultAccount(),
                state.context.config().defaultRegion());
        LambdaFunction f = state.store.function(ref.accountId(), ref.region(), ref.name());
        FunctionConfig c = f == null ? null : f.version(ref.qualifier() == null ? FunctionConfig.LATEST : ref.qualifier());
        return c == null || c.code == null ? null : c.code.zip();
    }

    /**
     * What a download of a package answers: the archive, or an HTTP status and why.
     *
     * @param zip the archive to send when {@code status} is 200
     */
    public record Download(int status, String message, Path zip) {
        static Download refused(int status, String message) {
            return new Download(status, message, null);
        }
    }

    /**
     * A download through a presigned {@code Code.Location} ({@code kind} {@code code}) or layer
     * {@code Content.Location} ({@code layer-code}): only with a valid, unexpired signature, and only the
     * package the URL was made for.
     */
    public Download download(String kind, String arn, String codeKey, String expires, String signature) {
        switch (state.codeUrls.verify(kind, arn, codeKey, expires, signature)) {
            case MALFORMED:
                return Download.refused(400, "The arn, code, expires and signature parameters are required.");
            case FORGED:
                return Download.refused(403, "The request signature does not match.");
            case EXPIRED:
                return Download.refused(403, "Request has expired.");
            default:
                break;
        }
        StoredCode code;
        if (kind.equals("code")) {
            FunctionConfig c = null;
            try {
                FunctionRef ref = FunctionRef.parse(arn, null, state.context.config().defaultAccount(),
                        state.context.config().defaultRegion());
                LambdaFunction f = state.store.function(ref.accountId(), ref.region(), ref.name());
                c = f == null ? null : f.version(ref.qualifier() == null ? FunctionConfig.LATEST : ref.qualifier());
            } catch (dev.gureum.core.error.AwsException e) {
                return Download.refused(400, "Invalid function ARN.");
            }
            code = c == null ? null : c.code;
        } else {
            LayerVersion v = FunctionOperations.layerVersion(state.store, arn);
            code = v == null ? null : v.code();
        }
        if (code == null) {
            return Download.refused(404, "The function or layer version no longer exists.");
        }
        if (!code.key().equals(codeKey) || !java.nio.file.Files.isRegularFile(code.zip())) {
            return Download.refused(404, "The package this URL was made for has been replaced.");
        }
        return new Download(200, null, code.zip());
    }

    /**
     * Deletes the stored packages nothing uses and that are older than {@code minimumAge} (younger ones
     * may belong to a function being created); returns how many.
     */
    public int collectGarbage(java.time.Duration minimumAge) {
        return code.deleteUnused(codeInUse(), minimumAge);
    }

    /** The packages of every function, version, layer and running environment. */
    private java.util.Set<String> codeInUse() {
        java.util.Set<String> inUse = new java.util.HashSet<>(runner.codeInUse());
        state.store.forEachFunction((scope, f) -> f.allVersions().forEach(c -> {
            if (c.code != null) {
                inUse.add(c.code.key());
            }
            c.layers.forEach(l -> inUse.add(l.code().key()));
        }));
        state.store.forEachLayer((scope, layer) -> {
            synchronized (layer) {
                layer.versions.values().forEach(v -> inUse.add(v.code().key()));
            }
        });
        return inUse;
    }

    /**
     * Deletes, in the background, what an earlier run left in Lambda's folders of the data directory
     * (after {@code kill -9}: packages half received, packages the loaded state does not use). What this
     * run stores is never a candidate, so requests need not wait.
     */
    private void removeLeftovers(Path root) {
        Thread cleaner = new Thread(() -> {
            try {
                int deleted = code.removeLeftovers(codeInUse()::contains);
                if (deleted > 0) {
                    LOG.info("Removed {} packages and partial uploads an earlier run left in {}", deleted, root);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not remove the packages an earlier run left: {}", e.toString());
            }
        }, "gureum-lambda-leftovers");
        cleaner.setDaemon(true);
        cleaner.start();
    }

    public FunctionRunner runner() {
        return runner;
    }

    /** Every account's functions, for Gureum's own views (the console). */
    public dev.gureum.lambda.domain.FunctionStore functions() {
        return state.store;
    }

    /** Where functions' logs go (CloudWatch Logs' store), for Gureum's own views. */
    public LogSink logs() {
        return logs;
    }

    @Override
    public void reset() {
        eventSources.stopAll();
        runner.endAll();
        state.journal.reset();
        code.clear();
    }

    @Override
    public void stopping() {
        eventSources.stopAll();
        runner.close();
    }

    @Override
    public void close() {
        eventSources.stopAll();
        runner.close();
    }
}
