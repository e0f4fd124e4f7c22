package dev.gureum.lambda.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.auth.SigV4Parser;
import dev.gureum.core.auth.SignatureVerifier;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.lambda.domain.Cors;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.FunctionStore;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.domain.UrlConfig;
import dev.gureum.lambda.runtime.InvocationResult;
import dev.gureum.lambda.runtime.InvokeRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Requests to function URLs: CORS preflights answered from the URL's configuration, the caller checked as
 * the URL's {@code AuthType} requires, the function invoked with the payload format 2.0 event, and its answer
 * mapped to the HTTP response, or in {@code RESPONSE_STREAM} mode streamed to it ({@link UrlStream}). Runs on a
 * worker; the invocation completes the exchange without holding one.
 */
final class UrlEndpoint {

    private static final HttpString REQUEST_ID = HttpString.tryFromString("x-amzn-RequestId");
    private static final String FORBIDDEN = "{\"Message\":\"Forbidden\"}";

    private final LambdaState state;
    private final long idleMillis;

    UrlEndpoint(LambdaState state) {
        this.state = state;
        this.idleMillis = dev.gureum.core.http.HttpLimits.from(state.context.config()).requestTimeoutMillis();
    }

    /**
     * @param host the host name the client addressed, or {@code null} for the path form
     * @param path the path the function sees
     */
    void serve(HttpServerExchange exchange, String urlId, String host, String path, byte[] body) {
        String requestId = Ids.uuid();
        exchange.getResponseHeaders().put(REQUEST_ID, requestId);
        FunctionStore.UrlTarget target = state.store.urlTarget(urlId.toLowerCase(Locale.ROOT));
        if (target == null) {
            send(exchange, 404, "application/json", "{\"Message\":\"Not Found\"}");
            return;
        }
        UrlConfig url = target.config();
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        boolean allowedOrigin = url.cors() != null && origin != null && allows(url.cors(), origin);
        if (url.cors() != null && origin != null && exchange.getRequestMethod().equals(Methods.OPTIONS)
                && exchange.getRequestHeaders().contains("Access-Control-Request-Method")) {
            // the URL answers the preflight itself; the function never sees it
            if (allowedOrigin) {
                preflight(exchange, url.cors(), origin);
            }
            send(exchange, 200, null, "");
            return;
        }
        LambdaFunction f = target.function();
        UrlEvents.IamCaller iam;
        try {
            iam = url.authType().equals("AWS_IAM") ? signer(exchange, target, body) : null;
            if (iam == null && !allowsPublic(f, target.qualifier())) {
                send(exchange, 403, "application/json", FORBIDDEN);
                return;
            }
        } catch (AwsException e) {
            send(exchange, 403, "application/json", "{\"Message\":" + quoted(e.getMessage()) + "}");
            return;
        }
        String domain = host != null ? host : URI.create(url.functionUrl()).getHost();
        byte[] event = UrlEvents.event(exchange, url.urlId(), path, domain, iam == null ? "anonymous" : iam.accountId(),
                iam, requestId, state.clock.instant(), body);
        String qualifier = target.qualifier().isEmpty() ? null : target.qualifier();
        FunctionRef ref = new FunctionRef(target.scope().accountId(), target.scope().region(), f.name(), qualifier);
        Cors cors = allowedOrigin ? url.cors() : null;
        // RESPONSE_STREAM: what a function streams goes to the client as it is written
        UrlStream stream = url.invokeMode().equals("RESPONSE_STREAM") ? new UrlStream(exchange, () -> {
            if (cors != null) {
                actual(exchange, cors, origin);
            }
        }, idleMillis) : null;
        CompletableFuture<InvocationResult> result;
        try {
            FunctionConfig config = InvokeOperations.runnable(state.routedConfig(f, ref));
            result = state.runner.invoke(config, new InvokeRequest(event, null, InvokeOperations.invokedArn(f, ref),
                    f.reservedConcurrency()), stream);
        } catch (AwsException e) {
            refused(exchange, e);
            return;
        }
        // the worker goes back to the pool; the runtime's response completes the exchange
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> result.whenComplete((done, failure) -> {
            if (stream != null && stream.streamed()) {
                if (!stream.end(failure != null || done.functionError() != null)) {
                    send(exchange, 502, "application/json", "{\"Message\":\"Internal Server Error\"}");
                }
                return;
            }
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof AwsException aws) {
                    refused(exchange, aws);
                } else {
                    send(exchange, 502, "application/json", "{\"Message\":\"Internal Server Error\"}");
                }
                return;
            }
            UrlEvents.Answer answer = done.functionError() == null ? UrlEvents.answer(done.payload()) : null;
            if (answer == null) {
                // a function error, or an answer that describes no response
                send(exchange, 502, "application/json", "{\"Message\":\"Internal Server Error\"}");
                return;
            }
            if (cors != null) {
                actual(exchange, cors, origin);
            }
            UrlEvents.send(exchange, answer);
        }));
    }

    /** Throttles are 429s as AWS answers them through a URL; a function that cannot run is a 502. */
    private static void refused(HttpServerExchange exchange, AwsException e) {
        if (e.error() == LambdaError.TOO_MANY_REQUESTS) {
            send(exchange, 429, "application/json", "{\"Message\":\"Rate Exceeded.\"}");
        } else {
            send(exchange, 502, "application/json", "{\"Message\":\"Internal Server Error\"}");
        }
    }

    /**
     * A {@code NONE} URL answers only when the function's policy allows everyone both
     * {@code lambda:InvokeFunctionUrl} and {@code lambda:InvokeFunction} (AWS asks for both since October 2025).
     */
    private boolean allowsPublic(LambdaFunction f, String qualifier) {
        return allowed(f, qualifier, Principal.anonymous(), "NONE");
    }

    private static boolean allowed(LambdaFunction f, String qualifier, Principal principal, String authType) {
        Map<String, String> conditions = new HashMap<>();
        conditions.put("lambda:FunctionUrlAuthType", authType);
        conditions.put("lambda:InvokedViaFunctionUrl", "true");
        if (!principal.isAnonymous()) {
            conditions.putAll(Access.conditions(principal));
        }
        return LambdaState.decide(f, qualifier, principal, "lambda:InvokeFunctionUrl", conditions).allowed()
                && LambdaState.decide(f, qualifier, principal, "lambda:InvokeFunction", conditions).allowed();
    }

    /**
     * An {@code AWS_IAM} URL's caller: the request must be SigV4-signed (verified under
     * {@code --verify-signatures}); the function's own account may call it (Gureum evaluates no identity
     * policies), another account only where the function's policy allows it.
     *
     * @return the caller, or {@code null} when it may not call the URL
     */
    private UrlEvents.IamCaller signer(HttpServerExchange exchange, FunctionStore.UrlTarget target, byte[] body) {
        Map<String, String> query = new HashMap<>();
        exchange.getQueryParameters().forEach((k, v) -> query.put(k, decode(v)));
        if (!(SigV4Parser.parse(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION), query)
                instanceof SigV4Parser.Parsed parsed)) {
            return null;
        }
        SigV4Credential credential = parsed.credential();
        if (state.context.config().verifySignatures()) {
            RequestContext ctx = new RequestContext(Ids.uuid(), state.clock).credential(credential);
            new SignatureVerifier(state.context.accessKeys()).verify(exchange, ctx, body);
        }
        String key = credential.accessKeyId();
        String account = state.context.accessKeys().accountOf(key);
        String arn = state.context.accessKeys().principalArnOf(key);
        Principal principal = arn.endsWith(":root") ? Principal.account(account) : Principal.of(arn, account);
        if (!account.equals(target.scope().accountId())
                && !allowed(target.function(), target.qualifier(), principal, "AWS_IAM")) {
            return null;
        }
        return new UrlEvents.IamCaller(key, account, state.context.accessKeys().userIdOf(key), principal.arn(),
                state.context.accessKeys().userIdOf(key));
    }

    private static String decode(Deque<String> values) {
        String v = values.getFirst();
        try {
            return java.net.URLDecoder.decode(v, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return v;
        }
    }

    private static boolean allows(Cors cors, String origin) {
        if (cors.allowOrigins() == null) {
            return false;
        }
        for (String allowed : cors.allowOrigins()) {
            if (allowed.equals("*") || allowed.equalsIgnoreCase(origin)) {
                return true;
            }
        }
        return false;
    }

    /** The answer to a preflight from an allowed origin. */
    private static void preflight(HttpServerExchange exchange, Cors cors, String origin) {
        actual(exchange, cors, origin);
        if (cors.allowMethods() != null && !cors.allowMethods().isEmpty()) {
            exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Methods"),
                    String.join(",", cors.allowMethods()));
        }
        if (cors.allowHeaders() != null && !cors.allowHeaders().isEmpty()) {
            exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Headers"),
                    String.join(",", cors.allowHeaders()));
        }
        if (cors.maxAge() != null) {
            exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Max-Age"), cors.maxAge());
        }
    }

    /** The CORS headers of every answer to an allowed origin; they replace any the function sets. */
    private static void actual(HttpServerExchange exchange, Cors cors, String origin) {
        exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Origin"), origin);
        exchange.getResponseHeaders().put(Headers.VARY, "Origin");
        if (Boolean.TRUE.equals(cors.allowCredentials())) {
            exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Credentials"), "true");
        }
        if (cors.exposeHeaders() != null && !cors.exposeHeaders().isEmpty()) {
            exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Expose-Headers"),
                    String.join(",", cors.exposeHeaders()));
        }
    }

    private static String quoted(String s) {
        return dev.gureum.core.json.Json.mapper().getNodeFactory().textNode(s).toString();
    }

    private static void send(HttpServerExchange exchange, int status, String contentType, String body) {
        exchange.setStatusCode(status);
        if (contentType != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(bytes));
    }
}
