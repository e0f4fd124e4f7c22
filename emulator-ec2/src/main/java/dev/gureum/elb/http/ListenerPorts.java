package dev.gureum.elb.http;

import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.Listener;
import dev.gureum.elb.domain.LoadBalancer;
import dev.gureum.elb.tls.ListenerCertificates;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local port of its own for every listener on {@code 127.0.0.1} and a free port, opened when the listener is
 * created (or replayed) and closed when it goes: an Undertow server for HTTP, and for HTTPS with TLS ended by
 * the load balancer's certificate; a stream of bytes to a target for TCP and TLS (TLS ended likewise). UDP
 * listeners have none. All of them share one XNIO worker.
 */
final class ListenerPorts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerPorts.class);

    /** A listener's open port: an HTTP server (HTTP, HTTPS) or a stream server (TCP, TLS). */
    private record Open(AutoCloseable server, int port) {
        void close() {
            try {
                server.close();
            } catch (Exception e) {
                LOG.debug("Closing a listener's port: {}", e.toString());
            }
        }
    }

    private final ElbStore store;
    private final DataPlane dataPlane;
    private final StreamForwarding streams;
    private final ListenerCertificates certificates;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private XnioWorker worker;

    ListenerPorts(ElbStore store, DataPlane dataPlane, StreamForwarding streams, ListenerCertificates certificates) {
        this.store = store;
        this.dataPlane = dataPlane;
        this.streams = streams;
        this.certificates = certificates;
    }

    /**
     * The certificate an HTTPS or TLS listener's load balancer serves. Gureum has no certificate store to resolve
     * the listener's certificate ARN in: it is always the load balancer's own self-signed certificate.
     */
    ListenerCertificates.Served certificate(LoadBalancer lb) {
        String gureumHost = lb.hostLabel() + "." + lb.region() + ElbRuntime.HOST_SUFFIX;
        return certificates.forLoadBalancer(lb.id(), List.of(lb.dnsName(), gureumHost,
                lb.hostLabel() + ElbRuntime.HOST_SUFFIX));
    }

    /** The port a listener is served on locally, or 0. */
    int port(String listenerArn) {
        Open o = open.get(listenerArn);
        return o == null ? 0 : o.port();
    }

    /** Opens the ports of new listeners and closes those of listeners that are gone. */
    synchronized void sync() {
        Set<String> current = new HashSet<>();
        Set<String> loadBalancers = new HashSet<>();
        for (LoadBalancer lb : store.allLoadBalancers()) {
            loadBalancers.add(lb.id());
            for (Listener l : store.listeners(lb.arn())) {
                current.add(l.arn());
                if (!open.containsKey(l.arn())) {
                    openPort(lb, l);
                }
            }
        }
        for (String arn : Set.copyOf(open.keySet())) {
            if (!current.contains(arn)) {
                open.remove(arn).close();
            }
        }
        for (String id : certificates.known()) {
            if (!loadBalancers.contains(id)) {
                certificates.remove(id);
            }
        }
    }

    private void openPort(LoadBalancer lb, Listener listener) {
        if (listener.protocol().equals("UDP")) {
            return;
        }
        try {
            if (worker == null) {
                worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                        .set(Options.WORKER_IO_THREADS, 2).set(Options.WORKER_TASK_CORE_THREADS, 4)
                        .set(Options.WORKER_TASK_MAX_THREADS, 16).set(Options.WORKER_NAME, "elb-listeners").getMap());
            }
            String arn = listener.arn();
            HttpHandler handler = exchange -> {
                Listener l = store.listener(arn);
                LoadBalancer owner = l == null ? null : store.loadBalancer(l.loadBalancerArn());
                if (owner == null) {
                    ElbAnswers.error(exchange, 503);
                    return;
                }
                dataPlane.serve(exchange, owner, l, l.port());
            };
            String protocol = listener.protocol();
            if (protocol.equals("TCP") || protocol.equals("TCP_UDP") || protocol.equals("TLS")) {
                AcceptingChannel<? extends StreamConnection> server = streams.open(worker, arn,
                        protocol.equals("TLS") ? certificate(lb).context() : null);
                server.resumeAccepts();
                open.put(arn, new Open(server, server.getLocalAddress(InetSocketAddress.class).getPort()));
                return;
            }
            Undertow.Builder builder = Undertow.builder().setWorker(worker)
                    .setServerOption(UndertowOptions.DECODE_URL, false)
                    .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, true)
                    .setHandler(handler);
            if (protocol.equals("HTTPS")) {
                builder.addHttpsListener(0, "127.0.0.1", certificate(lb).context());
            } else {
                builder.addHttpListener(0, "127.0.0.1");
            }
            Undertow server = builder.build();
            server.start();
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            open.put(arn, new Open(server::stop, port));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("Cannot open a local port for the listener {}: {}", listener.arn(), e.toString());
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(Open::close);
        open.clear();
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }
}
