package dev.gureum.s3.http;

import dev.gureum.s3.domain.CorsRule;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.s3.protocol.S3Error;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An S3 request after addressing: which bucket and key, its query parameters and headers. */
public final class S3Request {

    private final HttpServerExchange exchange;
    private final RequestContext context;
    private final String bucket;
    private final String key;
    private final Map<String, List<String>> query;
    private S3Operation operation;
    /** Whether the request is S3 Control's ({@link S3ControlTags}), its bucket the one its ARN names. */
    private boolean control;
    private List<CorsRule> corsRules = List.of();
    private byte[] body;
    private boolean bodyTooLarge;
    private java.util.concurrent.CompletionStage<Void> durable;

    S3Request(HttpServerExchange exchange, RequestContext context, String bucket, String key,
              Map<String, List<String>> query) {
        this.exchange = exchange;
        this.context = context;
        this.bucket = bucket;
        this.key = key;
        this.query = query;
    }

    /** The operation the request makes ({@link S3Routes}). */
    S3Operation operation() {
        return operation;
    }

    void operation(S3Operation operation) {
        this.operation = operation;
    }

    /** The bucket's CORS rules, when the request came from a browser (has an Origin) and there are any. */
    List<CorsRule> corsRules() {
        return corsRules;
    }

    void corsRules(List<CorsRule> rules) {
        this.corsRules = rules;
    }

    public HttpServerExchange exchange() {
        return exchange;
    }

    public RequestContext context() {
        return context;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public boolean has(String queryParam) {
        return query.containsKey(queryParam);
    }

    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Map<String, List<String>> query() {
        return query;
    }

    boolean control() {
        return control;
    }

    S3Request control(boolean control) {
        this.control = control;
        return this;
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Request headers, lower-case names, values of repeated headers joined by commas. */
    public Map<String, String> headers() {
        Map<String, String> result = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            result.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), String.join(",", values));
        }
        return result;
    }

    public String method() {
        return exchange.getRequestMethod().toString();
    }

    /** The answer waits for {@code stage}: the record of the change the request made (the last, when it made several). */
    void durableAfter(java.util.concurrent.CompletionStage<Void> stage) {
        this.durable = stage;
    }

    /** What the answer waits for, or {@code null}. */
    java.util.concurrent.CompletionStage<Void> durable() {
        return durable;
    }

    /** Keeps the small body read before the operation ran ({@link S3Bodies#readSmall}). */
    void body(byte[] body, boolean tooLarge) {
        this.body = body;
        this.bodyTooLarge = tooLarge;
    }

    /** A small body read whole (configuration XML, DeleteObjects, CompleteMultipartUpload). */
    public byte[] smallBody() {
        if (bodyTooLarge) {
            throw new AwsException(S3Error.MALFORMED_XML, "The XML you provided was too large.");
        }
        return body == null ? new byte[0] : body;
    }

    /** The body parsed as XML; an empty or broken document is {@code MalformedXML}. */
    public XmlDecoder.Document xmlBody() {
        return XmlDecoder.parse(smallBody(), S3Error.MALFORMED_XML, MALFORMED_XML);
    }

    private static final String MALFORMED_XML =
            "The XML you provided was not well-formed or did not validate against our published schema";

    /**
     * The body parsed as the XML document whose root element S3's schema names ({@code Tagging},
     * {@code Delete}...): any other root does not validate, and is {@code MalformedXML} as on S3.
     */
    public Params xmlParams(String root) {
        return xmlDocument(smallBody(), root);
    }

    /** As {@link #xmlParams(String)}, for a body read elsewhere (a form field, an optional body). */
    public static Params xmlDocument(byte[] body, String root) {
        XmlDecoder.Document document = XmlDecoder.parse(body, S3Error.MALFORMED_XML, MALFORMED_XML);
        if (!document.rootName().equals(root)) {
            throw new AwsException(S3Error.MALFORMED_XML, MALFORMED_XML);
        }
        return document.root();
    }
}
