package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.FunctionStore;
import dev.gureum.lambda.domain.LayerVersion;
import dev.gureum.lambda.domain.Runtimes;
import dev.gureum.lambda.domain.StoredCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layers: publish, read, list and delete versions, and the permissions that share a version with other
 * accounts ({@code AddLayerVersionPermission}: an account, or everyone, optionally within an organization).
 */
final class LayerOperations {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,140}");
    private static final Pattern STATEMENT_ID = Pattern.compile("[a-zA-Z0-9-_]{1,100}");
    private static final Pattern LAYER_PRINCIPAL = Pattern.compile("\\d{12}|\\*|arn:(aws[a-zA-Z-]*):iam::\\d{12}:root");
    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern LAYER_ARN = Pattern.compile("arn:[a-zA-Z0-9-]+:lambda:([a-zA-Z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9-_]+)");

    private final LambdaState state;

    LayerOperations(LambdaState state) {
        this.state = state;
    }

    /** The account, region and name a {@code LayerName} label gives (a name, or a layer ARN). */
    private record LayerName(String accountId, String region, String name) {
    }

    private static LayerName layerName(String label, RequestContext ctx) {
        Matcher m = LAYER_ARN.matcher(label);
        if (m.matches()) {
            return new LayerName(m.group(2), m.group(1), m.group(3));
        }
        if (!NAME.matcher(label).matches()) {
            throw LambdaErrors.validation("layerName", label, "Member must satisfy regular expression pattern: "
                    + "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+");
        }
        return new LayerName(ctx.accountId(), ctx.region(), label);
    }

    void publishLayerVersion(RestRequest r) {
        Params p = Validation.body(r);
        LayerName name = layerName(r.label("LayerName"), r.context());
        if (!p.has("Content")) {
            throw LambdaErrors.validation("content", null, "Member must not be null");
        }
        List<String> runtimes = p.stringList("CompatibleRuntimes");
        for (String runtime : runtimes) {
            if (!Runtimes.KNOWN.contains(runtime)) {
                throw Validation.enumValue("compatibleRuntimes", runtime, String.join(", ", new TreeSet<>(Runtimes.KNOWN)));
            }
        }
        if (runtimes.size() > 15) {
            throw LambdaErrors.validation("compatibleRuntimes", runtimes, "Member must have length less than or equal to 15");
        }
        List<String> architectures = p.stringList("CompatibleArchitectures");
        for (String a : architectures) {
            if (!Set.of("x86_64", "arm64").contains(a)) {
                throw Validation.enumValue("compatibleArchitectures", a, "x86_64, arm64");
            }
        }
        Principal caller = state.caller(r.context());
        LambdaState.ownAccountOnly(r.context(), name.accountId(), caller, "lambda:PublishLayerVersion",
                Arn.of("lambda", name.region(), name.accountId(), "layer:" + name.name()).toString());
        StoredCode code = state.storeCode(p.object("Content"), caller, true);
        FunctionStore.Layer layer = state.store.layer(name.accountId(), name.region(), name.name(), true);
        LayerVersion version;
        synchronized (layer) {
            long number = ++layer.lastVersion;
            String layerArn = Arn.of("lambda", name.region(), name.accountId(), "layer:" + name.name()).toString();
            version = new LayerVersion(name.name(), layerArn, number, p.string("Description"), state.clock.instant(),
                    runtimes, architectures, p.string("LicenseInfo"), code);
            layer.versions.put(number, version);
        }
        LambdaState.answer(r, state.save(name.accountId(), name.region(), name.name(), layer), 201,
                Shapes.layerVersion(version, location(r.context(), version), true));
    }

    void getLayerVersion(RestRequest r) {
        LayerName name = layerName(r.label("LayerName"), r.context());
        LayerVersion version = version(name, r.label("VersionNumber"));
        checkGet(state, r.context(), version);
        RestJsonCodec.send(r.exchange(), 200, Shapes.layerVersion(version, location(r.context(), version), true));
    }

    void getLayerVersionByArn(RestRequest r) {
        String arn = r.queryParam("Arn");
        if (arn == null) {
            throw LambdaErrors.validation("arn", null, "Member must not be null");
        }
        LayerVersion version = FunctionOperations.layerVersion(state.store, arn);
        if (version == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        checkGet(state, r.context(), version);
        RestJsonCodec.send(r.exchange(), 200, Shapes.layerVersion(version, location(r.context(), version), true));
    }

    private String location(RequestContext ctx, LayerVersion version) {
        return state.codeLocation(ctx, "layer-code", version.layerVersionArn(), version.code());
    }

    /**
     * Refuses another account's layer version unless its permissions allow the caller
     * {@code lambda:GetLayerVersion} (reading it, or using it in a function).
     */
    static void checkGet(LambdaState state, RequestContext ctx, LayerVersion version) {
        Arn layerArn = Arn.parse(version.layerArn());
        if (layerArn.accountId().equals(ctx.accountId())) {
            return;
        }
        Principal caller = state.caller(ctx);
        FunctionStore.Layer layer = state.store.layer(layerArn.accountId(), layerArn.region(), version.layerName(),
                false);
        List<String> statements = new ArrayList<>();
        if (layer != null) {
            synchronized (layer) {
                statements.addAll(layer.policies.getOrDefault(version.version(), Map.of()).values());
            }
        }
        Access.require(Access.evaluate(statements, caller, "lambda:GetLayerVersion", version.layerVersionArn(),
                Access.conditions(caller)), caller, "lambda:GetLayerVersion", version.layerVersionArn());
    }

    private LayerVersion version(LayerName name, String number) {
        FunctionStore.Layer layer = state.store.layer(name.accountId(), name.region(), name.name(), false);
        LayerVersion version = null;
        if (layer != null) {
            synchronized (layer) {
                try {
                    version = layer.versions.get(Long.parseLong(number));
                } catch (NumberFormatException e) {
                    version = null;
                }
            }
        }
        if (version == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return version;
    }

    void listLayerVersions(RestRequest r) {
        LayerName name = layerName(r.label("LayerName"), r.context());
        FunctionStore.Layer layer = state.store.layer(name.accountId(), name.region(), name.name(), false);
        List<LayerVersion> matching = new ArrayList<>();
        if (layer != null) {
            synchronized (layer) {
                for (LayerVersion v : layer.versions.descendingMap().values()) {
                    if (matches(v, r.queryParam("CompatibleRuntime"), r.queryParam("CompatibleArchitecture"))) {
                        matching.add(v);
                    }
                }
            }
        }
        // another account's layer lists only the versions shared with the caller
        matching.removeIf(v -> !readable(r.context(), v));
        PageTokens.Page<LayerVersion> page = Pages.page(matching, r.queryParam("Marker"), Validation.maxItems(r, 50, 50));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("NextMarker", page.nextToken())
                .list("LayerVersions", page.items(), v -> Shapes.layerVersion(v, null, false)));
    }

    void listLayers(RestRequest r) {
        RequestContext ctx = r.context();
        List<Struct> layers = new ArrayList<>();
        for (Map.Entry<String, FunctionStore.Layer> e : state.store.layers(ctx.accountId(), ctx.region()).entrySet()) {
            FunctionStore.Layer layer = e.getValue();
            synchronized (layer) {
                for (LayerVersion v : layer.versions.descendingMap().values()) {
                    if (matches(v, r.queryParam("CompatibleRuntime"), r.queryParam("CompatibleArchitecture"))) {
                        layers.add(Struct.of().put("LayerName", v.layerName()).put("LayerArn", v.layerArn())
                                .put("LatestMatchingVersion", Shapes.layerVersion(v, null, false)));
                        break;
                    }
                }
            }
        }
        PageTokens.Page<Struct> page = Pages.page(layers, r.queryParam("Marker"), Validation.maxItems(r, 50, 50));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("NextMarker", page.nextToken())
                .list("Layers", page.items()));
    }

    private static boolean matches(LayerVersion v, String runtime, String architecture) {
        return (runtime == null || v.compatibleRuntimes().contains(runtime))
                && (architecture == null || v.compatibleArchitectures().contains(architecture));
    }

    private boolean readable(RequestContext ctx, LayerVersion v) {
        try {
            checkGet(state, ctx, v);
            return true;
        } catch (dev.gureum.core.error.AwsException e) {
            return false;
        }
    }

    void deleteLayerVersion(RestRequest r) {
        LayerName name = layerName(r.label("LayerName"), r.context());
        LambdaState.ownAccountOnly(r.context(), name.accountId(), state.caller(r.context()), "lambda:DeleteLayerVersion",
                Arn.of("lambda", name.region(), name.accountId(), "layer:" + name.name() + ":"
                        + r.label("VersionNumber")).toString());
        FunctionStore.Layer layer = state.store.layer(name.accountId(), name.region(), name.name(), false);
        java.util.concurrent.CompletionStage<Void> durable = java.util.concurrent.CompletableFuture.completedFuture(null);
        if (layer != null) {
            synchronized (layer) {
                try {
                    // functions that use the version keep their copy, as on AWS
                    long number = Long.parseLong(r.label("VersionNumber"));
                    if (layer.versions.remove(number) != null) {
                        layer.policies.remove(number);
                        layer.policyRevisions.remove(number);
                        durable = state.save(name.accountId(), name.region(), name.name(), layer);
                    }
                } catch (NumberFormatException e) {
                    // nothing to delete
                }
            }
        }
        LambdaState.answerEmpty(r, durable, 204);
    }

    // ---- permissions ----------------------------------------------------------------------------

    /** The layer and version a permission request names, in the caller's own account. */
    private record Target(FunctionStore.Layer layer, LayerVersion version) {
    }

    private Target ownVersion(RestRequest r, String action) {
        LayerName name = layerName(r.label("LayerName"), r.context());
        LambdaState.ownAccountOnly(r.context(), name.accountId(), state.caller(r.context()), action,
                Arn.of("lambda", name.region(), name.accountId(), "layer:" + name.name() + ":"
                        + r.label("VersionNumber")).toString());
        LayerVersion version = version(name, r.label("VersionNumber"));
        return new Target(state.store.layer(name.accountId(), name.region(), name.name(), false), version);
    }

    void addLayerVersionPermission(RestRequest r) {
        Params p = Validation.body(r);
        Target target = ownVersion(r, "lambda:AddLayerVersionPermission");
        String sid = Validation.required(p, "StatementId", "statementId");
        Validation.pattern("statementId", sid, STATEMENT_ID);
        String action = Validation.required(p, "Action", "action");
        Validation.pattern("action", action, Pattern.compile("lambda:GetLayerVersion"));
        String principal = Validation.required(p, "Principal", "principal");
        Validation.pattern("principal", principal, LAYER_PRINCIPAL);
        String organization = p.string("OrganizationId");
        if (organization != null) {
            Validation.pattern("organizationId", organization, ORGANIZATION_ID);
        }
        LayerVersion version = target.version();
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        if (principal.equals("*")) {
            statement.put("Principal", "*");
        } else {
            String account = principal.matches("\\d{12}") ? principal : Arn.parse(principal).accountId();
            String partition = Arn.parse(version.layerArn()).partition();
            statement.putObject("Principal").put("AWS", new Arn(partition, "iam", "", account, "root").toString());
        }
        statement.put("Action", action);
        statement.put("Resource", version.layerVersionArn());
        if (organization != null) {
            statement.putObject("Condition").putObject("StringEquals").put("aws:PrincipalOrgID", organization);
        }
        String text = statement.toString();
        String revision;
        synchronized (target.layer()) {
            long number = version.version();
            FunctionOperations.checkRevision(r.queryParam("RevisionId"), target.layer().policyRevisions.get(number));
            Map<String, String> statements = target.layer().policies.computeIfAbsent(number, n -> new LinkedHashMap<>());
            if (statements.containsKey(sid)) {
                throw LambdaErrors.conflict("The statement id (" + sid + ") provided already exists. Please provide a "
                        + "new statement id, or remove the existing statement.");
            }
            statements.put(sid, text);
            revision = Ids.uuid();
            target.layer().policyRevisions.put(number, revision);
        }
        LambdaState.answer(r, saveLayer(r, target), 201, Struct.of().put("Statement", text).put("RevisionId", revision));
    }

    void getLayerVersionPolicy(RestRequest r) {
        Target target = ownVersion(r, "lambda:GetLayerVersionPolicy");
        Map<String, String> statements;
        String revision;
        synchronized (target.layer()) {
            statements = new LinkedHashMap<>(target.layer().policies.getOrDefault(target.version().version(), Map.of()));
            revision = target.layer().policyRevisions.get(target.version().version());
        }
        if (statements.isEmpty()) {
            throw LambdaErrors.notFound("No policy is associated with the given resource.");
        }
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("Policy", PolicyOperations.document(statements))
                .put("RevisionId", revision));
    }

    void removeLayerVersionPermission(RestRequest r) {
        Target target = ownVersion(r, "lambda:RemoveLayerVersionPermission");
        String sid = r.label("StatementId");
        synchronized (target.layer()) {
            long number = target.version().version();
            FunctionOperations.checkRevision(r.queryParam("RevisionId"), target.layer().policyRevisions.get(number));
            Map<String, String> statements = target.layer().policies.get(number);
            if (statements == null || statements.remove(sid) == null) {
                throw LambdaErrors.notFound("Statement " + sid + " is not found in resource policy.");
            }
            target.layer().policyRevisions.put(number, Ids.uuid());
        }
        LambdaState.answerEmpty(r, saveLayer(r, target), 204);
    }

    /** Records the layer of a permission change as it is now. */
    private java.util.concurrent.CompletionStage<Void> saveLayer(RestRequest r, Target target) {
        Arn layerArn = Arn.parse(target.version().layerArn());
        return state.save(layerArn.accountId(), layerArn.region(), target.version().layerName(), target.layer());
    }
}
