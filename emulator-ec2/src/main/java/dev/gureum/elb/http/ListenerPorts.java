package dev.gureum.elb.http;

import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.Listener;
import dev.gureum.elb.domain.LoadBalancer;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local port of its own for every listener: an Undertow server on {@code 127.0.0.1} and a free port, opened
 * when the listener is created (or replayed) and closed when it goes. All of them share one XNIO worker.
 */
final class ListenerPorts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerPorts.class);

    /** A listener's open port. */
    private record Open(Undertow server, int port) {
    }

    private final ElbStore store;
    private final DataPlane dataPlane;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private XnioWorker worker;

    ListenerPorts(ElbStore store, DataPlane dataPlane) {
        this.store = store;
        this.dataPlane = dataPlane;
    }

    /** The port a listener is served on locally, or 0. */
    int port(String listenerArn) {
        Open o = open.get(listenerArn);
        return o == null ? 0 : o.port();
    }

    /** Opens the ports of new listeners and closes those of listeners that are gone. */
    synchronized void sync() {
        Set<String> current = new HashSet<>();
        for (LoadBalancer lb : store.allLoadBalancers()) {
            for (Listener l : store.listeners(lb.arn())) {
                current.add(l.arn());
                if (!open.containsKey(l.arn())) {
                    openPort(l);
                }
            }
        }
        for (String arn : Set.copyOf(open.keySet())) {
            if (!current.contains(arn)) {
                open.remove(arn).server().stop();
            }
        }
    }

    private void openPort(Listener listener) {
        try {
            if (worker == null) {
                worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                        .set(Options.WORKER_IO_THREADS, 2).set(Options.WORKER_TASK_CORE_THREADS, 4)
                        .set(Options.WORKER_TASK_MAX_THREADS, 16).set(Options.WORKER_NAME, "elb-listeners").getMap());
            }
            String arn = listener.arn();
            HttpHandler handler = exchange -> {
                Listener l = store.listener(arn);
                LoadBalancer lb = l == null ? null : store.loadBalancer(l.loadBalancerArn());
                if (lb == null) {
                    ElbAnswers.error(exchange, 503);
                    return;
                }
                dataPlane.serve(exchange, lb, l, l.port());
            };
            Undertow server = Undertow.builder().setWorker(worker).addHttpListener(0, "127.0.0.1")
                    .setServerOption(UndertowOptions.DECODE_URL, false)
                    .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, true)
                    .setHandler(handler).build();
            server.start();
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            open.put(arn, new Open(server, port));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("Cannot open a local port for the listener {}: {}", listener.arn(), e.toString());
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(o -> o.server().stop());
        open.clear();
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }
}
