package dev.gureum.elb.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.http.Responses;
import dev.gureum.core.json.Json;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.core.spi.InstanceWorkloads;
import dev.gureum.core.spi.MetricSink;
import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.Listener;
import dev.gureum.elb.domain.LoadBalancer;
import dev.gureum.elb.domain.TargetHealth;
import dev.gureum.elb.protocol.ElbService;
import dev.gureum.elb.tls.ListenerCertificates;
import io.undertow.server.HttpServerExchange;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The data plane of every load balancer: answers requests by host name through Gureum's port and on each
 * listener's own port, checks targets' health, publishes metrics, and shows its routes at {@code /_gureum/elb}.
 */
public final class ElbRuntime implements ElbService.Topology, AutoCloseable {

    /** Host names of load balancers: {@code <name>-<id>[.<region>].elb.localhost.localstack.cloud}. */
    public static final String HOST_SUFFIX = ".elb.localhost.localstack.cloud";

    private final ElbStore store;
    private final Clock clock;
    private final DataPlane dataPlane;
    private final HealthChecks healthChecks;
    private final ListenerPorts ports;

    /** @param certificates where load balancers' self-signed certificates are kept, or {@code null} */
    public ElbRuntime(ElbStore store, TargetHealth health, Clock clock, Supplier<Optional<FunctionInvoker>> functions,
                      Supplier<Optional<InstanceWorkloads>> workloads, Supplier<Optional<MetricSink>> sink,
                      Path certificates) {
        this.store = store;
        this.clock = clock;
        ElbMetrics metrics = new ElbMetrics(() -> sink.get().orElse(null), clock);
        TargetSelection selection = new TargetSelection(store, health);
        this.dataPlane = new DataPlane(store, selection, functions, workloads, metrics, clock);
        this.healthChecks = new HealthChecks(store, health, functions, workloads);
        this.ports = new ListenerPorts(store, dataPlane, new StreamForwarding(store, selection, workloads),
                new ListenerCertificates(certificates, clock));
        metrics.sampleHealth(store, health);
    }

    /** Runs the health checks due at {@code now}. */
    public void tick(Instant now) {
        healthChecks.tick(now);
    }

    @Override
    public void changed() {
        if (store.allLoadBalancers().isEmpty()) {
            healthChecks.forgetSchedules();
        }
        ports.sync();
    }

    /** Answers a request whose host name is a load balancer's (on the IO thread). */
    public void serveByHost(HttpServerExchange exchange, String host) throws Exception {
        String label = host.substring(0, host.indexOf('.'));
        LoadBalancer lb = store.byHostLabel(label);
        if (lb == null) {
            ElbAnswers.error(exchange, 404);
            return;
        }
        int port = exchange.getHostPort();
        Listener listener = dataPlane.listenerFor(lb, port);
        if (listener == null) {
            ElbAnswers.error(exchange, 503);
            return;
        }
        dataPlane.serve(exchange, lb, listener, port);
    }

    /** {@code GET /_gureum/elb}: every load balancer with the URLs that reach it. */
    public void describe(HttpServerExchange exchange) {
        int gureumPort = exchange.getHostPort();
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("loadBalancers");
        for (LoadBalancer lb : store.allLoadBalancers()) {
            ObjectNode node = list.addObject();
            node.put("name", lb.name());
            node.put("arn", lb.arn());
            node.put("account", lb.account());
            node.put("region", lb.region());
            node.put("type", lb.type());
            node.put("scheme", lb.scheme());
            node.put("state", lb.state(clock.instant()));
            node.put("dnsName", lb.dnsName());
            String host = lb.hostLabel() + "." + lb.region() + HOST_SUFFIX;
            node.put("host", host);
            node.put("url", "http://" + host + ":" + gureumPort + "/");
            ArrayNode listeners = node.putArray("listeners");
            for (Listener l : store.listeners(lb.arn())) {
                ObjectNode ln = listeners.addObject();
                ln.put("arn", l.arn());
                ln.put("protocol", l.protocol());
                ln.put("port", l.port());
                int local = ports.port(l.arn());
                if (local > 0) {
                    ln.put("localPort", local);
                    switch (l.protocol()) {
                        case "HTTP" -> ln.put("localUrl", "http://127.0.0.1:" + local + "/");
                        case "HTTPS" -> ln.put("localUrl", "https://127.0.0.1:" + local + "/");
                        default -> { }
                    }
                }
                if (l.protocol().equals("HTTPS") || l.protocol().equals("TLS")) {
                    ln.put("certificate", ports.certificate(lb).pem());
                }
            }
        }
        Responses.json(exchange, 200, body.toString());
    }

    @Override
    public void close() {
        ports.close();
    }
}
