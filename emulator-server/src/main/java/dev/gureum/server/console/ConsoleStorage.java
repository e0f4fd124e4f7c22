package dev.gureum.server.console;

import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.http.ServiceRouter;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.http.S3Service;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The storage view's actions, done as the bucket's owner account through S3's own domain steps (those of
 * GetObject, PutObject and DeleteObject): the console's route table has already judged who may act, so they
 * work the same with or without verified signatures.
 */
final class ConsoleStorage {

    /** The largest file the page uploads: under verified signatures the body is held whole to be checked. */
    static final long MAX_UPLOAD = ConsoleRoutes.MAX_UPLOAD;

    private final ServiceRegistry services;

    ConsoleStorage(ServiceRegistry services) {
        this.services = services;
    }

    private S3Service s3() throws ConsoleActions.Refused {
        if (services.peek("s3") instanceof S3Service s3) {
            return s3;
        }
        throw new ConsoleActions.Refused(404, "NoSuchBucket", "The specified bucket does not exist");
    }

    /** The object's bytes, with its type and a name to save it under. */
    void download(HttpServerExchange exchange, String bucketName, String key) throws ConsoleActions.Refused, IOException {
        if (bucketName == null || key == null) {
            throw new ConsoleActions.Refused(400, "InvalidParameter", "Give bucket and key");
        }
        S3Service s3 = s3();
        Bucket bucket = s3.buckets().get(bucketName);
        if (bucket == null) {
            throw new ConsoleActions.Refused(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        S3Object object = bucket.current(key);
        InputStream body;
        try {
            body = s3.open(Principal.account(bucket.ownerAccount()), bucketName, key, null);
        } catch (AwsException e) {
            throw new ConsoleActions.Refused(e.status(), e.code(), e.getMessage());
        }
        try (InputStream in = body) {
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, object.contentType());
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, object.size());
            String name = key.substring(key.lastIndexOf('/') + 1);
            exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            // an object is saved, never shown as a page of the console's origin (where the admin token is kept)
            exchange.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString("Content-Security-Policy"),
                    "sandbox; default-src 'none'");
            exchange.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
            if (exchange.getRequestMethod().equals(io.undertow.util.Methods.HEAD)) {
                exchange.endExchange();
                return;
            }
            exchange.startBlocking();
            try (OutputStream out = exchange.getOutputStream()) {
                in.transferTo(out);
            }
        }
    }

    /** The request's body as the object {@code key}, of type {@code contentType}. */
    void upload(HttpServerExchange exchange, String bucketName, String key, String contentType)
            throws ConsoleActions.Refused, IOException {
        if (bucketName == null || key == null) {
            throw new ConsoleActions.Refused(400, "InvalidParameter", "Give bucket and key");
        }
        byte[] signed = exchange.getAttachment(ServiceRouter.BODY);
        InputStream body;
        if (signed != null) {
            body = new ByteArrayInputStream(signed);
        } else {
            exchange.setMaxEntitySize(MAX_UPLOAD);
            exchange.startBlocking();
            body = exchange.getInputStream();
        }
        try {
            s3().ownerObjects().put(bucketName, key, contentType == null ? "binary/octet-stream" : contentType, body,
                    sourceIp(exchange), requestId(exchange));
        } catch (AwsException e) {
            throw new ConsoleActions.Refused(e.status(), e.code(), e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new ConsoleActions.Refused(400, "IncompleteBody", "The file did not arrive whole (at most "
                    + MAX_UPLOAD / (1024 * 1024) + " MiB): " + e.getMessage());
        }
    }

    /** {@code {"bucket": ..., "key": ...}}: deletes the key, as DeleteObject without a version does. */
    void delete(HttpServerExchange exchange, String bucketName, String key) throws ConsoleActions.Refused {
        try {
            s3().ownerObjects().delete(bucketName, key, sourceIp(exchange), requestId(exchange));
        } catch (AwsException e) {
            throw new ConsoleActions.Refused(e.status(), e.code(), e.getMessage());
        }
    }

    private static String sourceIp(HttpServerExchange exchange) {
        InetSocketAddress address = exchange.getSourceAddress();
        return address == null || address.getAddress() == null ? "127.0.0.1" : address.getAddress().getHostAddress();
    }

    private static String requestId(HttpServerExchange exchange) {
        RequestContext ctx = exchange.getAttachment(RequestContext.KEY);
        return ctx == null ? dev.gureum.core.id.Ids.requestId() : ctx.requestId();
    }
}
