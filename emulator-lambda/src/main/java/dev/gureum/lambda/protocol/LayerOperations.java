package dev.gureum.lambda.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.FunctionStore;
import dev.gureum.lambda.domain.LayerVersion;
import dev.gureum.lambda.domain.Runtimes;
import dev.gureum.lambda.domain.StoredCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Layers: publish, read, list and delete versions. */
final class LayerOperations {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,140}");
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
        StoredCode code = state.storeCode(p.object("Content"), r.context().accountId(), true);
        FunctionStore.Layer layer = state.store.layer(name.accountId(), name.region(), name.name(), true);
        LayerVersion version;
        synchronized (layer) {
            long number = ++layer.lastVersion;
            String layerArn = Arn.of("lambda", name.region(), name.accountId(), "layer:" + name.name()).toString();
            version = new LayerVersion(name.name(), layerArn, number, p.string("Description"), state.clock.instant(),
                    runtimes, architectures, p.string("LicenseInfo"), code);
            layer.versions.put(number, version);
        }
        RestJsonCodec.send(r.exchange(), 201, Shapes.layerVersion(version,
                LambdaState.codeLocation(r.context(), "layer-code", version.layerVersionArn()), true));
    }

    void getLayerVersion(RestRequest r) {
        LayerName name = layerName(r.label("LayerName"), r.context());
        LayerVersion version = version(name, r.label("VersionNumber"));
        RestJsonCodec.send(r.exchange(), 200, Shapes.layerVersion(version,
                LambdaState.codeLocation(r.context(), "layer-code", version.layerVersionArn()), true));
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
        RestJsonCodec.send(r.exchange(), 200, Shapes.layerVersion(version,
                LambdaState.codeLocation(r.context(), "layer-code", version.layerVersionArn()), true));
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
        Pages.Page<LayerVersion> page = Pages.page(matching, r.queryParam("Marker"), Validation.maxItems(r, 50, 50));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("NextMarker", page.nextMarker())
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
        Pages.Page<Struct> page = Pages.page(layers, r.queryParam("Marker"), Validation.maxItems(r, 50, 50));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("NextMarker", page.nextMarker())
                .list("Layers", page.items()));
    }

    private static boolean matches(LayerVersion v, String runtime, String architecture) {
        return (runtime == null || v.compatibleRuntimes().contains(runtime))
                && (architecture == null || v.compatibleArchitectures().contains(architecture));
    }

    void deleteLayerVersion(RestRequest r) {
        LayerName name = layerName(r.label("LayerName"), r.context());
        FunctionStore.Layer layer = state.store.layer(name.accountId(), name.region(), name.name(), false);
        if (layer != null) {
            synchronized (layer) {
                try {
                    // functions that use the version keep their copy, as on AWS
                    layer.versions.remove(Long.parseLong(r.label("VersionNumber")));
                } catch (NumberFormatException e) {
                    // nothing to delete
                }
            }
        }
        r.exchange().setStatusCode(204);
        r.exchange().endExchange();
    }
}
