package dev.gureum.lambda.protocol;

import dev.gureum.core.id.Ids;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.Cors;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.domain.UrlConfig;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Function URL configurations (the configuration API; {@link UrlEndpoint} answers requests to the URLs). */
final class UrlOperations {

    private final LambdaState state;

    UrlOperations(LambdaState state) {
        this.state = state;
    }

    private String qualifier(LambdaFunction f, FunctionRef ref) {
        if (ref.qualifier() == null) {
            return "";
        }
        if (ref.qualifier().equals(FunctionConfig.LATEST) || f.alias(ref.qualifier()) == null) {
            // URLs belong to the function or to an alias, never to a version
            throw LambdaErrors.invalid("Function URLs are only supported on the unqualified function or an alias; "
                    + "the qualifier " + ref.qualifier() + " is not an alias.");
        }
        return ref.qualifier();
    }

    void create(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:CreateFunctionUrlConfig");
        String qualifier = qualifier(f, ref);
        String authType = authType(Validation.required(p, "AuthType", "authType"));
        String mode = invokeMode(p.string("InvokeMode", "BUFFERED"));
        URI base = URI.create(r.context().baseUrl());
        String url = "http://" + Ids.hex(32) + ".lambda-url." + ref.region() + ".localhost.localstack.cloud"
                + (base.getPort() > 0 ? ":" + base.getPort() : "") + "/";
        Instant now = state.clock.instant();
        UrlConfig config;
        synchronized (f) {
            if (f.urlConfig(qualifier) != null) {
                throw LambdaErrors.conflict("Failed to create function url config for [functionArn = "
                        + arn(f, qualifier) + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
            }
            config = new UrlConfig(url, arn(f, qualifier), authType, p.has("Cors") ? cors(p.object("Cors")) : null, mode,
                    now, now);
            f.putUrlConfig(qualifier, config);
        }
        LambdaState.answer(r, state.save(f), 201, Shapes.url(config));
    }

    void get(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:GetFunctionUrlConfig");
        RestJsonCodec.send(r.exchange(), 200, Shapes.url(existing(f, qualifier(f, ref))));
    }

    void update(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:UpdateFunctionUrlConfig");
        String qualifier = qualifier(f, ref);
        UrlConfig updated;
        synchronized (f) {
            UrlConfig old = existing(f, qualifier);
            updated = new UrlConfig(old.functionUrl(), old.functionArn(),
                    p.has("AuthType") ? authType(p.string("AuthType")) : old.authType(),
                    p.has("Cors") ? cors(p.object("Cors")) : old.cors(),
                    p.has("InvokeMode") ? invokeMode(p.string("InvokeMode")) : old.invokeMode(),
                    old.creationTime(), state.clock.instant());
            f.putUrlConfig(qualifier, updated);
        }
        LambdaState.answer(r, state.save(f), 200, Shapes.url(updated));
    }

    void delete(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:DeleteFunctionUrlConfig");
        String qualifier = qualifier(f, ref);
        if (f.removeUrlConfig(qualifier) == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        LambdaState.answerEmpty(r, state.save(f), 204);
    }

    void list(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:ListFunctionUrlConfigs");
        PageTokens.Page<UrlConfig> page = Pages.page(f.urlConfigs(), r.queryParam("Marker"), Validation.maxItems(r, 50, 50));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().list("FunctionUrlConfigs", page.items(), Shapes::url)
                .put("NextMarker", page.nextToken()));
    }

    private static UrlConfig existing(LambdaFunction f, String qualifier) {
        UrlConfig config = f.urlConfig(qualifier);
        if (config == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return config;
    }

    private static String arn(LambdaFunction f, String qualifier) {
        return qualifier.isEmpty() ? f.functionArn() : f.functionArn() + ":" + qualifier;
    }

    /** The CORS settings given; members left out stay unset, as Lambda reports them. */
    private static Cors cors(Params cors) {
        return new Cors(cors.bool("AllowCredentials"), strings(cors, "AllowHeaders"), strings(cors, "AllowMethods"),
                strings(cors, "AllowOrigins"), strings(cors, "ExposeHeaders"), cors.integer("MaxAge"));
    }

    private static List<String> strings(Params p, String name) {
        return p.has(name) ? p.stringList(name) : null;
    }

    private static String authType(String value) {
        if (!Set.of("NONE", "AWS_IAM").contains(value)) {
            throw Validation.enumValue("authType", value, "NONE, AWS_IAM");
        }
        return value;
    }

    private static String invokeMode(String value) {
        if (!Set.of("BUFFERED", "RESPONSE_STREAM").contains(value)) {
            throw Validation.enumValue("invokeMode", value, "BUFFERED, RESPONSE_STREAM");
        }
        return value;
    }
}
