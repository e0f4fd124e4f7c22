package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.http.BodyEncoding;
import dev.gureum.core.json.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A function URL's request as the payload format 2.0 event Lambda sends, and the function's answer as the
 * HTTP response (AWS's "Invoking Lambda function URLs": request and response payloads).
 */
final class UrlEvents {

    /** The caller as {@code requestContext.authorizer.iam} names it, for {@code AWS_IAM} URLs. */
    record IamCaller(String accessKey, String accountId, String callerId, String userArn, String userId) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private UrlEvents() {
    }

    /**
     * @param path      the path the function sees (for the path form, what follows {@code /_gureum/lambda-url/<id>})
     * @param domain    the URL's host name as the client addressed it
     * @param accountId {@code anonymous} for {@code NONE} URLs, else the caller's account
     */
    static byte[] event(HttpServerExchange exchange, String urlId, String path, String domain, String accountId,
                        IamCaller iam, String requestId, Instant now, byte[] body) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        String rawQuery = exchange.getQueryString() == null ? "" : exchange.getQueryString();
        event.put("rawQueryString", rawQuery);
        // cookies travel in their own list, not among the headers
        HeaderValues cookieHeaders = exchange.getRequestHeaders().get(Headers.COOKIE);
        if (cookieHeaders != null) {
            ArrayNode cookies = event.putArray("cookies");
            for (String header : cookieHeaders) {
                for (String cookie : header.split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.trim());
                    }
                }
            }
        }
        ObjectNode headers = event.putObject("headers");
        for (HeaderValues values : exchange.getRequestHeaders()) {
            if (values.getHeaderName().equals(Headers.COOKIE)) {
                continue;
            }
            // names lower-cased, repeated headers joined with commas
            headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), String.join(",", values));
        }
        Map<String, List<String>> query = query(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode params = event.putObject("queryStringParameters");
            query.forEach((k, v) -> params.put(k, String.join(",", v)));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", accountId);
        context.put("apiId", urlId);
        if (iam != null) {
            ObjectNode i = context.putObject("authorizer").putObject("iam");
            i.put("accessKey", iam.accessKey());
            i.put("accountId", iam.accountId());
            i.put("callerId", iam.callerId());
            i.putNull("cognitoIdentity");
            i.putNull("principalOrgId");
            i.put("userArn", iam.userArn());
            i.put("userId", iam.userId());
        }
        context.put("domainName", domain);
        context.put("domainPrefix", urlId);
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod().toString());
        http.put("path", path);
        http.put("protocol", exchange.getProtocol().toString());
        http.put("sourceIp", exchange.getSourceAddress() == null ? "127.0.0.1"
                : exchange.getSourceAddress().getAddress().getHostAddress());
        http.put("userAgent", exchange.getRequestHeaders().getFirst(Headers.USER_AGENT));
        context.put("requestId", requestId);
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (body.length > 0) {
            String text = BodyEncoding.utf8(body);
            boolean binary = text == null || !BodyEncoding.textual(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
            event.put("body", binary ? Base64.getEncoder().encodeToString(body) : text);
            event.put("isBase64Encoded", binary);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The query's parameters, decoded, in order; a parameter given twice keeps both values. */
    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.computeIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), k -> new ArrayList<>())
                    .add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The HTTP response of a function's answer. */
    record Answer(int status, Map<String, String> headers, List<String> cookies, byte[] body) {
    }

    /**
     * The answer a function's result maps to: an object with {@code statusCode} is the response it describes;
     * any other JSON value is a 200 with that value as an {@code application/json} body (a string as its text),
     * as Lambda infers it. {@code null} when the payload is no JSON or describes no valid response.
     */
    static Answer answer(byte[] payload) {
        JsonNode node;
        try {
            node = payload.length == 0 ? null : Json.mapper().readTree(payload);
        } catch (IOException e) {
            return null;
        }
        if (node == null || node.isNull()) {
            return new Answer(200, Map.of("content-type", "application/json"), List.of(), new byte[0]);
        }
        if (!node.isObject() || !node.has("statusCode")) {
            byte[] body = node.isTextual() ? node.asText().getBytes(StandardCharsets.UTF_8)
                    : node.toString().getBytes(StandardCharsets.UTF_8);
            return new Answer(200, Map.of("content-type", "application/json"), List.of(), body);
        }
        JsonNode statusNode = node.get("statusCode");
        int status = statusNode.canConvertToInt() ? statusNode.asInt() : statusNode.isTextual() ? statusNode.asInt(0) : 0;
        if (status < 100 || status > 599) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = node.get("headers");
        if (h != null && h.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                headers.put(e.getKey(), e.getValue().asText());
            }
        }
        List<String> cookies = new ArrayList<>();
        JsonNode c = node.get("cookies");
        if (c != null && c.isArray()) {
            c.forEach(cookie -> cookies.add(cookie.asText()));
        }
        JsonNode b = node.get("body");
        byte[] body;
        if (b == null || b.isNull()) {
            body = new byte[0];
        } else if (node.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getDecoder().decode(b.asText());
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else {
            body = (b.isTextual() ? b.asText() : b.toString()).getBytes(StandardCharsets.UTF_8);
        }
        return new Answer(status, headers, cookies, body);
    }

    static void send(HttpServerExchange exchange, Answer answer) {
        exchange.setStatusCode(answer.status());
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().put(HttpString.tryFromString(k), v));
        answer.cookies().forEach(c -> exchange.getResponseHeaders().add(Headers.SET_COOKIE, c));
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, answer.body().length);
        exchange.getResponseSender().send(ByteBuffer.wrap(answer.body()));
    }
}
