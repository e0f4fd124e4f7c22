package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.RequestContext;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.CodeSigningConfig;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.FunctionSettings;
import dev.gureum.lambda.domain.FunctionStore;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.domain.LayerRef;
import dev.gureum.lambda.domain.LayerVersion;
import dev.gureum.lambda.domain.Runtimes;
import dev.gureum.lambda.domain.StoredCode;
import dev.gureum.lambda.domain.VpcConfig;
import dev.gureum.lambda.runtime.FunctionRunner;
import dev.gureum.lambda.runtime.Interpreters;
import dev.gureum.lambda.storage.CodeStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Functions: create, read, list, update code and configuration, delete; account settings. */
final class FunctionOperations {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
    private static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private final LambdaState state;
    private final VersionOperations versions;
    private final ImageFunctions images;

    FunctionOperations(LambdaState state, VersionOperations versions) {
        this.state = state;
        this.versions = versions;
        this.images = new ImageFunctions(state);
    }

    // ---- create ---------------------------------------------------------------------------------

    void createFunction(RestRequest r) {
        Params p = Validation.body(r);
        RequestContext ctx = r.context();
        String given = Validation.required(p, "FunctionName", "functionName");
        FunctionRef ref = FunctionRef.parse(given, null, ctx);
        if (ref.qualifier() != null || !Validation.NAME.matcher(ref.name()).matches()) {
            throw LambdaErrors.validation("functionName", given, FunctionRef.NAME_CONSTRAINT);
        }
        LambdaState.ownAccountOnly(ctx, ref.accountId(), state.caller(ctx), "lambda:CreateFunction",
                ref.unqualifiedArn());
        String role = Validation.required(p, "Role", "role");
        Validation.pattern("role", role, Validation.ROLE);
        boolean image = "Image".equals(p.string("PackageType"));
        if (p.string("PackageType") != null && !image && !"Zip".equals(p.string("PackageType"))) {
            throw Validation.enumValue("packageType", p.string("PackageType"), "Zip, Image");
        }
        if (!image && p.has("ImageConfig") && !p.object("ImageConfig").names().isEmpty()) {
            throw LambdaErrors.invalid("ImageConfig is not supported for functions with packageType Zip.");
        }
        if (!image && (p.string("Runtime") == null || p.string("Handler") == null)) {
            throw LambdaErrors.invalid("Runtime and Handler are mandatory parameters for functions created with "
                    + "deployment packages.");
        }
        Instant now = state.clock.instant();
        FunctionConfig.Builder b = new FunctionConfig.Builder();
        b.name = ref.name();
        b.accountId = ref.accountId();
        b.region = ref.region();
        b.functionArn = FunctionRef.arn(ref.accountId(), ref.region(), ref.name());
        b.role = role;
        b.logGroup = "/aws/lambda/" + ref.name();
        applyConfiguration(p, b, ctx);
        if (state.store.function(ref.accountId(), ref.region(), ref.name()) != null) {
            throw LambdaErrors.conflict("Function already exist: " + ref.name());
        }
        CodeSigningConfig signing = p.string("CodeSigningConfigArn") == null ? null
                : CodeSigningChecks.existing(state, p.string("CodeSigningConfigArn"), ref.accountId());
        CodeSigningChecks.checkDeployment(signing, ref.name());
        if (image) {
            // the image's ENTRYPOINT and CMD run it: Runtime and Handler are not the function's
            b.runtime = null;
            b.handler = null;
            b.image = images.resolve(p.object("Code").string("ImageUri"),
                    p.has("ImageConfig") ? p.object("ImageConfig") : null);
        } else {
            b.code = state.storeCode(p.object("Code"), state.caller(ctx), true);
        }
        b.lastModified = now;
        b.revisionId = Ids.uuid();
        settle(b);
        FunctionConfig config = b.build();
        LambdaFunction function = new LambdaFunction(config);
        if (state.store.putIfAbsent(ref.accountId(), ref.region(), function) != function) {
            throw LambdaErrors.conflict("Function already exist: " + ref.name());
        }
        function.tag(p.stringMap("Tags", "Key", "Value"));
        java.util.concurrent.CompletionStage<Void> signingSaved = LambdaState.DONE;
        if (signing != null) {
            FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), ref.name(), true);
            settings.codeSigningConfigArn(signing.arn());
            signingSaved = state.save(function, settings);
        }
        FunctionConfig reported = config;
        if (p.bool("Publish", false)) {
            reported = versions.publish(function, null, config.description);
        }
        // AWS answers while the function is still being set up; it is Active (or Failed) right after
        FunctionConfig.Builder pending = reported.toBuilder();
        pending.state = "Pending";
        pending.stateReason = "The function is being created.";
        pending.stateReasonCode = "Creating";
        pending.lastUpdateStatus = null;
        pending.lastUpdateStatusReason = null;
        pending.lastUpdateStatusReasonCode = null;
        LambdaState.answer(r, state.save(function).thenCombine(signingSaved, (a, c) -> null), 201,
                Shapes.configuration(pending.build()));
    }

    /** Applies the configuration members of CreateFunction and UpdateFunctionConfiguration present in {@code p}. */
    private void applyConfiguration(Params p, FunctionConfig.Builder b, RequestContext ctx) {
        if (p.has("Role")) {
            b.role = p.string("Role");
            Validation.pattern("role", b.role, Validation.ROLE);
            ExecutionRoles.checkPassRole(state.context, ctx, b.role);
            ExecutionRoles.checkAssumable(state.context, b.role);
        }
        if (p.has("Runtime")) {
            String runtime = p.string("Runtime");
            if (!Runtimes.KNOWN.contains(runtime)) {
                throw Validation.enumValue("runtime", runtime, String.join(", ", new TreeSet<>(Runtimes.KNOWN)));
            }
            b.runtime = runtime;
        }
        if (p.has("Handler")) {
            b.handler = p.string("Handler");
            if (b.handler.length() > 128 || !b.handler.matches("[^\\s]+")) {
                throw LambdaErrors.validation("handler", b.handler, "Member must satisfy regular expression pattern: "
                        + "[^\\s]+");
            }
        }
        if (p.has("Description")) {
            b.description = p.string("Description");
            if (b.description.length() > 256) {
                throw LambdaErrors.validation("description", b.description,
                        "Member must have length less than or equal to 256");
            }
        }
        if (p.has("Timeout")) {
            Integer timeout = p.integer("Timeout");
            Validation.range("timeout", timeout, 1, 900);
            b.timeout = timeout;
        }
        if (p.has("MemorySize")) {
            Integer memory = p.integer("MemorySize");
            Validation.range("memorySize", memory, 128, 10240);
            b.memorySize = memory;
        }
        if (p.has("Environment")) {
            b.environment = environment(p.object("Environment").stringMap("Variables", "Key", "Value"));
        }
        if (p.has("Layers")) {
            b.layers = layers(p.stringList("Layers"), ctx);
        }
        if (p.has("Architectures")) {
            List<String> architectures = p.stringList("Architectures");
            if (architectures.size() != 1 || !Set.of("x86_64", "arm64").contains(architectures.get(0))) {
                throw LambdaErrors.invalid("Lambda functions can only have one architecture: x86_64 or arm64.");
            }
            b.architectures = architectures;
        }
        if (p.has("EphemeralStorage")) {
            Integer size = p.object("EphemeralStorage").integer("Size");
            Validation.range("ephemeralStorage.size", size, 512, 10240);
            b.ephemeralStorage = size;
        }
        if (p.has("TracingConfig")) {
            String mode = p.object("TracingConfig").string("Mode", "PassThrough");
            if (!Set.of("Active", "PassThrough").contains(mode)) {
                throw Validation.enumValue("tracingConfig.mode", mode, "Active, PassThrough");
            }
            b.tracingMode = mode;
        }
        if (p.has("DeadLetterConfig")) {
            b.deadLetterTargetArn = p.object("DeadLetterConfig").string("TargetArn");
            if (b.deadLetterTargetArn != null && b.deadLetterTargetArn.isEmpty()) {
                b.deadLetterTargetArn = null;
            }
        }
        if (p.has("KMSKeyArn")) {
            b.kmsKeyArn = p.string("KMSKeyArn").isEmpty() ? null : p.string("KMSKeyArn");
        }
        if (p.has("VpcConfig")) {
            b.vpcConfig = vpcConfig(p.object("VpcConfig"));
        }
        if (p.has("SnapStart")) {
            b.snapStartApplyOn = p.object("SnapStart").string("ApplyOn", "None");
        }
        if (p.has("LoggingConfig")) {
            Params logging = p.object("LoggingConfig");
            String format = logging.string("LogFormat", b.logFormat);
            if (!Set.of("Text", "JSON").contains(format)) {
                throw Validation.enumValue("loggingConfig.logFormat", format, "JSON, Text");
            }
            b.logFormat = format;
            b.logGroup = logging.string("LogGroup", b.logGroup);
            b.applicationLogLevel = logging.string("ApplicationLogLevel", b.applicationLogLevel);
            b.systemLogLevel = logging.string("SystemLogLevel", b.systemLogLevel);
        }
    }

    private static Map<String, String> environment(Map<String, String> variables) {
        List<String> reserved = new ArrayList<>();
        for (String name : variables.keySet()) {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw LambdaErrors.validation("environment.variables", name,
                        "Member must satisfy regular expression pattern: " + VARIABLE_NAME);
            }
            if (RESERVED_VARIABLES.contains(name)) {
                reserved.add(name);
            }
        }
        if (!reserved.isEmpty()) {
            throw LambdaErrors.invalid("Lambda was unable to configure your environment variables because the "
                    + "environment variables you have provided contains reserved keys that are currently not supported "
                    + "for modification. Reserved keys used in this request: " + String.join(", ", reserved));
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        variables.forEach(json::put);
        if (json.toString().getBytes(StandardCharsets.UTF_8).length > 4096) {
            throw LambdaErrors.invalid("Lambda was unable to configure your environment variables because the "
                    + "environment variables you have provided exceeded the 4KB limit. String measured: " + json);
        }
        return new LinkedHashMap<>(variables);
    }

    /** The layer versions a function uses: the caller's own, or another account's whose permissions allow it. */
    private List<LayerRef> layers(List<String> arns, RequestContext ctx) {
        if (arns.size() > 5) {
            throw LambdaErrors.invalid("Cannot reference more than 5 layers.");
        }
        List<LayerRef> refs = new ArrayList<>();
        for (String arn : arns) {
            LayerVersion version = layerVersion(state.store, arn);
            if (version == null) {
                throw LambdaErrors.invalid("Layer version " + arn + " does not exist.");
            }
            LayerOperations.checkGet(state, ctx, version);
            refs.add(new LayerRef(version.layerVersionArn(), version.code()));
        }
        return refs;
    }

    static LayerVersion layerVersion(FunctionStore store, String arn) {
        try {
            Arn parsed = Arn.parse(arn);
            String[] parts = parsed.resource().split(":");
            if (!parsed.service().equals("lambda") || parts.length != 3 || !parts[0].equals("layer")) {
                return null;
            }
            FunctionStore.Layer layer = store.layer(parsed.accountId(), parsed.region(), parts[1], false);
            if (layer == null) {
                return null;
            }
            synchronized (layer) {
                return layer.versions.get(Long.parseLong(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static VpcConfig vpcConfig(Params vpc) {
        List<String> subnets = vpc.stringList("SubnetIds");
        return new VpcConfig(subnets, vpc.stringList("SecurityGroupIds"), subnets.isEmpty() ? "" : "vpc-" + Ids.hex(17),
                vpc.bool("Ipv6AllowedForDualStack", false));
    }

    /** Decides the state the function settles in: Active, or Failed when Gureum cannot run its runtime. */
    private void settle(FunctionConfig.Builder b) {
        if (b.image == null) {
            try {
                CodeStore.checkUnzippedSize(b.code, b.layers);
            } catch (CodeStore.InvalidPackageException e) {
                throw LambdaErrors.invalid(e.getMessage());
            }
        }
        // an image brings its own runtime
        Interpreters.Resolution interpreter = b.image != null ? null : state.interpreters.resolve(b.runtime);
        if (interpreter == null || interpreter.found()) {
            b.state = "Active";
            b.stateReason = null;
            b.stateReasonCode = null;
            b.lastUpdateStatus = "Successful";
            b.lastUpdateStatusReason = null;
            b.lastUpdateStatusReasonCode = null;
        } else {
            b.state = "Failed";
            b.stateReason = interpreter.problem();
            b.stateReasonCode = "InvalidRuntime";
            b.lastUpdateStatus = "Failed";
            b.lastUpdateStatusReason = interpreter.problem();
            b.lastUpdateStatusReasonCode = "InvalidRuntime";
        }
    }

    // ---- read -----------------------------------------------------------------------------------

    void getFunction(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:GetFunction");
        FunctionConfig c = state.config(f, ref);
        Struct out = Struct.of().put("Configuration", Shapes.configuration(c))
                .put("Code", c.image != null ? ImageFunctions.location(c.image) : Struct.of().put("RepositoryType", "S3")
                        .put("Location", state.codeLocation(r.context(), "code", c.qualifiedArn(), c.code)));
        Map<String, String> tags = f.tags();
        if (!tags.isEmpty()) {
            out.put("Tags", dev.gureum.core.protocol.MapValue.of(tags));
        }
        if (f.reservedConcurrency() != null) {
            out.put("Concurrency", Struct.of().put("ReservedConcurrentExecutions", f.reservedConcurrency()));
        }
        RestJsonCodec.send(r.exchange(), 200, out);
    }

    void getFunctionConfiguration(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:GetFunctionConfiguration");
        RestJsonCodec.send(r.exchange(), 200, Shapes.configuration(state.config(f, ref)));
    }

    void listFunctions(RestRequest r) {
        RequestContext ctx = r.context();
        String versionFilter = r.queryParam("FunctionVersion");
        if (versionFilter != null && !versionFilter.equals("ALL")) {
            throw Validation.enumValue("functionVersion", versionFilter, "ALL");
        }
        List<FunctionConfig> all = new ArrayList<>();
        for (LambdaFunction f : state.store.functions(ctx.accountId(), ctx.region())) {
            if (versionFilter == null) {
                all.add(f.latest());
            } else {
                all.addAll(f.allVersions());
            }
        }
        PageTokens.Page<FunctionConfig> page = Pages.page(all, r.queryParam("Marker"), Validation.maxItems(r, 50, 10000));
        Struct out = Struct.of().put("NextMarker", page.nextToken())
                .list("Functions", page.items(), Shapes::configuration);
        RestJsonCodec.send(r.exchange(), 200, out);
    }

    void getAccountSettings(RestRequest r) {
        RequestContext ctx = r.context();
        int reserved = 0;
        List<LambdaFunction> functions = state.store.functions(ctx.accountId(), ctx.region());
        for (LambdaFunction f : functions) {
            reserved += f.reservedConcurrency() == null ? 0 : f.reservedConcurrency();
        }
        Struct out = Struct.of()
                .put("AccountLimit", Struct.of().put("TotalCodeSize", 80_530_636_800L)
                        .put("CodeSizeUnzipped", 262_144_000L).put("CodeSizeZipped", 52_428_800L)
                        .put("ConcurrentExecutions", FunctionRunner.ACCOUNT_CONCURRENCY)
                        .put("UnreservedConcurrentExecutions", FunctionRunner.ACCOUNT_CONCURRENCY - reserved))
                .put("AccountUsage", Struct.of().put("TotalCodeSize", state.totalCodeSize(ctx.accountId(), ctx.region()))
                        .put("FunctionCount", (long) functions.size()));
        RestJsonCodec.send(r.exchange(), 200, out);
    }

    // ---- update ---------------------------------------------------------------------------------

    void updateFunctionCode(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:UpdateFunctionCode");
        CodeSigningChecks.checkDeployment(CodeSigningChecks.of(state, f.latest().accountId, f.latest().region,
                f.name()), f.name());
        boolean image = f.latest().image != null;
        if (image && p.string("ImageUri") == null) {
            throw LambdaErrors.invalid("Please provide ImageUri when updating a function with packageType Image.");
        }
        if (!image && p.string("ImageUri") != null) {
            throw LambdaErrors.invalid("Please don't provide ImageUri when updating a function with packageType Zip.");
        }
        StoredCode code = image ? null : state.storeCode(p, state.caller(r.context()), true);
        dev.gureum.lambda.domain.ContainerImage newImage = image ? images.resolve(p.string("ImageUri"), null) : null;
        FunctionConfig updated;
        FunctionConfig old;
        synchronized (f) {
            old = f.latest();
            checkRevision(p.string("RevisionId"), old.revisionId);
            FunctionConfig.Builder b = old.toBuilder();
            if (p.has("Architectures")) {
                List<String> architectures = p.stringList("Architectures");
                if (architectures.size() != 1 || !Set.of("x86_64", "arm64").contains(architectures.get(0))) {
                    throw LambdaErrors.invalid("Lambda functions can only have one architecture: x86_64 or arm64.");
                }
                b.architectures = architectures;
            }
            b.code = code;
            if (image) {
                // the new image keeps the function's ImageConfig
                b.image = newImage.withImageConfig(old.image.entryPoint(), old.image.command(),
                        old.image.workingDirectory());
            }
            b.lastModified = state.clock.instant();
            b.revisionId = Ids.uuid();
            settle(b);
            updated = b.build();
            if (p.bool("DryRun", false)) {
                RestJsonCodec.send(r.exchange(), 200, Shapes.configuration(inProgress(updated)));
                return;
            }
            f.latest(updated);
        }
        state.runner.retire(old);
        FunctionConfig reported = updated;
        if (p.bool("Publish", false)) {
            reported = versions.publish(f, null, updated.description);
        }
        LambdaState.answer(r, state.save(f), 200, Shapes.configuration(inProgress(reported)));
    }

    void updateFunctionConfiguration(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:UpdateFunctionConfiguration");
        if (p.has("ImageConfig") && f.latest().image == null && !p.object("ImageConfig").names().isEmpty()) {
            throw LambdaErrors.invalid("ImageConfig is not supported for functions with packageType Zip.");
        }
        FunctionConfig updated;
        FunctionConfig old;
        synchronized (f) {
            old = f.latest();
            checkRevision(p.string("RevisionId"), old.revisionId);
            FunctionConfig.Builder b = old.toBuilder();
            applyConfiguration(p, b, r.context());
            if (b.image != null && p.has("ImageConfig")) {
                b.image = ImageFunctions.withImageConfig(b.image, p.object("ImageConfig"));
            }
            b.lastModified = state.clock.instant();
            b.revisionId = Ids.uuid();
            settle(b);
            updated = b.build();
            f.latest(updated);
        }
        state.runner.retire(old);
        LambdaState.answer(r, state.save(f), 200, Shapes.configuration(inProgress(updated)));
    }

    /** How an update is reported while AWS applies it; it has succeeded (or failed) right after. */
    private static FunctionConfig inProgress(FunctionConfig c) {
        if (!"Successful".equals(c.lastUpdateStatus)) {
            return c;
        }
        FunctionConfig.Builder b = c.toBuilder();
        b.lastUpdateStatus = "InProgress";
        b.lastUpdateStatusReason = "The function is being created.";
        b.lastUpdateStatusReasonCode = "Creating";
        return b.build();
    }

    static void checkRevision(String given, String current) {
        if (given != null && !given.equals(current)) {
            throw LambdaErrors.revisionMismatch();
        }
    }

    // ---- delete ---------------------------------------------------------------------------------

    void deleteFunction(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:DeleteFunction");
        java.util.concurrent.CompletionStage<Void> durable;
        if (ref.qualifier() != null && !ref.qualifier().equals(FunctionConfig.LATEST)) {
            versions.deleteVersion(f, ref);
            durable = state.save(f).thenCombine(state.forget(f, ref.qualifier()), (a, b) -> null);
        } else {
            java.util.concurrent.CompletionStage<Void> deleted = state.delete(f);
            if (deleted == null) {
                throw LambdaErrors.functionNotFound(ref.describedArn());
            }
            f.allVersions().forEach(state.runner::retire);
            durable = deleted.thenCombine(versions.functionDeleted(f), (a, b) -> null);
        }
        LambdaState.answerEmpty(r, durable, 204);
    }
}
