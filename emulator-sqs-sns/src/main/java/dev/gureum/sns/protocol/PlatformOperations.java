package dev.gureum.sns.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.sns.domain.PlatformApplication;
import dev.gureum.sns.domain.PlatformEndpoint;
import dev.gureum.sns.domain.SnsState;
import dev.gureum.sns.domain.SnsStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Mobile push: platform applications and their device endpoints, kept as AWS keeps them. Nothing
 * is pushed to a device; messages published to endpoints are recorded ({@code GET /_gureum/sns/messages}).
 */
final class PlatformOperations {

    private static final Set<String> PLATFORMS = Set.of("ADM", "APNS", "APNS_SANDBOX", "APNS_VOIP",
            "APNS_VOIP_SANDBOX", "BAIDU", "GCM", "MACOS", "MACOS_SANDBOX", "MPNS", "WNS");
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Set<String> ENDPOINT_ATTRIBUTES = Set.of(PlatformEndpoint.CUSTOM_USER_DATA,
            PlatformEndpoint.ENABLED, PlatformEndpoint.TOKEN);
    /** Credentials are write-only: AWS does not return them. */
    private static final Set<String> SECRET = Set.of("PlatformCredential", "PlatformPrincipal");
    private static final int PAGE = 100;

    private final SnsStore store;

    private final SnsState state;

    PlatformOperations(SnsStore store, SnsState state) {
        this.store = store;
        this.state = state;
    }

    // ---- applications --------------------------------------------------------------------------

    CompletionStage<Struct> createPlatformApplication(ActionRequest r) {
        RequestContext ctx = r.context();
        Params p = r.params();
        String name = p.string("Name", "");
        String platform = p.string("Platform", "");
        if (!p.has("Attributes")) {
            throw new AwsException(SnsError.VALIDATION_ERROR, "1 validation error detected: Value null at 'attributes' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        Map<String, String> attributes = SnsInputs.attributes(p, "Attributes");
        if (name.isEmpty()) {
            throw SnsError.invalidParameter(" Reason: cannot be empty");
        }
        if (name.length() > 256) {
            throw SnsError.invalidParameter(name + " Reason: must be at most 256 characters long");
        }
        if (!APP_NAME.matcher(name).matches()) {
            throw SnsError.invalidParameter(name + " Reason: must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', "
                    + "'_', '-', and '.'");
        }
        if (!PLATFORMS.contains(platform)) {
            throw SnsError.invalidParameter("Platform Reason: " + platform + " is not supported");
        }
        if (attributes.containsKey("PlatformPrincipal") && !attributes.containsKey("PlatformCredential")) {
            throw SnsError.invalidParameter("Attributes Reason: PlatformPrincipal attribute provided without "
                    + "PlatformCredential");
        }
        if (platform.startsWith("APNS") && attributes.containsKey("PlatformCredential")
                && !attributes.containsKey("PlatformPrincipal")) {
            throw SnsError.invalidParameter("Attributes Reason: PlatformCredential attribute provided without "
                    + "PlatformPrincipal");
        }
        String arn = Arn.of("sns", ctx.region(), ctx.accountId(), "app/" + platform + "/" + name).toString();
        Map<String, PlatformApplication> apps = store.resources(ctx.accountId(), ctx.region()).applications();
        PlatformApplication app = apps.computeIfAbsent(arn, a -> new PlatformApplication(a, name, platform, Map.of()));
        app.attributes(attributes);
        Struct answer = Struct.of().put("PlatformApplicationArn", arn);
        return state.save(app).thenApply(done -> answer);
    }

    private PlatformApplication application(ActionRequest r) {
        String value = r.params().string("PlatformApplicationArn");
        Arn arn = SnsInputs.arn(value, "PlatformApplicationArn", "sns");
        PlatformApplication app = store.resources(arn.accountId(), arn.region()).applications().get(value);
        if (app == null) {
            throw new AwsException(SnsError.NOT_FOUND, "PlatformApplication does not exist");
        }
        return app;
    }

    Struct getPlatformApplicationAttributes(ActionRequest r) {
        return Struct.of().put("Attributes", MapValue.of(visible(application(r).attributes())));
    }

    private static Map<String, String> visible(Map<String, String> attributes) {
        Map<String, String> shown = new TreeMap<>(attributes);
        SECRET.forEach(shown::remove);
        shown.putIfAbsent("Enabled", "true");
        return shown;
    }

    CompletionStage<Struct> setPlatformApplicationAttributes(ActionRequest r) {
        PlatformApplication app = application(r);
        app.attributes(SnsInputs.attributes(r.params(), "Attributes"));
        return state.save(app).thenApply(done -> null);
    }

    Struct listPlatformApplications(ActionRequest r) {
        List<PlatformApplication> apps = new ArrayList<>(
                store.resources(r.context().accountId(), r.context().region()).applications().values());
        SnsInputs.Page<PlatformApplication> page = SnsInputs.page(apps, PlatformApplication::arn,
                r.params().string("NextToken"), PAGE);
        return Struct.of().list("PlatformApplications", page.items(), a -> Struct.of()
                        .put("PlatformApplicationArn", a.arn()).put("Attributes", MapValue.of(visible(a.attributes()))))
                .put("NextToken", page.nextToken());
    }

    CompletionStage<Struct> deletePlatformApplication(ActionRequest r) {
        String value = r.params().string("PlatformApplicationArn");
        Arn arn = SnsInputs.arn(value, "PlatformApplicationArn", "sns");
        SnsStore.Resources resources = store.resources(arn.accountId(), arn.region());
        resources.applications().remove(value);
        resources.endpoints().values().removeIf(e -> e.applicationArn().equals(value));
        return state.deletedApplication(value).thenApply(done -> null);
    }

    // ---- endpoints -----------------------------------------------------------------------------

    CompletionStage<Struct> createPlatformEndpoint(ActionRequest r) {
        PlatformApplication app = application(r);
        Params p = r.params();
        String token = p.string("Token");
        if (token == null || token.isEmpty()) {
            throw SnsError.invalidParameter("Token Reason: cannot be empty");
        }
        Map<String, String> attributes = new LinkedHashMap<>(SnsInputs.attributes(p, "Attributes"));
        checkEndpointAttributes(attributes);
        if (p.string("CustomUserData") != null) {
            attributes.put(PlatformEndpoint.CUSTOM_USER_DATA, p.string("CustomUserData"));
            checkEndpointAttributes(attributes);
        }
        attributes.put(PlatformEndpoint.TOKEN, token);
        attributes.putIfAbsent(PlatformEndpoint.ENABLED, "true");
        Arn appArn = Arn.parse(app.arn());
        Map<String, PlatformEndpoint> endpoints = store.resources(appArn.accountId(), appArn.region()).endpoints();
        synchronized (endpoints) {
            for (PlatformEndpoint e : endpoints.values()) {
                if (e.applicationArn().equals(app.arn()) && token.equals(e.token())) {
                    if (!e.attributes().equals(new TreeMap<>(attributes))) {
                        throw SnsError.invalidParameter("Token Reason: Endpoint " + e.arn() + " already exists with the "
                                + "same Token, but different attributes.");
                    }
                    return CompletableFuture.completedFuture(Struct.of().put("EndpointArn", e.arn()));
                }
            }
            String arn = Arn.of("sns", appArn.region(), appArn.accountId(),
                    "endpoint/" + app.platform() + "/" + app.name() + "/" + Ids.uuid()).toString();
            PlatformEndpoint endpoint = new PlatformEndpoint(arn, app.arn(), attributes);
            endpoints.put(arn, endpoint);
            return state.save(endpoint).thenApply(done -> Struct.of().put("EndpointArn", arn));
        }
    }

    private static void checkEndpointAttributes(Map<String, String> attributes) {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!ENDPOINT_ATTRIBUTES.contains(a.getKey())) {
                throw SnsError.invalidParameter("Attributes Reason: Invalid attribute name: " + a.getKey());
            }
            if (a.getKey().equals(PlatformEndpoint.CUSTOM_USER_DATA)
                    && a.getValue().getBytes(StandardCharsets.UTF_8).length > 2048) {
                throw SnsError.invalidParameter("Attributes Reason: Invalid value for attribute: CustomUserData: must be "
                        + "at most 2048 bytes long in UTF-8 encoding");
            }
        }
    }

    private PlatformEndpoint endpoint(ActionRequest r) {
        String value = r.params().string("EndpointArn");
        Arn arn = SnsInputs.arn(value, "EndpointArn", "sns");
        if (arn.resource().split("/", -1).length != 4) {
            throw SnsError.invalidParameter("EndpointArn Reason: Wrong number of slashes in relative portion of the ARN.");
        }
        PlatformEndpoint endpoint = store.resources(arn.accountId(), arn.region()).endpoints().get(value);
        if (endpoint == null) {
            throw new AwsException(SnsError.NOT_FOUND, "Endpoint does not exist");
        }
        return endpoint;
    }

    Struct getEndpointAttributes(ActionRequest r) {
        return Struct.of().put("Attributes", MapValue.of(endpoint(r).attributes()));
    }

    CompletionStage<Struct> setEndpointAttributes(ActionRequest r) {
        PlatformEndpoint endpoint = endpoint(r);
        Map<String, String> attributes = SnsInputs.attributes(r.params(), "Attributes");
        if (attributes.isEmpty()) {
            throw SnsError.invalidParameter("Attributes Reason: no value for required parameter");
        }
        checkEndpointAttributes(attributes);
        endpoint.attributes(attributes);
        return state.save(endpoint).thenApply(done -> null);
    }

    Struct listEndpointsByPlatformApplication(ActionRequest r) {
        PlatformApplication app = application(r);
        Arn appArn = Arn.parse(app.arn());
        List<PlatformEndpoint> endpoints = new ArrayList<>();
        for (PlatformEndpoint e : store.resources(appArn.accountId(), appArn.region()).endpoints().values()) {
            if (e.applicationArn().equals(app.arn())) {
                endpoints.add(e);
            }
        }
        SnsInputs.Page<PlatformEndpoint> page = SnsInputs.page(endpoints, PlatformEndpoint::arn,
                r.params().string("NextToken"), PAGE);
        return Struct.of().list("Endpoints", page.items(), e -> Struct.of().put("EndpointArn", e.arn())
                .put("Attributes", MapValue.of(e.attributes()))).put("NextToken", page.nextToken());
    }

    CompletionStage<Struct> deleteEndpoint(ActionRequest r) {
        String value = r.params().string("EndpointArn");
        Arn arn = SnsInputs.arn(value, "EndpointArn", "sns");
        if (store.resources(arn.accountId(), arn.region()).endpoints().remove(value) == null) {
            return CompletableFuture.completedFuture(null);
        }
        return state.deletedEndpoint(value).thenApply(done -> null);
    }
}
