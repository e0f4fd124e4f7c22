package dev.gureum.core.http;

import dev.gureum.core.EmulatorConfig;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.auth.SigV4Parser;
import dev.gureum.core.auth.SignatureVerifier;
import dev.gureum.core.error.AwsException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Who may use Gureum's own endpoints. Web pages must not: a page in the user's browser can send simple
 * requests to localhost, and one that rebinds its DNS name to 127.0.0.1 can read the answers. So every
 * request must name an allowed host; a request carrying an {@code Origin} must come from Gureum's own
 * origin; a state-changing request must be {@code application/json} (which a page cannot send across
 * origins without a CORS preflight, and Gureum grants none); and with strict signatures it must also
 * carry a configured key's SigV4 signature or the admin token.
 */
final class InternalAccess {

    /** Why a request is refused: the HTTP status and a sentence for the user. */
    record Refusal(int status, String error, String message) {
    }

    /** How far a signed admin request's {@code X-Amz-Date} may be from now, as AWS allows. */
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private final AllowedHosts hosts;
    private final EmulatorConfig config;
    private final SignatureVerifier verifier;
    private final byte[] adminTokenHash;

    /**
     * @param bindHost the address Gureum listens on
     * @param verifier {@code null} unless signatures are checked
     */
    InternalAccess(EmulatorConfig config, String bindHost, SignatureVerifier verifier) {
        this.config = config;
        this.hosts = new AllowedHosts(bindHost, config.allowedHosts());
        this.verifier = verifier;
        this.adminTokenHash = config.adminToken() == null || config.adminToken().isEmpty() ? null
                : sha256(config.adminToken());
    }

    /** GET and HEAD only read; anything else changes state. */
    static boolean changesState(HttpServerExchange exchange) {
        return !Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod());
    }

    /** Host and Origin: may this request reach Gureum's endpoints at all? May look up this machine's names. */
    Refusal checkOrigin(HttpServerExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (!hosts.allows(host)) {
            return new Refusal(403, "Forbidden", "Host " + (host == null ? "(none)" : "'" + host + "'")
                    + " is not a name this Gureum serves; add it with --allowed-hosts");
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && !sameOrigin(origin, host)) {
            return new Refusal(403, "Forbidden", "Requests from origin '" + origin + "' are not allowed");
        }
        return null;
    }

    /** The media types a web page may send to any origin without a CORS preflight. */
    static final java.util.Set<String> CORS_SAFELISTED = java.util.Set.of("text/plain", "multipart/form-data",
            "application/x-www-form-urlencoded");

    /**
     * A state-changing request must be of the route's media type (JSON, or one of its own that is not
     * CORS-safelisted), so that no page can send it without a CORS preflight.
     */
    static Refusal checkContentType(HttpServerExchange exchange, String expected) {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(expected)) {
            return new Refusal(415, "Unsupported Media Type", exchange.getRequestMethod() + " "
                    + exchange.getRequestPath() + " takes Content-Type: " + expected);
        }
        return null;
    }

    /** Whether state-changing requests must prove they come from an administrator. */
    boolean requiresAdmin() {
        return config.verifySignatures();
    }

    /** Whether the request is signed with SigV4, so that its body must be read before it is checked. */
    static boolean signed(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        return authorization != null && authorization.trim().startsWith(SigV4Parser.ALGORITHM + " ");
    }

    /**
     * Under strict signatures: the admin token as {@code Authorization: Bearer <token>}, or a SigV4
     * signature by one of the configured keys (any region and service name in its scope).
     *
     * @param body the request body when the request is signed, else {@code null}
     */
    Refusal checkAdmin(HttpServerExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"gureum\"");
            return new Refusal(401, "Unauthorized", "With --verify-signatures, " + exchange.getRequestPath()
                    + " needs a request signed with a configured key, or Authorization: Bearer <admin token>");
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).trim();
            if (adminTokenHash != null && MessageDigest.isEqual(adminTokenHash, sha256(token))) {
                return null;
            }
            return new Refusal(403, "Forbidden", "The admin token is not valid");
        }
        if (!signed(exchange)) {
            return new Refusal(403, "Forbidden", "Only SigV4 signatures and the admin token are accepted here");
        }
        if (!(SigV4Parser.parse(value, null) instanceof SigV4Parser.Parsed parsed)) {
            return new Refusal(403, "Forbidden", "The Authorization header is not a valid SigV4 signature");
        }
        SigV4Credential credential = parsed.credential();
        if (!config.credentials().containsKey(credential.accessKeyId())) {
            return new Refusal(403, "Forbidden", "Access key '" + credential.accessKeyId()
                    + "' is not one of the configured credentials (--credentials)");
        }
        if (!credential.signedHeaders().contains("host")) {
            return new Refusal(403, "Forbidden", "The signature must cover the host header");
        }
        String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
        if (!fresh(amzDate)) {
            return new Refusal(403, "Forbidden", "X-Amz-Date is missing or more than 15 minutes from the server's time");
        }
        String declaredHash = exchange.getRequestHeaders().getFirst("X-Amz-Content-Sha256");
        if (declaredHash != null && !declaredHash.trim().equalsIgnoreCase(
                SignatureVerifier.sha256Hex(body == null ? new byte[0] : body))) {
            // the signature covers the declared hash, which must then be the body's
            return new Refusal(403, "Forbidden", "X-Amz-Content-Sha256 is not the hash of the body");
        }
        RequestContext ctx = exchange.getAttachment(RequestContext.KEY);
        ctx.credential(credential);
        try {
            verifier.verify(exchange, ctx, body);
        } catch (AwsException e) {
            return new Refusal(403, e.code(), e.getMessage());
        }
        return null;
    }

    private static boolean fresh(String amzDate) {
        if (amzDate == null) {
            return false;
        }
        try {
            Instant signedAt = LocalDateTime.parse(amzDate.trim(), AMZ_DATE).toInstant(ZoneOffset.UTC);
            // real time, not the server clock: clients sign with real time, and a clock moved far ahead must
            // not lock the administrator out of moving it back
            return Duration.between(signedAt, Instant.now()).abs().compareTo(MAX_SKEW) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Gureum's own origin: {@code http://} and the very host and port the request was sent to. */
    static boolean sameOrigin(String origin, String hostHeader) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawPath() != null
                && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            return false;
        }
        String requestHost = AllowedHosts.hostOnly(hostHeader.trim());
        int requestPort = AllowedHosts.portOf(hostHeader.trim(), 80);
        int originPort = uri.getPort() < 0 ? 80 : uri.getPort();
        return requestHost != null && requestHost.equals(uri.getHost().toLowerCase(Locale.ROOT))
                && requestPort == originPort;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
