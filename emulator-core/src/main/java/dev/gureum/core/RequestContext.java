package dev.gureum.core;

import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.protocol.Protocol;
import io.undertow.util.AttachmentKey;

import java.time.Clock;
import java.time.Instant;

/**
 * Per-request state that travels with the exchange as an attachment: who is calling (account), where
 * (region), which service and operation, and the request id echoed in every answer.
 */
public final class RequestContext {

    public static final AttachmentKey<RequestContext> KEY = AttachmentKey.create(RequestContext.class);

    private final String requestId;
    private final Clock clock;
    private final Instant receivedAt;
    private String accountId;
    private String region;
    private ServiceDescriptor service;
    private Protocol protocol;
    private String operation;
    private SigV4Credential credential;
    private String baseUrl;

    public RequestContext(String requestId, Clock clock) {
        this.requestId = requestId;
        this.clock = clock;
        this.receivedAt = clock.instant();
    }

    public String requestId() {
        return requestId;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String accountId() {
        return accountId;
    }

    /**
     * Whether the request acts as no account: an unsigned S3 request while signatures are verified
     * ({@link #accountId()} is then {@code null}).
     */
    public boolean anonymous() {
        return accountId == null;
    }

    public RequestContext accountId(String accountId) {
        this.accountId = accountId;
        return this;
    }

    public String region() {
        return region;
    }

    public RequestContext region(String region) {
        this.region = region;
        return this;
    }

    public ServiceDescriptor service() {
        return service;
    }

    public RequestContext service(ServiceDescriptor service) {
        this.service = service;
        return this;
    }

    /** The protocol this request was made in (SQS speaks two). */
    public Protocol protocol() {
        return protocol != null ? protocol : service != null ? service.protocol() : null;
    }

    public RequestContext protocol(Protocol protocol) {
        this.protocol = protocol;
        return this;
    }

    public String operation() {
        return operation;
    }

    public RequestContext operation(String operation) {
        this.operation = operation;
        return this;
    }

    /** The SigV4 credential the request was signed with, or {@code null} for an anonymous request. */
    public SigV4Credential credential() {
        return credential;
    }

    public RequestContext credential(SigV4Credential credential) {
        this.credential = credential;
        return this;
    }

    /** Scheme, host and port as the client addressed the server, e.g. {@code http://localhost:4566}. */
    public String baseUrl() {
        return baseUrl;
    }

    public RequestContext baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }
}
