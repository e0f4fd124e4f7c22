package dev.gureum.elb.http;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.UndertowClient;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.AttachmentKey;
import org.xnio.OptionMap;
import org.xnio.XnioIoThread;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends an exchange to the address of the target chosen for it, through Undertow's non-blocking proxy (bodies
 * stream both ways; no thread waits). A target that refuses the connection is a 502, one that does not accept
 * it within ten seconds or does not answer within the load balancer's idle timeout a 504, as on AWS.
 * Connections to targets are kept open between requests, as AWS keeps them.
 */
final class TargetProxy implements ProxyClient {

    /** Where the exchange goes. */
    static final AttachmentKey<InetSocketAddress> ADDRESS = AttachmentKey.create(InetSocketAddress.class);
    /** The status the load balancer answered itself, if it did. */
    static final AttachmentKey<Integer> ELB_STATUS = AttachmentKey.create(Integer.class);

    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final ProxyTarget TARGET = new ProxyTarget() {
    };

    private final ProxyHandler handler;
    private final TargetConnections connections = new TargetConnections();

    TargetProxy() {
        this.handler = ProxyHandler.builder().setProxyClient(this).setRewriteHostHeader(false).setReuseXForwarded(true)
                .setMaxConnectionRetries(0).setNext(exchange -> ElbAnswers.error(exchange, 502)).build();
    }

    /** @param idleTimeoutSeconds how long the target may take to answer before the load balancer answers 504 */
    void forward(HttpServerExchange exchange, InetSocketAddress address, int idleTimeoutSeconds) throws Exception {
        exchange.putAttachment(ADDRESS, address);
        org.xnio.XnioExecutor.Key idle = exchange.getIoThread().executeAfter(() -> {
            if (!exchange.isResponseStarted() && !exchange.isComplete()) {
                answer(exchange, 504);
            }
        }, idleTimeoutSeconds * 1000L, TimeUnit.MILLISECONDS);
        exchange.addExchangeCompleteListener((ex, next) -> {
            idle.remove();
            next.proceed();
        });
        handler.handleRequest(exchange);
    }

    @Override
    public ProxyTarget findTarget(HttpServerExchange exchange) {
        return TARGET;
    }

    @Override
    public void getConnection(ProxyTarget target, HttpServerExchange exchange, ProxyCallback<ProxyConnection> callback,
                              long timeout, TimeUnit timeUnit) {
        InetSocketAddress address = exchange.getAttachment(ADDRESS);
        XnioIoThread thread = exchange.getIoThread();
        ClientConnection idle = connections.take(thread, address);
        if (idle != null) {
            use(exchange, thread, address, idle, callback);
            return;
        }
        AtomicBoolean settled = new AtomicBoolean();
        org.xnio.XnioExecutor.Key timer = thread.executeAfter(() -> {
            if (settled.compareAndSet(false, true) && !exchange.isComplete()) {
                answer(exchange, 504);
            }
        }, CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        URI uri = URI.create("http://" + hostLiteral(address) + ":" + address.getPort());
        UndertowClient.getInstance().connect(new ClientCallback<>() {
            @Override
            public void completed(ClientConnection connection) {
                timer.remove();
                if (!settled.compareAndSet(false, true) || exchange.isComplete()) {
                    connections.give(thread, address, connection);
                    return;
                }
                use(exchange, thread, address, connection, callback);
            }

            @Override
            public void failed(IOException e) {
                timer.remove();
                if (settled.compareAndSet(false, true) && !exchange.isComplete()) {
                    answer(exchange, 502);
                }
            }
        }, uri, thread, exchange.getConnection().getByteBufferPool(), OptionMap.EMPTY);
    }

    /** Sends the exchange over {@code connection}, which goes back to the idle ones if the target answered in full. */
    private void use(HttpServerExchange exchange, XnioIoThread thread, InetSocketAddress address,
                     ClientConnection connection, ProxyCallback<ProxyConnection> callback) {
        exchange.addExchangeCompleteListener((ex, next) -> {
            if (ex.getAttachment(ELB_STATUS) == null && ex.isResponseComplete()) {
                connections.give(thread, address, connection);
            } else {
                org.xnio.IoUtils.safeClose(connection);
            }
            next.proceed();
        });
        callback.completed(exchange, new ProxyConnection(connection, "/"));
    }

    private static void answer(HttpServerExchange exchange, int status) {
        exchange.putAttachment(ELB_STATUS, status);
        ElbAnswers.error(exchange, status);
    }

    private static String hostLiteral(InetSocketAddress address) {
        String host = address.getHostString();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
