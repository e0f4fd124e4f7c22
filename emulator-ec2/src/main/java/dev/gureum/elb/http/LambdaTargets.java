package dev.gureum.elb.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.http.BodyEncoding;
import dev.gureum.core.json.Json;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.elb.domain.TargetGroup;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * Lambda targets: the request as the ALB event (AWS's format; with {@code multiValueHeaders} and
 * {@code multiValueQueryStringParameters} when the group's {@code lambda.multi_value_headers.enabled} is
 * on), and the function's answer ({@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded})
 * as the HTTP response. A function that fails or answers something else is a 502.
 */
final class LambdaTargets {

    /** ALB's limit on the request and response bodies of Lambda targets. */
    static final int MAX_BODY = 1024 * 1024;

    private LambdaTargets() {
    }

    static byte[] event(HttpServerExchange exchange, TargetGroup tg, byte[] body) {
        boolean multi = "true".equals(tg.attribute("lambda.multi_value_headers.enabled"));
        ObjectNode event = Json.mapper().createObjectNode();
        event.putObject("requestContext").putObject("elb").put("targetGroupArn", tg.arn());
        event.put("httpMethod", exchange.getRequestMethod().toString());
        event.put("path", exchange.getRequestPath());
        ObjectNode query = event.putObject(multi ? "multiValueQueryStringParameters" : "queryStringParameters");
        String raw = exchange.getQueryString();
        if (raw != null && !raw.isEmpty()) {
            // ALB passes the query's keys and values as they were sent, percent-encoding included
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (multi) {
                    (query.has(key) ? (com.fasterxml.jackson.databind.node.ArrayNode) query.get(key)
                            : query.putArray(key)).add(value);
                } else {
                    query.put(key, value);
                }
            }
        }
        ObjectNode headers = event.putObject(multi ? "multiValueHeaders" : "headers");
        for (HeaderValues values : exchange.getRequestHeaders()) {
            String name = values.getHeaderName().toString().toLowerCase(Locale.ROOT);
            if (multi) {
                values.forEach(headers.putArray(name)::add);
            } else {
                headers.put(name, values.getLast());
            }
        }
        String text = BodyEncoding.utf8(body);
        boolean binary = body.length > 0 && (text == null || !BodyEncoding.textual(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE)));
        event.put("body", binary ? Base64.getEncoder().encodeToString(body) : text == null ? "" : text);
        event.put("isBase64Encoded", binary);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The event of a health check. */
    static byte[] healthCheckEvent(TargetGroup tg) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.putObject("requestContext").putObject("elb").put("targetGroupArn", tg.arn());
        event.put("httpMethod", "GET");
        event.put("path", tg.healthCheck().path() == null ? "/" : tg.healthCheck().path());
        event.putObject("queryStringParameters");
        event.putObject("headers").put("user-agent", "ELB-HealthChecker/2.0");
        event.put("body", "");
        event.put("isBase64Encoded", false);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    static CompletionStage<FunctionInvoker.Result> invoke(FunctionInvoker invoker, String functionArn, TargetGroup tg,
                                                          byte[] event) {
        return invoker.invoke(functionArn, event, FunctionInvoker.InvocationType.REQUEST_RESPONSE,
                Caller.service("elasticloadbalancing.amazonaws.com", tg.arn(), tg.account()));
    }

    /** The status code of the function's answer, or 0 when it is no valid answer. */
    static int status(FunctionInvoker.Result result) {
        JsonNode answer = answer(result);
        return answer == null ? 0 : answer.get("statusCode").asInt();
    }

    private static JsonNode answer(FunctionInvoker.Result result) {
        if (result == null || result.functionError() != null || result.payload() == null
                || result.payload().length > MAX_BODY) {
            return null;
        }
        try {
            JsonNode answer = Json.mapper().readTree(result.payload());
            JsonNode status = answer == null ? null : answer.get("statusCode");
            if (status == null || !status.canConvertToInt() && !status.isTextual()) {
                return null;
            }
            int code = status.asInt();
            return code >= 100 && code <= 599 ? answer : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Answers the exchange from the function's result; {@code false} when it is no valid answer. */
    static boolean respond(HttpServerExchange exchange, FunctionInvoker.Result result) {
        JsonNode answer = answer(result);
        if (answer == null) {
            return false;
        }
        exchange.setStatusCode(answer.get("statusCode").asInt());
        exchange.getResponseHeaders().put(ElbAnswers.SERVER, "awselb/2.0");
        JsonNode multi = answer.get("multiValueHeaders");
        if (multi != null && multi.isObject()) {
            for (Iterator<String> names = multi.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                for (JsonNode v : multi.get(name)) {
                    exchange.getResponseHeaders().add(HttpString.tryFromString(name), v.asText());
                }
            }
        }
        JsonNode headers = answer.get("headers");
        if (headers != null && headers.isObject()) {
            for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                exchange.getResponseHeaders().put(HttpString.tryFromString(name), headers.get(name).asText());
            }
        }
        JsonNode body = answer.get("body");
        byte[] bytes = body == null || body.isNull() ? new byte[0]
                : answer.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
        return true;
    }
}
