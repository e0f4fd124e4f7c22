package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.EventInvokeConfig;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.FunctionSettings;
import dev.gureum.lambda.domain.LambdaFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Event invoke configurations: how asynchronous invocations of a function, version or alias are handled. */
final class EventInvokeConfigOperations {

    private final LambdaState state;

    EventInvokeConfigOperations(LambdaState state) {
        this.state = state;
    }

    /** Put replaces the whole configuration; members left out are removed. */
    void put(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:PutFunctionEventInvokeConfig");
        String qualifier = qualifier(f, ref);
        EventInvokeConfig config = read(p, EventInvokeConfig.DEFAULTS, ref);
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), true);
        settings.putEventInvokeConfig(qualifier, config);
        LambdaState.answer(r, state.save(f, settings), 200, shape(f, qualifier, config));
    }

    /** Update changes the members given and keeps the others. */
    void update(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:UpdateFunctionEventInvokeConfig");
        String qualifier = qualifier(f, ref);
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), true);
        EventInvokeConfig config;
        synchronized (settings) {
            config = read(p, existing(f, settings, qualifier), ref);
            settings.putEventInvokeConfig(qualifier, config);
        }
        LambdaState.answer(r, state.save(f, settings), 200, shape(f, qualifier, config));
    }

    void get(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:GetFunctionEventInvokeConfig");
        String qualifier = qualifier(f, ref);
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), false);
        RestJsonCodec.send(r.exchange(), 200, shape(f, qualifier, existing(f, settings, qualifier)));
    }

    void delete(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:DeleteFunctionEventInvokeConfig");
        String qualifier = qualifier(f, ref);
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), false);
        existing(f, settings, qualifier);
        settings.removeEventInvokeConfig(qualifier);
        LambdaState.answerEmpty(r, state.save(f, settings), 204);
    }

    void list(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:ListFunctionEventInvokeConfigs");
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), false);
        List<Struct> all = new ArrayList<>();
        if (settings != null) {
            for (Map.Entry<String, EventInvokeConfig> e : settings.eventInvokeConfigs().entrySet()) {
                all.add(shape(f, e.getKey(), e.getValue()));
            }
        }
        PageTokens.Page<Struct> page = Pages.page(all, r.queryParam("Marker"), Validation.maxItems(r, 50, 50));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().list("FunctionEventInvokeConfigs", page.items(), s -> s)
                .put("NextMarker", page.nextToken()));
    }

    /** The qualifier a configuration is kept under: {@code $LATEST}, a published version or an alias. */
    private static String qualifier(LambdaFunction f, FunctionRef ref) {
        String q = ref.qualifier() == null ? FunctionConfig.LATEST : ref.qualifier();
        if (f.version(q) == null && f.alias(q) == null) {
            throw LambdaErrors.functionNotFound(ref.describedArn());
        }
        return q;
    }

    private static EventInvokeConfig existing(LambdaFunction f, FunctionSettings settings, String qualifier) {
        EventInvokeConfig config = settings == null ? null : settings.eventInvokeConfig(qualifier);
        if (config == null) {
            throw LambdaErrors.notFound("The function " + f.functionArn() + ":" + qualifier
                    + " doesn't have an EventInvokeConfig");
        }
        return config;
    }

    /** The members of a request over {@code base}, checked as AWS checks them. */
    private EventInvokeConfig read(Params p, EventInvokeConfig base, FunctionRef ref) {
        Integer retries = p.has("MaximumRetryAttempts") ? p.integer("MaximumRetryAttempts") : base.maximumRetryAttempts();
        Integer age = p.has("MaximumEventAgeInSeconds") ? p.integer("MaximumEventAgeInSeconds")
                : base.maximumEventAgeInSeconds();
        Validation.range("maximumRetryAttempts", retries, 0, 2);
        Validation.range("maximumEventAgeInSeconds", age, 60, 21600);
        String onSuccess = base.onSuccess();
        String onFailure = base.onFailure();
        if (p.has("DestinationConfig")) {
            Params destinations = p.object("DestinationConfig");
            onSuccess = destination(destinations, "OnSuccess", ref, false);
            onFailure = destination(destinations, "OnFailure", ref, true);
        }
        return new EventInvokeConfig(retries, age, onSuccess, onFailure, state.clock.instant());
    }

    /**
     * A destination: an SQS queue, SNS topic or Lambda function (an EventBridge event bus on AWS, which
     * Gureum has not; an S3 bucket on failure, which Gureum does not write to).
     */
    private static String destination(Params destinations, String member, FunctionRef ref, boolean onFailure) {
        if (!destinations.has(member)) {
            return null;
        }
        String arn = destinations.object(member).string("Destination");
        if (arn == null || arn.isEmpty()) {
            return null;
        }
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.validation("destinationConfig." + Character.toLowerCase(member.charAt(0))
                    + member.substring(1) + ".destination", arn, "Member must satisfy regular expression pattern: "
                    + "^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
        }
        switch (parsed.service()) {
            case "sqs", "sns", "lambda" -> {
                return arn;
            }
            case "events" -> throw unsupported(arn, "EventBridge is not part of Gureum, so an event bus cannot be a "
                    + "destination");
            case "s3" -> throw onFailure
                    ? unsupported(arn, "Gureum does not write invocation records to S3 buckets")
                    : LambdaErrors.invalid("The provided destination config DestinationType for OnSuccess is invalid. "
                    + "S3 buckets are only supported as an OnFailure destination.");
            default -> throw LambdaErrors.invalid("The provided destination config DestinationType " + parsed.service()
                    + " for " + member + " of " + ref.describedArn() + " is invalid. Use an SQS queue, an SNS topic, "
                    + "a Lambda function or an EventBridge event bus.");
        }
    }

    private static AwsException unsupported(String arn, String why) {
        return LambdaErrors.invalid("The destination " + arn + " is not supported: " + why + ".");
    }

    private static Struct shape(LambdaFunction f, String qualifier, EventInvokeConfig c) {
        Struct s = Struct.of()
                .put("LastModified", c.lastModified())
                .put("FunctionArn", f.functionArn() + ":" + qualifier)
                .put("MaximumRetryAttempts", c.maximumRetryAttempts())
                .put("MaximumEventAgeInSeconds", c.maximumEventAgeInSeconds());
        Struct destinations = Struct.of();
        destinations.put("OnSuccess", c.onSuccess() == null ? Struct.of() : Struct.of().put("Destination", c.onSuccess()));
        destinations.put("OnFailure", c.onFailure() == null ? Struct.of() : Struct.of().put("Destination", c.onFailure()));
        return s.put("DestinationConfig", destinations);
    }
}
