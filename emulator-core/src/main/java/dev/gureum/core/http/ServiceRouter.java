package dev.gureum.core.http;

import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.auth.SigV4Parser;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.FormDecoder;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides which service a request is for, by the rules AWS clients leave evidence for, in this order:
 * <ol>
 *   <li>the SigV4 credential scope (Authorization header, or {@code X-Amz-Credential} of a presigned URL);</li>
 *   <li>the {@code X-Amz-Target} prefix of the JSON protocols;</li>
 *   <li>paths only one service uses (Lambda's dated API paths, SQS queue URLs {@code /<account>/<queue>}),
 *       prefixes before whole-path patterns;</li>
 *   <li>the Host header ({@code <bucket>.s3.localhost.localstack.cloud}, {@code sqs.<region>.localhost...});</li>
 *   <li>the {@code Action} (and {@code Version}) field of the query and ec2 protocols;</li>
 *   <li>otherwise the fallback service: S3, which owns every other path (path-style buckets, presigned GETs).</li>
 * </ol>
 * The services contribute the evidence (their {@link dev.gureum.core.ServiceRoutes}); the {@link ServiceTable}
 * holds it as lookup maps built at start-up.
 * It then fills the {@link RequestContext}: service, account (from the access key), region (from the
 * scope, else the host, else the default) and the base URL the client used.
 */
public final class ServiceRouter implements HttpHandler {

    /** The request body, when the router or the front end has already read it whole. */
    public static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    /** How much of a form body the router reads to find an {@code Action}; larger forms are not query calls. */
    private static final int MAX_FORM_PEEK = 1024 * 1024;

    private final ServiceTable services;
    private final AccessKeys accessKeys;
    private final String defaultRegion;
    private final boolean strictSignatures;
    private final HttpHandler next;
    private final long bodyIdleMillis;
    private boolean unsignedAnonymous;

    public ServiceRouter(ServiceTable services, AccessKeys accessKeys, String defaultRegion, boolean strictSignatures,
                         HttpHandler next) {
        this(services, accessKeys, defaultRegion, strictSignatures, next,
                Math.round(HttpLimits.DEFAULT_REQUEST_TIMEOUT_SECONDS * 1000));
    }

    /** @param bodyIdleMillis how long a form body may send nothing before its connection is closed */
    public ServiceRouter(ServiceTable services, AccessKeys accessKeys, String defaultRegion, boolean strictSignatures,
                         HttpHandler next, long bodyIdleMillis) {
        this.services = services;
        this.accessKeys = accessKeys;
        this.defaultRegion = defaultRegion;
        this.strictSignatures = strictSignatures;
        this.next = next;
        this.bodyIdleMillis = bodyIdleMillis;
        this.unsignedAnonymous = strictSignatures;
    }

    /**
     * Makes unsigned requests of services that take them (S3) anonymous, as strict signatures do: under
     * {@code --enforce-iam} no unsigned request acts as an account.
     */
    public ServiceRouter unsignedAnonymous(boolean anonymous) {
        this.unsignedAnonymous = strictSignatures || anonymous;
        return this;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RequestContext ctx = exchange.getAttachment(RequestContext.KEY);
        Map<String, String> query = lenientQuery(exchange.getQueryString());
        SigV4Parser.Result auth = SigV4Parser.parse(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION), query);
        SigV4Credential credential = auth instanceof SigV4Parser.Parsed parsed ? parsed.credential() : null;
        ctx.credential(credential);
        ctx.baseUrl(exchange.getRequestScheme() + "://" + hostHeader(exchange));

        String host = hostName(exchange);
        ServiceDescriptor service = byHeaders(exchange, credential, host);
        if (service == null && isFormPost(exchange)) {
            // rule 5 needs the form: read it without blocking, then route
            BufferedBody.read(exchange, bodyIdleMillis, MAX_FORM_PEEK, (ex, body) -> {
                ex.putAttachment(BODY, body);
                String action = null;
                String version = null;
                try {
                    Map<String, List<String>> form = FormDecoder.decode(new String(body, StandardCharsets.UTF_8));
                    action = first(form, "Action");
                    version = first(form, "Version");
                    if (ctx.credential() == null && byAction(action, version) != null) {
                        // a query-protocol form signed with SigV2 acts as its key, as a SigV2 query string does
                        ctx.credential(SigV4Parser.fromV2Form(first(form, "AWSAccessKeyId"), first(form, "Signature")));
                    }
                } catch (IllegalArgumentException e) {
                    // a form that cannot be decoded names no action; the service's codec reports it
                }
                ServiceDescriptor byAction = byAction(action, version);
                continueWith(ex, ctx, byAction == null ? services.fallback() : byAction, auth, host);
            });
            return;
        }
        if (service == null) {
            service = byAction(query.get("Action"), query.get("Version"));
        }
        continueWith(exchange, ctx, service == null ? services.fallback() : service, auth, host);
    }

    private void continueWith(HttpServerExchange exchange, RequestContext ctx, ServiceDescriptor service,
                              SigV4Parser.Result auth, String host) {
        if (service == null) {
            // no rule claimed it and no service takes what is left (a server without S3)
            EdgeHandler.fail(exchange, unsupported(exchange, null));
            return;
        }
        ctx.service(service);
        SigV4Credential credential = ctx.credential();
        if (credential == null && unsignedAnonymous && service.routes().unsignedIsAnonymous()) {
            // verified signatures or enforced IAM: an unsigned S3 request is anonymous and acts as no account
            ctx.accountId(null);
        } else {
            ctx.accountId(accessKeys.accountOf(credential == null ? null : credential.accessKeyId()));
        }
        String region = credential == null ? null : credential.region();
        if ("aws-global".equals(region)) {
            // the SDKs' pseudo-region of global services (IAM, STS's global endpoint), which AWS signs as us-east-1
            region = "us-east-1";
        }
        if (region == null) {
            region = services.regionFromHost(host);
        }
        ctx.region(region == null ? defaultRegion : region);
        try {
            if (auth instanceof SigV4Parser.Malformed malformed && strictSignatures) {
                throw new AwsException(CommonError.INCOMPLETE_SIGNATURE, malformed.message());
            }
            if (credential != null) {
                refuseInactive(credential.accessKeyId(), service);
                refuseExpired(credential.accessKeyId(), service, ctx);
                accessKeys.used(credential.accessKeyId(), credential.service() != null ? credential.service()
                        : service.name(), ctx.region(), ctx.now());
            }
            next.handleRequest(exchange);
        } catch (Throwable t) {
            EdgeHandler.fail(exchange, t);
        }
    }

    /** An IAM user's key made inactive is refused as AWS refuses it, signatures verified or not. */
    private void refuseInactive(String accessKeyId, ServiceDescriptor service) {
        if (!accessKeys.inactive(accessKeyId)) {
            return;
        }
        if (service.routes().unsignedIsAnonymous()) {
            throw new AwsException(CommonError.INVALID_ACCESS_KEY_ID,
                    "The AWS Access Key Id you provided does not exist in our records.")
                    .detail("AWSAccessKeyId", accessKeyId);
        }
        throw new AwsException(CommonError.INVALID_CLIENT_TOKEN_ID, "The security token included in the request is invalid.");
    }

    /** Temporary credentials past their expiration (on the server clock) are refused as AWS refuses them. */
    private void refuseExpired(String accessKeyId, ServiceDescriptor service, RequestContext ctx) {
        if (!accessKeys.expired(accessKeyId, ctx.now())) {
            return;
        }
        if (service.routes().unsignedIsAnonymous()) {
            throw new AwsException(CommonError.EXPIRED_TOKEN_S3, "The provided token has expired.");
        }
        throw new AwsException(CommonError.EXPIRED_TOKEN, "The security token included in the request is expired");
    }

    /** Rules 1 to 4; {@code null} when none applies. */
    ServiceDescriptor byHeaders(HttpServerExchange exchange, SigV4Credential credential, String host) {
        if (credential != null && credential.service() != null) {
            ServiceDescriptor bySigningName = services.bySigningName(credential.service());
            if (bySigningName != null) {
                return bySigningName;
            }
            throw unsupported(exchange, credential.service());
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            int dot = target.indexOf('.');
            String prefix = dot < 0 ? target : target.substring(0, dot);
            ServiceDescriptor byTarget = services.byTargetPrefix(prefix);
            if (byTarget != null) {
                return byTarget;
            }
            throw unsupported(exchange, prefix);
        }
        ServiceDescriptor byPath = services.byPath(exchange.getRequestPath());
        return byPath != null ? byPath : services.byHost(host);
    }

    private ServiceDescriptor byAction(String action, String version) {
        return services.byAction(action, version);
    }

    /**
     * A 501 in the protocol the client speaks (no service decides it: JSON if it sent JSON, else XML).
     * @param name the service the request names, {@code null} when it names none
     */
    private AwsException unsupported(HttpServerExchange exchange, String name) {
        RequestContext ctx = exchange.getAttachment(RequestContext.KEY);
        if (ctx != null) {
            ctx.protocol(ServiceDispatcher.requestProtocol(exchange, null));
        }
        return new AwsException(CommonError.NOT_IMPLEMENTED, (name == null ? "No service of this server takes the request"
                : "Service '" + name + "' is not supported by Gureum") + " (it serves " + services.names() + ").");
    }

    private static boolean isFormPost(HttpServerExchange exchange) {
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            return false;
        }
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static String hostHeader(HttpServerExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        return host == null || host.isEmpty() ? exchange.getHostAndPort() : host;
    }

    /** The Host header without the port, lower case. */
    static String hostName(HttpServerExchange exchange) {
        String host = hostHeader(exchange).toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static Map<String, String> lenientQuery(String queryString) {
        Map<String, String> result = new HashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return result;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                result.putIfAbsent(FormDecoder.percentDecode(name, true), FormDecoder.percentDecode(value, true));
            } catch (IllegalArgumentException e) {
                // routing ignores what cannot be decoded; the service's codec answers the error
            }
        }
        return result;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
